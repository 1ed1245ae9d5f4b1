// Beta App Review that ends: a submission goes from WAITING_FOR_REVIEW through IN_REVIEW to a verdict. Real
// reviews take hours, so by default they never end here; a scenario picks the verdict and how long it takes
// on the simulator's clock. (App Review's verdict is domains/appstore.ts's: `appReviewVerdict`, `decideReview`.)
import type { SimulatorStore } from '../seed.js'

export type ReviewOutcome = 'none' | 'approve' | 'reject'

export interface ReviewScenario {
  /** Beta App Review's verdict: 'none' (default) keeps submissions waiting, as a real review does for hours. */
  betaReviewOutcome: ReviewOutcome
  /** Time from submission to the verdict; IN_REVIEW from half of it (default 1000). */
  betaReviewMs: number
}

export const REVIEW_SCENARIO_DEFAULTS: ReviewScenario = {
  betaReviewOutcome: 'none',
  betaReviewMs: 1000,
}

const UNDER_REVIEW = new Set(['WAITING_FOR_REVIEW', 'IN_REVIEW'])

/** The state a review reaches `now`, `ms` after it was submitted, or undefined to leave it as it is. */
function reviewStep(submittedAt: number, now: number, ms: number): 'IN_REVIEW' | 'DONE' | undefined {
  if (Number.isNaN(submittedAt)) return undefined
  if (now >= submittedAt + ms) return 'DONE'
  if (now >= submittedAt + ms / 2) return 'IN_REVIEW'
  return undefined
}

export function installReviewLifecycle(store: SimulatorStore, scenario: () => ReviewScenario): void {
  store.onRefresh((now) => {
    const s = scenario()
    if (s.betaReviewOutcome !== 'none') {
      for (const submission of store.list('betaAppReviewSubmissions')) {
        const a = submission.attributes
        if (!UNDER_REVIEW.has(a.betaReviewState)) continue
        const step = reviewStep(Date.parse(a.submittedDate), now, s.betaReviewMs)
        if (step === 'IN_REVIEW') a.betaReviewState = 'IN_REVIEW'
        if (step === 'DONE') a.betaReviewState = s.betaReviewOutcome === 'approve' ? 'APPROVED' : 'REJECTED'
      }
    }
  })
}
