import { AscApiError, AscNetworkError } from '../asc/errors.js'
import type { BetaAppReviewSubmission, Build, Document } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { formatDuration } from '../shared/format.js'
import { toAscPlatform } from '../shared/platform.js'
import { retryWhile } from '../shared/poll.js'
import { EXPORT_COMPLIANCE_FIX } from './compliance.js'

/** What to do when Beta App Review finds Test Information missing; names the file when one was given. */
function testInformationFix(ctx: ReleaseContext): string {
  const fields =
    'the Beta App Description and Feedback Email, and the Beta App Review Information (contact first and ' +
    'last name, email, phone, and sign-in details if the app needs them)'
  const file = ctx.settings.testInformation?.file
  const where = file
    ? `Add what is missing to ${file} (beta_app_description, beta_app_feedback_email, beta_app_review_info), or fill in`
    : 'Give them in a test_information_file, or fill in'
  return (
    `${where} App Store Connect > TestFlight > Test Information for the app: ${fields}. ` +
    'Also give What to Test (release_notes) for the build.'
  )
}

/** How long the refusal that follows export compliance is retried (codemagic cli-tools#346). */
const SETTLE_TIMEOUT_MS = 5 * 60_000
const SETTLE_MAX_DELAY_MS = 30_000

/** Every shape Apple has refused missing test information with (fastlane#28630, #16294, #20723). */
const TEST_INFORMATION_MISSING = [
  /Beta App Description is missing/i,
  /Feedback Email is missing/i,
  /Missing required information to submit for external testing/i,
  /betaAppLocalizations? (not found|must exist)/i,
  /provide a value for the attribute '(contact|demoAccount)/i,
]
/** Apple's refusal while another build of the version is in Beta App Review (fastlane#12551). */
const ANOTHER_BUILD_IN_REVIEW = /another build is (already )?in review/i
/** Apple's refusal for a while after export compliance is set (codemagic cli-tools#346). */
const NOT_YET_PROCESSED = /not in a valid processing state/i

const REVIEW_STATES = ['WAITING_FOR_REVIEW', 'IN_REVIEW'] as const

export interface BetaReviewOutcome {
  state?: string
  /** Builds expired to make way for this one (replace_build_in_beta_review). */
  replacedBuildIds: string[]
}

/** The build's Beta App Review submission: the existing one, or a new one, with its state. */
export async function submitForBetaReview(ctx: ReleaseContext, buildId: string): Promise<BetaReviewOutcome> {
  const existing = await findSubmission(ctx, buildId)
  if (existing) {
    const state = existing.attributes?.betaReviewState ?? undefined
    ctx.log.info(`Beta App Review: already submitted (${state ?? 'unknown state'}).`)
    return { state, replacedBuildIds: [] }
  }
  try {
    return { state: await submit(ctx, buildId), replacedBuildIds: [] }
  } catch (error) {
    if (!(isAnotherBuildInReview(error) && ctx.settings.testflight.replaceBuildInBetaReview)) {
      throw await explain(ctx, buildId, error)
    }
    const expired = await expireBuildsWaitingForReview(ctx, buildId)
    if (expired.length === 0) throw await explain(ctx, buildId, error)
    try {
      return { state: await submit(ctx, buildId), replacedBuildIds: expired }
    } catch (retried) {
      throw await explain(ctx, buildId, retried)
    }
  }
}

/**
 * Creates the submission, retrying the refusal Apple answers for a while after export compliance. An
 * answer that may have been lost (network, 500) is settled by looking the submission up.
 */
async function submit(ctx: ReleaseContext, buildId: string): Promise<string | undefined> {
  try {
    const created = await retryWhile(
      {
        clock: ctx.clock,
        timeoutMs: SETTLE_TIMEOUT_MS,
        delayMs: Math.min(ctx.settings.wait.pollIntervalMs, 5_000),
        maxDelayMs: SETTLE_MAX_DELAY_MS,
        retryable: (error) =>
          error instanceof AscApiError && error.status === 422 && NOT_YET_PROCESSED.test(error.message)
            ? 'the build is not ready for Beta App Review yet'
            : undefined,
        onRetry: (reason, elapsedMs) =>
          ctx.log.info(`Beta App Review: ${reason} (${formatDuration(elapsedMs)} elapsed); retrying.`),
      },
      () =>
        ctx.client.post<Document<BetaAppReviewSubmission>>('/v1/betaAppReviewSubmissions', {
          data: {
            type: 'betaAppReviewSubmissions',
            relationships: { build: { data: { type: 'builds', id: buildId } } },
          },
        }),
    )
    const state = created.data.attributes?.betaReviewState ?? undefined
    ctx.log.info(`Beta App Review: submitted (${state ?? 'unknown state'}).`)
    return state
  } catch (error) {
    const ambiguous = error instanceof AscNetworkError || (error instanceof AscApiError && error.ambiguous)
    const found = ambiguous ? await findSubmission(ctx, buildId) : undefined
    if (!found) throw error
    const state = found.attributes?.betaReviewState ?? undefined
    ctx.log.info(`Beta App Review: submitted (${state ?? 'unknown state'}).`)
    return state
  }
}

const isAnotherBuildInReview = (error: unknown): boolean =>
  error instanceof AscApiError && ANOTHER_BUILD_IN_REVIEW.test(error.message)

/** The refusal as the user needs it: Apple's words, and what to do next for the refusals we know. */
async function explain(ctx: ReleaseContext, buildId: string, error: unknown): Promise<unknown> {
  if (!(error instanceof AscApiError)) return error
  const refused = (fix: string) =>
    new Error(`Beta App Review refused the build:\n${error.message}\n${fix}`, { cause: error })
  if (isAnotherBuildInReview(error)) {
    const others = await buildsInReview(ctx, buildId, { sameVersion: true })
    const named =
      others.length === 0
        ? 'another build'
        : others.map((b) => `build ${ctx.identity.version} (${b.version}), ${b.state}, id ${b.id}`).join('; ')
    const next = ctx.settings.testflight.replaceBuildInBetaReview
      ? 'A build already IN_REVIEW cannot be replaced: wait until its review ends, then run again.'
      : 'Wait until that review ends, or set replace_build_in_beta_review: true to expire the builds ' +
        'waiting for review and submit this one (a build already IN_REVIEW cannot be replaced).'
    return refused(
      `Another build of version ${ctx.identity.version} is in Beta App Review: ${named}. App Store Connect ` +
        `reviews one build of a version at a time. ${next}`,
    )
  }
  if (/export compliance|usesNonExemptEncryption/i.test(error.message)) return refused(EXPORT_COMPLIANCE_FIX)
  if (TEST_INFORMATION_MISSING.some((shape) => shape.test(error.message))) {
    return refused(testInformationFix(ctx))
  }
  if (error.status === 500) {
    // codemagic PR #118: missing test information is answered with a bare 500; the submission was looked up.
    return refused(
      `App Store Connect answers 500 here when the app's test information is incomplete. ${testInformationFix(ctx)}`,
    )
  }
  if (error.status === 422 && NOT_YET_PROCESSED.test(error.message)) {
    return refused(
      `The build was still not ready for Beta App Review after ${formatDuration(SETTLE_TIMEOUT_MS)}; ` +
        'run again later (the build, its notes and groups are already in place).',
    )
  }
  return refused('Check the build and the app in App Store Connect > TestFlight.')
}

interface BuildInReview {
  id: string
  version: string
  state: string
}

/** Other builds of this app and platform in Beta App Review; of this version only with `sameVersion`. */
async function buildsInReview(
  ctx: ReleaseContext,
  buildId: string,
  options: { sameVersion: boolean; states?: readonly string[] },
): Promise<BuildInReview[]> {
  const found: BuildInReview[] = []
  for (const state of options.states ?? REVIEW_STATES) {
    const { data } = await ctx.client.getAll<Build>('/v1/builds', {
      'filter[app]': ctx.app.id,
      'filter[preReleaseVersion.platform]': toAscPlatform(ctx.identity.platform),
      ...(options.sameVersion ? { 'filter[preReleaseVersion.version]': ctx.identity.version } : {}),
      'filter[expired]': 'false',
      'filter[betaAppReviewSubmission.betaReviewState]': state,
      'fields[builds]': 'version',
    })
    for (const b of data) {
      if (b.id !== buildId) found.push({ id: b.id, version: b.attributes?.version ?? b.id, state })
    }
  }
  return found
}

/**
 * replace_build_in_beta_review: expires the app's builds for this platform that wait for Beta App Review
 * (as fastlane's reject_build_waiting_for_review and codemagic's --expire-build-submitted-for-review do);
 * a build already in review, or any other build, is left alone.
 */
async function expireBuildsWaitingForReview(ctx: ReleaseContext, buildId: string): Promise<string[]> {
  const waiting = await buildsInReview(ctx, buildId, { sameVersion: false, states: ['WAITING_FOR_REVIEW'] })
  for (const build of waiting) {
    await ctx.client.patch(`/v1/builds/${build.id}`, {
      data: { type: 'builds', id: build.id, attributes: { expired: true } },
    })
  }
  if (waiting.length > 0) {
    ctx.log.info(
      `Beta App Review: expired ${waiting.map((b) => `build ${b.version}`).join(', ')}, which waited for review.`,
    )
  }
  return waiting.map((b) => b.id)
}

async function findSubmission(
  ctx: ReleaseContext,
  buildId: string,
): Promise<BetaAppReviewSubmission | undefined> {
  const page = await ctx.client.get<BetaAppReviewSubmission[]>('/v1/betaAppReviewSubmissions', {
    'filter[build]': buildId,
  })
  return page.data[0]
}
