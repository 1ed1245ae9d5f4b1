// Reviews that end: Beta App Review and App Review take a submission from WAITING_FOR_REVIEW through
// IN_REVIEW to a verdict. Real reviews take hours, so by default they never end here; a scenario picks the
// verdict and how long it takes on the simulator's clock.
import type { SimulatorStore } from '../seed.js'
import type { AttributesByType, StoredResource } from '../store.js'

export type ReviewOutcome = 'none' | 'approve' | 'reject'

export interface ReviewScenario {
  /** Beta App Review's verdict: 'none' (default) keeps submissions waiting, as a real review does for hours. */
  betaReviewOutcome: ReviewOutcome
  /** Time from submission to the verdict; IN_REVIEW from half of it (default 1000). */
  betaReviewMs: number
  /** App Review's verdict on submitted review submissions: 'none' (default) keeps them waiting. */
  appReviewOutcome: ReviewOutcome
  /** Time from submission to the verdict; IN_REVIEW from half of it (default 1000). */
  appReviewMs: number
}

export const REVIEW_SCENARIO_DEFAULTS: ReviewScenario = {
  betaReviewOutcome: 'none',
  betaReviewMs: 1000,
  appReviewOutcome: 'none',
  appReviewMs: 1000,
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
    if (s.appReviewOutcome !== 'none') {
      for (const submission of store.list('reviewSubmissions')) {
        const a = submission.attributes
        if (!UNDER_REVIEW.has(a.state) || a.submittedDate === undefined) continue
        const step = reviewStep(Date.parse(a.submittedDate), now, s.appReviewMs)
        if (step === 'IN_REVIEW') a.state = 'IN_REVIEW'
        if (step === 'DONE') endAppReview(store, submission, s.appReviewOutcome === 'approve', now)
      }
    }
  })
}

type Submission = StoredResource<AttributesByType['reviewSubmissions']>

/**
 * App Review's verdict as Apple shows it: an approved submission is COMPLETE and its version waits for
 * release as its releaseType says (PENDING_DEVELOPER_RELEASE for MANUAL, PENDING_APPLE_RELEASE for a
 * scheduled date, on sale for AFTER_APPROVAL); a rejected one stays UNRESOLVED_ISSUES with the version
 * REJECTED (rorkai/App-Store-Connect-CLI#1347, fastlane PR #19979).
 */
function endAppReview(store: SimulatorStore, submission: Submission, approved: boolean, now: number): void {
  submission.attributes.state = approved ? 'COMPLETE' : 'UNRESOLVED_ISSUES'
  if (approved) submission.internal['completedAt'] = now
  for (const item of store.related(submission, 'items')) {
    item.attributes['state'] = approved ? 'APPROVED' : 'REJECTED'
    for (const related of store.related(item, 'appStoreVersion')) {
      const version = related as StoredResource<AttributesByType['appStoreVersions']>
      const [storeState, versionState] = approved
        ? approvedStates(version.attributes, now)
        : ['REJECTED', 'REJECTED']
      version.attributes.appStoreState = storeState
      version.attributes.appVersionState = versionState
    }
  }
}

function approvedStates(v: AttributesByType['appStoreVersions'], now: number): [string, string] {
  if (v.releaseType === 'AFTER_APPROVAL') return ['READY_FOR_SALE', 'READY_FOR_DISTRIBUTION']
  if (v.releaseType === 'SCHEDULED' && v.earliestReleaseDate && Date.parse(v.earliestReleaseDate) > now)
    return ['PENDING_APPLE_RELEASE', 'PENDING_APPLE_RELEASE']
  if (v.releaseType === 'SCHEDULED') return ['READY_FOR_SALE', 'READY_FOR_DISTRIBUTION']
  return ['PENDING_DEVELOPER_RELEASE', 'PENDING_DEVELOPER_RELEASE']
}
