import type { BuildProcessingState } from '../asc/resources.js'

// What the upload step did: its modules fill it in, report/ renders it.

export interface UploadResult {
  method: 'api' | 'altool' | 'none'
  buildUploadId?: string
  /** Known when App Store Connect already shows the build; otherwise the processing wait finds it. */
  buildId?: string
  /** The build's processing state, when the build was already there. */
  processingState?: BuildProcessingState
  /** altool's delivery UUID. */
  deliveryUuid?: string
  /** What an earlier run had already done, when this run found it. */
  reused?: 'build' | 'upload'
  bytesSent: number
  sendMs: number
}
