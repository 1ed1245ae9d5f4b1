import type { AppStoreResult } from '../appstore/types.js'
import type { FoundApp } from '../asc/apps.js'
import type { RateLimit } from '../asc/rate-limit.js'
import type { ReleaseIdentity } from '../identity.js'
import type { ListingResult } from '../listing/types.js'
import type { MediaResult } from '../media/types.js'
import type { TestFlightResult, TestInformationResult } from '../testflight/types.js'
import type { UploadResult } from '../upload/types.js'
import type { ProcessedBuild } from '../wait/types.js'

export const OUTPUT_NAMES = [
  'app_id',
  'bundle_id',
  'app_version',
  'build_number',
  'platform',
  'build_upload_id',
  'build_id',
  'processing_state',
  'beta_groups',
  'beta_review_state',
  'app_store_version_id',
  'review_submission_id',
  'review_submission_state',
  'results',
  'public_link',
  'rate_limit_remaining',
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

export interface StepRecord {
  name: string
  status: 'done' | 'failed'
  durationMs: number
  /** The package's file name, when the run releases several. */
  package?: string
}

/** One line of the dry-run plan: what would be done, and the read-only check of its precondition. */
export interface PlanItem {
  step: string
  action: string
  check?: { ok: boolean; detail: string }
  /** The package's file name, when the run releases several. */
  package?: string
}

/** What the run learned and did for one package (or for the one build named by the inputs). */
export interface PackageRecord {
  app?: FoundApp
  identity?: ReleaseIdentity
  packageFile?: { name: string; sizeBytes: number }
  upload?: UploadResult
  processing?: ProcessedBuild
  testInformation?: TestInformationResult
  testflight?: TestFlightResult
  appStore?: AppStoreResult
  media?: MediaResult[]
  /** The store listing step, when it ran without the App Store step (submit_to_app_store false). */
  listing?: ListingResult
}
// A Record over PackageRecord's keys, so that a field added there must be named here too (else startPackage
// would carry it into the next package).
const RECORD_FIELD_SET: Record<keyof PackageRecord, true> = {
  app: true,
  identity: true,
  packageFile: true,
  upload: true,
  processing: true,
  testInformation: true,
  testflight: true,
  appStore: true,
  media: true,
  listing: true,
}
const RECORD_FIELDS = Object.keys(RECORD_FIELD_SET) as (keyof PackageRecord)[]

// The class takes PackageRecord's fields through declaration merging, so they are listed once.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface RunReport extends PackageRecord {}
/**
 * What the run learned and did. main fills it in as the story goes; report/ derives the outputs and the
 * job summary from it, and saves it as it goes so the post step can summarise a run that was stopped.
 * Its PackageRecord fields are the package under way; with several packages, the ones released before it
 * are in `earlierPackages` (see `packageRecords`).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class RunReport {
  readonly steps: StepRecord[] = []
  readonly plan: PlanItem[] = []
  dryRun = false
  /** The step under way, or the last one begun: a failure outside any step belongs to it. */
  currentStep = 'Settings'
  /** Set by the post step: main ended (cancelled, killed) before it wrote the summary. */
  interrupted = false
  /** The key's hourly budget as the last answer gave it: one key, one budget for the whole run. */
  rateLimit?: RateLimit
  failure?: { step: string; message: string; package?: string }
  /** The file name of the package under way, when the run releases several. */
  currentPackage?: string
  /** The packages released before the one under way, in order. */
  earlierPackages: PackageRecord[] = []

  /** Whether the run releases several packages (ipa_path names more than one). */
  releasesSeveral(): boolean {
    return this.currentPackage !== undefined || this.earlierPackages.length > 0
  }

  /** Records the first failure, against the step (and package) under way; returns its message. */
  fail(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error)
    this.failure ??= { step: this.currentStep, message, ...this.packageLabel() }
    return this.failure.message
  }

  /** `{ package }` while one of several packages is under way, else nothing: one-package records keep their shape. */
  packageLabel(): { package?: string } {
    return this.currentPackage === undefined ? {} : { package: this.currentPackage }
  }

  /** Starts the next of several packages: the record of the one under way joins `earlierPackages`. */
  startPackage(label: string, sizeBytes: number): void {
    if (this.currentPackage !== undefined) {
      this.earlierPackages.push(currentRecord(this))
      Object.assign(this, Object.fromEntries(RECORD_FIELDS.map((field) => [field, undefined])))
    }
    this.currentPackage = label
    this.packageFile = { name: label, sizeBytes }
  }
}

function currentRecord(report: PackageRecord): PackageRecord {
  return Object.fromEntries(
    RECORD_FIELDS.filter((field) => report[field] !== undefined).map((field) => [field, report[field]]),
  )
}

/** Every package's record in ipa_path order: the earlier ones, then the one under way (when it got anywhere). */
export function packageRecords(report: RunReport): PackageRecord[] {
  const current = currentRecord(report)
  return Object.keys(current).length > 0 ? [...report.earlierPackages, current] : [...report.earlierPackages]
}
