import { findBuild } from '../asc/builds.js'
import type { BuildProcessingState } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { uploadWithAltool } from './altool.js'
import { uploadWithApi } from './api.js'

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

/** Gets the package into App Store Connect by the chosen method, or finds the build already there. */
export async function uploadBuild(ctx: ReleaseContext): Promise<UploadResult> {
  const { settings, pkg, identity, log } = ctx
  const method = settings.upload.method === 'none' || !pkg ? 'none' : settings.upload.method
  // Reruns start here: a build App Store Connect already has is never uploaded again.
  const build = await findBuild(ctx.client, ctx.app.id, identity)
  if (build) {
    const state = build.attributes?.processingState ?? 'unknown'
    log.info(
      method === 'none'
        ? `Acting on build ${build.id} (processing state ${state}).`
        : `Build ${identity.version} (${identity.buildNumber}) is already in App Store Connect ` +
            `(processing state ${state}): nothing to upload.`,
    )
    return {
      method,
      buildId: build.id,
      processingState: build.attributes?.processingState ?? undefined,
      ...(method === 'none' ? {} : { reused: 'build' as const }),
      bytesSent: 0,
      sendMs: 0,
    }
  }
  if (method === 'none' || !pkg) return { method: 'none', bytesSent: 0, sendMs: 0 }
  if (method === 'altool') return uploadWithAltool(ctx, pkg)
  const result = await uploadWithApi(ctx.client, {
    appId: ctx.app.id,
    identity,
    pkg,
    log,
    clock: ctx.clock,
    pollIntervalMs: settings.wait.pollIntervalMs,
    buildAppearTimeoutMs: settings.wait.buildAppearTimeoutMs,
  })
  return { method: 'api', ...result }
}
