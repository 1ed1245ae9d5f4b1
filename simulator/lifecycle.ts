// Time-based state, computed lazily from timestamps whenever the store is read: upload
// processing, build processing and the derived TestFlight states of buildBetaDetails.
import type { AttributesByType, StateDetail, Store, StoredResource } from './store.js'

export function installLifecycle(store: Store): void {
  store.onRefresh((now) => {
    advanceUploads(store, now)
    advanceBuilds(store, now)
    deriveBetaDetails(store, now)
  })
}

function advanceUploads(store: Store, now: number): void {
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

function advanceBuilds(store: Store, now: number): void {
  for (const build of store.list('builds', (b) => b.attributes.processingState === 'PROCESSING')) {
    const endsAt = build.internal['processingEndsAt']
    const outcome = build.internal['processingOutcome']
    if (typeof endsAt !== 'number' || now < endsAt) continue
    build.attributes.processingState = outcome === 'INVALID' || outcome === 'FAILED' ? outcome : 'VALID'
  }
}

function deriveBetaDetails(store: Store, now: number): void {
  for (const detail of store.list('buildBetaDetails')) {
    const build = store.related(detail, 'build')[0] as StoredResource<AttributesByType['builds']> | undefined
    if (!build) continue
    const [internal, external] = betaStates(store, build, now)
    detail.attributes.internalBuildState = internal
    detail.attributes.externalBuildState = external
  }
}

function betaStates(
  store: Store,
  build: StoredResource<AttributesByType['builds']>,
  now: number,
): [string, string] {
  const a = build.attributes
  const betaReadyAt = build.internal['betaDetailsReadyAt']
  const betaStillProcessing =
    a.processingState === 'VALID' && typeof betaReadyAt === 'number' && now < betaReadyAt
  if (a.processingState === 'PROCESSING' || betaStillProcessing) return ['PROCESSING', 'PROCESSING']
  if (a.processingState !== 'VALID') return ['PROCESSING_EXCEPTION', 'PROCESSING_EXCEPTION']
  if (a.expired) return ['EXPIRED', 'EXPIRED']
  // An internal-only build has no external testing at all (botiverse/hands).
  const externalApplies = a.buildAudienceType !== 'INTERNAL_ONLY'
  const hasDeclaration = store.linkages(build, 'appEncryptionDeclaration').length > 0
  if (a.usesNonExemptEncryption === undefined || (a.usesNonExemptEncryption && !hasDeclaration)) {
    return ['MISSING_EXPORT_COMPLIANCE', externalApplies ? 'MISSING_EXPORT_COMPLIANCE' : 'NOT_APPLICABLE']
  }
  const groups = store.related(build, 'betaGroups')
  const internal = groups.some((g) => g.attributes['isInternalGroup'] === true)
    ? 'IN_BETA_TESTING'
    : 'READY_FOR_BETA_TESTING'
  const submission = store.related(build, 'betaAppReviewSubmission')[0]
  const inExternalGroup = groups.some((g) => g.attributes['isInternalGroup'] !== true)
  const external =
    {
      WAITING_FOR_REVIEW: 'WAITING_FOR_BETA_REVIEW',
      IN_REVIEW: 'IN_BETA_REVIEW',
      REJECTED: 'BETA_REJECTED',
      APPROVED: inExternalGroup ? 'IN_BETA_TESTING' : 'BETA_APPROVED',
    }[String(submission?.attributes['betaReviewState'])] ?? 'READY_FOR_BETA_SUBMISSION'
  return [internal, externalApplies ? external : 'NOT_APPLICABLE']
}
