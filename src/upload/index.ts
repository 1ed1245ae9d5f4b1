import { findBuild } from '../asc/builds.js'
import type { Build } from '../asc/resources.js'
import { relatedId } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import type { PackageMetadata } from '../package/index.js'
import { uploadWithAltool } from './altool.js'
import { assertSamePackage, DIFFERENT_PACKAGE, uploadWithApi } from './api.js'
import type { UploadResult } from './types.js'

/** Gets the package into App Store Connect by the chosen method, or finds the build already there. */
export async function uploadBuild(ctx: ReleaseContext): Promise<UploadResult> {
  const { settings, pkg, identity, log } = ctx
  const method = settings.upload.method === 'none' || !pkg ? 'none' : settings.upload.method
  // Reruns start here: a build App Store Connect already has is never uploaded again.
  const build = await findBuild(ctx.client, ctx.app.id, identity)
  if (build && method !== 'none' && pkg) await assertBuildHoldsPackage(ctx, build, pkg)
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
  })
  return { method: 'api', ...result }
}

/**
 * A build already there stands for this package only if it is this package: compared through its
 * upload's file (name and size). A build uploaded another way has no upload to compare: a warning.
 */
async function assertBuildHoldsPackage(
  ctx: ReleaseContext,
  build: Build,
  pkg: PackageMetadata,
): Promise<void> {
  const doc = await ctx.client.get<Build>(`/v1/builds/${build.id}`, { include: 'buildUpload' })
  const uploadId = relatedId(doc.data, 'buildUpload')
  if (uploadId) {
    await assertSamePackage(ctx.client, uploadId, { pkg, log: ctx.log })
    return
  }
  ctx.log.warning(
    `Cannot tell whether build ${build.id} is this package (it has no build upload to compare with, e.g. it came ` +
      `through Xcode or altool); taking it as this build. If it is not: ${DIFFERENT_PACKAGE}.`,
  )
}
