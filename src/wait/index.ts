import type { ReleaseContext } from '../context.js'
import type { BuildProcessingState } from '../asc/resources.js'

export interface ProcessedBuild {
  buildId: string
  processingState: BuildProcessingState
  /** Time spent waiting for the build to appear, then for processing (and beta details) to end. */
  appearMs: number
  processingMs: number
}

/** Waits for the build to appear and finish processing (issue: wait for processing). */
export function waitForProcessing(
  _ctx: ReleaseContext,
  _buildId: string | undefined,
): Promise<ProcessedBuild> {
  return Promise.reject(new Error('wait_for_processing is not available in this version yet.'))
}
