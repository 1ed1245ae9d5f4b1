/** App Store version and review resources, as in Apple's OpenAPI spec 4.4.1. */
import type { Resource } from '../asc/resources.js'

export type AppStoreVersion = Resource<
  'appStoreVersions',
  {
    platform?: string
    versionString?: string
    appVersionState?: string
    /** Deprecated by appVersionState (fastlane#21890); read only when appVersionState is absent. */
    appStoreState?: string
    releaseType?: string | null
    earliestReleaseDate?: string | null
    copyright?: string | null
    createdDate?: string
  }
>

export type VersionLocalization = Resource<
  'appStoreVersionLocalizations',
  { locale?: string; whatsNew?: string | null }
>

export type PhasedRelease = Resource<
  'appStoreVersionPhasedReleases',
  { phasedReleaseState?: string; startDate?: string; totalPauseDuration?: number; currentDayNumber?: number }
>

export type ReviewSubmission = Resource<
  'reviewSubmissions',
  { platform?: string; state?: string; submittedDate?: string }
>

/** States in which a version's metadata and build can still be changed (the list). */
export const EDITABLE_STATES = new Set([
  'PREPARE_FOR_SUBMISSION',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'METADATA_REJECTED',
  'INVALID_BINARY',
])

/** A version in these states has been submitted: App Review has it, or will soon. */
export const IN_REVIEW_STATES = new Set(['WAITING_FOR_REVIEW', 'IN_REVIEW', 'WAITING_FOR_EXPORT_COMPLIANCE'])

/** A version that reached users; an app without one is on its first version (no What's New). */
export const RELEASED_STATES = new Set([
  'READY_FOR_DISTRIBUTION',
  'PROCESSING_FOR_DISTRIBUTION',
  'REPLACED_WITH_NEW_VERSION',
])

/** Review submissions that are not finished; canceled ones still hold their items until COMPLETE. */
export const OPEN_SUBMISSION_STATES = [
  'READY_FOR_REVIEW',
  'WAITING_FOR_REVIEW',
  'IN_REVIEW',
  'UNRESOLVED_ISSUES',
  'CANCELING',
  'COMPLETING',
]

/**
 * A canceled submission passes CANCELING, then COMPLETING, before it is COMPLETE; until then Apple allows
 * no new one (spec enum; microsoft/asconnect version_client.py; codemagic submit_to_app_store_action.py).
 */
export const FINISHING_SUBMISSION_STATES = new Set(['CANCELING', 'COMPLETING'])
