import type { AppStoreResult } from '../appstore/index.js'
import type { FoundApp } from '../asc/apps.js'
import type { ReleaseIdentity } from '../identity.js'
import type { TestFlightResult } from '../testflight/index.js'
import type { UploadResult } from '../upload/index.js'
import type { ProcessedBuild } from '../wait/index.js'

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

/** What the run learned and did; main fills it in, report/ turns it into outputs and the job summary. */
export class RunReport {
  readonly steps: StepRecord[] = []
  readonly outputs: Partial<Record<OutputName, string>> = {}
  readonly plan: PlanItem[] = []
  dryRun = false
  app?: FoundApp
  identity?: ReleaseIdentity
  packageFile?: { name: string; sizeBytes: number }
  upload?: UploadResult
  processing?: ProcessedBuild
  testflight?: TestFlightResult
  appStore?: AppStoreResult
  failure?: { step: string; message: string }

  setOutput(name: OutputName, value: string | undefined): void {
    if (value !== undefined && value !== '') this.outputs[name] = value
  }
}
