import type { Platform } from '../shared/platform.js'
import { PlistError, parsePlist } from './plist.js'
import type { PlistDict, PlistValue } from './plist.js'
import { PackageError } from './types.js'
import type { PackageContents } from './types.js'

export type InfoPlist = PlistDict

/**
 * The app bundle an entry belongs to: `Payload/<Name>.app/`, optionally under one leading folder (hand-zipped
 * IPAs; fastlane's ipa_file_analyser tolerates it too), never under `__MACOSX/` or an AppleDouble name.
 */
export function appBundleOf(name: string): string | undefined {
  const match = /^(?:([^/]+)\/)?Payload\/([^/]+\.app)\//.exec(name)
  if (!match) return undefined
  const [bundle, leading, app] = match
  if (leading === '__MACOSX' || leading?.startsWith('._')) return undefined
  if (app === undefined || app === '.app' || app.startsWith('._')) return undefined
  return bundle
}

export type MainApp = { app: string; infoPlist: string } | { problem: string }

const ONE_APP = 'an .ipa must hold exactly one app, at Payload/<Name>.app/ with its Info.plist'

/**
 * The IPA's one app and its Info.plist, from the entry names. Two apps are refused rather than guessed between:
 * the one uploaded would depend on the order or length of their names.
 */
export function selectMainApp(names: Iterable<string>): MainApp {
  const apps = new Set<string>()
  const plists = new Set<string>()
  let payload = false
  for (const name of names) {
    if (/^(?:[^/]+\/)?Payload\//.test(name)) payload = true
    const app = appBundleOf(name)
    if (app === undefined) continue
    apps.add(app)
    if (name === `${app}Info.plist`) plists.add(name)
  }
  const [app, ...others] = [...apps].sort()
  if (app === undefined) {
    const found = payload ? 'a Payload/ folder with no <Name>.app in it' : 'no Payload/ folder'
    return { problem: `has no Payload/<Name>.app/ (found ${found}); ${ONE_APP}` }
  }
  if (others.length > 0) {
    const shown = [app, ...others].slice(0, 10).join(', ')
    return { problem: `holds ${others.length + 1} apps (${shown}); ${ONE_APP}` }
  }
  if (!plists.has(`${app}Info.plist`)) return { problem: `has no ${app}Info.plist; ${ONE_APP}` }
  return { app, infoPlist: `${app}Info.plist` }
}

/** Parses the Info.plist bytes (binary or XML, with limits) into its top-level dictionary. */
export async function parseInfoPlist(path: string, name: string, bytes: Uint8Array): Promise<InfoPlist> {
  let value: PlistValue
  try {
    value = await parsePlist(bytes)
  } catch (err) {
    if (!(err instanceof PlistError)) throw err
    throw new PackageError(`${path}: ${name} is not a valid property list (${err.message}); it is refused`, {
      cause: err,
    })
  }
  if (!isDictionary(value)) {
    throw new PackageError(`${path}: ${name} is not a property list dictionary; expected a <dict> at the top`)
  }
  return value
}

function isDictionary(value: PlistValue): value is InfoPlist {
  return (
    typeof value === 'object' &&
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
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
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
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}
