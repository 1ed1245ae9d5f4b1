// What the TestFlight step did: its modules fill it in, report/ renders it.

export interface TestFlightResult {
  exportCompliance?: 'declared-by-package' | 'set' | 'already-set' | 'missing'
  whatToTestLocales: string[]
  groups: { id: string; name: string; isInternal: boolean; added: boolean }[]
  betaReviewState?: string
  /** Builds waiting for Beta App Review that were expired to make way for this one. */
  replacedBuildIds: string[]
  expiredBuildIds: string[]
  /** A notification was sent for a build that had reached testers unannounced. */
  notificationSent: boolean
}
