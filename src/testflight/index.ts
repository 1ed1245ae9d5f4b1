import type { ReleaseContext } from '../context.js'
import type { ProcessedBuild } from '../wait/types.js'
import { assertExternalTestingAllowed } from './audience.js'
import { answerExportCompliance } from './compliance.js'
import { expirePreviousBuilds } from './expire.js'
import {
  addToGroups,
  audienceProblem,
  createGroups,
  plannedGroups,
  resolveGroups,
  setNotification,
} from './groups.js'
import { setWhatToTest } from './notes.js'
import { enablePublicLinks } from './public-link.js'
import { submitForBetaReview } from './review.js'
import { addTesters } from './testers.js'
import type { TestFlightResult } from './types.js'

/**
 * Hands the processed build to testers. Every step reads before it writes, so a rerun changes nothing
 * that is already as asked.
 */
export async function distributeInTestFlight(
  ctx: ReleaseContext,
  build: ProcessedBuild,
): Promise<TestFlightResult> {
  const tf = ctx.settings.testflight
  // Unknown groups, an audience without an external group and an internal-only build going external
  // fail here, before anything changes.
  const lookup = await resolveGroups(ctx)
  const planned = plannedGroups(lookup, tf.createMissingGroups)
  const problem = audienceProblem(ctx.settings, planned)
  if (problem !== undefined) throw new Error(problem)
  await assertExternalTestingAllowed(ctx, build.buildId, planned)
  const created = await createGroups(ctx, lookup.toCreate)
  const groups = [...lookup.groups, ...created]

  const exportCompliance = await answerExportCompliance(ctx, build.buildId)
  const whatToTestLocales = await setWhatToTest(ctx, build.buildId)
  const announce = await setNotification(ctx, build.buildId)
  const groupResults = await addToGroups(ctx, build.buildId, groups)
  const testersAdded = await addTesters(ctx, groups)
  const publicLink = await enablePublicLinks(ctx, groups)
  const notifyHolders = announce && groupResults.some((g) => !g.added)
  if (notifyHolders) {
    // Testers who already had the build were never told; tell them once.
    await ctx.client.post('/v1/buildBetaNotifications', {
      data: {
        type: 'buildBetaNotifications',
        relationships: { build: { data: { type: 'builds', id: build.buildId } } },
      },
    })
  }

  const betaReview = tf.submitForReview ? await submitForBetaReview(ctx, build.buildId) : undefined
  if (!tf.submitForReview && groupResults.some((g) => !g.isInternal)) {
    ctx.log.warning(
      'External groups only get a build after Beta App Review approves it: set submit_to_testflight: true, ' +
        'or submit the build in App Store Connect.',
    )
  }
  const expiredBuildIds = tf.expirePreviousBuilds ? await expirePreviousBuilds(ctx, build.buildId) : []
  return {
    exportCompliance,
    whatToTestLocales,
    groups: groupResults,
    createdGroups: created.map((g) => ({
      id: g.id,
      name: g.attributes?.name ?? '',
      isInternal: g.attributes?.isInternalGroup === true,
    })),
    testersAdded,
    ...(publicLink !== undefined ? { publicLink } : {}),
    betaReviewState: betaReview?.state,
    replacedBuildIds: betaReview?.replacedBuildIds ?? [],
    expiredBuildIds,
    notificationSent: notifyHolders,
  }
}
