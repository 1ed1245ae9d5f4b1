import type { AppStoreResult } from '../appstore/types.js'
import type { FoundApp } from '../asc/apps.js'
import type { RateLimit } from '../asc/rate-limit.js'
import type { ReleaseIdentity } from '../identity.js'
import type { TestFlightResult } from '../testflight/types.js'
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
  'public_link',
  'rate_limit_remaining',
] as const
export type OutputName = (typeof OUTPUT_NAMES)[number]

export interface StepRecord {
  name: string
  status: 'done' | 'failed'
  durationMs: number
}

/** One line of the dry-run plan: what would be done, and the read-only check of its precondition. */
export interface PlanItem {
  step: string
  action: string
  check?: { ok: boolean; detail: string }
}

/**
 * What the run learned and did. main fills it in as the story goes; report/ derives the outputs and the
 * job summary from it, and saves it as it goes so the post step can summarise a run that was stopped.
 */
export class RunReport {
  readonly steps: StepRecord[] = []
  readonly plan: PlanItem[] = []
  dryRun = false
  /** The step under way, or the last one begun: a failure outside any step belongs to it. */
  currentStep = 'Settings'
  /** Set by the post step: main ended (cancelled, killed) before it wrote the summary. */
  interrupted = false
  app?: FoundApp
  identity?: ReleaseIdentity
  packageFile?: { name: string; sizeBytes: number }
  upload?: UploadResult
  processing?: ProcessedBuild
  testflight?: TestFlightResult
  appStore?: AppStoreResult
  /** The key's hourly budget as the last answer gave it. */
  rateLimit?: RateLimit
  failure?: { step: string; message: string }

  /** Records the first failure, against the step under way; returns its message. */
  fail(error: unknown): string {
    const message = error instanceof Error ? error.message : String(error)
    this.failure ??= { step: this.currentStep, message }
    return this.failure.message
  }
}
