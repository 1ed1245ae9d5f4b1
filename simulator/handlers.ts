// Implemented operations, keyed by the spec's operationId. Generic handlers cover reads of any
// resource type; the create/update handlers carry the App Store Connect rules the flow depends on.
// To add an endpoint: add its operationId here (request validation, routing and response
// validation come from the spec automatically).
import { randomBytes } from 'node:crypto'
import type { AppStoreScenario } from './appstore.js'
import { ApiError, conflict, notFoundResource } from './errors.js'
import { collectionDocument, singleDocument, type DocContext } from './jsonapi.js'
import type { OperationSpec } from './spec.js'
import type { AttributesByType, Linkage, Platform, StateDetail, StoredResource } from './store.js'
import type { UploadStorage } from './storage.js'
import {
  betaReviewRefusal,
  createWhatToTest,
  internalOnlyRefusal,
  noteComplianceSet,
  type BetaReviewRequirement,
  type TestFlightScenario,
} from './testflight.js'

export interface ScenarioState extends AppStoreScenario, TestFlightScenario {
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
  /** max page size actually served (default 200) */
  pageSizeCap: number
  /**
   * The ITSAppUsesNonExemptEncryption the simulated binaries declare; null (default) = not declared,
   * so new builds show MISSING_EXPORT_COMPLIANCE until PATCH /v1/builds/{id} sets it.
   */
  usesNonExemptEncryption: boolean | null
  /**
   * How long a build's beta details stay PROCESSING after the build is VALID (default 0); macOS builds
   * show this lag on App Store Connect.
   */
  betaDetailsLagMs: number
  /** Test information left unfilled: Beta App Review submissions answer 422 naming each (default []). */
  betaReviewMissing: BetaReviewRequirement[]
  /** Storage counts each part's bytes and stores none (default false): benchmarks measure the client, not the disk. */
  storageCountsOnly: boolean
}

export interface HandlerContext extends DocContext {
  op: OperationSpec
  params: Record<string, string>
  body: RequestDocument | undefined
  scenario: ScenarioState
  storage: UploadStorage
}

export interface RequestDocument {
  data: RequestResource | Linkage | Linkage[] | null
}

interface RequestResource {
  type: string
  id?: string
  attributes?: Record<string, unknown>
  relationships?: Record<string, { data?: Linkage | Linkage[] | null }>
}

export interface HandlerResult {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export type Handler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>

// ---------------------------------------------------------------------------------------------
// Helpers

function mustGet<T extends keyof AttributesByType>(
  ctx: HandlerContext,
  type: T,
  id: string,
): StoredResource<AttributesByType[T]> {
  const r = ctx.store.get(type, id)
  if (!r) throw notFoundResource(type, id)
  return r
}

function resourceData(ctx: HandlerContext): RequestResource {
  const data = ctx.body?.data
  if (!data || Array.isArray(data))
    throw new ApiError(
      400,
      'ENTITY_ERROR',
      'The request entity is invalid.',
      'A resource object is required.',
    )
  return data
}

export function attrs(ctx: HandlerContext): Record<string, unknown> {
  return resourceData(ctx).attributes ?? {}
}

export function relId(ctx: HandlerContext, name: string): string | undefined {
  const data = resourceData(ctx).relationships?.[name]?.data
  if (!data || Array.isArray(data)) return undefined
  return data.id
}

/** The resource a request body relationship points to; 409 RELATIONSHIP.INVALID when it does not exist. */
function target<T extends keyof AttributesByType>(
  ctx: HandlerContext,
  rel: string,
  type: T,
): StoredResource<AttributesByType[T]> {
  const id = relId(ctx, rel)
  const found = id === undefined ? undefined : ctx.store.get(type, id)
  if (!found) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `There is no resource of type '${type}' with id '${String(id)}'.`,
      `/data/relationships/${rel}/data/id`,
    )
  }
  return found
}

function appIdOf(ctx: HandlerContext, r: StoredResource<object>): string | undefined {
  return ctx.store.linkages(r, 'app')[0]?.id
}

function ok(ctx: HandlerContext, r: StoredResource<object>, status = 200): HandlerResult {
  return { status, body: singleDocument(ctx, r) }
}

function noContent(): HandlerResult {
  return { status: 204 }
}

/** Copies the given attributes (when present in the body) onto a stored resource. */
function patchAttributes(ctx: HandlerContext, r: StoredResource<object>, names: string[]): void {
  const a = attrs(ctx)
  const stored = r.attributes as Record<string, unknown>
  for (const name of names) {
    if (name in a) stored[name] = a[name]
  }
}

function nowIso(): string {
  return new Date().toISOString()
}

// Generic handlers

const getInstance =
  (type: keyof AttributesByType): Handler =>
  (ctx) =>
    ok(ctx, mustGet(ctx, type, ctx.params['id'] ?? ''))

const getCollection =
  (type: keyof AttributesByType): Handler =>
  (ctx) => ({ status: 200, body: collectionDocument(ctx, ctx.store.list(type)) })

const getToMany =
  (parentType: keyof AttributesByType, rel: string): Handler =>
  (ctx) => {
    const parent = mustGet(ctx, parentType, ctx.params['id'] ?? '')
    return { status: 200, body: collectionDocument(ctx, ctx.store.related(parent, rel)) }
  }

const getToOne =
  (parentType: keyof AttributesByType, rel: string, relatedType: string): Handler =>
  (ctx) => {
    const parent = mustGet(ctx, parentType, ctx.params['id'] ?? '')
    const related = ctx.store.related(parent, rel)[0]
    if (!related) {
      throw new ApiError(
        404,
        'NOT_FOUND',
        'The specified resource does not exist',
        `There is no ${relatedType} resource related to ${parentType} '${parent.id}'.`,
      )
    }
    return ok(ctx, related)
  }

// ---------------------------------------------------------------------------------------------
// Build uploads

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
      createdDate: nowIso(),
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
    composite = await ctx.storage.checksum(file.id, 'md5')
  } catch (error) {
    // A concurrent commit took the file (and its stored bytes) while this one was reading them.
    if (committed()) throw alreadyCommitted()
    throw error
  }
  if (committed()) throw alreadyCommitted()
  // Taken: from here on the state changes at once, so a concurrent commit sees it committed.
  const now = Date.now()
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

// ---------------------------------------------------------------------------------------------
// Builds and TestFlight

function updateBuild(ctx: HandlerContext): HandlerResult {
  const build = mustGet(ctx, 'builds', ctx.params['id'] ?? '')
  const a = attrs(ctx)
  if (typeof a['usesNonExemptEncryption'] === 'boolean') {
    build.attributes.usesNonExemptEncryption = a['usesNonExemptEncryption']
    noteComplianceSet(build, Date.now())
  }
  if (a['expired'] === true) build.attributes.expired = true
  if (a['expired'] === false && build.attributes.expired) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'An expired build cannot be un-expired.',
      '/data/attributes/expired',
    )
  }
  const declaration = relId(ctx, 'appEncryptionDeclaration')
  if (declaration)
    build.relationships['appEncryptionDeclaration'] = { type: 'appEncryptionDeclarations', id: declaration }
  ctx.store.refresh()
  return ok(ctx, build)
}

function linkBuildGroups(add: boolean, from: 'builds' | 'betaGroups'): Handler {
  return (ctx) => {
    const parent = mustGet(ctx, from, ctx.params['id'] ?? '')
    const data = (ctx.body?.data ?? []) as Linkage[]
    const otherType = from === 'builds' ? 'betaGroups' : 'builds'
    data.forEach((l, i) => {
      const other = ctx.store.get(otherType, l.id)
      if (!other) {
        throw conflict(
          'ENTITY_ERROR.RELATIONSHIP.INVALID',
          `There is no resource of type '${otherType}' with id '${l.id}'.`,
          `/data/${i}/id`,
        )
      }
      const build = (from === 'builds' ? parent : other) as StoredResource<AttributesByType['builds']>
      const group = (from === 'builds' ? other : parent) as StoredResource<AttributesByType['betaGroups']>
      if (appIdOf(ctx, build) !== appIdOf(ctx, group)) {
        throw conflict(
          'ENTITY_ERROR.RELATIONSHIP.INVALID',
          `The build '${build.id}' and the beta group '${group.id}' belong to different apps.`,
          `/data/${i}/id`,
        )
      }
      if (add && build.attributes.processingState !== 'VALID') {
        throw conflict(
          'ENTITY_ERROR.RELATIONSHIP.INVALID',
          `The build '${build.id}' is ${build.attributes.processingState}; only VALID builds can be added to beta groups.`,
          `/data/${i}/id`,
        )
      }
      if (add && build.attributes.expired) {
        throw conflict(
          'ENTITY_ERROR.RELATIONSHIP.INVALID',
          `The build '${build.id}' is expired.`,
          `/data/${i}/id`,
        )
      }
      const internalOnly = build.attributes.buildAudienceType === 'INTERNAL_ONLY'
      if (
        add &&
        internalOnly &&
        ctx.scenario.refuseInternalOnlyExternally &&
        !group.attributes.isInternalGroup
      ) {
        throw internalOnlyRefusal(`/data/${i}/id`)
      }
    })
    for (const l of data) {
      const [buildId, groupId] = from === 'builds' ? [parent.id, l.id] : [l.id, parent.id]
      if (add) ctx.store.linkBuildToGroup(buildId, groupId)
      else ctx.store.unlinkBuildFromGroup(buildId, groupId)
    }
    ctx.store.refresh()
    return noContent()
  }
}

function createBetaGroup(ctx: HandlerContext): HandlerResult {
  const app = target(ctx, 'app', 'apps')
  const a = attrs(ctx)
  const name = String(a['name'])
  if (
    ctx.store.list('betaGroups', (g) => appIdOf(ctx, g) === app.id && g.attributes.name === name).length > 0
  ) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      `A beta group named '${name}' already exists.`,
      '/data/attributes/name',
    )
  }
  const { id } = ctx.store.createBetaGroup({
    appId: app.id,
    name,
    isInternalGroup: a['isInternalGroup'] === true,
    ...(typeof a['hasAccessToAllBuilds'] === 'boolean'
      ? { hasAccessToAllBuilds: a['hasAccessToAllBuilds'] }
      : {}),
  })
  return ok(ctx, mustGet(ctx, 'betaGroups', id), 201)
}

function createBetaAppReviewSubmission(ctx: HandlerContext): HandlerResult {
  const build = target(ctx, 'build', 'builds')
  const pointer = '/data/relationships/build'
  if (ctx.store.related(build, 'betaAppReviewSubmission').length > 0) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The build has already been submitted for beta review.',
      pointer,
    )
  }
  if (build.attributes.processingState !== 'VALID') {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The build is ${build.attributes.processingState}; only VALID builds can be submitted for beta review.`,
      pointer,
    )
  }
  if (build.attributes.expired)
    throw conflict('ENTITY_ERROR.RELATIONSHIP.INVALID', 'The build is expired.', pointer)
  if (build.attributes.usesNonExemptEncryption !== false) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The build is missing export compliance information; set usesNonExemptEncryption first.',
      pointer,
    )
  }
  const refusal = betaReviewRefusal(ctx.store, ctx.scenario, build, Date.now())
  if (refusal) throw refusal
  const submission = ctx.store.insert(
    'betaAppReviewSubmissions',
    { betaReviewState: 'WAITING_FOR_REVIEW', submittedDate: nowIso() },
    { build: { type: 'builds', id: build.id } },
  )
  ctx.store.refresh()
  return ok(ctx, submission, 201)
}

function createBetaBuildLocalization(ctx: HandlerContext): HandlerResult {
  const build = target(ctx, 'build', 'builds')
  const a = attrs(ctx)
  const locale = String(a['locale'])
  // The race Apple-Actions/upload-testflight-build#169 hit: Apple creates its own at this very moment.
  if (ctx.scenario.whatToTestRace && build.internal['whatToTestCreated'] !== true)
    createWhatToTest(ctx.store, build)
  if (ctx.store.related(build, 'betaBuildLocalizations').some((l) => l.attributes['locale'] === locale)) {
    // rorkai#763: Apple's words for a second localization of the same locale.
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      "There is an entity with same 'locale'.",
      '/data/attributes/locale',
    )
  }
  const loc = ctx.store.insert(
    'betaBuildLocalizations',
    { locale, ...(typeof a['whatsNew'] === 'string' ? { whatsNew: a['whatsNew'] } : {}) },
    { build: { type: 'builds', id: build.id } },
  )
  return ok(ctx, loc, 201)
}

function updateSimple(type: keyof AttributesByType, names: string[]): Handler {
  return (ctx) => {
    const r = mustGet(ctx, type, ctx.params['id'] ?? '')
    patchAttributes(ctx, r, names)
    return ok(ctx, r)
  }
}

function createBuildBetaNotification(ctx: HandlerContext): HandlerResult {
  const build = target(ctx, 'build', 'builds')
  if (build.attributes.processingState !== 'VALID') {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The build is ${build.attributes.processingState}; testers can only be notified about VALID builds.`,
      '/data/relationships/build',
    )
  }
  const notification = ctx.store.insert(
    'buildBetaNotifications',
    {},
    { build: { type: 'builds', id: build.id } },
  )
  return ok(ctx, notification, 201)
}

// ---------------------------------------------------------------------------------------------
// App Store versions and review

// READY_FOR_REVIEW: added to a draft submission that is not submitted yet (fastlane fixture
// tunes/review_submission.json). Assumed editable like PREPARE_FOR_SUBMISSION: no evidence shows Apple
// refusing an edit in that state.
const EDITABLE_VERSION_STATES = new Set([
  'PREPARE_FOR_SUBMISSION',
  'READY_FOR_REVIEW',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'METADATA_REJECTED',
  'INVALID_BINARY',
])

function createAppStoreVersion(ctx: HandlerContext): HandlerResult {
  const app = target(ctx, 'app', 'apps')
  const a = attrs(ctx) as { platform: Platform; versionString: string }
  const versions = ctx.store.list(
    'appStoreVersions',
    (v) => appIdOf(ctx, v) === app.id && v.attributes.platform === a.platform,
  )
  if (versions.some((v) => v.attributes.versionString === a.versionString)) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      `A version with versionString '${a.versionString}' already exists for ${a.platform}.`,
      '/data/attributes/versionString',
    )
  }
  const open = versions.find(
    (v) =>
      EDITABLE_VERSION_STATES.has(v.attributes.appStoreState) ||
      v.attributes.appStoreState.includes('REVIEW'),
  )
  if (open) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `You cannot create a new version of the App in the current state: version ${open.attributes.versionString} is ${open.attributes.appStoreState}.`,
      '/data/relationships/app',
    )
  }
  const { id } = ctx.store.createAppStoreVersion({
    appId: app.id,
    versionString: a.versionString,
    platform: a.platform,
  })
  const version = mustGet(ctx, 'appStoreVersions', id)
  patchAttributes(ctx, version, ['copyright', 'reviewType', 'releaseType', 'earliestReleaseDate'])
  const buildId = relId(ctx, 'build')
  if (buildId) attachBuild(ctx, version, buildId, '/data/relationships/build/data/id')
  return ok(ctx, version, 201)
}

function attachBuild(
  ctx: HandlerContext,
  version: StoredResource<AttributesByType['appStoreVersions']>,
  buildId: string,
  pointer: string,
): void {
  const build = ctx.store.get('builds', buildId)
  if (!build)
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `There is no resource of type 'builds' with id '${buildId}'.`,
      pointer,
    )
  const pre = ctx.store.related(build, 'preReleaseVersion')[0] as
    StoredResource<AttributesByType['preReleaseVersions']> | undefined
  const problems: string[] = []
  if (appIdOf(ctx, build) !== appIdOf(ctx, version)) problems.push('the build belongs to another app')
  if (pre?.attributes.platform !== version.attributes.platform)
    problems.push(`the build is not a ${version.attributes.platform} build`)
  if (pre?.attributes.version !== version.attributes.versionString) {
    problems.push(
      `the build's version ${pre?.attributes.version ?? '?'} does not match the version string ${version.attributes.versionString}`,
    )
  }
  if (build.attributes.processingState !== 'VALID')
    problems.push(`the build is ${build.attributes.processingState}`)
  if (build.attributes.expired) problems.push('the build is expired')
  if (problems.length > 0) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The build cannot be attached: ${problems.join('; ')}.`,
      pointer,
    )
  }
  if (!EDITABLE_VERSION_STATES.has(version.attributes.appStoreState)) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The build of a version in state ${version.attributes.appStoreState} cannot be changed.`,
      pointer,
    )
  }
  version.relationships['build'] = { type: 'builds', id: build.id }
}

function updateAppStoreVersion(ctx: HandlerContext): HandlerResult {
  const version = mustGet(ctx, 'appStoreVersions', ctx.params['id'] ?? '')
  const a = attrs(ctx)
  if ('versionString' in a && !EDITABLE_VERSION_STATES.has(version.attributes.appStoreState)) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      `The version string cannot be changed in state ${version.attributes.appStoreState}.`,
      '/data/attributes/versionString',
    )
  }
  patchAttributes(ctx, version, [
    'versionString',
    'copyright',
    'reviewType',
    'releaseType',
    'earliestReleaseDate',
    'downloadable',
  ])
  const buildId = relId(ctx, 'build')
  if (buildId) attachBuild(ctx, version, buildId, '/data/relationships/build/data/id')
  return ok(ctx, version)
}

function updateAppStoreVersionBuild(ctx: HandlerContext): HandlerResult {
  const version = mustGet(ctx, 'appStoreVersions', ctx.params['id'] ?? '')
  const data = ctx.body?.data as Linkage | null
  if (data === null) {
    version.relationships['build'] = null
    return noContent()
  }
  attachBuild(ctx, version, data.id, '/data/id')
  return noContent()
}

function createAppStoreVersionLocalization(ctx: HandlerContext): HandlerResult {
  const version = target(ctx, 'appStoreVersion', 'appStoreVersions')
  const locale = String(attrs(ctx)['locale'])
  if (
    ctx.store.related(version, 'appStoreVersionLocalizations').some((l) => l.attributes['locale'] === locale)
  ) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      `The version already has a localization for locale '${locale}'.`,
      '/data/attributes/locale',
    )
  }
  const loc = ctx.store.insert(
    'appStoreVersionLocalizations',
    { locale },
    { appStoreVersion: { type: 'appStoreVersions', id: version.id } },
  )
  patchAttributes(ctx, loc, LOCALIZATION_FIELDS)
  return ok(ctx, loc, 201)
}

const LOCALIZATION_FIELDS = [
  'description',
  'keywords',
  'marketingUrl',
  'promotionalText',
  'supportUrl',
  'whatsNew',
]

function createPhasedRelease(ctx: HandlerContext): HandlerResult {
  const version = target(ctx, 'appStoreVersion', 'appStoreVersions')
  if (ctx.store.related(version, 'appStoreVersionPhasedRelease').length > 0) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The version already has a phased release.',
      '/data/relationships/appStoreVersion',
    )
  }
  const state = attrs(ctx)['phasedReleaseState']
  const release = ctx.store.insert(
    'appStoreVersionPhasedReleases',
    {
      phasedReleaseState: typeof state === 'string' ? state : 'INACTIVE',
      totalPauseDuration: 0,
      currentDayNumber: 0,
    },
    { appStoreVersion: { type: 'appStoreVersions', id: version.id } },
  )
  return ok(ctx, release, 201)
}

function deletePhasedRelease(ctx: HandlerContext): HandlerResult {
  const release = mustGet(ctx, 'appStoreVersionPhasedReleases', ctx.params['id'] ?? '')
  ctx.store.delete('appStoreVersionPhasedReleases', release.id)
  return noContent()
}

const OPEN_SUBMISSION_STATES = new Set([
  'READY_FOR_REVIEW',
  'WAITING_FOR_REVIEW',
  'IN_REVIEW',
  'UNRESOLVED_ISSUES',
])

function createReviewSubmission(ctx: HandlerContext): HandlerResult {
  const app = target(ctx, 'app', 'apps')
  const platform = (attrs(ctx)['platform'] as Platform | null | undefined) ?? 'IOS'
  const open = ctx.store.list(
    'reviewSubmissions',
    (s) =>
      appIdOf(ctx, s) === app.id &&
      s.attributes.platform === platform &&
      OPEN_SUBMISSION_STATES.has(s.attributes.state),
  )[0]
  if (open) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The app already has an open review submission (${open.id}, ${open.attributes.state}) for ${platform}.`,
      '/data/relationships/app',
    )
  }
  const submission = ctx.store.insert(
    'reviewSubmissions',
    { platform, state: 'READY_FOR_REVIEW' },
    { app: { type: 'apps', id: app.id }, appStoreVersionForReview: null },
  )
  return ok(ctx, submission, 201)
}

function createReviewSubmissionItem(ctx: HandlerContext): HandlerResult {
  const submission = target(ctx, 'reviewSubmission', 'reviewSubmissions')
  if (!['READY_FOR_REVIEW', 'UNRESOLVED_ISSUES'].includes(submission.attributes.state)) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `Items cannot be added to a review submission in state ${submission.attributes.state}.`,
      '/data/relationships/reviewSubmission',
    )
  }
  const rels = resourceData(ctx).relationships ?? {}
  const targets = Object.keys(rels).filter((k) => k !== 'reviewSubmission' && rels[k]?.data)
  if (targets.length !== 1 || targets[0] !== 'appStoreVersion') {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      targets.length === 1
        ? `The simulator only supports appStoreVersion review items, not ${targets[0] ?? ''}.`
        : 'Exactly one item relationship (e.g. appStoreVersion) is required.',
      '/data/relationships',
    )
  }
  const version = target(ctx, 'appStoreVersion', 'appStoreVersions')
  if (appIdOf(ctx, version) !== appIdOf(ctx, submission)) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The version belongs to another app.',
      '/data/relationships/appStoreVersion',
    )
  }
  if (version.attributes.platform !== submission.attributes.platform) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The version is for ${version.attributes.platform} but the submission is for ${submission.attributes.platform}.`,
      '/data/relationships/appStoreVersion',
    )
  }
  if (ctx.store.linkages(version, 'build').length === 0) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The version has no build attached; attach a build before submitting it for review.',
      '/data/relationships/appStoreVersion',
    )
  }
  const existing = ctx.store
    .related(submission, 'items')
    .some(
      (item) =>
        item.relationships['appStoreVersion'] &&
        ctx.store.linkages(item, 'appStoreVersion')[0]?.id === version.id,
    )
  if (existing) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The version is already an item of this review submission.',
      '/data/relationships/appStoreVersion',
    )
  }
  const item = ctx.store.insert(
    'reviewSubmissionItems',
    { state: 'READY_FOR_REVIEW' },
    {
      reviewSubmission: { type: 'reviewSubmissions', id: submission.id },
      appStoreVersion: { type: 'appStoreVersions', id: version.id },
    },
  )
  submission.relationships['appStoreVersionForReview'] = { type: 'appStoreVersions', id: version.id }
  return ok(ctx, item, 201)
}

function updateReviewSubmission(ctx: HandlerContext): HandlerResult {
  const submission = mustGet(ctx, 'reviewSubmissions', ctx.params['id'] ?? '')
  const a = attrs(ctx)
  const versions = ctx.store
    .related(submission, 'items')
    .flatMap((item) => ctx.store.related(item, 'appStoreVersion')) as StoredResource<
    AttributesByType['appStoreVersions']
  >[]
  if (a['submitted'] === true) {
    if (
      submission.attributes.state !== 'READY_FOR_REVIEW' &&
      submission.attributes.state !== 'UNRESOLVED_ISSUES'
    ) {
      throw conflict(
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        `A review submission in state ${submission.attributes.state} cannot be submitted.`,
        '/data/attributes/submitted',
      )
    }
    if (versions.length === 0) {
      throw conflict(
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        'The review submission has no items.',
        '/data/attributes/submitted',
      )
    }
    submission.attributes.state = 'WAITING_FOR_REVIEW'
    submission.attributes.submittedDate = nowIso()
    for (const v of versions) {
      v.attributes.appStoreState = 'WAITING_FOR_REVIEW'
      v.attributes.appVersionState = 'WAITING_FOR_REVIEW'
    }
  } else if (a['canceled'] === true) {
    if (
      !['WAITING_FOR_REVIEW', 'IN_REVIEW', 'UNRESOLVED_ISSUES', 'READY_FOR_REVIEW'].includes(
        submission.attributes.state,
      )
    ) {
      throw conflict(
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        `A review submission in state ${submission.attributes.state} cannot be canceled.`,
        '/data/attributes/canceled',
      )
    }
    const wasSubmitted = submission.attributes.state !== 'READY_FOR_REVIEW'
    submission.attributes.state = 'CANCELING'
    if (wasSubmitted) {
      for (const v of versions) {
        v.attributes.appStoreState = 'DEVELOPER_REJECTED'
        v.attributes.appVersionState = 'DEVELOPER_REJECTED'
      }
    }
  }
  if (typeof a['platform'] === 'string') submission.attributes.platform = a['platform'] as Platform
  return ok(ctx, submission)
}

function createReleaseRequest(ctx: HandlerContext): HandlerResult {
  const version = target(ctx, 'appStoreVersion', 'appStoreVersions')
  if (version.attributes.appStoreState !== 'PENDING_DEVELOPER_RELEASE') {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The version is ${version.attributes.appStoreState}; only versions in PENDING_DEVELOPER_RELEASE can be released.`,
      '/data/relationships/appStoreVersion',
    )
  }
  version.attributes.appStoreState = 'PROCESSING_FOR_APP_STORE'
  version.attributes.appVersionState = 'PROCESSING_FOR_DISTRIBUTION'
  const request = ctx.store.insert(
    'appStoreVersionReleaseRequests',
    {},
    {
      appStoreVersion: { type: 'appStoreVersions', id: version.id },
    },
  )
  return ok(ctx, request, 201)
}

// ---------------------------------------------------------------------------------------------

export const HANDLERS: Record<string, Handler> = {
  apps_getCollection: getCollection('apps'),
  apps_getInstance: getInstance('apps'),
  apps_buildUploads_getToManyRelated: getToMany('apps', 'buildUploads'),
  apps_betaGroups_getToManyRelated: getToMany('apps', 'betaGroups'),
  apps_appStoreVersions_getToManyRelated: getToMany('apps', 'appStoreVersions'),
  apps_builds_getToManyRelated: getToMany('apps', 'builds'),
  apps_preReleaseVersions_getToManyRelated: getToMany('apps', 'preReleaseVersions'),
  apps_reviewSubmissions_getToManyRelated: getToMany('apps', 'reviewSubmissions'),

  buildUploads_createInstance: createBuildUpload,
  buildUploads_getInstance: getInstance('buildUploads'),
  buildUploads_deleteInstance: deleteBuildUpload,
  buildUploads_buildUploadFiles_getToManyRelated: getToMany('buildUploads', 'buildUploadFiles'),
  buildUploadFiles_createInstance: createBuildUploadFile,
  buildUploadFiles_getInstance: getInstance('buildUploadFiles'),
  buildUploadFiles_updateInstance: commitBuildUploadFile,

  builds_getCollection: getCollection('builds'),
  builds_getInstance: getInstance('builds'),
  builds_updateInstance: updateBuild,
  builds_buildBetaDetail_getToOneRelated: getToOne('builds', 'buildBetaDetail', 'buildBetaDetails'),
  builds_betaAppReviewSubmission_getToOneRelated: getToOne(
    'builds',
    'betaAppReviewSubmission',
    'betaAppReviewSubmissions',
  ),
  builds_preReleaseVersion_getToOneRelated: getToOne('builds', 'preReleaseVersion', 'preReleaseVersions'),
  builds_app_getToOneRelated: getToOne('builds', 'app', 'apps'),
  builds_betaBuildLocalizations_getToManyRelated: getToMany('builds', 'betaBuildLocalizations'),
  builds_betaGroups_createToManyRelationship: linkBuildGroups(true, 'builds'),
  builds_betaGroups_deleteToManyRelationship: linkBuildGroups(false, 'builds'),

  preReleaseVersions_getCollection: getCollection('preReleaseVersions'),
  preReleaseVersions_getInstance: getInstance('preReleaseVersions'),

  betaGroups_getCollection: getCollection('betaGroups'),
  betaGroups_getInstance: getInstance('betaGroups'),
  betaGroups_createInstance: createBetaGroup,
  betaGroups_builds_getToManyRelated: getToMany('betaGroups', 'builds'),
  betaGroups_builds_createToManyRelationship: linkBuildGroups(true, 'betaGroups'),
  betaGroups_builds_deleteToManyRelationship: linkBuildGroups(false, 'betaGroups'),

  betaAppReviewSubmissions_getCollection: getCollection('betaAppReviewSubmissions'),
  betaAppReviewSubmissions_getInstance: getInstance('betaAppReviewSubmissions'),
  betaAppReviewSubmissions_createInstance: createBetaAppReviewSubmission,

  betaBuildLocalizations_getCollection: getCollection('betaBuildLocalizations'),
  betaBuildLocalizations_getInstance: getInstance('betaBuildLocalizations'),
  betaBuildLocalizations_createInstance: createBetaBuildLocalization,
  betaBuildLocalizations_updateInstance: updateSimple('betaBuildLocalizations', ['whatsNew']),

  buildBetaDetails_getCollection: getCollection('buildBetaDetails'),
  buildBetaDetails_getInstance: getInstance('buildBetaDetails'),
  buildBetaDetails_updateInstance: updateSimple('buildBetaDetails', ['autoNotifyEnabled']),
  buildBetaNotifications_createInstance: createBuildBetaNotification,

  appStoreVersions_createInstance: createAppStoreVersion,
  appStoreVersions_getInstance: getInstance('appStoreVersions'),
  appStoreVersions_updateInstance: updateAppStoreVersion,
  appStoreVersions_build_updateToOneRelationship: updateAppStoreVersionBuild,
  appStoreVersions_build_getToOneRelated: getToOne('appStoreVersions', 'build', 'builds'),
  appStoreVersions_appStoreVersionLocalizations_getToManyRelated: getToMany(
    'appStoreVersions',
    'appStoreVersionLocalizations',
  ),
  appStoreVersions_appStoreVersionPhasedRelease_getToOneRelated: getToOne(
    'appStoreVersions',
    'appStoreVersionPhasedRelease',
    'appStoreVersionPhasedReleases',
  ),
  appStoreVersionLocalizations_createInstance: createAppStoreVersionLocalization,
  appStoreVersionLocalizations_getInstance: getInstance('appStoreVersionLocalizations'),
  appStoreVersionLocalizations_updateInstance: updateSimple(
    'appStoreVersionLocalizations',
    LOCALIZATION_FIELDS,
  ),
  appStoreVersionPhasedReleases_createInstance: createPhasedRelease,
  appStoreVersionPhasedReleases_updateInstance: updateSimple('appStoreVersionPhasedReleases', [
    'phasedReleaseState',
  ]),
  appStoreVersionPhasedReleases_deleteInstance: deletePhasedRelease,

  reviewSubmissions_getCollection: getCollection('reviewSubmissions'),
  reviewSubmissions_getInstance: getInstance('reviewSubmissions'),
  reviewSubmissions_createInstance: createReviewSubmission,
  reviewSubmissions_updateInstance: updateReviewSubmission,
  reviewSubmissions_items_getToManyRelated: getToMany('reviewSubmissions', 'items'),
  reviewSubmissionItems_createInstance: createReviewSubmissionItem,
  appStoreVersionReleaseRequests_createInstance: createReleaseRequest,
}
