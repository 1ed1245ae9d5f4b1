import type { BuildProcessingState } from '../asc/resources.js'

// What the processing wait takes from the upload step and hands to the steps after it and to report/.

export interface ProcessedBuild {
  buildId: string
  processingState: BuildProcessingState
  /** Time spent waiting for the build to appear, then for processing (and beta details) to end. */
  appearMs: number
  processingMs: number
}

/** What the upload step left for the wait: the build if it saw it, else the upload to watch. */
export interface UploadOutcome {
  method: 'api' | 'altool' | 'none'
  buildId?: string
  buildUploadId?: string
}
