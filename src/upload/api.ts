import { findBuild } from '../asc/builds.js'
import type { AscClient } from '../asc/client.js'
import { AscApiError, AscNetworkError } from '../asc/errors.js'
import { relatedId, type BuildUpload, type BuildUploadFile, type Document } from '../asc/resources.js'
import type { ReleaseIdentity } from '../identity.js'
import type { Logger } from '../log.js'
import type { PackageMetadata } from '../package/index.js'
import { toAscPlatform } from '../platform.js'
import { formatDuration } from '../format.js'
import type { Clock } from '../clock.js'
import { elapsedText, pollUntil } from '../poll.js'
import { describeStateDetails, hintFor } from './hints.js'
import { sendParts } from './parts.js'
import { Progress } from './progress.js'

/** Parts in flight at once; chosen with `npm run bench` (see the README's performance figures). */
export const DEFAULT_CONCURRENCY = 6

export interface ApiUploadOptions {
  appId: string
  identity: ReleaseIdentity
  pkg: PackageMetadata
  log: Logger
  clock: Clock
  /** How often to read the upload's state, and how long to wait for its build to appear. */
  pollIntervalMs: number
  buildAppearTimeoutMs: number
  concurrency?: number
}

export interface ApiUploadResult {
  buildUploadId?: string
  buildId?: string
  /** Set when an earlier or concurrent run had already uploaded this build. */
  reused?: 'upload'
  /** Bytes sent by this run, and how long sending took. */
  bytesSent: number
  sendMs: number
}

/** A failure of the upload with Apple's state errors and what to do next. */
export class UploadFailedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UploadFailedError'
  }
}

/**
 * Uploads the package through the build upload API and waits until App Store Connect has the build.
 * Safe to rerun (uploadBuild has already looked for the build itself): an upload of the same app, version,
 * build number and platform is reused, and a reservation a crashed run left behind is resumed or replaced.
 */
export async function uploadWithApi(client: AscClient, options: ApiUploadOptions): Promise<ApiUploadResult> {
  const { log } = options
  const found = await reusableUpload(client, options)
  let upload = found?.upload
  let file = found?.file
  let reused: ApiUploadResult['reused']
  let bytesSent = 0
  let sendMs = 0
  if (upload?.attributes?.state?.state === 'AWAITING_UPLOAD') {
    log.info(`Resuming upload ${upload.id}, which an earlier run reserved but did not finish.`)
  } else if (upload) {
    log.info(
      `Upload ${upload.id} of this build is already ${upload.attributes?.state?.state ?? ''}: not uploading again.`,
    )
    reused = 'upload'
  } else {
    const created = await createUpload(client, options)
    upload = created.upload
    file = created.file
    const state = upload.attributes?.state?.state
    if (state !== 'AWAITING_UPLOAD') {
      // The create met a duplicate: another run had uploaded this build in the meantime.
      log.info(
        `Another run got there first: upload ${upload.id} of this build is already ${state ?? ''}; not uploading again.`,
      )
      reused = 'upload'
    }
  }

  if (upload.attributes?.state?.state === 'AWAITING_UPLOAD') {
    file ??= await reserveFile(client, upload.id, options)
    const started = Date.now()
    await sendAndCommit(client, file, options)
    sendMs = Date.now() - started
    bytesSent = options.pkg.fileSize
  }
  const buildId = await awaitUpload(client, upload.id, options)
  return { buildUploadId: upload.id, buildId, reused, bytesSent, sendMs }
}

/** An upload found in App Store Connect, with its file reservation when that can be resumed. */
interface FoundUpload {
  upload: BuildUpload
  file?: BuildUploadFile
}

/** The most useful earlier upload of this build: finished, then in progress, then a resumable reservation. */
async function reusableUpload(
  client: AscClient,
  options: ApiUploadOptions,
): Promise<FoundUpload | undefined> {
  const { data } = await client.getAll<BuildUpload>(`/v1/apps/${options.appId}/buildUploads`, {
    'filter[cfBundleVersion]': options.identity.buildNumber,
    'filter[cfBundleShortVersionString]': options.identity.version,
    'filter[platform]': toAscPlatform(options.identity.platform),
  })
  const byState = (state: string) => data.find((u) => u.attributes?.state?.state === state)
  const done = byState('COMPLETE') ?? byState('PROCESSING')
  if (done) return { upload: done }
  for (const stale of data.filter((u) => u.attributes?.state?.state === 'AWAITING_UPLOAD')) {
    const file = await resumableFile(client, stale.id, options)
    if (file) return { upload: stale, file }
    // Its operations expired or its file differs: replace it rather than let it block the build number.
    options.log.info(`Deleting upload ${stale.id}, a reservation an earlier run left that cannot be resumed.`)
    await client.delete(`/v1/buildUploads/${stale.id}`)
  }
  return undefined
}

async function createUpload(client: AscClient, options: ApiUploadOptions): Promise<FoundUpload> {
  const body = {
    data: {
      type: 'buildUploads',
      attributes: {
        cfBundleShortVersionString: options.identity.version,
        cfBundleVersion: options.identity.buildNumber,
        platform: toAscPlatform(options.identity.platform),
      },
      relationships: { app: { data: { type: 'apps', id: options.appId } } },
    },
  }
  try {
    const created = (await client.post<Document<BuildUpload>>('/v1/buildUploads', body)).data
    options.log.info(`Created upload ${created.id}.`)
    return { upload: created }
  } catch (error) {
    // A duplicate means another run got there first; a lost answer may have created it. Look, don't replay.
    const duplicate = error instanceof AscApiError && error.status === 409
    const ambiguous = error instanceof AscNetworkError || (error instanceof AscApiError && error.ambiguous)
    if (duplicate || ambiguous) {
      const found = await reusableUpload(client, options)
      if (found) return found
      const build = await findBuild(client, options.appId, options.identity)
      if (build)
        throw new UploadFailedError(`${(error as Error).message}\nThe build already exists as ${build.id}.`)
    }
    throw error
  }
}

const UTI = { ipa: 'com.apple.ipa', pkg: 'com.apple.pkg' } as const

async function reserveFile(
  client: AscClient,
  uploadId: string,
  options: ApiUploadOptions,
): Promise<BuildUploadFile> {
  const { pkg } = options
  const body = {
    data: {
      type: 'buildUploadFiles',
      attributes: { assetType: 'ASSET', fileName: pkg.fileName, fileSize: pkg.fileSize, uti: UTI[pkg.kind] },
      relationships: { buildUpload: { data: { type: 'buildUploads', id: uploadId } } },
    },
  }
  try {
    return (await client.post<Document<BuildUploadFile>>('/v1/buildUploadFiles', body)).data
  } catch (error) {
    const ambiguous = error instanceof AscNetworkError || (error instanceof AscApiError && error.ambiguous)
    const created = ambiguous ? await resumableFile(client, uploadId, options) : undefined
    if (created) return created
    throw error
  }
}

/** The upload's file reservation for this package, if its operations are still valid for long enough. */
async function resumableFile(
  client: AscClient,
  uploadId: string,
  options: ApiUploadOptions,
): Promise<BuildUploadFile | undefined> {
  const { data } = await client.getAll<BuildUploadFile>(`/v1/buildUploads/${uploadId}/buildUploadFiles`)
  const soon = Date.now() + 60_000
  return data.find((file) => {
    const a = file.attributes
    const operations = a?.uploadOperations ?? []
    return (
      a?.assetType === 'ASSET' &&
      a.fileName === options.pkg.fileName &&
      a.fileSize === options.pkg.fileSize &&
      a.assetDeliveryState?.state === 'AWAITING_UPLOAD' &&
      operations.length > 0 &&
      operations.every((op) => !op.expiration || Date.parse(op.expiration) > soon)
    )
  })
}

async function sendAndCommit(
  client: AscClient,
  file: BuildUploadFile,
  options: ApiUploadOptions,
): Promise<void> {
  const { log, pkg } = options
  const operations = file.attributes?.uploadOperations ?? []
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  log.info(
    `Sending ${pkg.fileName} in ${operations.length} parts, ${Math.min(concurrency, operations.length)} at a time.`,
  )
  const progress = new Progress(pkg.fileSize, log)
  await sendParts({ path: pkg.path, operations, concurrency, progress, log })
  progress.report()

  const commit = {
    data: {
      type: 'buildUploadFiles',
      id: file.id,
      attributes: { uploaded: true },
    },
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await client.patch(`/v1/buildUploadFiles/${file.id}`, commit, { idempotent: false })
      return
    } catch (error) {
      if (error instanceof AscApiError && error.status === 409 && /checksum/i.test(error.message)) {
        throw new UploadFailedError(
          `App Store Connect refused the file's MD5 checksum:\n${error.message}\n` +
            'The bytes it received differ from the file on disk. Did something change the package during the upload? Re-run the job.',
        )
      }
      const ambiguous = error instanceof AscNetworkError || (error instanceof AscApiError && error.ambiguous)
      if (!ambiguous || attempt >= 3) throw error
      // No answer: read whether the commit took effect instead of sending it blindly again.
      const state = (await client.get<BuildUploadFile>(`/v1/buildUploadFiles/${file.id}`)).data.attributes
        ?.assetDeliveryState?.state
      if (state !== undefined && state !== 'AWAITING_UPLOAD') {
        log.info(`The commit's answer was lost, but App Store Connect has it (file state ${state}).`)
        return
      }
      log.info('The commit got no answer and App Store Connect has not taken it; committing again.')
    }
  }
}

/** Reads the upload's state until it is COMPLETE (its build's ID) or FAILED (Apple's errors). */
async function awaitUpload(
  client: AscClient,
  uploadId: string,
  options: ApiUploadOptions,
): Promise<string | undefined> {
  const { value: upload } = await pollUntil({
    clock: options.clock,
    intervalMs: options.pollIntervalMs,
    timeoutMs: options.buildAppearTimeoutMs,
    read: async () =>
      (await client.get<BuildUpload>(`/v1/buildUploads/${uploadId}`, { include: 'build' })).data,
    pending: (u) => {
      const state = u.attributes?.state?.state
      return state === 'COMPLETE' || state === 'FAILED' ? undefined : (state ?? 'unknown')
    },
    onWait: (state, elapsed) => options.log.info(`Upload ${uploadId}: ${state}, ${elapsedText(elapsed)}`),
    onTimeout: (state, elapsed) =>
      new UploadFailedError(
        `The upload ${uploadId} is still ${state} after ${formatDuration(elapsed)} ` +
          '(build_appear_timeout). Re-run later: the next run picks it up where it is.',
      ),
  })
  const state = upload.attributes?.state
  if (state?.state === 'FAILED') {
    const errors = state.errors ?? []
    const hint = hintFor(errors)
    throw new UploadFailedError(
      `App Store Connect rejected the upload ${uploadId}:\n${describeStateDetails(errors) || '  (no reason given)'}` +
        (hint ? `\n${hint}` : ''),
    )
  }
  const buildId = relatedId(upload, 'build')
  options.log.info(`App Store Connect accepted the upload${buildId ? `: build ${buildId}` : ''}.`)
  return buildId
}
