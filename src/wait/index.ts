import { findBuild } from '../asc/builds.js'
import { AscApiError } from '../asc/errors.js'
import type { Build, BuildProcessingState, BuildUpload, Resource } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { formatDuration } from '../format.js'
import { elapsedText, pollUntil } from '../poll.js'
import { describeStateDetails } from '../upload/hints.js'

export interface ProcessedBuild {
  buildId: string
  processingState: BuildProcessingState
  /** Time spent waiting for the build to appear, then for processing (and beta details) to end. */
  appearMs: number
  processingMs: number
}

type BetaDetail = Resource<'buildBetaDetails', { internalBuildState?: string; externalBuildState?: string }>

/** A wait that ended without a usable build: a timeout, or Apple's verdict. */
export class ProcessingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ProcessingError'
  }
}

/**
 * Waits in two stages, each with its own budget: for the build to appear (build_appear_timeout), then
 * for processing to end (processing_timeout), including the build's beta details leaving PROCESSING,
 * which lags behind on macOS builds. FAILED or INVALID ends the wait at once.
 */
export async function waitForProcessing(
  ctx: ReleaseContext,
  knownBuildId: string | undefined,
): Promise<ProcessedBuild> {
  const { clock, log, identity } = ctx
  const { buildAppearTimeoutMs, processingTimeoutMs, pollIntervalMs } = ctx.settings.wait
  const name = `Build ${identity.version} (${identity.buildNumber}) for ${identity.platform}`

  const appeared = await pollUntil({
    clock,
    intervalMs: pollIntervalMs,
    timeoutMs: buildAppearTimeoutMs,
    read: async () => {
      const known = knownBuildId
      knownBuildId = undefined // only the first read trusts the ID the upload gave
      return known ? await getBuild(ctx, known) : await findBuild(ctx.client, ctx.app.id, identity)
    },
    pending: (found) => (found ? undefined : 'not in App Store Connect yet'),
    onWait: (state, elapsed) => log.info(`${name}: ${state}, ${elapsedText(elapsed)}`),
    onTimeout: () =>
      new ProcessingError(
        `${name} did not appear in App Store Connect within ${formatDuration(buildAppearTimeoutMs)} ` +
          '(build_appear_timeout). Check the upload, or raise build_appear_timeout; a rerun picks up where this stopped.',
      ),
  })
  const appearMs = appeared.elapsedMs
  const build = appeared.value as Build
  const buildId = build.id
  let latest: Build = build

  const processingStart = clock.now()
  const waitFor = async <T>(
    what: string,
    read: () => Promise<T>,
    pending: (value: T) => string | undefined,
  ) =>
    (
      await pollUntil({
        clock,
        intervalMs: pollIntervalMs,
        timeoutMs: Math.max(0, processingTimeoutMs - (clock.now() - processingStart)),
        read,
        pending,
        onWait: (state) =>
          log.info(`${name}: ${what} ${state}, ${elapsedText(clock.now() - processingStart)}`),
        onTimeout: (state) =>
          new ProcessingError(
            `${name} is still ${state} after ${formatDuration(clock.now() - processingStart)} (processing_timeout). ` +
              'Apple sometimes takes longer; raise processing_timeout or re-run: the next run continues from here.',
          ),
      })
    ).value

  const processed = await waitFor(
    'processing',
    async () => (latest = (await getBuild(ctx, buildId)) ?? latest),
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
