import { describe, expect, it } from '@jest/globals'
import { build, buildBinary } from 'plist'
import type { PlistValue } from 'plist'
import { PackageError } from '../src/package/index.js'
import {
  contentsFromInfoPlist,
  parseInfoPlist,
  platformFromInfoPlist,
  selectMainApp,
} from '../src/package/info-plist.js'
import { PLIST_LIMITS, PlistError, parsePlist } from '../src/package/plist.js'
import { parseDistribution } from '../src/package/pkg.js'
import {
  XmlError,
  attribute,
  childElements,
  descendantsNamed,
  ownText,
  parseXml,
} from '../src/package/xml.js'
import { distributionXml } from '../scripts/make-package.js'

describe('selectMainApp', () => {
  const main = (app: string) => ({ app, infoPlist: `${app}Info.plist` })

  it('takes the one app and its Info.plist, never a nested bundle', () => {
    expect(
      selectMainApp([
        'Payload/App.app/Base.lproj/Main.storyboardc/Info.plist',
        'Payload/App.app/Watch/W.app/Info.plist',
        'Payload/App.app/PlugIns/E.appex/Info.plist',
        'Payload/App.app/Frameworks/F.framework/Info.plist',
        'Payload/App.app/Info.plist',
      ]),
    ).toEqual(main('Payload/App.app/'))
  })

  it('accepts one leading folder, not two, and ignores __MACOSX and AppleDouble entries', () => {
    expect(selectMainApp(['Export/Payload/App.app/Info.plist', '__MACOSX/Payload/A.app/Info.plist'])).toEqual(
      main('Export/Payload/App.app/'),
    )
    const none = [
      ['a/b/Payload/App.app/Info.plist'],
      ['__MACOSX/Payload/App.app/Info.plist', '__MACOSX/Payload/App.app/._Info.plist'],
      ['Payload/._App.app/Info.plist'],
      ['Payload/.app/Info.plist', 'Payload/Info.plist', 'Payload/'],
    ]
    for (const names of none)
      expect(selectMainApp(names)).toEqual({ problem: expect.stringContaining('has no Payload/<Name>.app/') })
  })

  it('refuses two apps, naming both, instead of picking the shorter path', () => {
    const two = selectMainApp(['Payload/Other.app/Info.plist', 'Long/Payload/App.app/Info.plist'])
    expect(two).toEqual({
      problem: expect.stringContaining('holds 2 apps (Long/Payload/App.app/, Payload/Other.app/)'),
    })
    expect(selectMainApp(['Payload/B.app/Info.plist', 'Payload/A.app/x'])).toEqual({
      problem: expect.stringContaining('holds 2 apps (Payload/A.app/, Payload/B.app/)'),
    })
  })

  it('says when the app has no Info.plist', () => {
    expect(selectMainApp(['Payload/App.app/App', 'Payload/App.app/Base.lproj/x/Info.plist'])).toEqual({
      problem: expect.stringContaining('has no Payload/App.app/Info.plist'),
    })
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

  it('parses UTF-8 (with BOM) and UTF-16 XML plists', async () => {
    const xml = build(keys)
    const bom8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')])
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')])
    const be = Buffer.from(le)
    be.swap16()
    for (const bytes of [bom8, le, be]) {
      expect(
        contentsFromInfoPlist('x.ipa', 'Info.plist', await parseInfoPlist('x.ipa', 'Info.plist', bytes)),
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

  it('does not let a __proto__ key supply missing keys', async () => {
    const evil = JSON.parse(
      '{"__proto__": {"CFBundleIdentifier": "evil"}, "CFBundleShortVersionString": "1", "CFBundleVersion": "1"}',
    ) as Record<string, PlistValue>
    for (const bytes of [buildBinary(evil), Buffer.from(build(evil))]) {
      const info = await parseInfoPlist('x.ipa', 'Info.plist', bytes)
      expect(() => contentsFromInfoPlist('x.ipa', 'Info.plist', info)).toThrow(/has no CFBundleIdentifier/)
      expect(({} as Record<string, unknown>)['CFBundleIdentifier']).toBeUndefined()
    }
  })

  it.each([
    ['a top-level array', Buffer.from(build(['a']))],
    ['truncated binary', Buffer.from('bplist00\x00\x01')],
    ['malformed XML', Buffer.from('<plist><dict><key>a</key>')],
    ['empty', Buffer.alloc(0)],
    ['a self-referencing binary plist', cyclicBinaryPlist()],
    ['an old-style (OpenStep) plist', Buffer.from('{ CFBundleIdentifier = "a.b"; }')],
  ])('turns %s into a PackageError', async (_what, bytes) => {
    await expect(parseInfoPlist('x.ipa', 'Payload/X.app/Info.plist', bytes)).rejects.toThrow(PackageError)
  })
})

/** bplist00 with one array whose only element is itself: a naive parser recurses forever. */
function cyclicBinaryPlist(): Buffer {
  return binaryPlist([Buffer.from([0xa1, 0x00])]) // array of 1, ref → object 0
}

/**
 * `levels` arrays, each holding the next one `width` times, and a string at the bottom: a few hundred bytes that
 * a parser without a budget expands to width^levels values.
 */
function expandingBinaryPlist(levels: number, width: number): Buffer {
  const objects: Buffer[] = []
  for (let i = 0; i < levels; i++) {
    objects.push(Buffer.concat([Buffer.from([0xaf, 0x10, width]), Buffer.alloc(width, i + 1)]))
  }
  objects.push(Buffer.from([0x51, 0x78])) // "x"
  return binaryPlist(objects)
}

/** A bplist00 of the given encoded objects, object 0 at the top, one-byte offsets and refs. */
function binaryPlist(objects: Buffer[]): Buffer {
  const offsets: number[] = []
  let at = 8
  for (const object of objects) {
    offsets.push(at)
    at += object.length
  }
  const trailer = Buffer.alloc(32)
  trailer[6] = 1 // offset int size
  trailer[7] = 1 // object ref size
  trailer.writeBigUInt64BE(BigInt(objects.length), 8) // number of objects
  trailer.writeBigUInt64BE(0n, 16) // top object
  trailer.writeBigUInt64BE(BigInt(at), 24) // offset table offset
  return Buffer.concat([Buffer.from('bplist00'), ...objects, Buffer.from(offsets), trailer])
}

describe('parsePlist limits', () => {
  it('refuses a small binary plist whose shared objects expand to billions of values', async () => {
    const bomb = expandingBinaryPlist(10, 10) // 10^10 values
    expect(bomb.length).toBeLessThan(200)
    const started = Date.now()
    await expect(parsePlist(bomb)).rejects.toThrow(`holds more than ${PLIST_LIMITS.maxValues} values`)
    expect(Date.now() - started).toBeLessThan(2000)
    // The same shape within the budget reads fine: 1 + 3 + 9 + 27 values.
    const leaf = ['x', 'x', 'x']
    const mid = [leaf, leaf, leaf]
    expect(await parsePlist(expandingBinaryPlist(3, 3))).toEqual([mid, mid, mid])
  })

  it('refuses nesting beyond the depth limit, binary or XML', async () => {
    const deep = PLIST_LIMITS.maxDepth + 1
    const xml = `<plist>${'<array>'.repeat(deep + 1)}${'</array>'.repeat(deep + 1)}</plist>`
    await expect(parsePlist(Buffer.from(xml))).rejects.toThrow(
      `more than ${PLIST_LIMITS.maxDepth} levels deep`,
    )
    await expect(parsePlist(expandingBinaryPlist(deep + 1, 1))).rejects.toThrow(
      `more than ${PLIST_LIMITS.maxDepth} levels deep`,
    )
    await expect(
      parsePlist(Buffer.from(`<plist>${'<array>'.repeat(deep - 1)}${'</array>'.repeat(deep - 1)}</plist>`)),
    ).resolves.toBeDefined()
  })

  it('refuses too many values in XML and more bytes than allowed', async () => {
    const many = `<plist><array>${'<true/>'.repeat(PLIST_LIMITS.maxValues)}</array></plist>`
    await expect(parsePlist(Buffer.from(many))).rejects.toThrow(
      `holds more than ${PLIST_LIMITS.maxValues} values`,
    )
    await expect(parsePlist(Buffer.alloc(PLIST_LIMITS.maxBytes + 1))).rejects.toThrow(PlistError)
  })

  it('reads every value type of both formats', async () => {
    const value = {
      s: 'é ✓',
      i: -3,
      big: 2 ** 40,
      r: 1.5,
      t: true,
      f: false,
      d: new Date('2020-01-02T03:04:05Z'),
      data: Buffer.from('hi'),
      a: ['x', 1],
    }
    for (const bytes of [buildBinary(value), Buffer.from(build(value))]) {
      const parsed = (await parsePlist(bytes)) as Record<string, PlistValue>
      expect({ ...parsed, data: Buffer.from(parsed['data'] as Uint8Array) }).toEqual(value)
    }
  })
})

describe('parseXml', () => {
  it('reads elements, attributes (either quote, with > inside), text, entities and CDATA; skips comments', () => {
    const root = parseXml(
      `<?xml version="1.0"?>\n<!-- <fake/> -->\n` +
        `<root a="1 &amp; 2" b='x>y' c="&#x41;&#66;"><child>t &lt;3</child><![CDATA[<raw>]]><empty/></root>`,
    )
    expect(root.nodeName).toBe('root')
    expect([attribute(root, 'a'), attribute(root, 'b'), attribute(root, 'c'), attribute(root, 'd')]).toEqual([
      '1 & 2',
      'x>y',
      'AB',
      undefined,
    ])
    expect(childElements(root).map((c) => c.nodeName)).toEqual(['child', 'empty'])
    expect(ownText(childElements(root)[0] ?? root)).toBe('t <3')
    expect(ownText(root)).toBe('<raw>')
  })

  it.each([
    '<a><b></a>',
    '<a>',
    '',
    '<a/><b/>',
    'text<a/>',
    '<a b="1></a>',
    '<!-- open',
    // Entities are never expanded, external or internal.
    '<!DOCTYPE x [ <!ENTITY e "boom"> ]><x>&e;</x>',
    '<!DOCTYPE x [ <!ENTITY e SYSTEM "file:///etc/passwd"> ]><x>&e;</x>',
  ])('rejects %j with an XmlError', (xml) => {
    expect(() => parseXml(xml)).toThrow(XmlError)
  })

  it('finds descendants in document order without recursion limits', () => {
    const deep = '<a>'.repeat(50_000) + '<b id="1"/>' + '</a>'.repeat(50_000)
    expect(
      descendantsNamed(parseXml(`<r>${deep}<b id="2"/></r>`), 'b').map((b) => attribute(b, 'id')),
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
