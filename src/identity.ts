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
    throw new Error(
      `The inputs disagree with the package${pkg ? ` ${pkg.fileName}` : ''}:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    )
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

/** One release of a run: its package (none with upload_method none and no ipa_path) and its identity. */
export interface PackageRelease {
  pkg: PackageMetadata | undefined
  identity: ReleaseIdentity
}

/**
 * The rules on several packages together, checked before any request. app_id names one app, so every
 * package must be of it. Two packages of one app and platform are refused: Apple reviews one App Store
 * version per platform at a time, each platform in its own review submission (ReviewSubmissionCreateRequest's
 * platform in the ASC OpenAPI spec; fastlane deliver submit_for_review.rb creates one per platform), and a
 * glob that also matches an old build is the usual cause.
 */
export function checkPackagesTogether(release: Settings['release'], packages: PackageRelease[]): void {
  const named = (p: PackageRelease) =>
    `${p.pkg?.fileName ?? 'the inputs'} (${p.identity.bundleId} ${p.identity.version} (${p.identity.buildNumber}) for ${p.identity.platform})`
  const bundleIds = [...new Set(packages.map((p) => p.identity.bundleId))]
  if (release.appId !== undefined && bundleIds.length > 1) {
    throw new Error(
      `'app_id' names one app, but the packages are of ${bundleIds.join(', ')}. Leave app_id out: each ` +
        "package's app is found by its bundle ID.",
    )
  }
  for (const [index, p] of packages.entries()) {
    const twin = packages
      .slice(0, index)
      .find((q) => q.identity.bundleId === p.identity.bundleId && q.identity.platform === p.identity.platform)
    if (twin) {
      throw new Error(
        `'ipa_path' names two packages of one app and platform: ${named(twin)} and ${named(p)}. Give one ` +
          'package per app and platform (Apple reviews one version per platform at a time).',
      )
    }
  }
}
