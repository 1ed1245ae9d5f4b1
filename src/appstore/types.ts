// What the App Store step did: its modules fill it in, report/ renders it.
import type { MediaResult } from '../media/types.js'
import type { ListingResult } from '../listing/types.js'

export type PhasedReleaseOutcome = 'created' | 'kept' | 'removed' | 'none'

export interface AppStoreResult {
  versionId: string
  versionString: string
  /** What became of the version: created, renamed from another version string, reused, or found in review. */
  versionAction: 'created' | 'updated' | 'reused' | 'in-review'
  previousVersionString?: string
  releaseType: string
  earliestReleaseDate?: string
  copyright?: string
  phasedRelease: PhasedReleaseOutcome
  whatsNewLocales: string[]
  whatsNewSkippedFirstVersion: boolean
  canceledSubmissionIds: string[]
  reviewSubmissionId: string
  reviewSubmissionState: string
  /** The version's state as wait_for_app_review last read it. */
  appVersionState?: string
  /** True when an earlier run had already submitted this version with this build: nothing was sent. */
  alreadySubmitted: boolean
  /** Screenshots and previews synced into the version before it was submitted. */
  media?: MediaResult[]
  /** The store listing from metadata_path, written to this version before it was submitted. */
  listing?: ListingResult
}
