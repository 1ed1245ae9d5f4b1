import type { ReleaseContext } from '../context.js'
import type { PackageMetadata } from '../package/index.js'
import type { UploadResult } from './index.js'

/** Uploads with `xcrun altool` on a macOS runner (issue: upload with xcrun altool). */
export function uploadWithAltool(_ctx: ReleaseContext, _pkg: PackageMetadata): Promise<UploadResult> {
  return Promise.reject(new Error('upload_method altool is not available in this version yet.'))
}
