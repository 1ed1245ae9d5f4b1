import type { PackageMetadata } from './package/index.js'
import type { Platform } from './shared/platform.js'
import type { Settings } from './settings/settings.js'

/** Exactly which build this run is about: never by build number alone (it repeats across versions). */
export interface ReleaseIdentity {
  bundleId: string
  version: string
  buildNumber: string
  platform: Platform
}

const FIELDS = [
  ['bundleId', 'bundle_id', 'CFBundleIdentifier'],
  ['version', 'app_version', 'CFBundleShortVersionString'],
  ['buildNumber', 'build_number', 'CFBundleVersion'],
  ['platform', 'platform', 'platform'],
] as const

/**
 * Inputs override nothing the package says: App Store Connect rejects an upload whose declared version
 * differs from its Info.plist, so a mismatch is reported now instead of after the upload.
 */
export function resolveIdentity(
  release: Settings['release'],
  pkg: PackageMetadata | undefined,
): ReleaseIdentity {
  const problems: string[] = []
  const value = (field: (typeof FIELDS)[number]): string | undefined => {
    const [key, input, plistKey] = field
    const given = release[key]
    const fromPackage = pkg?.[key]
    if (given !== undefined && fromPackage !== undefined && given !== fromPackage) {
      problems.push(`'${input}' is ${given}, but the package's ${plistKey} is ${fromPackage}`)
    }
    return given ?? fromPackage
  }
  const [bundleId, version, buildNumber, platform] = FIELDS.map(value)
  if (problems.length > 0) {
    throw new Error(`The inputs disagree with the package:\n${problems.map((p) => `- ${p}`).join('\n')}`)
  }
  if (version === undefined || buildNumber === undefined || platform === undefined) {
    throw new Error('The build is not fully identified: app_version, build_number and platform are needed.')
  }
  return {
    // The bundle ID may be unknown when only app_id was given; the app lookup fills it in.
    bundleId: bundleId ?? '',
    version,
    buildNumber,
    platform: platform as Platform,
  }
}
