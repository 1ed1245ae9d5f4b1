import { findBuild } from '../asc/builds.js'
import type { AscClient } from '../asc/client.js'
import { AscApiError, AscNetworkError } from '../asc/errors.js'
import type { BuildUpload, BuildUploadFile, Document } from '../asc/resources.js'
import type { Clock } from '../shared/clock.js'
import { formatBytes, formatDuration } from '../shared/format.js'
import type { ReleaseIdentity } from '../identity.js'
import type { Logger } from '../shared/log.js'
import type { PackageMetadata } from '../package/index.js'
import { toAscPlatform } from '../shared/platform.js'
import { PartUploadError, sendParts } from './parts.js'
import { Progress } from './progress.js'

/** Parts in flight at once; chosen with `npm run bench` (see the README's performance figures). */
export const DEFAULT_CONCURRENCY = 6

/**
 * How long a reservation may still be written by the run that made it. The API cannot tell a crashed
 * run from a running one, so a younger reservation is never deleted (its operations live an hour too).
 */
export const RESERVATION_LIVE_MS = 60 * 60_000

export interface ApiUploadOptions {
  appId: string
  identity: ReleaseIdentity
  pkg: PackageMetadata
  log: Logger
  clock: Clock
  concurrency?: number
}

export interface ApiUploadResult {
  buildUploadId: string
  /** Set when an earlier or concurrent run had already uploaded this build. */
  reused?: 'upload'
  /** Bytes sent by this run, and how long sending took. */
  bytesSent: number
  sendMs: number
}

/** A failure of the upload with Apple's words and what to do next. */
export class UploadFailedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UploadFailedError'
  }
}

/** The message for a build number that an upload of other bytes already holds. */
export const DIFFERENT_PACKAGE =
  'build number already used by a different package: increase CFBundleVersion (build_number) and rebuild'

/**
 * Uploads the package through the build upload API and ends once App Store Connect took the commit;
 * the processing wait watches the upload from there. Safe to rerun and to run twice at once
 * (uploadBuild has already looked for the build itself): a finished upload of the same package is
 * reused, a reservation of the same package is resumed or joined, and a reservation of another package
 * is deleted only once no run can still be writing it.
 */
export async function uploadWithApi(client: AscClient, options: ApiUploadOptions): Promise<ApiUploadResult> {
  const target = (await existingUpload(client, options)) ?? (await createUpload(client, options))
  if (target.kind === 'done') {
    return { buildUploadId: target.upload.id, reused: 'upload', bytesSent: 0, sendMs: 0 }
  }
  return sendAndCommit(client, target, options)
}

/** What to do with this build's upload: it is done already, or this run sends (the rest of) its parts. */
type UploadTarget =
  { kind: 'done'; upload: BuildUpload } | { kind: 'send'; upload: BuildUpload; file: BuildUploadFile }

/** The earlier upload of this build this run continues from, if there is one it may use. */
async function existingUpload(
  client: AscClient,
  options: ApiUploadOptions,
): Promise<UploadTarget | undefined> {
  const { data } = await client.getAll<BuildUpload>(`/v1/apps/${options.appId}/buildUploads`, {
    'filter[cfBundleVersion]': options.identity.buildNumber,
    'filter[cfBundleShortVersionString]': options.identity.version,
    'filter[platform]': toAscPlatform(options.identity.platform),
  })
  const byState = (state: string) => data.find((u) => u.attributes?.state?.state === state)
  const done = byState('COMPLETE') ?? byState('PROCESSING')
  if (done) {
    await assertSamePackage(client, done.id, options)
    options.log.info(
      `Upload ${done.id} of this build is already ${done.attributes?.state?.state ?? ''}: not uploading again.`,
    )
    return { kind: 'done', upload: done }
  }
  for (const reservation of data.filter((u) => u.attributes?.state?.state === 'AWAITING_UPLOAD')) {
    const target = await useReservation(client, reservation, options)
    if (target) return target
  }
  return undefined
}

/**
 * Decides by age and content what to do with a reservation found AWAITING_UPLOAD: join or resume it
 * when it holds this package, take it over when it has no file yet, fail when it holds another package
 * that its run may still be writing, and delete it only when nobody can write it any more.
 */
async function useReservation(
  client: AscClient,
  reservation: BuildUpload,
  options: ApiUploadOptions,
  attempt = 1,
): Promise<UploadTarget | undefined> {
  const { log, pkg, clock } = options
  const file = await assetFileOf(client, reservation.id)
  const fileState = file?.attributes?.assetDeliveryState?.state
  if (fileState === 'UPLOAD_COMPLETE' || fileState === 'COMPLETE') {
    // Committed by another run a moment ago; the upload's own state has not caught up yet.
    checkSamePackage(file, reservation.id, options)
    log.info(`Upload ${reservation.id} of this build was committed by another run: not uploading again.`)
    return { kind: 'done', upload: reservation }
  }
  const created = Date.parse(reservation.attributes?.createdDate ?? '')
  // Without a creation date the age is unknown: treat it as young, never delete on a guess.
  const ageMs = Number.isNaN(created) ? 0 : clock.now() - created
  const young = ageMs < RESERVATION_LIVE_MS
  const writable = file !== undefined && canStillBeWritten(file, clock)
  const age = `reserved ${formatDuration(Math.max(0, ageMs))} ago`

  if (!file) {
    if (young) {
      log.info(
        `Upload ${reservation.id} of this build (${age}) has no file yet; reserving it for this package.`,
      )
      const reserved = await reserveFile(client, reservation, options)
      if (reserved) return reserved
      if (attempt >= 3)
        throw new UploadFailedError(`Could not reserve the file of upload ${reservation.id}; re-run the job.`)
      return useReservation(client, reservation, options, attempt + 1) // another run reserved it first: judge its file
    }
  } else if (!samePackage(file, pkg)) {
    if (young && writable) {
      throw new UploadFailedError(
        `Upload ${reservation.id} of this build (${age}) holds a different package ` +
          `(${describeFile(file)}; this one is ${describeFile({ attributes: pkg })}). Another run may still be ` +
          `writing it, so it is not deleted while younger than ${RESERVATION_LIVE_MS / 60_000} minutes. ` +
          'If two jobs build the same build number, give each its own CFBundleVersion; otherwise re-run after that time.',
      )
    }
  } else if (writable) {
    if (young)
      log.info(
        `Joining upload ${reservation.id} of this package (${age}): another run may be uploading it; ` +
          'parts already stored are not sent again, and it is committed once.',
      )
    else
      log.info(
        `Resuming upload ${reservation.id}, which an earlier run reserved (${age}) but did not finish.`,
      )
    return { kind: 'send', upload: reservation, file }
  }
  log.info(
    `Deleting upload ${reservation.id} (${age}), a reservation nobody can finish any more ` +
      `(${file ? (samePackage(file, pkg) ? 'its upload operations expired' : `it holds ${describeFile(file)}`) : 'no file'}); it cannot be resumed.`,
  )
  try {
    await client.delete(`/v1/buildUploads/${reservation.id}`)
  } catch (error) {
    // Gone already, or another run is committing it: read again rather than guess.
    if (!(error instanceof AscApiError) || ![403, 404, 409].includes(error.status)) throw error
  }
  return undefined
}

/**
 * True while the reservation can still be finished: not committed, and every part not stored yet has
 * an operation that lives a while longer (with every part stored, only the commit is left).
 */
function canStillBeWritten(file: BuildUploadFile, clock: Clock): boolean {
  const soon = clock.now() + 60_000
  const all = file.attributes?.uploadOperations ?? []
  const open = all.filter((op) => !op.entityTag)
  return (
    file.attributes?.assetDeliveryState?.state === 'AWAITING_UPLOAD' &&
    all.length > 0 &&
    open.every((op) => !op.expiration || Date.parse(op.expiration) > soon)
  )
}

type FileFacts = { attributes?: { fileName?: string | null; fileSize?: number | null } | null }

function samePackage(file: FileFacts, pkg: PackageMetadata): boolean {
  return file.attributes?.fileName === pkg.fileName && file.attributes.fileSize === pkg.fileSize
}

function describeFile(file: FileFacts): string {
  const size = file.attributes?.fileSize
  return `${file.attributes?.fileName ?? 'unnamed'}, ${size === undefined || size === null ? 'size unknown' : formatBytes(size)}`
}

/** The upload's package file (assetType ASSET), as App Store Connect knows it. */
async function assetFileOf(client: AscClient, uploadId: string): Promise<BuildUploadFile | undefined> {
  const { data } = await client.getAll<BuildUploadFile>(`/v1/buildUploads/${uploadId}/buildUploadFiles`)
  return data.find((file) => file.attributes?.assetType === 'ASSET')
}

/**
 * Before an existing upload stands for this package, checks that it is this package: same file name
 * and size. A mismatch means the build number is taken by other bytes; no facts, a warning.
 */
export async function assertSamePackage(
  client: AscClient,
  uploadId: string,
  options: Pick<ApiUploadOptions, 'pkg' | 'log'>,
): Promise<void> {
  checkSamePackage(await assetFileOf(client, uploadId), uploadId, options)
}

function checkSamePackage(
  file: BuildUploadFile | undefined,
  uploadId: string,
  options: Pick<ApiUploadOptions, 'pkg' | 'log'>,
): void {
  if (!file?.attributes?.fileName || file.attributes.fileSize === undefined) {
    options.log.warning(
      `Cannot tell whether upload ${uploadId} holds this package (App Store Connect shows no file name and size); ` +
        'taking it as this build. If the package changed, increase CFBundleVersion.',
    )
    return
  }
  if (!samePackage(file, options.pkg)) {
    throw new UploadFailedError(
      `${DIFFERENT_PACKAGE}. Upload ${uploadId} of this version and build number holds ${describeFile(file)}; ` +
        `this package is ${describeFile({ attributes: options.pkg })}.`,
    )
  }
}

async function createUpload(client: AscClient, options: ApiUploadOptions): Promise<UploadTarget> {
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
  for (let attempt = 1; ; attempt++) {
    let created: BuildUpload
    try {
      // Apple answers 200 here, the spec says 201 (expo fixture post-buildUploads-200.json): any 2xx is fine.
      created = (await client.post<Document<BuildUpload>>('/v1/buildUploads', body)).data
    } catch (error) {
      // A duplicate means another run got there first; a lost or 5xx answer may have created it anyway.
      // Settle both by reading, never by deleting: the upload found may be this run's own.
      const duplicate = error instanceof AscApiError && error.status === 409
      if (!duplicate && !isAmbiguous(error)) throw error
      const found = await existingUpload(client, options)
      if (found) {
        options.log.info(
          duplicate
            ? `Another run created upload ${found.upload.id} of this build first; continuing with it.`
            : `The create got no clear answer; App Store Connect has upload ${found.upload.id} of this build, continuing with it.`,
        )
        return found
      }
      if (duplicate) {
        const build = await findBuild(client, options.appId, options.identity)
        if (build)
          throw new UploadFailedError(`${(error as Error).message}\nThe build already exists as ${build.id}.`)
      }
      if (attempt >= 2) throw error
      options.log.info(
        'The create got no clear answer and App Store Connect has no upload of this build; creating it again.',
      )
      continue
    }
    options.log.info(`Created upload ${created.id}.`)
    const target = await reserveFile(client, created, options)
    // Another run can reserve the file of an upload it found fresh; judge what it reserved.
    return target ?? (await useReservation(client, created, options)) ?? createUpload(client, options)
  }
}

const UTI = { ipa: 'com.apple.ipa', pkg: 'com.apple.pkg' } as const

/** Reserves the package file on the upload; `undefined` when another run reserved a file on it first. */
async function reserveFile(
  client: AscClient,
  upload: BuildUpload,
  options: ApiUploadOptions,
): Promise<UploadTarget | undefined> {
  const { pkg } = options
  const body = {
    data: {
      type: 'buildUploadFiles',
      attributes: { assetType: 'ASSET', fileName: pkg.fileName, fileSize: pkg.fileSize, uti: UTI[pkg.kind] },
      relationships: { buildUpload: { data: { type: 'buildUploads', id: upload.id } } },
    },
  }
  try {
    const file = (await client.post<Document<BuildUploadFile>>('/v1/buildUploadFiles', body)).data
    return { kind: 'send', upload, file }
  } catch (error) {
    const duplicate = error instanceof AscApiError && error.status === 409
    if (duplicate || isAmbiguous(error)) return undefined
    throw error
  }
}

function isAmbiguous(error: unknown): boolean {
  return error instanceof AscNetworkError || (error instanceof AscApiError && error.ambiguous)
}

/** Sends the parts not stored yet, then commits with `uploaded: true` only. */
async function sendAndCommit(
  client: AscClient,
  target: Extract<UploadTarget, { kind: 'send' }>,
  options: ApiUploadOptions,
): Promise<ApiUploadResult> {
  const { log, pkg } = options
  const { upload, file } = target
  const all = file.attributes?.uploadOperations ?? []
  if (all.length === 0)
    throw new UploadFailedError(
      `App Store Connect gave no upload operations for file ${file.id}; re-run the job.`,
    )
  // An operation with an entityTag is a part the storage already has (a cancelled run or another run sent it).
  const operations = all.filter((op) => !op.entityTag)
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY
  const bytesSent = operations.reduce((sum, op) => sum + op.length, 0)
  log.info(
    `Sending ${pkg.fileName} in ${operations.length} parts, ${Math.min(concurrency, operations.length)} at a time` +
      (operations.length < all.length
        ? ` (${all.length - operations.length} of ${all.length} are stored already).`
        : '.'),
  )
  const progress = new Progress(bytesSent, log)
  const started = options.clock.now()
  try {
    await sendParts({ path: pkg.path, operations, concurrency, progress, log, clock: options.clock })
  } catch (error) {
    // Storage refuses parts of an upload another run has committed meanwhile: no failure of this build.
    if (!(error instanceof PartUploadError) || !(await committedElsewhere(client, upload.id, log)))
      throw error
    return {
      buildUploadId: upload.id,
      reused: 'upload',
      bytesSent: progress.sentBytes,
      sendMs: options.clock.now() - started,
    }
  }
  progress.report()
  const sendMs = options.clock.now() - started
  const taken = await commit(client, target, options)
  return {
    buildUploadId: upload.id,
    ...(taken === 'elsewhere' ? { reused: 'upload' } : {}),
    bytesSent,
    sendMs,
  }
}

/** The upload's state right now. */
async function uploadState(client: AscClient, uploadId: string): Promise<string | undefined> {
  return (await client.get<BuildUpload>(`/v1/buildUploads/${uploadId}`)).data.attributes?.state?.state
}

async function committedElsewhere(client: AscClient, uploadId: string, log: Logger): Promise<boolean> {
  const state = await uploadState(client, uploadId)
  if (state === undefined || state === 'AWAITING_UPLOAD') return false
  log.info(`Another run committed upload ${uploadId} first (it is ${state}); not committing it again.`)
  return true
}

/**
 * Commits with `uploaded: true` only: every client known to work sends just that, and Apple refused a
 * commit that also carried `sourceFileChecksums` (botiverse/hands#199; expo uploadToAsc.ts). Whether a
 * commit took is read from the upload's state: the file may read AWAITING_UPLOAD for a while after a
 * commit Apple took (expo polls it up to 60 s), so that is no reason to commit or send again.
 */
async function commit(
  client: AscClient,
  target: Extract<UploadTarget, { kind: 'send' }>,
  options: ApiUploadOptions,
): Promise<'by-this-run' | 'elsewhere'> {
  const { log } = options
  const { upload, file } = target
  const body = { data: { type: 'buildUploadFiles', id: file.id, attributes: { uploaded: true } } }
  for (let attempt = 1; ; attempt++) {
    try {
      await client.patch(`/v1/buildUploadFiles/${file.id}`, body, { idempotent: false })
      log.info(`Committed upload ${upload.id}: App Store Connect has the package.`)
      return 'by-this-run'
    } catch (error) {
      if (error instanceof AscApiError && error.status === 409) {
        if (await committedElsewhere(client, upload.id, log)) return 'elsewhere'
        throw new UploadFailedError(commitRefusal(upload.id, error))
      }
      if (!isAmbiguous(error) || attempt >= 3) throw error
      // No answer: read whether the commit took effect instead of sending it blindly again.
      const state = await uploadState(client, upload.id)
      if (state !== undefined && state !== 'AWAITING_UPLOAD') {
        log.info(`The commit's answer was lost, but App Store Connect has it (upload state ${state}).`)
        return 'by-this-run'
      }
      log.info('The commit got no answer and App Store Connect has not taken it; committing again.')
    }
  }
}

/** Apple's words on a refused commit, and corrupted bytes named only when Apple names them. */
function commitRefusal(uploadId: string, error: AscApiError): string {
  const apple = error.errors.map((e) => `${e.title} ${e.detail ?? ''}`).join(' ')
  const corrupted = /does not match|mismatch|corrupt/i.test(apple)
  return (
    `App Store Connect refused the commit of upload ${uploadId}:\n${error.message}\n` +
    (corrupted
      ? 'Apple says the bytes it received differ from the package: did something change the file during the upload? Re-run the job.'
      : 'Re-run the job: it resumes this upload and sends only the parts App Store Connect does not have.')
  )
}
