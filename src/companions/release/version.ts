import { relatedId } from '../../asc/resources.js'
import type { AscClient } from '../../asc/client.js'
import type { AppStoreVersion, PhasedRelease } from '../../appstore/resources.js'
import { stateOf } from '../../appstore/situation.js'
import { toAscPlatform, type Platform } from '../../shared/platform.js'

/** An App Store version as the release companion sees it: its state and its phased release, if it has one. */
export interface VersionStatus {
  versionString: string
  versionId: string
  /** In appVersionState's words (the deprecated appStoreState only when that is absent). */
  state: string
  phased?: PhasedRelease
}

/** The app's App Store version `versionString` for `platform`, with its phased release, in one request. */
export async function readVersionStatus(
  client: AscClient,
  appId: string,
  platform: Platform,
  versionString: string,
): Promise<VersionStatus> {
  const { data, included } = await client.getAll<AppStoreVersion>(`/v1/apps/${appId}/appStoreVersions`, {
    'filter[platform]': toAscPlatform(platform),
    'filter[versionString]': versionString,
    include: 'appStoreVersionPhasedRelease',
  })
  const version = data.find((v) => v.attributes?.versionString === versionString)
  if (!version) {
    throw new Error(
      `App Store Connect has no App Store version ${versionString} for ${platform}. Check app_version and ` +
        'platform; a version exists once a build of it was submitted (or it was created in App Store Connect).',
    )
  }
  const phasedId = relatedId(version, 'appStoreVersionPhasedRelease')
  const phased = included.find(
    (r): r is PhasedRelease => r.type === 'appStoreVersionPhasedReleases' && r.id === phasedId,
  )
  return { versionString, versionId: version.id, state: stateOf(version), phased }
}

/** The phased release's state, or undefined without one. */
export const phasedStateOf = (status: VersionStatus): string | undefined =>
  status.phased ? (status.phased.attributes?.phasedReleaseState ?? 'INACTIVE') : undefined
