import { describe, expect, it } from '@jest/globals'
import { build, buildBinary } from 'plist'
import type { PlistValue } from 'plist'
import { PackageError } from '../src/package/index.js'
import {
  contentsFromInfoPlist,
  parseInfoPlist,
  platformFromInfoPlist,
  selectMainInfoPlist,
} from '../src/package/ipa.js'
import { parseDistribution } from '../src/package/pkg.js'
import { XmlError, descendantsNamed, parseXml } from '../src/package/xml.js'
import { distributionXml } from '../scripts/make-package.js'

describe('selectMainInfoPlist', () => {
  it('takes the main app plist and never a nested one', () => {
    expect(
      selectMainInfoPlist([
        'Payload/App.app/Base.lproj/Main.storyboardc/Info.plist',
        'Payload/App.app/Watch/W.app/Info.plist',
        'Payload/App.app/PlugIns/E.appex/Info.plist',
        'Payload/App.app/Frameworks/F.framework/Info.plist',
        'Payload/App.app/Info.plist',
      ]),
    ).toBe('Payload/App.app/Info.plist')
  })

  it('accepts one leading folder, not two, and ignores __MACOSX and AppleDouble entries', () => {
    expect(selectMainInfoPlist(['Export/Payload/App.app/Info.plist'])).toBe(
      'Export/Payload/App.app/Info.plist',
    )
    expect(selectMainInfoPlist(['a/b/Payload/App.app/Info.plist'])).toBeUndefined()
    expect(selectMainInfoPlist(['__MACOSX/Payload/App.app/Info.plist'])).toBeUndefined()
    expect(selectMainInfoPlist(['__MACOSX/Payload/App.app/._Info.plist'])).toBeUndefined()
    expect(selectMainInfoPlist(['Payload/._App.app/Info.plist'])).toBeUndefined()
    expect(selectMainInfoPlist(['Payload/.app/Info.plist', 'Payload/Info.plist', 'Payload/'])).toBeUndefined()
  })

  it('prefers the shortest path, then the first in sort order', () => {
    expect(selectMainInfoPlist(['Long/Payload/App.app/Info.plist', 'Payload/Other.app/Info.plist'])).toBe(
      'Payload/Other.app/Info.plist',
    )
    expect(selectMainInfoPlist(['Payload/B.app/Info.plist', 'Payload/A.app/Info.plist'])).toBe(
      'Payload/A.app/Info.plist',
    )
  })
})

describe('platformFromInfoPlist', () => {
  it.each([
    [{ UIDeviceFamily: [1, 2], DTPlatformName: 'iphoneos' }, 'ios'],
    [{}, 'ios'],
    [{ UIDeviceFamily: 3 }, 'tvos'],
    [{ UIDeviceFamily: ['3'] }, 'tvos'],
    [{ DTPlatformName: 'appletvos' }, 'tvos'],
    [{ CFBundleSupportedPlatforms: ['AppleTVOS'] }, 'tvos'],
    [{ UIDeviceFamily: [7] }, 'visionos'],
    [{ DTPlatformName: 'xros' }, 'visionos'],
    [{ CFBundleSupportedPlatforms: ['XRSimulator'] }, 'visionos'],
    [{ LSMinimumSystemVersion: '13.0' }, 'macos'],
    [{ LSMinimumSystemVersion: '13.0', MinimumOSVersion: '17.0' }, 'ios'],
    [{ CFBundleSupportedPlatforms: ['MacOSX'], MinimumOSVersion: '14.0' }, 'ios'],
  ] as const)('%j → %s', (info, platform) => {
    expect(platformFromInfoPlist(structuredClone(info) as Parameters<typeof platformFromInfoPlist>[0])).toBe(
      platform,
    )
  })
})

describe('parseInfoPlist / contentsFromInfoPlist', () => {
  const keys = { CFBundleIdentifier: 'a.b', CFBundleShortVersionString: '1.0', CFBundleVersion: '7' }

  it('parses UTF-8 (with BOM) and UTF-16 XML plists', () => {
    const xml = build(keys)
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')])
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')])
    const be = Buffer.from(le)
    be.swap16()
    for (const bytes of [bom8, le, be]) {
      expect(
        contentsFromInfoPlist('x.ipa', 'Info.plist', parseInfoPlist('x.ipa', 'Info.plist', bytes)),
      ).toEqual({
        bundleId: 'a.b',
        version: '1.0',
        buildNumber: '7',
        platform: 'ios',
      })
    }
  })

  it('reads ITSAppUsesNonExemptEncryption written as a string', () => {
    const contents = contentsFromInfoPlist('x.ipa', 'Info.plist', {
      ...keys,
      ITSAppUsesNonExemptEncryption: 'NO',
    })
    expect(contents.usesNonExemptEncryption).toBe(false)
  })

  it('does not let a __proto__ key supply missing keys', () => {
    const evil = JSON.parse(
      '{"__proto__": {"CFBundleIdentifier": "evil"}, "CFBundleShortVersionString": "1", "CFBundleVersion": "1"}',
    ) as Record<string, PlistValue>
    const binary = parseInfoPlist('x.ipa', 'Info.plist', buildBinary(evil))
    expect(() => contentsFromInfoPlist('x.ipa', 'Info.plist', binary)).toThrow(/has no CFBundleIdentifier/)
    // plist's XML parser refuses the key outright.
    expect(() => parseInfoPlist('x.ipa', 'Info.plist', Buffer.from(build(evil)))).toThrow(PackageError)
  })

  it.each([
    ['a top-level array', Buffer.from(build(['a']))],
    ['truncated binary', Buffer.from('bplist00\x00\x01')],
    ['malformed XML', Buffer.from('<plist><dict><key>a</key>')],
    ['empty', Buffer.alloc(0)],
    ['a self-referencing binary plist', cyclicBinaryPlist()],
  ])('turns %s into a PackageError', (_what, bytes) => {
    expect(() => parseInfoPlist('x.ipa', 'Payload/X.app/Info.plist', bytes)).toThrow(PackageError)
  })
})

/** bplist00 with one array whose only element is itself: a naive parser recurses forever. */
function cyclicBinaryPlist(): Buffer {
  const body = Buffer.from([0xa1, 0x00]) // array of 1, ref → object 0
  const offsets = Buffer.from([8]) // object 0 at offset 8
  const trailer = Buffer.alloc(32)
  trailer[6] = 1 // offset int size
  trailer[7] = 1 // object ref size
  trailer.writeBigUInt64BE(1n, 8) // number of objects
  trailer.writeBigUInt64BE(0n, 16) // top object
  trailer.writeBigUInt64BE(10n, 24) // offset table offset
  return Buffer.concat([Buffer.from('bplist00'), body, offsets, trailer])
}

describe('parseXml', () => {
  it('reads elements, attributes (either quote, with > inside), text, entities, CDATA; skips the rest', () => {
    const root = parseXml(
      `<?xml version="1.0"?>\n<!DOCTYPE x [ <!ENTITY e "boom"> ]>\n<!-- <fake/> -->\n` +
        `<root a="1 &amp; 2" b='x>y' c="&#x41;&#66;&e;"><child>t &lt;3</child><![CDATA[<raw>]]><empty/></root>`,
    )
    expect(root.name).toBe('root')
    expect(root.attributes).toEqual({ a: '1 & 2', b: 'x>y', c: 'AB&e;' })
    expect(root.children.map((c) => c.name)).toEqual(['child', 'empty'])
    expect(root.children[0]?.text).toBe('t <3')
    expect(root.text).toBe('<raw>')
  })

  it.each(['<a><b></a>', '<a>', '', '<a/><b/>', 'text<a/>', '<a b="1></a>', '<!-- open'])(
    'rejects %j',
    (xml) => {
      expect(() => parseXml(xml)).toThrow(XmlError)
    },
  )

  it('finds descendants in document order without recursion limits', () => {
    const deep = '<a>'.repeat(50_000) + '<b id="1"/>' + '</a>'.repeat(50_000)
    expect(
      descendantsNamed(parseXml(`<r>${deep}<b id="2"/></r>`), 'b').map((b) => b.attributes['id']),
    ).toEqual(['1', '2'])
  })
})

describe('parseDistribution', () => {
  it('prefers the bundle whose id is the product id', () => {
    const xml = distributionXml({ bundleId: 'com.x.app', version: '4.0', buildNumber: '400' })
    expect(parseDistribution('x.pkg', xml)).toEqual({
      bundleId: 'com.x.app',
      version: '4.0',
      buildNumber: '400',
      platform: 'macos',
    })
  })

  it('falls back to a top-level .app bundle, then to <product>', () => {
    const bundles =
      '<bundle id="h" CFBundleShortVersionString="9" CFBundleVersion="9" path="A.app/Contents/Helper.app"/>' +
      '<bundle id="main" CFBundleShortVersionString="2.0" CFBundleVersion="20" path="A.app"/>'
    const xml = `<installer-gui-script><pkg-ref id="p"><bundle-version>${bundles}</bundle-version></pkg-ref></installer-gui-script>`
    expect(parseDistribution('x.pkg', xml)).toMatchObject({
      bundleId: 'main',
      version: '2.0',
      buildNumber: '20',
    })
    const productOnly = '<installer-gui-script><product id="com.p" version="5.1"/></installer-gui-script>'
    expect(parseDistribution('x.pkg', productOnly)).toMatchObject({
      bundleId: 'com.p',
      version: '5.1',
      buildNumber: '5.1',
    })
  })

  it.each([
    ['<installer-gui-script/>', /has no bundle identifier/],
    ['<installer-gui-script><product id="p"/></installer-gui-script>', /has no version/],
    ['<pkg-info/>', /root <pkg-info>/],
    ['<installer-gui-script>', /not valid XML/],
  ])('refuses %s', (xml, message) => {
    expect(() => parseDistribution('x.pkg', xml)).toThrow(message)
  })
})
