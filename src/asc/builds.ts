import type { ReleaseIdentity } from '../identity.js'
import { toAscPlatform } from '../shared/platform.js'
import type { AscClient } from './client.js'
import type { Build } from './resources.js'

/**
 * The build with exactly this app, version, build number and platform. Build numbers repeat across
 * versions and platforms, so all four are matched.
 */
export async function findBuild(
  client: AscClient,
  appId: string,
  identity: ReleaseIdentity,
): Promise<Build | undefined> {
  const page = await client.get<Build[]>('/v1/builds', {
    'filter[app]': appId,
    'filter[version]': identity.buildNumber,
    'filter[preReleaseVersion.version]': identity.version,
    'filter[preReleaseVersion.platform]': toAscPlatform(identity.platform),
    limit: 2,
  })
  if (page.data.length > 1) {
    throw new Error(
      `App Store Connect has ${page.data.length} builds ${identity.version} (${identity.buildNumber}) for ${identity.platform}; expected one.`,
    )
  }
  return page.data[0]
}
