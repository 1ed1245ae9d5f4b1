import type { ReleaseContext } from '../context.js'
import { waitForVerdict, type ReviewReading } from '../shared/review-wait.js'
import type { AppStoreVersion, ReviewSubmission } from './resources.js'
import type { AppStoreResult } from './types.js'

/** Version states App Review leaves an approved version in (spec AppVersionState). */
const APPROVED_VERSION_STATES = new Set([
  'ACCEPTED',
  'PENDING_DEVELOPER_RELEASE',
  'PENDING_APPLE_RELEASE',
  'PROCESSING_FOR_DISTRIBUTION',
  'READY_FOR_DISTRIBUTION',
  'REPLACED_WITH_NEW_VERSION',
])
/** Version states of a rejection; DEVELOPER_REJECTED is a submission withdrawn in App Store Connect. */
const REJECTED_VERSION_STATES = new Set([
  'REJECTED',
  'METADATA_REJECTED',
  'INVALID_BINARY',
  'DEVELOPER_REJECTED',
])

/**
 * What a review submission and its version say about App Review. A submission Apple has finished with is
 * COMPLETE and the version carries the verdict (rorkai/App-Store-Connect-CLI#1347: a COMPLETE submission,
 * the version's state tells what became of it); a rejection leaves the submission UNRESOLVED_ISSUES until
 * the developer answers or cancels it (fastlane PR #19979; erayendes/app-store-connect-mcp#100), with the
 * version REJECTED or METADATA_REJECTED. Anything else is still in review (or being canceled).
 */
export function appReviewReading(
  submissionState: string | undefined,
  versionState: string | undefined,
): ReviewReading {
  const version = versionState ?? ''
  const state = submissionState
    ? `${submissionState} (version ${version || 'unknown'})`
    : `version ${version}`
  if (submissionState === 'UNRESOLVED_ISSUES') return { state, verdict: 'rejected' }
  // The two are read one after the other: a verdict counts once the submission is finished too.
  const finished = submissionState === undefined || submissionState === 'COMPLETE'
  if (finished && REJECTED_VERSION_STATES.has(version)) return { state, verdict: 'rejected' }
  if (finished && APPROVED_VERSION_STATES.has(version)) return { state, verdict: 'approved' }
  return { state, verdict: 'pending' }
}

export interface AppReviewOutcome {
  submissionState?: string
  versionState?: string
}

/**
 * wait_for_app_review: polls the review submission and its version until App Review's verdict. A
 * rejection fails, pointing at the Resolution Center (Apple gives no reasons through the API); the
 * states read are handed to `onState` as they come.
 */
export async function waitForAppReview(
  ctx: ReleaseContext,
  result: AppStoreResult,
  onState: (outcome: AppReviewOutcome) => void,
): Promise<AppReviewOutcome> {
  const outcome: AppReviewOutcome = {}
  const what = `App Store review of version ${result.versionString} for ${ctx.identity.platform}`
  const reading = await waitForVerdict({
    clock: ctx.clock,
    log: ctx.log,
    intervalMs: ctx.settings.wait.pollIntervalMs,
    timeoutMs: ctx.settings.appStore.waitForReviewMs,
    what,
    input: 'wait_for_app_review',
    onState: () => {
      onState(outcome)
    },
    read: async () => {
      // The version first: the submission, read last, is then at least as fresh as the version.
      const version = await ctx.client.get<AppStoreVersion>(`/v1/appStoreVersions/${result.versionId}`, {
        'fields[appStoreVersions]': 'appVersionState',
      })
      outcome.versionState = version.data.attributes?.appVersionState ?? undefined
      if (result.reviewSubmissionId) {
        const submission = await ctx.client.get<ReviewSubmission>(
          `/v1/reviewSubmissions/${result.reviewSubmissionId}`,
          { 'fields[reviewSubmissions]': 'state' },
        )
        outcome.submissionState = submission.data.attributes?.state ?? undefined
      }
      return appReviewReading(outcome.submissionState, outcome.versionState)
    },
  })
  if (reading.verdict === 'rejected') {
    throw new Error(
      `App Review did not approve version ${result.versionString}: review submission ` +
        `${reading.state}. Read Apple's reasons in App Store Connect > "${ctx.app.name}" > App Review ` +
        '(the Resolution Center), answer or fix them there, and submit again.',
    )
  }
  return outcome
}
