import { open as openFile, stat } from 'node:fs/promises'
import yauzl from 'yauzl'
import type { Entry, ZipFile } from 'yauzl'
import { parse as parsePlist } from 'plist'
import type { PlistValue } from 'plist'
import type { Platform } from '../platform.js'
import { PackageError, describeError } from './types.js'
import type { PackageContents } from './types.js'
import { parseXml } from './xml.js'

/** A real Info.plist is a few KiB; anything past this is not one we want in memory. */
export const MAX_INFO_PLIST_BYTES = 4 * 1024 * 1024

const ACCEPTED = 'an .ipa is a zip with Payload/<App>.app/Info.plist'

/**
 * `Payload/<Name>.app/Info.plist`, optionally under one leading folder (hand-zipped IPAs), anchored so nested
 * bundles (Watch/, PlugIns/, Frameworks/, *.storyboardc) never match.
 */
const MAIN_INFO_PLIST = /^(?:([^/]+)\/)?Payload\/([^/]+)\.app\/Info\.plist$/

export type InfoPlist = { [key: string]: PlistValue }

/** Picks the main app's Info.plist among zip entry names, or undefined when there is none. */
export function selectMainInfoPlist(names: Iterable<string>): string | undefined {
  let best: string | undefined
  for (const name of names) {
    if (!isMainInfoPlistCandidate(name)) continue
    if (best === undefined || name.length < best.length || (name.length === best.length && name < best))
      best = name
  }
  return best
}

function isMainInfoPlistCandidate(name: string): boolean {
  const match = MAIN_INFO_PLIST.exec(name)
  if (!match) return false
  const [, leading, app] = match
  if (leading === '__MACOSX' || leading?.startsWith('._')) return false
  // AppleDouble resource forks (`._Name.app`) and the degenerate `.app` with no name.
  if (app === undefined || app === '' || app.startsWith('._')) return false
  return true
}

/** Reads bundle id, versions, platform and the encryption declaration from an IPA without reading it whole. */
export async function readIpaContents(path: string): Promise<PackageContents> {
  const zip = await openZip(path)
  try {
    const entry = await findMainInfoPlist(path, zip)
    const bytes = await readEntry(path, zip, entry)
    const info = parseInfoPlist(path, entry.name, bytes)
    return contentsFromInfoPlist(path, entry.name, info)
  } finally {
    zip.close()
  }
}

async function openZip(path: string): Promise<ZipFile> {
  try {
    const zip = await yauzl.openPromise(path, {
      lazyEntries: true,
      // Closed explicitly in readIpaContents' finally (autoClose only fires after the last entry or an error).
      autoClose: false,
      // Names are only compared, never written to disk: take them raw so odd names elsewhere in the archive
      // (backslashes, `..`) do not make the whole IPA unreadable.
      decodeStrings: false,
      validateEntrySizes: true,
    })
    // yauzl emits 'error' at most once; a permanent listener keeps a late one from crashing the process.
    zip.on('error', () => undefined)
    return zip
  } catch (err) {
    if (await looksLikeZip(path)) {
      const { size } = await stat(path)
      const hint =
        size > 0xffffffff ? ' (over 4 GiB it must be zip64; archives zipped without it cannot be read)' : ''
      throw new PackageError(
        `${path} is a damaged or unsupported zip archive (${describeError(err)})${hint}; ${ACCEPTED}`,
        { cause: err },
      )
    }
    throw new PackageError(`${path} is not a zip archive (${ACCEPTED})`, { cause: err })
  }
}

async function looksLikeZip(path: string): Promise<boolean> {
  const handle = await openFile(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0)
    // Local file header, or the end-of-central-directory record of an empty archive.
    return bytesRead === 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && (buffer[2] === 3 || buffer[2] === 5)
  } finally {
    await handle.close()
  }
}

interface NamedEntry {
  entry: Entry
  name: string
}

function entryName(entry: Entry): string {
  // With decodeStrings: false, yauzl leaves the raw bytes; decode them as yauzl would (UTF-8 flag, Info-ZIP
  // Unicode Path extra field, else CP437), without its path validation.
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, false)
}

/** Walks the central directory (lazily, one record at a time) and keeps only the candidate plists. */
async function findMainInfoPlist(path: string, zip: ZipFile): Promise<NamedEntry> {
  const candidates = new Map<string, Entry>()
  const seen = { payload: false }
  await new Promise<void>((resolve, reject) => {
    const fail = (err: unknown): void => {
      reject(
        new PackageError(
          `${path} is a damaged or unsupported zip archive (${describeError(err)}); ${ACCEPTED}`,
          {
            cause: err,
          },
        ),
      )
    }
    zip.on('entry', (entry: Entry) => {
      try {
        const name = entryName(entry)
        if (/^(?:[^/]+\/)?Payload\//.test(name)) seen.payload = true
        if (isMainInfoPlistCandidate(name) && !candidates.has(name)) candidates.set(name, entry)
        zip.readEntry()
      } catch (err) {
        fail(err)
      }
    })
    zip.once('end', () => {
      resolve()
    })
    zip.once('error', fail)
    zip.readEntry()
  })
  const name = selectMainInfoPlist(candidates.keys())
  const entry = name === undefined ? undefined : candidates.get(name)
  if (name === undefined || entry === undefined) {
    const found = seen.payload ? 'a Payload/ folder but no <App>.app/Info.plist in it' : 'no Payload/ folder'
    throw new PackageError(`${path} has no Payload/<App>.app/Info.plist (found ${found}; ${ACCEPTED})`)
  }
  return { entry, name }
}

async function readEntry(path: string, zip: ZipFile, { entry, name }: NamedEntry): Promise<Buffer> {
  if (entry.uncompressedSize > MAX_INFO_PLIST_BYTES) {
    throw new PackageError(
      `${path}: ${name} is ${entry.uncompressedSize} bytes; an Info.plist larger than ${MAX_INFO_PLIST_BYTES} bytes is refused`,
    )
  }
  if (entry.isEncrypted()) throw new PackageError(`${path}: ${name} is encrypted; ${ACCEPTED}, unencrypted`)
  if (!entry.canDecodeFileData()) {
    throw new PackageError(
      `${path}: ${name} uses zip compression method ${entry.compressionMethod}; only stored (0) and deflate (8) ` +
        'are supported (re-export the IPA from Xcode)',
    )
  }
  try {
    const stream = await zip.openReadStreamPromise(entry)
    const chunks: Buffer[] = []
    let total = 0
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length
      if (total > MAX_INFO_PLIST_BYTES) {
        stream.destroy()
        throw new Error(`more than ${MAX_INFO_PLIST_BYTES} bytes`)
      }
      chunks.push(chunk)
    }
    return Buffer.concat(chunks, total)
  } catch (err) {
    throw new PackageError(
      `${path}: cannot read ${name} (${describeError(err)}); the zip archive is damaged`,
      {
        cause: err,
      },
    )
  }
}

/** Parses a binary (`bplist00`) or XML Info.plist. plist's parse() treats every Uint8Array as binary. */
export function parseInfoPlist(path: string, name: string, bytes: Uint8Array): InfoPlist {
  let value: PlistValue
  try {
    value = parsePlist(isBinaryPlist(bytes) ? bytes : checkedXml(decodeText(bytes)))
  } catch (err) {
    throw new PackageError(
      `${path}: ${name} is not a valid property list (${describeError(err)}); expected a binary or XML plist`,
      { cause: err },
    )
  }
  if (!isDictionary(value)) {
    throw new PackageError(`${path}: ${name} is not a property list dictionary; expected a <dict> at the top`)
  }
  return value
}

/**
 * xmldom (inside plist) prints malformed documents to console.error before throwing; check well-formedness with
 * the small parser first so a broken plist gives one clean PackageError and no noise in the job log.
 */
function checkedXml(text: string): string {
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('(')) return text // OpenStep (old-style) plist
  const root = parseXml(text)
  if (root.name !== 'plist') throw new Error(`root element is <${root.name}>, not <plist>`)
  return text
}

function isBinaryPlist(bytes: Uint8Array): boolean {
  return (
    Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 6)).toString('latin1') === 'bplist'
  )
}

function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return swapUtf16(bytes.subarray(2))
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  return new TextDecoder('utf-8').decode(bytes) // TextDecoder drops a UTF-8 BOM
}

function swapUtf16(bytes: Uint8Array): string {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)))
  swapped.swap16()
  return new TextDecoder('utf-16le').decode(swapped)
}

function isDictionary(value: PlistValue | undefined): value is InfoPlist {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  )
}

const REQUIRED_KEYS = ['CFBundleIdentifier', 'CFBundleShortVersionString', 'CFBundleVersion'] as const

export function contentsFromInfoPlist(path: string, name: string, info: InfoPlist): PackageContents {
  const [bundleId, version, buildNumber] = REQUIRED_KEYS.map((key) =>
    requiredString(path, name, info, key),
  ) as [string, string, string]
  const contents: PackageContents = { bundleId, version, buildNumber, platform: platformFromInfoPlist(info) }
  const encryption = booleanValue(own(info, 'ITSAppUsesNonExemptEncryption'))
  if (encryption !== undefined) contents.usesNonExemptEncryption = encryption
  return contents
}

function requiredString(path: string, name: string, info: InfoPlist, key: string): string {
  const value = own(info, key)
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    throw new PackageError(`${path}: ${name} has no ${key}; the app's Info.plist must set it`)
  }
  if (typeof value !== 'string') {
    throw new PackageError(
      `${path}: ${name} has a non-string ${key} (${typeName(value)}); it must be a string`,
    )
  }
  if (value.includes('$(')) {
    throw new PackageError(
      `${path}: ${name} has ${key} "${value}", an unexpanded build setting; build the archive with Xcode so it is set`,
    )
  }
  return value
}

function typeName(value: PlistValue): string {
  if (Array.isArray(value)) return 'array'
  if (value instanceof Date) return 'date'
  if (value instanceof Uint8Array) return 'data'
  return typeof value === 'object' ? 'dictionary' : typeof value
}

function booleanValue(value: PlistValue | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase()
    if (lower === 'yes' || lower === 'true') return true
    if (lower === 'no' || lower === 'false') return false
  }
  if (typeof value === 'number') return value !== 0
  return undefined
}

/**
 * The upload service's rules: UIDeviceFamily 3 is tvOS, 7 is visionOS; DTPlatformName and
 * CFBundleSupportedPlatforms say the same for apps that omit the family. macOS only for a Mac-style plist.
 */
export function platformFromInfoPlist(info: InfoPlist): Platform {
  const families = listOf(own(info, 'UIDeviceFamily')).map((v) => (typeof v === 'string' ? Number(v) : v))
  const dtName = own(info, 'DTPlatformName')
  const dtPlatform = typeof dtName === 'string' ? dtName.toLowerCase() : ''
  const supported = listOf(own(info, 'CFBundleSupportedPlatforms')).filter(
    (v): v is string => typeof v === 'string',
  )
  const tv = families.includes(3) || dtPlatform === 'appletvos' || supported.some((p) => /appletv/i.test(p))
  const vision = families.includes(7) || dtPlatform === 'xros' || supported.some((p) => /^xr/i.test(p))
  const mac = Object.hasOwn(info, 'LSMinimumSystemVersion') && !Object.hasOwn(info, 'MinimumOSVersion')
  if (tv) return 'tvos'
  if (vision) return 'visionos'
  if (mac) return 'macos'
  return 'ios'
}

/** Own keys only: a plist key named `__proto__` must not make other keys appear. */
function own(info: InfoPlist, key: string): PlistValue | undefined {
  return Object.hasOwn(info, key) ? info[key] : undefined
}

function listOf(value: PlistValue | undefined): PlistValue[] {
  if (value === undefined || value === null) return []
  return Array.isArray(value) ? value : [value]
}
