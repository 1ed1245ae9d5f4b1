import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { PackageError, readPackageMetadata } from '../src/package/index.js'
import { ZipArchive, type ReadAt, type ZipEntry } from '../src/package/zip.js'
import { writeIpa, writeNotAZip, writePkg } from '../scripts/make-package.js'
import type { IpaOptions } from '../scripts/make-package.js'
import { buildBinary } from 'plist'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const fixtures = path.resolve(repoRoot, '__tests__/fixtures/packages')
const fixture = (name: string): string => path.join(fixtures, name)

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'package-test-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const base = { bundleId: 'com.example.made-up', version: '2.3.4', buildNumber: '567' }

async function ipa(name: string, options: Partial<IpaOptions> = {}): Promise<string> {
  const file = path.join(dir, name)
  await writeIpa(file, { ...base, ...options })
  return file
}

async function rejection(promise: Promise<unknown>): Promise<PackageError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(PackageError)
  return err as PackageError
}

describe('real fixtures', () => {
  it('are vendored in the repository, so a fresh clone can run the tests', () => {
    expect(path.relative(repoRoot, fixtures).startsWith('..')).toBe(false)
    for (const name of ['very-capable-app.ipa', 'ContainsWatchApp.ipa', 'MacAppOnly.pkg', 'SOURCE.md'])
      expect(existsSync(fixture(name))).toBe(true)
  })

  it('reads the Xcode-built very-capable-app.ipa (binary plist, nested storyboard plists)', async () => {
    const file = fixture('very-capable-app.ipa')
    const metadata = await readPackageMetadata(file)
    expect(metadata).toEqual({
      kind: 'ipa',
      path: file,
      fileName: 'very-capable-app.ipa',
      fileSize: 20076,
      bundleId: 'org.fastlane.very-capable-app',
      version: '1.0',
      buildNumber: '1',
      platform: 'ios',
    })
    expect('usesNonExemptEncryption' in metadata).toBe(false)
  })

  it('reads the main app of ContainsWatchApp.ipa, not the watch app, despite the folder and __MACOSX', async () => {
    const metadata = await readPackageMetadata(fixture('ContainsWatchApp.ipa'))
    expect(metadata).toMatchObject({
      kind: 'ipa',
      fileName: 'ContainsWatchApp.ipa',
      fileSize: 8020,
      bundleId: 'com.example.Sample',
      version: '1.2.0',
      buildNumber: '1',
      platform: 'ios',
    })
  })

  it('reads MacAppOnly.pkg from its Distribution file', async () => {
    const file = fixture('MacAppOnly.pkg')
    await expect(readPackageMetadata(file)).resolves.toEqual({
      kind: 'pkg',
      path: file,
      fileName: 'MacAppOnly.pkg',
      fileSize: 4640,
      bundleId: 'com.example.Sample',
      version: '1.0',
      buildNumber: '1.0',
      platform: 'macos',
    })
  })

  it('refuses no-app-bundle.ipa (a zip with only Payload/)', async () => {
    const err = await rejection(readPackageMetadata(fixture('no-app-bundle.ipa')))
    expect(err.message).toContain(
      'no-app-bundle.ipa has no Payload/<Name>.app/ (found a Payload/ folder with no <Name>.app in it)',
    )
  })
})

describe('made-up IPAs', () => {
  it.each([
    ['ios', 'ios'],
    ['tvos', 'tvos'],
    ['visionos', 'visionos'],
  ] as const)('detects platform %s', async (platform, expected) => {
    const metadata = await readPackageMetadata(await ipa(`${platform}.ipa`, { platform }))
    expect(metadata).toMatchObject({ ...base, platform: expected, kind: 'ipa' })
  })

  it('reads an XML Info.plist', async () => {
    const metadata = await readPackageMetadata(await ipa('xml.ipa', { plistFormat: 'xml', platform: 'tvos' }))
    expect(metadata).toMatchObject({ ...base, platform: 'tvos' })
  })

  it.each([true, false])('reports ITSAppUsesNonExemptEncryption = %s', async (value) => {
    for (const plistFormat of ['binary', 'xml'] as const) {
      const file = await ipa(`enc-${value}-${plistFormat}.ipa`, {
        usesNonExemptEncryption: value,
        plistFormat,
      })
      expect((await readPackageMetadata(file)).usesNonExemptEncryption).toBe(value)
    }
  })

  it('picks the main plist under a leading folder, ignoring nested bundles and __MACOSX junk', async () => {
    const file = await ipa('Folder.ipa', { leadingFolder: 'MyExport', extraPlists: true, plistFormat: 'xml' })
    await expect(readPackageMetadata(file)).resolves.toMatchObject({ ...base, platform: 'ios' })
    const plain = await ipa('junk.ipa', { extraPlists: true })
    await expect(readPackageMetadata(plain)).resolves.toMatchObject(base)
  })

  it('accepts an upper-case extension', async () => {
    await expect(readPackageMetadata(await ipa('UPPER.IPA'))).resolves.toMatchObject({ kind: 'ipa', ...base })
  })

  it('refuses a file that is not a zip', async () => {
    const file = path.join(dir, 'not-an-ipa.ipa')
    await writeNotAZip(file)
    const err = await rejection(readPackageMetadata(file))
    expect(err.message).toBe(
      `${file} is not a zip archive (an .ipa is a zip with Payload/<App>.app/Info.plist)`,
    )
  })

  it('refuses a truncated zip as damaged', async () => {
    const good = await readFile(await ipa('whole.ipa'))
    const file = path.join(dir, 'truncated.ipa')
    await writeFile(file, good.subarray(0, good.length - 30))
    const err = await rejection(readPackageMetadata(file))
    expect(err.message).toMatch(/truncated\.ipa is a damaged or unsupported zip archive/)
  })

  it.each(['CFBundleIdentifier', 'CFBundleShortVersionString', 'CFBundleVersion'])(
    'names the missing key %s',
    async (key) => {
      const file = await ipa(`missing-${key}.ipa`, { infoPlist: { [key]: null } })
      const err = await rejection(readPackageMetadata(file))
      expect(err.message).toContain(`missing-${key}.ipa`)
      expect(err.message).toContain(`has no ${key}`)
    },
  )

  it('refuses a non-string version and an unexpanded build setting', async () => {
    const numeric = await ipa('numeric.ipa', { infoPlist: { CFBundleVersion: 12 } })
    expect((await rejection(readPackageMetadata(numeric))).message).toMatch(
      /non-string CFBundleVersion \(number\)/,
    )
    const unexpanded = await ipa('unexpanded.ipa', {
      infoPlist: { CFBundleShortVersionString: '$(MARKETING_VERSION)' },
    })
    expect((await rejection(readPackageMetadata(unexpanded))).message).toMatch(/unexpanded build setting/)
  })

  it('refuses an absurdly large Info.plist without parsing it', async () => {
    const file = await ipa('huge-plist.ipa', {
      plistFormat: 'xml',
      infoPlist: { Junk: 'x'.repeat(5 * 1024 * 1024) },
    })
    expect((await rejection(readPackageMetadata(file))).message).toMatch(
      /Info\.plist is \d+ bytes, larger than the 4194304 bytes accepted; it is refused/,
    )
  })

  it('refuses an IPA with two apps in Payload/, naming both, instead of taking the shorter path', async () => {
    const file = path.join(dir, 'two-apps.ipa')
    await writeZip(file, {
      'Payload/Short.app/Info.plist': infoPlistBytes({ CFBundleIdentifier: 'com.example.short' }),
      'Payload/TheRealApp.app/Info.plist': infoPlistBytes({}),
    })
    const err = await rejection(readPackageMetadata(file))
    expect(err.message).toBe(
      `${file} holds 2 apps (Payload/Short.app/, Payload/TheRealApp.app/); ` +
        'an .ipa must hold exactly one app, at Payload/<Name>.app/ with its Info.plist',
    )
  })

  it('refuses a 67 KB IPA whose binary Info.plist expands to billions of values, quickly', async () => {
    const file = path.join(dir, 'plist-bomb.ipa')
    // 30 arrays, each holding the next 2000 times: 2000^30 values once expanded.
    const objects: Buffer[] = []
    for (let i = 0; i < 30; i++) {
      const refs = Buffer.alloc(2000 * 2)
      for (let r = 0; r < 2000; r++) refs.writeUInt16BE(i + 1, r * 2)
      objects.push(Buffer.concat([Buffer.from([0xaf, 0x11, 0x07, 0xd0]), refs]))
    }
    objects.push(Buffer.from([0x51, 0x78]))
    await writeZip(file, { 'Payload/Bomb.app/Info.plist': binaryPlist(objects, 2, 4) })
    expect((await readFile(file)).length).toBeLessThan(100_000)
    const started = Date.now()
    const err = await rejection(readPackageMetadata(file))
    expect(err.message).toContain(
      'Payload/Bomb.app/Info.plist is not a valid property list (holds more than 100000 values',
    )
    expect(Date.now() - started).toBeLessThan(5000)
  })

  it.each([
    [
      'CFBundleVersion',
      '4 5',
      "its CFBundleVersion must be one to three dot-separated integers, e.g. 1042 (got '4 5'), as build_number must",
    ],
    [
      'CFBundleShortVersionString',
      '1.2.3.4.5',
      "its CFBundleShortVersionString must be one to three dot-separated integers, e.g. 1.4.2 (got '1.2.3.4.5'), as app_version must",
    ],
  ])('checks %s from the package with the input rule (%j is refused)', async (key, value, message) => {
    const file = await ipa(`version-${value.replace(/\W/g, '_')}.ipa`, { infoPlist: { [key]: value } })
    expect((await rejection(readPackageMetadata(file))).message).toBe(`${file} is refused: ${message}`)
  })

  it('refuses an Info.plist that is not a property list', async () => {
    const file = await ipa('garbage.ipa', { plistFormat: 'xml', infoPlist: {} })
    // Overwrite: build a zip whose Info.plist is text garbage.
    const { default: yazl } = await import('yazl')
    const { createWriteStream } = await import('node:fs')
    const { pipeline } = await import('node:stream/promises')
    const zip = new yazl.ZipFile()
    zip.addBuffer(Buffer.from('this is not a plist'), 'Payload/X.app/Info.plist')
    zip.end()
    await pipeline(zip.outputStream, createWriteStream(file))
    expect((await rejection(readPackageMetadata(file))).message).toMatch(
      /Payload\/X\.app\/Info\.plist is not a valid property list/,
    )
  })
})

describe('file selection', () => {
  it.each(['app.zip', 'App.app', 'app.ipa.txt', 'noext'])('refuses the extension of %s', async (name) => {
    const file = path.join(dir, name)
    await writeFile(file, 'whatever')
    const err = await rejection(readPackageMetadata(file))
    expect(err.message).toBe(
      `${file} is not an .ipa or .pkg file (expected an .ipa (iOS, tvOS, visionOS) or a .pkg (macOS))`,
    )
  })

  it.each([
    ['empty.ipa', /empty\.ipa is not a zip archive/],
    ['empty.pkg', /empty\.pkg is not a xar archive/],
  ])('refuses an empty %s', async (name, message) => {
    const file = path.join(dir, name)
    await writeFile(file, '')
    expect((await rejection(readPackageMetadata(file))).message).toMatch(message)
  })

  it('says when the file does not exist', async () => {
    const file = path.join(dir, 'nope.ipa')
    expect((await rejection(readPackageMetadata(file))).message).toMatch(/nope\.ipa does not exist/)
  })

  it('says when the path is a directory', async () => {
    const folder = path.join(dir, 'folder.pkg')
    await mkdir(folder)
    expect((await rejection(readPackageMetadata(folder))).message).toBe(
      `${folder} is not a file (expected an .ipa (iOS, tvOS, visionOS) or a .pkg (macOS))`,
    )
  })
})

describe('made-up PKGs', () => {
  it('reads a pkg written by writePkg, choosing the main bundle over the helper', async () => {
    const file = path.join(dir, 'Mac.pkg')
    await writePkg(file, { bundleId: 'com.example.mac', version: '3.1', buildNumber: '3100' })
    await expect(readPackageMetadata(file)).resolves.toMatchObject({
      kind: 'pkg',
      fileName: 'Mac.pkg',
      bundleId: 'com.example.mac',
      version: '3.1',
      buildNumber: '3100',
      platform: 'macos',
    })
  })

  it('unescapes XML special characters, and checks the versions with the input rules', async () => {
    const file = path.join(dir, 'Escaped.PKG')
    await writePkg(file, { bundleId: 'com.example.x', version: '1.0 "beta" <&>', buildNumber: '7' })
    expect((await rejection(readPackageMetadata(file))).message).toContain(
      `its CFBundleShortVersionString must be one to three dot-separated integers, e.g. 1.4.2 (got '1.0 "beta" <&>')`,
    )
  })

  it('refuses a .pkg that is not xar', async () => {
    const file = path.join(dir, 'zip.pkg')
    await writeIpa(file, base)
    const err = await rejection(readPackageMetadata(file))
    expect(err.message).toMatch(
      /zip\.pkg is not a xar archive; a \.pkg for App Store Connect is a product archive/,
    )
  })

  it('refuses a pkg whose Distribution was corrupted (checksum)', async () => {
    const file = path.join(dir, 'corrupt.pkg')
    await writePkg(file, base)
    const bytes = await readFile(file)
    bytes[bytes.length - 10] = (bytes[bytes.length - 10] ?? 0) ^ 0xff // inside Distribution, last in the heap
    await writeFile(file, bytes)
    const err = await rejection(readPackageMetadata(file))
    expect(err.message).toMatch(
      /corrupt\.pkg is a damaged xar archive \(Distribution \(archived\) checksum mismatch\)/,
    )
  })
})

describe('large packages are never read whole', () => {
  const size = 300 * 1024 * 1024
  const peakRss = (): number => process.resourceUsage().maxRSS * 1024

  it('reads a ~300 MB IPA and a ~300 MB PKG with flat memory', async () => {
    const big = path.join(dir, 'big.ipa')
    const bigPkg = path.join(dir, 'big.pkg')
    const peakBefore = peakRss()
    await writeIpa(big, { ...base, padBytes: size })
    await writePkg(bigPkg, { ...base, padBytes: size })
    const peakAfterWrite = peakRss()
    const rssBeforeRead = process.memoryUsage().rss

    const metadata = await readPackageMetadata(big)
    const pkg = await readPackageMetadata(bigPkg)

    const peakAfterRead = peakRss()
    const rssAfterRead = process.memoryUsage().rss
    expect(metadata).toMatchObject({ ...base, kind: 'ipa', platform: 'ios' })
    expect(metadata.fileSize).toBeGreaterThan(size)
    expect(pkg).toMatchObject({ ...base, kind: 'pkg', platform: 'macos' })
    expect(pkg.fileSize).toBeGreaterThan(size)
    // A whole-file read would add at least `size` to the peak; a streamed one adds next to nothing. The writer
    // streams too, but leaves up to a V8 external-memory GC threshold of garbage, hence the looser bound.
    expect(peakAfterWrite - peakBefore).toBeLessThan(size / 2)
    expect(peakAfterRead - rssBeforeRead).toBeLessThan(size / 2)
    // What the reads keep: the writer's garbage (before rssBeforeRead) is the test's, not the reader's.
    expect(rssAfterRead - rssBeforeRead).toBeLessThan(size / 8)
  }, 60_000)
})

describe('the zip reader', () => {
  it('walks the central directory of a thousand entries in a few reads, not two per entry', async () => {
    // A real app holds thousands of files; yauzl reads each central directory record with two small reads.
    const file = path.join(dir, 'many-entries.ipa')
    const entries: Record<string, Buffer> = { 'Payload/Many.app/Info.plist': infoPlistBytes({}) }
    for (let i = 0; i < 1000; i++) entries[`Payload/Many.app/Assets/image-${i}.png`] = Buffer.from([i % 256])
    await writeZip(file, entries)
    let reads = 0
    const counting: ReadAt = (...args) => {
      reads += 1
      return readSync(...args)
    }
    const zip = await ZipArchive.open(file, counting)
    const names: ZipEntry[] = []
    zip.walk((entry) => names.push(entry))
    const plist = names.find((entry) => entry.name === 'Payload/Many.app/Info.plist')
    expect(plist && (await zip.read(plist, 1024 * 1024)).subarray(0, 6).toString('latin1')).toBe('bplist')
    zip.close()
    expect(names).toHaveLength(1001)
    expect(reads).toBeLessThanOrEqual(4)
  })
})

describe('the zip reader, record by record', () => {
  const names = async (file: string): Promise<ZipEntry[]> => {
    const zip = await ZipArchive.open(file)
    const entries: ZipEntry[] = []
    try {
      zip.walk((entry) => entries.push(entry))
      return entries
    } finally {
      zip.close()
    }
  }
  /** Where each central directory record starts (its signature, PK\x01\x02). */
  const recordOffsets = (bytes: Buffer): number[] => {
    const offsets: number[] = []
    for (let at = bytes.indexOf('PK\x01\x02'); at >= 0; at = bytes.indexOf('PK\x01\x02', at + 4))
      offsets.push(at)
    return offsets
  }

  it('reads zip64 records, whose sizes and offsets are in the extra field, and their data', async () => {
    const file = path.join(dir, 'zip64.ipa')
    await writeZip(
      file,
      { 'Payload/Big.app/Info.plist': infoPlistBytes({}), 'Payload/Big.app/a.txt': Buffer.from('a') },
      { forceZip64Format: true },
    )
    const bytes = await readFile(file)
    // The zip64 extra field in the records, and the zip64 end record (where the central directory is found).
    expect(bytes.includes(Buffer.from([0x01, 0x00, 0x18, 0x00]))).toBe(true)
    expect(bytes.includes(Buffer.from('PK\x06\x06', 'latin1'))).toBe(true)
    // Read with the 32-bit sizes (0xffffffff), its Info.plist would be refused as too large.
    expect(await readPackageMetadata(file)).toMatchObject({ ...base, kind: 'ipa' })
  })

  it('decodes a name by the UTF-8 flag, and as CP437 without it, as yauzl does', async () => {
    const file = path.join(dir, 'names.ipa')
    await writeZip(file, { 'Payload/Café.app/Info.plist': infoPlistBytes({}) })
    expect((await names(file)).map((entry) => entry.name)).toEqual(['Payload/Café.app/Info.plist'])
    const bytes = await readFile(file)
    for (const at of recordOffsets(bytes)) bytes.writeUInt16LE(bytes.readUInt16LE(at + 8) & ~0x800, at + 8)
    await writeFile(file, bytes)
    // é is C3 A9 in UTF-8: in CP437 those bytes are ├ and ⌐.
    expect((await names(file)).map((entry) => entry.name)).toEqual(['Payload/Caf├⌐.app/Info.plist'])
  })

  it('refuses a central directory record without its signature as damaged', async () => {
    const file = path.join(dir, 'bad-record.ipa')
    await writeZip(file, {
      'Payload/A.app/Info.plist': infoPlistBytes({}),
      'Payload/A.app/b.txt': Buffer.from('b'),
    })
    const bytes = await readFile(file)
    const second = recordOffsets(bytes)[1] ?? -1
    bytes.write('XX', second, 'latin1')
    await writeFile(file, bytes)
    const err = await rejection(readPackageMetadata(file))
    expect(err.message).toMatch(
      new RegExp(
        `bad-record\\.ipa is a damaged or unsupported zip archive \\(invalid central directory file header signature at byte ${second}\\)`,
      ),
    )
  })

  it('refuses an entry whose data does not match the size its record gives', async () => {
    const file = path.join(dir, 'wrong-size.ipa')
    const plist = infoPlistBytes({})
    await writeZip(file, { 'Payload/A.app/Info.plist': plist })
    const bytes = await readFile(file)
    const [first = -1] = recordOffsets(bytes)
    bytes.writeUInt32LE(plist.length + 1, first + 24)
    await writeFile(file, bytes)
    const err = await rejection(readPackageMetadata(file))
    expect(err.message).toContain(
      `cannot read Payload/A.app/Info.plist (${plist.length} bytes where its record says ${plist.length + 1})`,
    )
  })

  it('refuses a central directory that runs past the end of the file', async () => {
    const file = path.join(dir, 'short-record.ipa')
    await writeZip(file, { 'Payload/A.app/Info.plist': infoPlistBytes({}) })
    const bytes = await readFile(file)
    const [first = -1] = recordOffsets(bytes)
    bytes.writeUInt16LE(0xffff, first + 32) // a comment longer than the rest of the file
    await writeFile(file, bytes)
    const err = await rejection(readPackageMetadata(file))
    expect(err.message).toMatch(
      /short-record\.ipa is a damaged or unsupported zip archive \(unexpected end of file at byte \d+\)/,
    )
  })
})

/** A zip of the given entries, written as they are. */
async function writeZip(
  file: string,
  entries: Record<string, Buffer>,
  options: { forceZip64Format?: boolean } = {},
): Promise<void> {
  const { default: yazl } = await import('yazl')
  const { createWriteStream } = await import('node:fs')
  const { pipeline } = await import('node:stream/promises')
  const zip = new yazl.ZipFile()
  for (const [name, bytes] of Object.entries(entries)) zip.addBuffer(bytes, name, options)
  zip.end({ comment: '', forceZip64Format: options.forceZip64Format ?? false })
  await pipeline(zip.outputStream, createWriteStream(file))
}

function infoPlistBytes(overrides: Record<string, string>): Buffer {
  return Buffer.from(
    buildBinary({
      ...base,
      ...{
        CFBundleIdentifier: base.bundleId,
        CFBundleShortVersionString: base.version,
        CFBundleVersion: base.buildNumber,
      },
      ...overrides,
    }),
  )
}

/** A bplist00 of the given encoded objects, object 0 at the top. */
function binaryPlist(objects: Buffer[], refSize: number, offsetSize: number): Buffer {
  const offsets = Buffer.alloc(objects.length * offsetSize)
  let at = 8
  objects.forEach((object, i) => {
    offsets.writeUIntBE(at, i * offsetSize, offsetSize)
    at += object.length
  })
  const trailer = Buffer.alloc(32)
  trailer[6] = offsetSize
  trailer[7] = refSize
  trailer.writeBigUInt64BE(BigInt(objects.length), 8)
  trailer.writeBigUInt64BE(0n, 16)
  trailer.writeBigUInt64BE(BigInt(at), 24)
  return Buffer.concat([Buffer.from('bplist00'), ...objects, offsets, trailer])
}
