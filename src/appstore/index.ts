import type { ReleaseContext } from '../context.js'
import { applyListing } from '../listing/index.js'
import { wantsListing } from '../settings/metadata.js'
import { toAscPlatform } from '../shared/platform.js'
import type { ProcessedBuild } from '../wait/types.js'
import { setPhasedRelease } from './phased-release.js'
import { findSubmitted, isFirstVersion, phasedReleaseOf, readSituation } from './situation.js'
import { settleSubmissions, submitForReview } from './submission.js'
import { prepareVersion } from './version.js'
import type { AppStoreResult } from './types.js'
import { setWhatsNew } from './whats-new.js'

/**
 * Takes the processed build to App Store review: settles open submissions, prepares the editable version
 * (release settings, build, What's New, phased release) and submits it through a review submission.
 * A rerun finds the version already in review with this build and changes nothing.
 */
export async function submitToAppStore(ctx: ReleaseContext, build: ProcessedBuild): Promise<AppStoreResult> {
  const platform = toAscPlatform(ctx.identity.platform)
  let situation = await readSituation(ctx.client, ctx.app.id, platform)

  const done = findSubmitted(situation, ctx.identity.version, (id) => id === build.buildId)
  if (done) {
    const { version, submission } = done
    const a = version.attributes ?? {}
    const state = submission?.attributes?.state ?? a.appVersionState ?? 'WAITING_FOR_REVIEW'
    ctx.log.info(
      `App Store version ${ctx.identity.version} is already ${a.appVersionState ?? 'in review'} with this build` +
        `${submission ? ` (review submission ${submission.id})` : ''}: nothing to submit again.`,
    )
    if (wantsListing(ctx.settings))
      ctx.log.info('Store listing: the version is in review, so metadata_path was left for the next version.')
    return {
      versionId: version.id,
      versionString: ctx.identity.version,
      versionAction: 'in-review',
      releaseType: a.releaseType ?? ctx.settings.appStore.releaseType,
      ...(a.earliestReleaseDate ? { earliestReleaseDate: a.earliestReleaseDate } : {}),
      ...(a.copyright ? { copyright: a.copyright } : {}),
      phasedRelease: phasedReleaseOf(situation, version.id) ? 'kept' : 'none',
      whatsNewLocales: [],
      whatsNewSkippedFirstVersion: false,
      canceledSubmissionIds: [],
      reviewSubmissionId: submission?.id ?? '',
      reviewSubmissionState: state,
      alreadySubmitted: true,
    }
  }

  const settled = await settleSubmissions(ctx, situation)
  // Canceling moves versions out of review (to DEVELOPER_REJECTED), so they are read again.
  if (settled.changed) situation = await readSituation(ctx.client, ctx.app.id, platform)

  const prepared = await prepareVersion(ctx, situation, build.buildId)
  const { version } = prepared
  // The listing goes on before What's New, which then finds the localizations it created (locales new to the version).
  const listing = wantsListing(ctx.settings)
    ? await applyListing(ctx, {
        id: version.id,
        versionString: ctx.identity.version,
        live: false,
        justPrepared: true,
      })
    : undefined
  const whatsNew = await setWhatsNew(
    ctx,
    version.id,
    ctx.identity.version,
    isFirstVersion(situation, version.id),
  )
  const phasedRelease = await setPhasedRelease(ctx, version.id, phasedReleaseOf(situation, version.id))
  // App Review needs the screenshots, so they are synced before the submission.
  const media =
    (ctx.settings.media.screenshots ?? ctx.settings.media.previews)
      ? await (await import('../media/index.js')).syncMedia(ctx, version.id)
      : undefined
  const submission = await submitForReview(ctx, version, platform, settled.reusable, whatsNew.names)

  const { releaseType, earliestReleaseDate, copyright } = ctx.settings.appStore
  return {
    versionId: version.id,
    versionString: ctx.identity.version,
    versionAction: prepared.action,
    ...(prepared.previousVersionString ? { previousVersionString: prepared.previousVersionString } : {}),
    releaseType,
    ...(releaseType === 'SCHEDULED' && earliestReleaseDate
      ? { earliestReleaseDate: earliestReleaseDate.toISOString() }
      : {}),
    ...(copyright !== undefined ? { copyright } : {}),
    phasedRelease,
    whatsNewLocales: whatsNew.locales,
    whatsNewSkippedFirstVersion: whatsNew.skippedFirstVersion,
    canceledSubmissionIds: settled.canceledIds,
    reviewSubmissionId: submission.id,
    reviewSubmissionState: submission.attributes?.state ?? 'WAITING_FOR_REVIEW',
    alreadySubmitted: false,
    ...(media ? { media } : {}),
    ...(listing ? { listing } : {}),
  }
}
