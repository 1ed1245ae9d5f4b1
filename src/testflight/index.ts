import type { ReleaseContext } from '../context.js'
import type { Settings } from '../settings.js'
import type { ProcessedBuild } from '../wait/index.js'

export interface TestFlightResult {
  exportCompliance?: 'declared-by-package' | 'set' | 'already-set' | 'missing'
  whatToTestLocales: string[]
  groups: { id: string; name: string; isInternal: boolean; added: boolean }[]
  betaReviewState?: string
  expiredBuildIds: string[]
  testersNotified: boolean
}

/** Hands the processed build to testers (issue: distribute in TestFlight). */
export function distributeInTestFlight(
  _ctx: ReleaseContext,
  _build: ProcessedBuild,
): Promise<TestFlightResult> {
  return Promise.reject(new Error('TestFlight distribution is not available in this version yet.'))
}

/** Whether the inputs ask for any TestFlight step. */
export function wantsTestFlight(settings: Settings): boolean {
  const tf = settings.testflight
  return (
    tf.groups.length > 0 ||
    tf.submitForReview ||
    tf.expirePreviousBuilds ||
    tf.whatToTest.length > 0 ||
    tf.usesNonExemptEncryption !== undefined
  )
}
