import type { AscClient } from '../../asc/client.js'
import type { Build, BuildUpload } from '../../asc/resources.js'
import type { Logger } from '../../shared/log.js'
import { toAscPlatform, type Platform } from '../../shared/platform.js'
import { compareBuildNumbers, parseBuildNumber, type BuildNumber } from './numbers.js'

/**
 * Uploads whose build number is taken: under way or done. A FAILED upload leaves its number free, as
 * rorkai/App-Store-Connect-CLI counts it (builds_latest.go asks for AWAITING_UPLOAD, PROCESSING, COMPLETE).
 */
const TAKING_UPLOAD_STATES = ['AWAITING_UPLOAD', 'PROCESSING', 'COMPLETE']

export interface Highest {
  number: BuildNumber
  text: string
  source: 'build' | 'upload'
}

export interface Scope {
  appId: string
  platform: Platform
  /** Only this version's builds and uploads; all versions when undefined. */
  version?: string
}

/**
 * The highest build number App Store Connect holds in the scope: every build (processed, processing or
 * expired: Apple refuses its number again) and every upload still under way, which has no build yet and
 * would otherwise be missed. All pages are read.
 */
export async function highestBuildNumber(
  client: AscClient,
  scope: Scope,
  log: Logger,
): Promise<Highest | undefined> {
  const platform = toAscPlatform(scope.platform)
  const [builds, uploads] = await Promise.all([
    client.getAll<Build>('/v1/builds', {
      'filter[app]': scope.appId,
      'filter[preReleaseVersion.platform]': platform,
      'filter[preReleaseVersion.version]': scope.version,
      'fields[builds]': 'version',
    }),
    client.getAll<BuildUpload>(`/v1/apps/${scope.appId}/buildUploads`, {
      'filter[platform]': platform,
      'filter[state]': TAKING_UPLOAD_STATES.join(','),
      'filter[cfBundleShortVersionString]': scope.version,
      'fields[buildUploads]': 'cfBundleShortVersionString,cfBundleVersion,platform,state',
    }),
  ])
  const candidates: { text: string; source: Highest['source'] }[] = [
    ...builds.data.map((b) => ({ text: b.attributes?.version ?? '', source: 'build' as const })),
    // The filters are the spec's; the attributes are checked too, so no other platform's number counts.
    ...uploads.data
      .filter((u) => (u.attributes?.platform ?? platform) === platform)
      .filter((u) => TAKING_UPLOAD_STATES.includes(u.attributes?.state?.state ?? 'COMPLETE'))
      .map((u) => ({ text: u.attributes?.cfBundleVersion ?? '', source: 'upload' as const })),
  ]
  log.info(`Read ${builds.data.length} build(s) and ${uploads.data.length} upload(s) under way or done.`)
  let highest: Highest | undefined
  for (const { text, source } of candidates) {
    const number = parseBuildNumber(text)
    if (number === undefined) {
      log.warning(`Skipped a ${source} whose build number '${text}' is not one to three integers.`)
      continue
    }
    // On a tie the build wins: an upload that became a build is both.
    const cmp = highest === undefined ? 1 : compareBuildNumbers(number, highest.number)
    if (cmp > 0 || (cmp === 0 && source === 'build' && highest?.source === 'upload')) {
      highest = { number, text, source }
    }
  }
  return highest
}
