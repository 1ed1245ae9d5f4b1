import { findBuild } from '../asc/builds.js'
import { AscApiError } from '../asc/errors.js'
import type { Build, BuildUpload, Resource } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { formatDuration } from '../shared/format.js'
import { elapsedText, pollUntil } from '../shared/poll.js'
import { describeStateDetails, hintFor } from '../upload/hints.js'
import type { ProcessedBuild, UploadOutcome } from './types.js'

type BetaDetail = Resource<'buildBetaDetails', { internalBuildState?: string; externalBuildState?: string }>

/** A wait that ended without a usable build: a timeout, or Apple's verdict. */
export class ProcessingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProcessingError'
  }
}

/**
 * Waits for the build, then for processing to end, including the build's beta details leaving
 * PROCESSING (they lag behind on macOS builds). After an API upload, the upload is watched for FAILED
 * while the build is looked up by app, version, build number and platform at the same time: the build
 * can appear while the upload is still PROCESSING (rorkai build_wait.go; expo get-buildUploads-200.json).
 * Budgets: time spent while the upload is PROCESSING, and processing itself, count against
 * processing_timeout; build_appear_timeout counts only once the upload is COMPLETE, or from the start
 * when no upload is known (altool, `none`). FAILED or INVALID ends the wait at once.
 */
export async function waitForProcessing(ctx: ReleaseContext, upload: UploadOutcome): Promise<ProcessedBuild> {
  const { clock, log, identity } = ctx
  const { buildAppearTimeoutMs, processingTimeoutMs, pollIntervalMs } = ctx.settings.wait
  const name = `Build ${identity.version} (${identity.buildNumber}) for ${identity.platform}`

  let build = upload.buildId ? await getBuild(ctx, upload.buildId) : undefined
  let processingSpentMs = 0
  let appearMs = 0
  if (!build && upload.buildUploadId) {
    const watched = await watchUpload(ctx, name, upload.buildUploadId)
    build = watched.build
    processingSpentMs = watched.elapsedMs
    appearMs = watched.elapsedMs
  }
  if (!build) {
    // The upload step, or the last look at the upload, has just looked the build up: wait before looking again.
    let lookedJustNow = true
    const appeared = await pollUntil({
      clock,
      intervalMs: pollIntervalMs,
      timeoutMs: buildAppearTimeoutMs,
      read: async () => {
        if (!lookedJustNow) return findBuild(ctx.client, ctx.app.id, identity)
        lookedJustNow = false
        return undefined
      },
      pending: (found) => (found ? undefined : 'not in App Store Connect yet'),
      onWait: (state, elapsed) => log.info(`${name}: ${state}, ${elapsedText(elapsed)}`),
      onTimeout: () =>
        new ProcessingError(
          `${name} did not appear in App Store Connect within ${formatDuration(buildAppearTimeoutMs)} ` +
            '(build_appear_timeout). Check the upload, or raise build_appear_timeout; a rerun picks up where this stopped.',
        ),
    })
    appearMs += appeared.elapsedMs
    build = appeared.value
  }
  if (!build) throw new ProcessingError(`${name} is not in App Store Connect.`) // pollUntil returned it found
  const buildId = build.id
  let latest: Build = build

  const processingStart = clock.now()
  const spent = () => processingSpentMs + clock.now() - processingStart
  const waitFor = async <T>(
    what: string,
    read: () => Promise<T>,
    pending: (value: T) => string | undefined,
  ) =>
    (
      await pollUntil({
        clock,
        intervalMs: pollIntervalMs,
        timeoutMs: Math.max(0, processingTimeoutMs - spent()),
        read,
        pending,
        onWait: (state) => log.info(`${name}: ${what} ${state}, ${elapsedText(spent())}`),
        onTimeout: (state) =>
          new ProcessingError(
            `${name} is still ${state} after ${formatDuration(spent())} (processing_timeout). ` +
              'Apple sometimes takes longer; raise processing_timeout or re-run: the next run continues from here.',
          ),
      })
    ).value

  // The first read reuses the build just found.
  let fresh: Build | undefined = build
  const processed = await waitFor(
    'processing',
    async () => {
      const current = fresh ?? (await getBuild(ctx, buildId))
      fresh = undefined
      return (latest = current ?? latest)
    },
    (b) => (b.attributes?.processingState === 'PROCESSING' ? 'PROCESSING' : undefined),
  )
  const state = processed.attributes?.processingState ?? 'VALID'
  if (state === 'FAILED' || state === 'INVALID') throw await rejected(ctx, name, buildId, state)

  await waitFor(
    'beta details',
    () => getBetaDetail(ctx, buildId),
    (detail) => (detail?.attributes?.internalBuildState === 'PROCESSING' ? 'PROCESSING' : undefined),
  )
  const processingMs = clock.now() - processingStart
  log.info(`${name} is ${state} (build ${buildId}) after ${formatDuration(appearMs + processingMs)}.`)
  return { buildId, processingState: state, appearMs, processingMs }
}

/**
 * Reads the upload and looks the build up at the same time until the build is there, the upload is
 * COMPLETE, or it FAILED (thrown with Apple's errors). Counts against processing_timeout.
 */
async function watchUpload(
  ctx: ReleaseContext,
  name: string,
  uploadId: string,
): Promise<{ build?: Build; elapsedMs: number }> {
  const { clock, log } = ctx
  const { processingTimeoutMs, pollIntervalMs } = ctx.settings.wait
  const { value, elapsedMs } = await pollUntil({
    clock,
    intervalMs: pollIntervalMs,
    timeoutMs: processingTimeoutMs,
    read: async () => {
      const [doc, found] = await Promise.all([
        ctx.client.get<BuildUpload>(`/v1/buildUploads/${uploadId}`, { include: 'build' }),
        findBuild(ctx.client, ctx.app.id, ctx.identity),
      ])
      const included = doc.included?.find((r): r is Build => r.type === 'builds')
      return { upload: doc.data, build: found ?? included }
    },
    pending: ({ upload, build }) => {
      const state = upload.attributes?.state?.state
      if (build || state === 'COMPLETE' || state === 'FAILED') return undefined
      return `upload ${uploadId} ${state ?? 'unknown'}`
    },
    onWait: (state, elapsed) => log.info(`${name}: ${state}, ${elapsedText(elapsed)}`),
    onTimeout: (state, elapsed) =>
      new ProcessingError(
        `${name}: ${state} after ${formatDuration(elapsed)} (processing_timeout). ` +
          'Apple sometimes takes longer; raise processing_timeout or re-run: the next run continues from here.',
      ),
  })
  const state = value.upload.attributes?.state
  if (state?.state === 'FAILED' && !value.build) {
    const errors = state.errors ?? []
    const hint = hintFor(errors)
    throw new ProcessingError(
      `App Store Connect rejected the upload ${uploadId}:\n${describeStateDetails(errors) || '  (no reason given)'}` +
        (hint ? `\n${hint}` : ''),
    )
  }
  if (!value.build) log.info(`${name}: upload ${uploadId} is COMPLETE; waiting for the build to appear.`)
  return { build: value.build, elapsedMs }
}

async function getBuild(ctx: ReleaseContext, id: string): Promise<Build | undefined> {
  try {
    return (await ctx.client.get<Build>(`/v1/builds/${id}`)).data
  } catch (error) {
    if (error instanceof AscApiError && error.status === 404) return undefined
    throw error
  }
}

async function getBetaDetail(ctx: ReleaseContext, buildId: string): Promise<BetaDetail | undefined> {
  try {
    return (await ctx.client.get<BetaDetail>(`/v1/builds/${buildId}/buildBetaDetail`)).data
  } catch (error) {
    // A build can briefly lack its beta details; that is not a reason to fail.
    if (error instanceof AscApiError && error.status === 404) return undefined
    throw error
  }
}

/** Apple's verdict on a failed build, with the upload's state messages when it has any. */
async function rejected(
  ctx: ReleaseContext,
  name: string,
  buildId: string,
  state: string,
): Promise<ProcessingError> {
  const doc = await ctx.client.get<Build>(`/v1/builds/${buildId}`, { include: 'buildUpload' })
  const upload = doc.included?.find((r): r is BuildUpload => r.type === 'buildUploads')
  const details = [
    ...(upload?.attributes?.state?.errors ?? []),
    ...(upload?.attributes?.state?.warnings ?? []),
  ]
  const reasons = details.length > 0 ? `:\n${describeStateDetails(details)}` : '.'
  return new ProcessingError(
    `App Store Connect finished processing ${name} as ${state}${reasons}\n` +
      'Apple also e-mails the reasons to the team; fix them, increase the build number and upload again.',
  )
}
