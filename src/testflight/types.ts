// What the TestFlight step did: its modules fill it in, report/ renders it.

export interface TestFlightResult {
  exportCompliance?: 'declared-by-package' | 'set' | 'already-set' | 'missing'
  whatToTestLocales: string[]
  groups: { id: string; name: string; isInternal: boolean; added: boolean }[]
  betaReviewState?: string
  /** Groups created because create_missing_groups asked for them. */
  createdGroups: { id: string; name: string; isInternal: boolean }[]
  /** testers: e-mail addresses added to groups by this run (none on a rerun). */
  testersAdded: { email: string; group: string }[]
  /** The public link of the first external group, with public_link. */
  publicLink?: string
  /** Builds waiting for Beta App Review that were expired to make way for this one. */
  replacedBuildIds: string[]
  expiredBuildIds: string[]
  /** A notification was sent for a build that had reached testers unannounced. */
  notificationSent: boolean
}

/** One field of TestFlight's Test Information that a run changed, or a dry run would change. */
export interface TestInformationChange {
  /** A locale, or "Beta App Review" for the review details. */
  where: string
  field: string
  /** The value before; absent when it was empty. A secret shows as "(hidden)". */
  from?: string
  to: string
  /** The demo account password: its value is never recorded. */
  secret?: boolean
  /** The localization did not exist and is created. */
  create?: boolean
}

/** What the Test Information write did. */
export interface TestInformationResult {
  file: string
  changes: TestInformationChange[]
}
