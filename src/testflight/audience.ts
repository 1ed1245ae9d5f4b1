import type { BetaGroup, Build } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { isExternal } from './groups.js'

/**
 * Refuses, before anything changes, to send an internal-only build where external testers would get it:
 * a build exported for "TestFlight Internal Only" has buildAudienceType INTERNAL_ONLY and no external
 * testing (botiverse/hands `assertBuildCanDistribute`; the evidence is thin, so only that value refuses).
 */
export async function assertExternalTestingAllowed(
  ctx: ReleaseContext,
  buildId: string,
  groups: BetaGroup[],
): Promise<void> {
  const external = groups.filter(isExternal)
  const wanted = [
    ...external.map((g) => `external group "${g.attributes?.name ?? g.id}"`),
    ...(ctx.settings.testflight.submitForReview ? ['submit_to_testflight (Beta App Review)'] : []),
  ]
  if (wanted.length === 0) return
  const build = (
    await ctx.client.get<Build>(`/v1/builds/${buildId}`, { 'fields[builds]': 'buildAudienceType' })
  ).data
  if (build.attributes?.buildAudienceType !== 'INTERNAL_ONLY') return
  throw new Error(
    `The build was exported for internal testing only (buildAudienceType INTERNAL_ONLY), so it cannot go ` +
      `to external testers: ${wanted.join(', ')}. Export the archive again without Xcode's ` +
      `"TestFlight Internal Only" option (testFlightInternalTestingOnly in ExportOptions.plist) with a new ` +
      'build number, or use only internal groups and leave submit_to_testflight false.',
  )
}
