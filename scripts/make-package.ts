/**
 * Generators for made-up .ipa and .pkg files, used by the tests, the demo and the benchmark.
 *
 *   npx tsx scripts/make-package.ts ipa out.ipa [--bundle-id id] [--version v] [--build n] [--platform tvos]
 *       [--xml] [--pad-bytes N] [--encryption true|false] [--leading-folder F] [--extra-plists]
 *   npx tsx scripts/make-package.ts pkg out.pkg [--bundle-id id] [--version v] [--build n] [--pad-bytes N]
 *   npx tsx scripts/make-package.ts not-a-zip out.ipa
 *
 * Padding is streamed (flat memory), so multi-GiB files can be written; yazl switches to zip64 on its own.
 */
import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'
import { build, buildBinary } from 'plist'
import type { PlistValue } from 'plist'
import yazl from 'yazl'

export interface IpaOptions {
  bundleId: string
  version: string
  buildNumber: string
  plistFormat?: 'binary' | 'xml'
  platform?: 'ios' | 'tvos' | 'visionos'
  /** Written as ITSAppUsesNonExemptEncryption when set. */
  usesNonExemptEncryption?: boolean
  /** Put everything under this top-level folder, as hand-zipped IPAs do. */
  leadingFolder?: string
  /** Add nested Watch/PlugIns/Frameworks/storyboard plists, __MACOSX AppleDouble junk and .DS_Store files. */
  extraPlists?: boolean
  /** Size of an extra stored (uncompressed) entry written before the Info.plist, streamed. */
  padBytes?: number
  /** Extra Info.plist keys (e.g. to drop or override one: `{ CFBundleVersion: null }` removes it). */
  infoPlist?: Record<string, PlistValue | undefined>
  /** Small resource files added to the app, as a real one has thousands: as many central directory records. */
  resourceFiles?: number
}

export interface PkgOptions {
  bundleId: string
  version: string
  buildNumber: string
  /** Size of the component package's Payload (stored in the heap before the Distribution file), streamed. */
  padBytes?: number
}

const MTIME = new Date('2024-01-01T00:00:00Z')
const PLATFORM_KEYS: Record<NonNullable<IpaOptions['platform']>, Record<string, PlistValue>> = {
  ios: { DTPlatformName: 'iphoneos', CFBundleSupportedPlatforms: ['iPhoneOS'], UIDeviceFamily: [1, 2] },
  tvos: { DTPlatformName: 'appletvos', CFBundleSupportedPlatforms: ['AppleTVOS'], UIDeviceFamily: [3] },
  visionos: { DTPlatformName: 'xros', CFBundleSupportedPlatforms: ['XROS'], UIDeviceFamily: [7] },
}

function appName(bundleId: string): string {
  const last = bundleId.split('.').pop() ?? 'App'
  return last.replace(/[^A-Za-z0-9_-]/g, '') || 'App'
}

function encodePlist(value: PlistValue, format: 'binary' | 'xml'): Buffer {
  return format === 'binary' ? Buffer.from(buildBinary(value)) : Buffer.from(build(value), 'utf8')
}

export function infoPlistFor(options: IpaOptions): Record<string, PlistValue> {
  const name = appName(options.bundleId)
  const info: Record<string, PlistValue> = {
    CFBundleIdentifier: options.bundleId,
    CFBundleShortVersionString: options.version,
    CFBundleVersion: options.buildNumber,
    CFBundleName: name,
    CFBundleExecutable: name,
    CFBundlePackageType: 'APPL',
    MinimumOSVersion: '17.0',
    LSRequiresIPhoneOS: true,
    ...PLATFORM_KEYS[options.platform ?? 'ios'],
  }
  if (options.usesNonExemptEncryption !== undefined) {
    info['ITSAppUsesNonExemptEncryption'] = options.usesNonExemptEncryption
  }
  for (const [key, value] of Object.entries(options.infoPlist ?? {})) {
    if (value === undefined || value === null) Reflect.deleteProperty(info, key)
    else info[key] = value
  }
  return info
}

/** Writes a made-up IPA. Resolves once the file is completely on disk. */
export async function writeIpa(path: string, options: IpaOptions): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true })
  const zip = new yazl.ZipFile()
  const format = options.plistFormat ?? 'binary'
  const name = appName(options.bundleId)
  const prefix = options.leadingFolder ? `${options.leadingFolder.replace(/\/+$/, '')}/` : ''
  const app = `${prefix}Payload/${name}.app`
  const file = (data: Buffer | string, entryPath: string): void => {
    zip.addBuffer(Buffer.from(data), entryPath, { mtime: MTIME })
  }

  // Padding first, so the Info.plist's local header sits past it and must be reached by seeking.
  if (options.padBytes !== undefined && options.padBytes > 0) {
    zip.addReadStream(patternStream(options.padBytes), `${app}/Assets.car`, {
      size: options.padBytes,
      compress: false,
      mtime: MTIME,
    })
  }
  file(encodePlist(infoPlistFor(options), format), `${app}/Info.plist`)
  file(Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(1020)]), `${app}/${name}`)
  file('APPL????', `${app}/PkgInfo`)
  file(
    '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict/></plist>\n',
    `${app}/_CodeSignature/CodeResources`,
  )

  for (let i = 0; i < (options.resourceFiles ?? 0); i++) {
    file(`resource ${i}\n`, `${app}/Resources/${i % 50}.lproj/Resource-${i}.strings`)
  }

  if (options.extraPlists) {
    const nested = (bundleId: string, platform: string): Buffer =>
      encodePlist(
        {
          CFBundleIdentifier: bundleId,
          CFBundleShortVersionString: '9.9.9',
          CFBundleVersion: '999',
          DTPlatformName: platform,
        },
        format,
      )
    file(
      nested(`${options.bundleId}.watchkitapp`, 'watchos'),
      `${app}/Watch/${name} Watch App.app/Info.plist`,
    )
    file(nested(`${options.bundleId}.widget`, 'iphoneos'), `${app}/PlugIns/Widget.appex/Info.plist`)
    file(nested('com.vendor.Kit', 'iphoneos'), `${app}/Frameworks/Kit.framework/Info.plist`)
    file(nested('', 'iphoneos'), `${app}/Base.lproj/Main.storyboardc/Info.plist`)
    // A plausible-looking main plist under __MACOSX with a shorter path: must never win.
    file(nested('invalid.macosx.junk', 'iphoneos'), `__MACOSX/Payload/A.app/Info.plist`)
    const appleDouble = Buffer.concat([Buffer.from([0x00, 0x05, 0x16, 0x07]), Buffer.alloc(78)])
    file(appleDouble, `__MACOSX/${app}/._Info.plist`)
    file(appleDouble, `__MACOSX/${prefix}Payload/._${name}.app`)
    file(Buffer.alloc(64), `${prefix}.DS_Store`)
    file(Buffer.alloc(64), `${app}/.DS_Store`)
  }
  zip.end()
  await pipeline(zip.outputStream, createWriteStream(path))
}

/** Writes 15 bytes that are not a zip archive (fastlane's not-an-ipa.ipa). */
export async function writeNotAZip(path: string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true })
  await writeFile(path, 'not-a-zip-file\n')
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

export function distributionXml(options: PkgOptions): string {
  const id = escapeXml(options.bundleId)
  const version = escapeXml(options.version)
  const buildNumber = escapeXml(options.buildNumber)
  const name = appName(options.bundleId)
  return `<?xml version="1.0" encoding="utf-8" standalone="no"?>
<installer-gui-script minSpecVersion="2">
    <pkg-ref id="${id}">
        <bundle-version>
            <bundle CFBundleShortVersionString="${version}" CFBundleVersion="${buildNumber}" id="${id}" path="${name}.app"/>
            <bundle CFBundleShortVersionString="1.0" CFBundleVersion="1" id="${id}.helper" path="${name}.app/Contents/Library/LoginItems/Helper.app"/>
        </bundle-version>
    </pkg-ref>
    <product id="${id}" version="${version}"/>
    <title>${escapeXml(name)}</title>
    <options customize="never" require-scripts="false" hostArchitectures="x86_64,arm64"/>
    <volume-check>
        <allowed-os-versions>
            <os-version min="13.0"/>
        </allowed-os-versions>
    </volume-check>
    <choices-outline>
        <line choice="default">
            <line choice="${id}"/>
        </line>
    </choices-outline>
    <choice id="default" title="${escapeXml(name)}" versStr="${version}"/>
    <choice id="${id}" title="${escapeXml(name)}" visible="false" customLocation="/Applications">
        <pkg-ref id="${id}"/>
    </choice>
    <pkg-ref id="${id}" version="${version}" onConclusion="none" installKBytes="7381">#${id}.pkg</pkg-ref>
</installer-gui-script>
`
}

interface HeapFile {
  name: string
  offset: number
  length: number
  size: number
  encoding: 'application/x-gzip' | 'application/octet-stream'
  checksums?: { archived: string; extracted: string }
}

function tocFileXml(id: number, file: HeapFile, indent: string): string {
  const checksums = file.checksums
    ? `${indent}  <extracted-checksum style="sha1">${file.checksums.extracted}</extracted-checksum>\n` +
      `${indent}  <archived-checksum style="sha1">${file.checksums.archived}</archived-checksum>\n`
    : ''
  return (
    `${indent}<file id="${id}">\n${indent} <data>\n` +
    `${indent}  <length>${file.length}</length>\n${indent}  <offset>${file.offset}</offset>\n` +
    `${indent}  <size>${file.size}</size>\n${indent}  <encoding style="${file.encoding}"/>\n${checksums}` +
    `${indent} </data>\n${indent} <type>file</type>\n${indent} <name>${escapeXml(file.name)}</name>\n${indent}</file>\n`
  )
}

function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex')
}

/** Writes a made-up product archive: xar with `Distribution` and a `<id>.pkg/` component (PackageInfo, Payload). */
export async function writePkg(path: string, options: PkgOptions): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true })
  const distribution = Buffer.from(distributionXml(options), 'utf8')
  const distributionZ = deflateSync(distribution)
  const packageInfo = Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?>\n<pkg-info format-version="2" identifier="${escapeXml(options.bundleId)}" ` +
      `version="${escapeXml(options.version)}" install-location="/Applications" auth="root">\n` +
      `    <bundle-version>\n        <bundle id="${escapeXml(options.bundleId)}" ` +
      `CFBundleShortVersionString="${escapeXml(options.version)}" CFBundleVersion="${escapeXml(options.buildNumber)}" ` +
      `path="./${appName(options.bundleId)}.app"/>\n    </bundle-version>\n</pkg-info>\n`,
    'utf8',
  )
  const packageInfoZ = deflateSync(packageInfo)
  const payloadSize = options.padBytes ?? 0

  // Heap: TOC checksum (20), Payload (stored, large), PackageInfo, Distribution last so a reader must seek.
  const checksumSize = 20
  const payload: HeapFile = {
    name: 'Payload',
    offset: checksumSize,
    length: payloadSize,
    size: payloadSize,
    encoding: 'application/octet-stream',
  }
  const info: HeapFile = {
    name: 'PackageInfo',
    offset: payload.offset + payload.length,
    length: packageInfoZ.length,
    size: packageInfo.length,
    encoding: 'application/x-gzip',
    checksums: { archived: sha1(packageInfoZ), extracted: sha1(packageInfo) },
  }
  const dist: HeapFile = {
    name: 'Distribution',
    offset: info.offset + info.length,
    length: distributionZ.length,
    size: distribution.length,
    encoding: 'application/x-gzip',
    checksums: { archived: sha1(distributionZ), extracted: sha1(distribution) },
  }
  const toc =
    `<?xml version="1.0" encoding="UTF-8"?>\n<xar>\n <toc>\n  <creation-time>2024-01-01T00:00:00</creation-time>\n` +
    `  <checksum style="sha1">\n   <offset>0</offset>\n   <size>${checksumSize}</size>\n  </checksum>\n` +
    tocFileXml(1, dist, '  ') +
    `  <file id="2">\n   <type>directory</type>\n   <name>${escapeXml(options.bundleId)}.pkg</name>\n` +
    tocFileXml(3, info, '   ') +
    tocFileXml(4, payload, '   ') +
    `  </file>\n </toc>\n</xar>\n`
  const tocRaw = Buffer.from(toc, 'utf8')
  const tocZ = deflateSync(tocRaw)
  const header = Buffer.alloc(28)
  header.writeUInt32BE(0x78617221, 0) // 'xar!'
  header.writeUInt16BE(28, 4)
  header.writeUInt16BE(1, 6)
  header.writeBigUInt64BE(BigInt(tocZ.length), 8)
  header.writeBigUInt64BE(BigInt(tocRaw.length), 16)
  header.writeUInt32BE(1, 24) // SHA-1
  const tocChecksum = createHash('sha1').update(tocZ).digest()

  async function* content(): AsyncGenerator<Buffer> {
    yield header
    yield tocZ
    yield tocChecksum
    if (payloadSize > 0) yield* patternStream(payloadSize) as AsyncIterable<Buffer>
    yield packageInfoZ
    yield distributionZ
  }
  await pipeline(Readable.from(content()), createWriteStream(path))
}

/** `total` bytes of deterministic noise, 1 MiB at a time (one block generated, each chunk stamped with its index). */
export function patternStream(total: number): Readable {
  const blockSize = 1024 * 1024
  const block = Buffer.alloc(blockSize)
  let x = 0x9e3779b9
  for (let i = 0; i + 4 <= blockSize; i += 4) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    block.writeUInt32LE(x >>> 0, i)
  }
  let remaining = total
  let index = 0
  return new Readable({
    highWaterMark: blockSize,
    read() {
      if (remaining <= 0) {
        this.push(null)
        return
      }
      const n = Math.min(remaining, blockSize)
      const chunk = Buffer.allocUnsafe(n)
      block.copy(chunk, 0, 0, n)
      if (n >= 4) chunk.writeUInt32LE(index++ >>> 0, 0)
      remaining -= n
      this.push(chunk)
    },
  })
}

function parseArgs(argv: string[]): { positional: string[]; flags: Map<string, string> } {
  const positional: string[] = []
  const flags = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (!arg.startsWith('--')) {
      positional.push(arg)
      continue
    }
    const next = argv[i + 1]
    if (next !== undefined && !next.startsWith('--')) {
      flags.set(arg.slice(2), next)
      i++
    } else {
      flags.set(arg.slice(2), 'true')
    }
  }
  return { positional, flags }
}

function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kmg]i?b?)?$/i.exec(text.trim())
  if (!match) throw new Error(`bad size ${text}`)
  const unit = (match[2] ?? '').toLowerCase()[0]
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1
  return Math.round(Number(match[1]) * scale)
}

async function main(argv: string[]): Promise<void> {
  const { positional, flags } = parseArgs(argv)
  const [kind, out] = positional
  if (!kind || !out) {
    console.error(
      'usage: make-package.ts ipa|pkg|not-a-zip <out> [--bundle-id id] [--version v] [--build n] ...',
    )
    process.exitCode = 2
    return
  }
  const common = {
    bundleId: flags.get('bundle-id') ?? 'com.example.demo',
    version: flags.get('version') ?? '1.0.0',
    buildNumber: flags.get('build') ?? '1',
    ...(flags.has('pad-bytes') ? { padBytes: parseSize(flags.get('pad-bytes') ?? '0') } : {}),
  }
  if (kind === 'ipa') {
    const platform = flags.get('platform')
    const encryption = flags.get('encryption')
    const leadingFolder = flags.get('leading-folder')
    await writeIpa(out, {
      ...common,
      plistFormat: flags.has('xml') ? 'xml' : 'binary',
      ...(platform === 'tvos' || platform === 'visionos' || platform === 'ios' ? { platform } : {}),
      ...(encryption !== undefined ? { usesNonExemptEncryption: encryption === 'true' } : {}),
      ...(leadingFolder !== undefined ? { leadingFolder } : {}),
      extraPlists: flags.has('extra-plists'),
    })
  } else if (kind === 'pkg') {
    await writePkg(out, common)
  } else if (kind === 'not-a-zip') {
    await writeNotAZip(out)
  } else {
    throw new Error(`unknown kind ${kind}`)
  }
  console.log(out)
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2))
}
