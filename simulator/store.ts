// A generic JSON:API resource store: every resource is (type, id, attributes, relationships), plus
// simulator-only bookkeeping in `internal`. Relationships are stored on one side; the other side is
// declared in INVERSES so that includes, filters and related endpoints can follow them both ways.
import { randomUUID } from 'node:crypto'

export interface Linkage {
  type: string
  id: string
}

export type RelationshipValue = Linkage | Linkage[] | null

export interface StoredResource<A extends object = Record<string, unknown>> {
  type: string
  id: string
  attributes: A
  relationships: Record<string, RelationshipValue>
  /** Simulator bookkeeping, never serialized. */
  internal: Record<string, unknown>
  /** Insertion order, used as the default sort. */
  seq: number
}

export type Platform = 'IOS' | 'MAC_OS' | 'TV_OS' | 'VISION_OS'

export interface StateDetail {
  code: string
  description: string
}

export interface AttributesByType {
  apps: { bundleId: string; name: string; sku: string; primaryLocale: string }
  builds: {
    version: string
    uploadedDate: string
    expirationDate: string
    expired: boolean
    minOsVersion?: string
    processingState: 'PROCESSING' | 'FAILED' | 'INVALID' | 'VALID'
    buildAudienceType?: 'INTERNAL_ONLY' | 'APP_STORE_ELIGIBLE'
    usesNonExemptEncryption?: boolean
  }
  preReleaseVersions: { version: string; platform: Platform }
  buildUploads: {
    cfBundleShortVersionString: string
    cfBundleVersion: string
    createdDate: string
    uploadedDate?: string
    platform: Platform
    state: {
      state: 'AWAITING_UPLOAD' | 'PROCESSING' | 'FAILED' | 'COMPLETE'
      errors?: StateDetail[]
      warnings?: StateDetail[]
      infos?: StateDetail[]
    }
  }
  buildUploadFiles: {
    assetDeliveryState: {
      state: 'AWAITING_UPLOAD' | 'UPLOAD_COMPLETE' | 'COMPLETE' | 'FAILED'
      errors?: unknown[]
    }
    assetToken: string
    assetType: 'ASSET' | 'ASSET_DESCRIPTION' | 'ASSET_SPI'
    fileName: string
    fileSize: number
    uti: string
    sourceFileChecksums?: {
      file?: { hash: string; algorithm: string }
      composite?: { hash: string; algorithm: 'MD5' }
    }
    uploadOperations: UploadOperation[]
  }
  betaGroups: {
    name: string
    createdDate: string
    isInternalGroup: boolean
    hasAccessToAllBuilds?: boolean
    publicLinkEnabled?: boolean
    feedbackEnabled?: boolean
  }
  buildBetaDetails: { autoNotifyEnabled: boolean; internalBuildState: string; externalBuildState: string }
  betaBuildLocalizations: { locale: string; whatsNew?: string | null }
  betaAppReviewSubmissions: { betaReviewState: string; submittedDate: string }
  buildBetaNotifications: Record<string, never>
  appStoreVersions: {
    platform: Platform
    versionString: string
    appStoreState: string
    appVersionState: string
    copyright?: string | null
    reviewType?: string
    releaseType?: string
    earliestReleaseDate?: string | null
    downloadable?: boolean
    createdDate: string
  }
  appStoreVersionLocalizations: {
    locale: string
    description?: string | null
    keywords?: string | null
    marketingUrl?: string | null
    promotionalText?: string | null
    supportUrl?: string | null
    whatsNew?: string | null
  }
  appStoreVersionPhasedReleases: {
    phasedReleaseState: string
    startDate?: string
    totalPauseDuration?: number
    currentDayNumber?: number
  }
  reviewSubmissions: { platform: Platform; submittedDate?: string; state: string }
  reviewSubmissionItems: { state: string }
  appStoreVersionReleaseRequests: Record<string, never>
}

export type KnownType = keyof AttributesByType

export interface UploadOperation {
  method: string
  url: string
  length: number
  offset: number
  partNumber: number
  expiration: string
  requestHeaders: { name: string; value: string }[]
  /** Set once the storage has the part (the spec's DeliveryFileUploadOperation.entityTag). */
  entityTag?: string
}

/** Relationships stored on the other side: `INVERSES[type][rel]` = resources of `type2` whose `via` points here. */
export const INVERSES: Record<string, Record<string, { type: string; via: string; toOne?: boolean }>> = {
  apps: {
    builds: { type: 'builds', via: 'app' },
    buildUploads: { type: 'buildUploads', via: 'app' },
    betaGroups: { type: 'betaGroups', via: 'app' },
    preReleaseVersions: { type: 'preReleaseVersions', via: 'app' },
    appStoreVersions: { type: 'appStoreVersions', via: 'app' },
    reviewSubmissions: { type: 'reviewSubmissions', via: 'app' },
  },
  builds: {
    buildBetaDetail: { type: 'buildBetaDetails', via: 'build', toOne: true },
    betaAppReviewSubmission: { type: 'betaAppReviewSubmissions', via: 'build', toOne: true },
    betaBuildLocalizations: { type: 'betaBuildLocalizations', via: 'build' },
    appStoreVersion: { type: 'appStoreVersions', via: 'build', toOne: true },
  },
  preReleaseVersions: { builds: { type: 'builds', via: 'preReleaseVersion' } },
  buildUploads: { buildUploadFiles: { type: 'buildUploadFiles', via: 'buildUpload' } },
  appStoreVersions: {
    appStoreVersionLocalizations: { type: 'appStoreVersionLocalizations', via: 'appStoreVersion' },
    appStoreVersionPhasedRelease: {
      type: 'appStoreVersionPhasedReleases',
      via: 'appStoreVersion',
      toOne: true,
    },
  },
  reviewSubmissions: { items: { type: 'reviewSubmissionItems', via: 'reviewSubmission' } },
}

/** Types whose ids look like Apple's numeric ids; the others get UUIDs. */
const NUMERIC_ID_TYPES = new Set(['apps'])

export interface ScenarioView {
  uploadProcessingMs: number
  uploadErrors: StateDetail[]
  buildProcessingMs: number
  buildOutcome: 'VALID' | 'INVALID' | 'FAILED'
  usesNonExemptEncryption: boolean | null
  betaDetailsLagMs: number
  autoNotifyEnabled: boolean
}

export class Store {
  private readonly tables = new Map<string, Map<string, StoredResource>>()
  private seq = 0
  private nextNumericId = 1481211155
  private refreshing = false
  private readonly refreshers: ((now: number) => void)[] = []

  constructor(private readonly scenario: () => ScenarioView) {}

  /** Registers a function run before every read to advance time-based state (processing, ...). */
  onRefresh(fn: (now: number) => void): void {
    this.refreshers.push(fn)
  }

  refresh(): void {
    if (this.refreshing) return
    this.refreshing = true
    try {
      const now = Date.now()
      for (const fn of this.refreshers) fn(now)
    } finally {
      this.refreshing = false
    }
  }

  private table(type: string): Map<string, StoredResource> {
    let t = this.tables.get(type)
    if (!t) {
      t = new Map()
      this.tables.set(type, t)
    }
    return t
  }

  newId(type: string): string {
    if (NUMERIC_ID_TYPES.has(type)) {
      this.nextNumericId += 1 + Math.floor(Math.random() * 1000)
      return String(this.nextNumericId)
    }
    return randomUUID()
  }

  insert<T extends KnownType>(
    type: T,
    attributes: AttributesByType[T],
    relationships?: Record<string, RelationshipValue>,
    options?: { id?: string; internal?: Record<string, unknown> },
  ): StoredResource<AttributesByType[T]>
  insert(
    type: string,
    attributes: Record<string, unknown>,
    relationships?: Record<string, RelationshipValue>,
    options?: { id?: string; internal?: Record<string, unknown> },
  ): StoredResource
  insert(
    type: string,
    attributes: object,
    relationships: Record<string, RelationshipValue> = {},
    options: { id?: string; internal?: Record<string, unknown> } = {},
  ): StoredResource<object> {
    const id = options.id ?? this.newId(type)
    const resource: StoredResource<object> = {
      type,
      id,
      attributes: { ...attributes },
      relationships: { ...relationships },
      internal: { ...(options.internal ?? {}) },
      seq: ++this.seq,
    }
    this.table(type).set(id, resource as StoredResource)
    return resource
  }

  get<T extends KnownType>(type: T, id: string): StoredResource<AttributesByType[T]> | undefined
  get(type: string, id: string): StoredResource | undefined
  get(type: string, id: string): StoredResource<object> | undefined {
    this.refresh()
    return this.tables.get(type)?.get(id)
  }

  list<T extends KnownType>(
    type: T,
    predicate?: (r: StoredResource<AttributesByType[T]>) => boolean,
  ): StoredResource<AttributesByType[T]>[]
  list(type: string, predicate?: (r: StoredResource) => boolean): StoredResource[]
  list(type: string, predicate?: (r: StoredResource) => boolean): StoredResource<object>[] {
    this.refresh()
    const all = [...(this.tables.get(type)?.values() ?? [])]
    return predicate ? all.filter(predicate) : all
  }

  /** Shallow-merges attributes and replaces the given relationships. */
  update(
    type: string,
    id: string,
    patch: { attributes?: Record<string, unknown>; relationships?: Record<string, RelationshipValue> },
  ): StoredResource | undefined {
    const r = this.tables.get(type)?.get(id)
    if (!r) return undefined
    Object.assign(r.attributes, patch.attributes ?? {})
    Object.assign(r.relationships, patch.relationships ?? {})
    return r
  }

  delete(type: string, id: string): boolean {
    return this.tables.get(type)?.delete(id) ?? false
  }

  /** Linkages of a relationship, stored or inverse. */
  linkages(resource: StoredResource<object>, rel: string): Linkage[] {
    const stored = resource.relationships[rel]
    if (stored !== undefined) {
      if (stored === null) return []
      return Array.isArray(stored) ? stored : [stored]
    }
    const inverse = INVERSES[resource.type]?.[rel]
    if (!inverse) return []
    return this.list(inverse.type, (other) =>
      this.linkages(other, inverse.via).some((l) => l.id === resource.id),
    ).map((other) => ({ type: other.type, id: other.id }))
  }

  isToOne(resource: StoredResource<object>, rel: string): boolean {
    const stored = resource.relationships[rel]
    if (stored !== undefined) return !Array.isArray(stored)
    return INVERSES[resource.type]?.[rel]?.toOne ?? false
  }

  related(resource: StoredResource<object>, rel: string): StoredResource[] {
    return this.linkages(resource, rel)
      .map((l) => this.tables.get(l.type)?.get(l.id))
      .filter((r): r is StoredResource => r !== undefined)
  }

  /** Adds linkages to a stored to-many relationship (no duplicates). */
  link(resource: StoredResource<object>, rel: string, targets: Linkage[]): void {
    const current = resource.relationships[rel]
    const list = Array.isArray(current) ? current : []
    for (const t of targets) {
      if (!list.some((l) => l.type === t.type && l.id === t.id)) list.push({ type: t.type, id: t.id })
    }
    resource.relationships[rel] = list
  }

  unlink(resource: StoredResource<object>, rel: string, targets: Linkage[]): void {
    const current = resource.relationships[rel]
    if (!Array.isArray(current)) return
    resource.relationships[rel] = current.filter(
      (l) => !targets.some((t) => t.type === l.type && t.id === l.id),
    )
  }

  // ---------------------------------------------------------------------------------------------
  // Seeding helpers

  createApp(input: { bundleId: string; name?: string; sku?: string; primaryLocale?: string; id?: string }): {
    id: string
  } {
    const app = this.insert(
      'apps',
      {
        bundleId: input.bundleId,
        name: input.name ?? input.bundleId.split('.').pop() ?? input.bundleId,
        sku: input.sku ?? input.bundleId.toUpperCase().replace(/[^A-Z0-9]/g, ''),
        primaryLocale: input.primaryLocale ?? 'en-US',
      },
      {},
      input.id ? { id: input.id } : {},
    )
    return { id: app.id }
  }

  createBetaGroup(input: {
    appId: string
    name: string
    isInternalGroup?: boolean
    hasAccessToAllBuilds?: boolean
  }): { id: string } {
    this.requireApp(input.appId)
    const group = this.insert(
      'betaGroups',
      {
        name: input.name,
        createdDate: new Date().toISOString(),
        isInternalGroup: input.isInternalGroup ?? false,
        hasAccessToAllBuilds: input.hasAccessToAllBuilds ?? input.isInternalGroup ?? false,
        publicLinkEnabled: false,
        feedbackEnabled: true,
      },
      { app: { type: 'apps', id: input.appId }, builds: [] },
    )
    if (group.attributes.isInternalGroup && group.attributes.hasAccessToAllBuilds) {
      for (const build of this.list('builds', (b) => this.linkages(b, 'app')[0]?.id === input.appId)) {
        this.linkBuildToGroup(build.id, group.id)
      }
    }
    return { id: group.id }
  }

  preReleaseVersionFor(
    appId: string,
    version: string,
    platform: Platform,
  ): StoredResource<{
    version: string
    platform: Platform
  }> {
    const existing = this.list(
      'preReleaseVersions',
      (p) =>
        p.attributes.version === version &&
        p.attributes.platform === platform &&
        this.linkages(p, 'app')[0]?.id === appId,
    )[0]
    return (
      existing ??
      this.insert('preReleaseVersions', { version, platform }, { app: { type: 'apps', id: appId } })
    )
  }

  /**
   * Creates a build with its preReleaseVersion and buildBetaDetail. A build created in PROCESSING
   * moves to the scenario's outcome after `buildProcessingMs` (from `processingStartedAt`).
   */
  createBuild(input: {
    appId: string
    version: string
    buildNumber: string
    platform: Platform
    processingState?: 'PROCESSING' | 'FAILED' | 'INVALID' | 'VALID'
    usesNonExemptEncryption?: boolean | null
    uploadedAt?: number
    buildUploadId?: string
    expired?: boolean
  }): { id: string } {
    this.requireApp(input.appId)
    const scenario = this.scenario()
    const uploadedAt = input.uploadedAt ?? Date.now()
    const pre = this.preReleaseVersionFor(input.appId, input.version, input.platform)
    const encryption =
      input.usesNonExemptEncryption === undefined
        ? scenario.usesNonExemptEncryption
        : input.usesNonExemptEncryption
    const build = this.insert(
      'builds',
      {
        version: input.buildNumber,
        uploadedDate: new Date(uploadedAt).toISOString(),
        expirationDate: new Date(uploadedAt + 90 * 24 * 3600 * 1000).toISOString(),
        expired: input.expired ?? false,
        minOsVersion: '15.0',
        processingState: input.processingState ?? 'VALID',
        buildAudienceType: 'APP_STORE_ELIGIBLE',
        ...(encryption === null ? {} : { usesNonExemptEncryption: encryption }),
      },
      {
        app: { type: 'apps', id: input.appId },
        preReleaseVersion: { type: 'preReleaseVersions', id: pre.id },
        betaGroups: [],
        ...(input.buildUploadId ? { buildUpload: { type: 'buildUploads', id: input.buildUploadId } } : {}),
      },
      {
        internal: {
          processingEndsAt: uploadedAt + scenario.buildProcessingMs,
          processingOutcome: scenario.buildOutcome,
          // Only a build that goes through processing shows the beta-detail lag after it.
          ...(input.processingState === 'PROCESSING'
            ? { betaDetailsReadyAt: uploadedAt + scenario.buildProcessingMs + scenario.betaDetailsLagMs }
            : {}),
        },
      },
    )
    this.insert(
      'buildBetaDetails',
      {
        autoNotifyEnabled: scenario.autoNotifyEnabled,
        internalBuildState: 'PROCESSING',
        externalBuildState: 'PROCESSING',
      },
      { build: { type: 'builds', id: build.id } },
      { id: build.id },
    )
    for (const group of this.list(
      'betaGroups',
      (g) =>
        g.attributes.isInternalGroup &&
        g.attributes.hasAccessToAllBuilds === true &&
        this.linkages(g, 'app')[0]?.id === input.appId,
    )) {
      this.linkBuildToGroup(build.id, group.id)
    }
    this.refresh()
    return { id: build.id }
  }

  /** Creates a build upload in any state (for rerun/resume tests). */
  createBuildUpload(input: {
    appId: string
    version: string
    buildNumber: string
    platform: Platform
    state?: 'AWAITING_UPLOAD' | 'PROCESSING' | 'FAILED' | 'COMPLETE'
    errors?: StateDetail[]
    buildId?: string
  }): { id: string } {
    this.requireApp(input.appId)
    const now = new Date().toISOString()
    const state = input.state ?? 'AWAITING_UPLOAD'
    const upload = this.insert(
      'buildUploads',
      {
        cfBundleShortVersionString: input.version,
        cfBundleVersion: input.buildNumber,
        createdDate: now,
        ...(state === 'AWAITING_UPLOAD' ? {} : { uploadedDate: now }),
        platform: input.platform,
        state: { state, errors: input.errors ?? [], warnings: [], infos: [] },
      },
      { app: { type: 'apps', id: input.appId } },
      // A seeded PROCESSING upload finishes like a committed one, per the scenario.
      state === 'PROCESSING'
        ? {
            internal: {
              processingStartedAt: Date.now(),
              processingMs: this.scenario().uploadProcessingMs,
              uploadErrors: this.scenario().uploadErrors.map((e) => ({ ...e })),
            },
          }
        : {},
    )
    let buildId = input.buildId
    if (state === 'COMPLETE' && !buildId) {
      buildId = this.createBuild({
        appId: input.appId,
        version: input.version,
        buildNumber: input.buildNumber,
        platform: input.platform,
        buildUploadId: upload.id,
      }).id
    }
    if (buildId) upload.relationships['build'] = { type: 'builds', id: buildId }
    return { id: upload.id }
  }

  createAppStoreVersion(input: {
    appId: string
    versionString: string
    platform: Platform
    appStoreState?: string
    buildId?: string
  }): { id: string } {
    const app = this.requireApp(input.appId)
    const state = input.appStoreState ?? 'PREPARE_FOR_SUBMISSION'
    const version = this.insert(
      'appStoreVersions',
      {
        platform: input.platform,
        versionString: input.versionString,
        appStoreState: state,
        appVersionState: state === 'READY_FOR_SALE' ? 'READY_FOR_DISTRIBUTION' : state,
        reviewType: 'APP_STORE',
        releaseType: 'AFTER_APPROVAL',
        downloadable: true,
        createdDate: new Date().toISOString(),
      },
      {
        app: { type: 'apps', id: input.appId },
        build: input.buildId ? { type: 'builds', id: input.buildId } : null,
      },
    )
    this.insert(
      'appStoreVersionLocalizations',
      { locale: app.attributes.primaryLocale },
      { appStoreVersion: { type: 'appStoreVersions', id: version.id } },
    )
    return { id: version.id }
  }

  linkBuildToGroup(buildId: string, groupId: string): void {
    const build = this.tables.get('builds')?.get(buildId)
    const group = this.tables.get('betaGroups')?.get(groupId)
    if (!build || !group) return
    this.link(build, 'betaGroups', [{ type: 'betaGroups', id: groupId }])
    this.link(group, 'builds', [{ type: 'builds', id: buildId }])
  }

  unlinkBuildFromGroup(buildId: string, groupId: string): void {
    const build = this.tables.get('builds')?.get(buildId)
    const group = this.tables.get('betaGroups')?.get(groupId)
    if (build) this.unlink(build, 'betaGroups', [{ type: 'betaGroups', id: groupId }])
    if (group) this.unlink(group, 'builds', [{ type: 'builds', id: buildId }])
  }

  private requireApp(appId: string): StoredResource<AttributesByType['apps']> {
    const app = this.tables.get('apps')?.get(appId) as StoredResource<AttributesByType['apps']> | undefined
    if (!app) throw new Error(`No app with id ${appId}`)
    return app
  }
}
