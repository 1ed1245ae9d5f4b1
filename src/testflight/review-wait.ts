import type { BetaAppReviewSubmission } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { waitForVerdict, type ReviewReading } from '../shared/review-wait.js'

/** betaReviewState: WAITING_FOR_REVIEW and IN_REVIEW wait; APPROVED and REJECTED are Apple's verdicts (spec enum). */
export function betaReviewReading(state: string | undefined): ReviewReading {
  const shown = state ?? 'WAITING_FOR_REVIEW'
  if (shown === 'APPROVED') return { state: shown, verdict: 'approved' }
  if (shown === 'REJECTED') return { state: shown, verdict: 'rejected' }
  return { state: shown, verdict: 'pending' }
}

/**
 * wait_for_beta_review: polls the build's Beta App Review submission until Apple's verdict. A rejection
 * fails, saying where Apple gives its reasons; the final state is handed to `onState` as it is read.
 */
export async function waitForBetaReview(
  ctx: ReleaseContext,
  buildId: string,
  onState: (state: string) => void,
): Promise<string> {
  const { version, buildNumber } = ctx.identity
  const reading = await waitForVerdict({
    clock: ctx.clock,
    log: ctx.log,
    intervalMs: ctx.settings.wait.pollIntervalMs,
    timeoutMs: ctx.settings.testflight.waitForReviewMs,
    what: `Beta App Review of build ${version} (${buildNumber})`,
    input: 'wait_for_beta_review',
    onState,
    read: async () => {
      const page = await ctx.client.get<BetaAppReviewSubmission[]>('/v1/betaAppReviewSubmissions', {
        'filter[build]': buildId,
        'fields[betaAppReviewSubmissions]': 'betaReviewState',
      })
      return betaReviewReading(page.data[0]?.attributes?.betaReviewState ?? undefined)
    },
  })
  if (reading.verdict === 'rejected') {
    throw new Error(
      `Beta App Review rejected build ${version} (${buildNumber}) (betaReviewState ${reading.state}). Apple's ` +
        `reasons are in App Store Connect > "${ctx.app.name}" > TestFlight > the build, and in the e-mail Apple ` +
        'sent to the team; fix what they name and submit a new build.',
    )
  }
  return reading.state
}
