import type { ReleaseContext } from '../context.js'
import type { ProcessedBuild } from '../wait/index.js'

export interface AppStoreResult {
  versionId: string
  versionString: string
  releaseType: string
  earliestReleaseDate?: string
  phasedRelease: 'created' | 'kept' | 'removed' | 'none'
  whatsNewLocales: string[]
  reviewSubmissionId: string
  reviewSubmissionState: string
}

/** Takes the processed build to App Store review (issue: submit to the App Store). */
export function submitToAppStore(_ctx: ReleaseContext, _build: ProcessedBuild): Promise<AppStoreResult> {
  return Promise.reject(new Error('submit_to_app_store is not available in this version yet.'))
}
