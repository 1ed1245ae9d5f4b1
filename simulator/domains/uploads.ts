// Build uploads and builds, as Apple's do: the upload and its files, the pre-signed storage parts
// (through the storage hooks), the commit, then the build that appears while the upload is still
// PROCESSING and its processing to VALID, INVALID or FAILED, computed lazily from timestamps on read.
import { randomBytes } from 'node:crypto'
import { ApiError, conflict } from '../errors.js'
import type { SimulatorStore } from '../seed.js'
import type { AttributesByType, Platform, StateDetail, StoredResource } from '../store.js'
import {
  appIdOf,
  attrs,
  getCollection,
  getInstance,
  getToMany,
  getToOne,
  mustGet,
  noContent,
  nowIso,
  ok,
  target,
  type Handler,
  type HandlerContext,
  type HandlerResult,
} from './generic.js'

/** The composite MD5 a commit gets when the storage kept no bytes (`storageCountsOnly`). */
const COUNTED_ONLY_COMPOSITE = '0'.repeat(32)

export interface UploadScenario {
  /** buildUpload PROCESSING -> COMPLETE/FAILED after commit (default 200) */
  uploadProcessingMs: number
  /**
   * The build record appears (processingState PROCESSING) this long after a commit, while the upload is still PROCESSING (default 100; at the latest when the upload completes).
   * Apple shows the build before the upload is COMPLETE (expo get-buildUploads-200.json, rorkai#2063).
   */
  buildAppearsAfterCommitMs: number
  /** The file still reads AWAITING_UPLOAD this long after a commit Apple took (default 100; expo polls up to 60 s). */
  fileAwaitingAfterCommitMs: number
  /** POST /v1/buildUploads answers 200 as Apple does (expo post-buildUploads-200.json), or 201 as the spec says. */
  createUploadStatus: 200 | 201
  /** A commit carrying sourceFileChecksums is refused with 409, as Apple refused it (botiverse/hands#199) (default true). */
  refuseSourceFileChecksums: boolean
  /** build PROCESSING -> VALID/INVALID/FAILED (default 300) */
  buildProcessingMs: number
  /** non-empty: committed uploads end FAILED with these state errors (default []) */
  uploadErrors: StateDetail[]
  buildOutcome: 'VALID' | 'INVALID' | 'FAILED'
  /** bytes per upload operation (default 8 MiB) */
  partSize: number
  /** upload operations' expiration (default 1 h) */
  operationTtlMs: number
  /** Storage counts each part's bytes and stores none (default false): benchmarks measure the client, not the disk. */
  storageCountsOnly: boolean
}

export const UPLOAD_SCENARIO_DEFAULTS: UploadScenario = {
  uploadProcessingMs: 200,
  buildAppearsAfterCommitMs: 100,
  fileAwaitingAfterCommitMs: 100,
  createUploadStatus: 200,
  refuseSourceFileChecksums: true,
  buildProcessingMs: 300,
  uploadErrors: [],
  buildOutcome: 'VALID',
  partSize: 8 * 1024 * 1024,
  operationTtlMs: 60 * 60 * 1000,
  storageCountsOnly: false,
}

/**
 * Statuses Apple answers that the spec does not declare, validated as the declared one they stand for:
 * POST /v1/buildUploads answers 200 where the spec says 201 (expo post-buildUploads-200.json).
 */
export const APPLE_STATUS_AS_DECLARED: Record<string, Record<number, number>> = {
  buildUploads_createInstance: { 200: 201 },
}

const PLATFORM_BUILD_KEY = (version: string, build: string, platform: string): string =>
  `${version}\u0000${build}\u0000${platform}`

function createBuildUpload(ctx: HandlerContext): HandlerResult {
  const app = target(ctx, 'app', 'apps')
  const a = attrs(ctx) as { cfBundleShortVersionString: string; cfBundleVersion: string; platform: Platform }
  const key = PLATFORM_BUILD_KEY(a.cfBundleShortVersionString, a.cfBundleVersion, a.platform)
  const duplicateUpload = ctx.store
    .list('buildUploads', (u) => appIdOf(ctx, u) === app.id && u.attributes.state.state !== 'FAILED')
    .some(
      (u) =>
        PLATFORM_BUILD_KEY(
          u.attributes.cfBundleShortVersionString,
          u.attributes.cfBundleVersion,
          u.attributes.platform,
        ) === key,
    )
  const duplicateBuild = ctx.store
    .list('builds', (b) => appIdOf(ctx, b) === app.id && b.attributes.version === a.cfBundleVersion)
    .some((b) => {
      const pre = ctx.store.related(b, 'preReleaseVersion')[0] as
        StoredResource<AttributesByType['preReleaseVersions']> | undefined
      return (
        pre?.attributes.version === a.cfBundleShortVersionString && pre.attributes.platform === a.platform
      )
    })
  if (duplicateUpload || duplicateBuild) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      'The bundle version must be higher than the previously uploaded version.',
      '/data/attributes/cfBundleVersion',
    )
  }
  const upload = ctx.store.insert(
    'buildUploads',
    {
      cfBundleShortVersionString: a.cfBundleShortVersionString,
      cfBundleVersion: a.cfBundleVersion,
      createdDate: nowIso(ctx),
      platform: a.platform,
      state: { state: 'AWAITING_UPLOAD', errors: [], warnings: [], infos: [] },
    },
    { app: { type: 'apps', id: app.id } },
  )
  return ok(ctx, upload, ctx.scenario.createUploadStatus)
}

async function deleteBuildUpload(ctx: HandlerContext): Promise<HandlerResult> {
  const upload = mustGet(ctx, 'buildUploads', ctx.params['id'] ?? '')
  if (upload.attributes.state.state === 'PROCESSING') {
    throw new ApiError(
      403,
      'FORBIDDEN_ERROR',
      'This request is forbidden for security reasons',
      'A build upload cannot be deleted while it is processing.',
    )
  }
  for (const file of ctx.store.related(upload, 'buildUploadFiles')) {
    await ctx.storage.remove(file.id)
    ctx.store.delete('buildUploadFiles', file.id)
  }
  ctx.store.delete('buildUploads', upload.id)
  return noContent()
}

const ASSET_RELATIONSHIP: Record<string, string> = {
  ASSET: 'assetFile',
  ASSET_DESCRIPTION: 'assetDescriptionFile',
  ASSET_SPI: 'assetSpiFile',
}

function createBuildUploadFile(ctx: HandlerContext): HandlerResult {
  const upload = target(ctx, 'buildUpload', 'buildUploads')
  const a = attrs(ctx) as {
    assetType: 'ASSET' | 'ASSET_DESCRIPTION' | 'ASSET_SPI'
    fileName: string
    fileSize: number
    uti: string
  }
  if (upload.attributes.state.state !== 'AWAITING_UPLOAD') {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The build upload is in state ${upload.attributes.state.state}; files can only be added while it is AWAITING_UPLOAD.`,
      '/data/relationships/buildUpload',
    )
  }
  const relName = ASSET_RELATIONSHIP[a.assetType] ?? 'assetFile'
  if (upload.relationships[relName]) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      `The build upload already has a file with assetType ${a.assetType}.`,
      '/data/attributes/assetType',
    )
  }
  const id = ctx.store.newId('buildUploadFiles')
  // Once a part is stored its operation shows the ETag, so a rerun can tell what is there already.
  const operations = ctx.storage.reserve(
    id,
    a.fileSize,
    ctx.scenario.partSize,
    ctx.scenario.operationTtlMs,
    (partNumber, entityTag) => {
      const stored = ctx.store.get('buildUploadFiles', id)
      const op = stored?.attributes.uploadOperations.find((o) => o.partNumber === partNumber)
      if (op) op.entityTag = entityTag
    },
  )
  const file = ctx.store.insert(
    'buildUploadFiles',
    {
      assetDeliveryState: { state: 'AWAITING_UPLOAD', errors: [] },
      assetToken: `Sim${randomBytes(12).toString('hex')}/${a.fileName}`,
      assetType: a.assetType,
      fileName: a.fileName,
      fileSize: a.fileSize,
      uti: a.uti,
      uploadOperations: operations,
    },
    { buildUpload: { type: 'buildUploads', id: upload.id } },
    { id },
  )
  upload.relationships[relName] = { type: 'buildUploadFiles', id: file.id }
  return ok(ctx, file, 201)
}

async function commitBuildUploadFile(ctx: HandlerContext): Promise<HandlerResult> {
  const file = mustGet(ctx, 'buildUploadFiles', ctx.params['id'] ?? '')
  const a = attrs(ctx) as {
    uploaded?: boolean | null
    sourceFileChecksums?: { file?: { hash?: string; algorithm?: string }; composite?: unknown } | null
  }
  const upload = ctx.store.related(file, 'buildUpload')[0] as
    StoredResource<AttributesByType['buildUploads']> | undefined
  const checksums = a.sourceFileChecksums
  if (checksums && ctx.scenario.refuseSourceFileChecksums) {
    // Apple's answer to a commit that carried a checksum (botiverse/hands#199), in its Java toString form.
    const shown = checksums.file
      ? `Checksums{file=File{hash=${checksums.file.hash ?? ''}, algorithm=${checksums.file.algorithm ?? ''}}}`
      : 'Checksums{}'
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      `'${shown}' is not a valid value for the attribute 'sourceFileChecksums'`,
      '/data/attributes/sourceFileChecksums',
    )
  }
  if (a.uploaded !== true) return ok(ctx, file)
  const committed = () =>
    file.internal['committedAt'] !== undefined ||
    file.attributes.assetDeliveryState.state !== 'AWAITING_UPLOAD'
  const alreadyCommitted = () =>
    conflict('ENTITY_ERROR.ATTRIBUTE.INVALID', 'The file was already committed.', '/data/attributes/uploaded')
  if (committed()) throw alreadyCommitted()
  const missing = ctx.storage.missingParts(file.id)
  if (missing.length > 0) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      `The upload is incomplete: no data was received for part${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${file.attributes.uploadOperations.length}.`,
      '/data/attributes/uploaded',
    )
  }
  let composite: string
  try {
    const checksum = checksums?.file
    if (checksum?.hash) {
      const algorithm = checksum.algorithm === 'SHA_256' ? 'sha256' : 'md5'
      const actual = await ctx.storage.checksum(file.id, algorithm)
      if (actual.toLowerCase() !== checksum.hash.toLowerCase()) {
        throw conflict(
          'ENTITY_ERROR.ATTRIBUTE.INVALID',
          `The checksum does not match: sourceFileChecksums.file.hash is ${checksum.hash} but the ${checksum.algorithm ?? 'MD5'} of the ${file.attributes.fileSize} bytes received is ${actual}.`,
          '/data/attributes/sourceFileChecksums',
        )
      }
    }
    // A storage that only counts bytes (benchmarks) has none to hash: the composite is a stand-in.
    composite = ctx.scenario.storageCountsOnly
      ? COUNTED_ONLY_COMPOSITE
      : await ctx.storage.checksum(file.id, 'md5')
  } catch (error) {
    // A concurrent commit took the file (and its stored bytes) while this one was reading them.
    if (committed()) throw alreadyCommitted()
    throw error
  }
  if (committed()) throw alreadyCommitted()
  // Taken: from here on the state changes at once, so a concurrent commit sees it committed.
  const now = ctx.now()
  file.internal['committedAt'] = now
  // Apple answers with its own composite MD5 and `file: null` (expo patch-buildUploadFiles-200.json); the
  // spec does not declare `file` nullable, so the simulator leaves it out.
  file.attributes.sourceFileChecksums = { composite: { hash: composite, algorithm: 'MD5' } }
  // The file reads AWAITING_UPLOAD for a while after a commit Apple took (expo polls it up to 60 s).
  file.internal['deliveredAt'] = now + ctx.scenario.fileAwaitingAfterCommitMs
  if (ctx.scenario.fileAwaitingAfterCommitMs <= 0)
    file.attributes.assetDeliveryState = { state: 'UPLOAD_COMPLETE', errors: [] }
  if (upload && upload.attributes.state.state === 'AWAITING_UPLOAD') {
    upload.attributes.state = { state: 'PROCESSING', errors: [], warnings: [], infos: [] }
    upload.attributes.uploadedDate = new Date(now).toISOString()
    upload.internal['processingStartedAt'] = now
    upload.internal['processingMs'] = ctx.scenario.uploadProcessingMs
    upload.internal['buildAppearsAt'] = now + ctx.scenario.buildAppearsAfterCommitMs
    upload.internal['uploadErrors'] = ctx.scenario.uploadErrors.map((e) => ({ ...e }))
  }
  await ctx.storage.remove(file.id)
  return ok(ctx, file)
}

export const UPLOAD_HANDLERS: Record<string, Handler> = {
  apps_buildUploads_getToManyRelated: getToMany('apps', 'buildUploads'),
  apps_builds_getToManyRelated: getToMany('apps', 'builds'),
  apps_preReleaseVersions_getToManyRelated: getToMany('apps', 'preReleaseVersions'),

  buildUploads_createInstance: createBuildUpload,
  buildUploads_getInstance: getInstance('buildUploads'),
  buildUploads_deleteInstance: deleteBuildUpload,
  buildUploads_buildUploadFiles_getToManyRelated: getToMany('buildUploads', 'buildUploadFiles'),
  buildUploadFiles_createInstance: createBuildUploadFile,
  buildUploadFiles_getInstance: getInstance('buildUploadFiles'),
  buildUploadFiles_updateInstance: commitBuildUploadFile,

  builds_getCollection: getCollection('builds'),
  builds_getInstance: getInstance('builds'),
  builds_preReleaseVersion_getToOneRelated: getToOne('builds', 'preReleaseVersion', 'preReleaseVersions'),
  builds_app_getToOneRelated: getToOne('builds', 'app', 'apps'),

  preReleaseVersions_getCollection: getCollection('preReleaseVersions'),
  preReleaseVersions_getInstance: getInstance('preReleaseVersions'),
}

// ---------------------------------------------------------------------------------------------
// Lifecycle: upload and build processing, advanced from timestamps before every read.

export function installUploadLifecycle(store: SimulatorStore): void {
  store.onRefresh((now) => {
    advanceUploads(store, now)
    advanceBuilds(store, now)
  })
}

function advanceUploads(store: SimulatorStore, now: number): void {
  for (const file of store.list(
    'buildUploadFiles',
    (f) => f.attributes.assetDeliveryState.state === 'AWAITING_UPLOAD',
  )) {
    const deliveredAt = file.internal['deliveredAt']
    if (typeof deliveredAt === 'number' && now >= deliveredAt)
      file.attributes.assetDeliveryState = { state: 'UPLOAD_COMPLETE', errors: [] }
  }
  for (const upload of store.list('buildUploads', (u) => u.attributes.state.state === 'PROCESSING')) {
    const startedAt = upload.internal['processingStartedAt']
    const processingMs = upload.internal['processingMs']
    if (typeof startedAt !== 'number' || typeof processingMs !== 'number') continue
    const doneAt = startedAt + processingMs
    const errors = (upload.internal['uploadErrors'] ?? []) as StateDetail[]
    // The build record appears while the upload is still PROCESSING (expo get-buildUploads-200.json:
    // PROCESSING with relationships.build.data null; rorkai build_wait.go looks the build up meanwhile).
    const appearsAt = Math.min(Number(upload.internal['buildAppearsAt'] ?? doneAt), doneAt)
    if (errors.length === 0 && now >= appearsAt && upload.internal['buildId'] === undefined) {
      const appId = store.linkages(upload, 'app')[0]?.id
      if (!appId) continue
      upload.internal['buildId'] = store.createBuild({
        appId,
        version: upload.attributes.cfBundleShortVersionString,
        buildNumber: upload.attributes.cfBundleVersion,
        platform: upload.attributes.platform,
        processingState: 'PROCESSING',
        uploadedAt: appearsAt,
        buildUploadId: upload.id,
      }).id
    }
    if (now < doneAt) continue
    const files = store.related(upload, 'buildUploadFiles') as StoredResource<
      AttributesByType['buildUploadFiles']
    >[]
    if (errors.length > 0) {
      upload.attributes.state = { state: 'FAILED', errors, warnings: [], infos: [] }
      for (const file of files) {
        file.attributes.assetDeliveryState = {
          state: 'FAILED',
          errors: errors.map((e) => ({ code: e.code, description: e.description })),
        }
      }
      continue
    }
    const buildId = upload.internal['buildId']
    if (typeof buildId !== 'string') continue
    upload.relationships['build'] = { type: 'builds', id: buildId }
    upload.attributes.state = { state: 'COMPLETE', errors: [], warnings: [], infos: [] }
    for (const file of files) file.attributes.assetDeliveryState = { state: 'COMPLETE', errors: [] }
  }
}

function advanceBuilds(store: SimulatorStore, now: number): void {
  for (const build of store.list('builds', (b) => b.attributes.processingState === 'PROCESSING')) {
    const endsAt = build.internal['processingEndsAt']
    const outcome = build.internal['processingOutcome']
    if (typeof endsAt !== 'number' || now < endsAt) continue
    build.attributes.processingState = outcome === 'INVALID' || outcome === 'FAILED' ? outcome : 'VALID'
  }
}
