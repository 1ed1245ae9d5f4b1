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
    publicLinkId?: string
    publicLink?: string
    publicLinkLimitEnabled?: boolean
    publicLinkLimit?: number
    feedbackEnabled?: boolean
  }
  betaTesters: { email: string; firstName?: string; lastName?: string; inviteType: string; state: string }
  buildBetaDetails: { autoNotifyEnabled: boolean; internalBuildState: string; externalBuildState: string }
  betaBuildLocalizations: { locale: string; whatsNew?: string | null }
  betaAppReviewSubmissions: { betaReviewState: string; submittedDate: string }
  betaAppReviewDetails: {
    contactFirstName?: string
    contactLastName?: string
    contactPhone?: string
    contactEmail?: string
    demoAccountName?: string
    demoAccountPassword?: string
    demoAccountRequired?: boolean
    notes?: string
  }
  betaAppLocalizations: {
    locale: string
    description?: string
    feedbackEmail?: string
    marketingUrl?: string
    privacyPolicyUrl?: string
    tvOsPrivacyPolicy?: string
  }
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
  appScreenshotSets: { screenshotDisplayType: string }
  appPreviewSets: { previewType: string }
  appScreenshots: MediaAssetAttributes
  appPreviews: MediaAssetAttributes & {
    previewFrameTimeCode?: string
    mimeType?: string
    videoDeliveryState?: MediaAssetState
  }
  appInfos: { state: string; appStoreState?: string }
  appInfoLocalizations: {
    locale: string
    name?: string | null
    subtitle?: string | null
    privacyPolicyUrl?: string | null
    privacyChoicesUrl?: string | null
    privacyPolicyText?: string | null
  }
  appStoreReviewDetails: {
    contactFirstName?: string | null
    contactLastName?: string | null
    contactPhone?: string | null
    contactEmail?: string | null
    demoAccountName?: string | null
    demoAccountPassword?: string | null
    demoAccountRequired?: boolean | null
    notes?: string | null
  }
}

export interface MediaAssetState {
  state: string
  errors: StateDetail[]
}

/** A screenshot or preview: the older `UploadOperation` schema (no partNumber, expiration or entityTag). */
export interface MediaAssetAttributes {
  fileName: string
  fileSize: number
  sourceFileChecksum?: string
  assetToken: string
  assetDeliveryState: MediaAssetState
  uploadOperations?: Pick<UploadOperation, 'method' | 'url' | 'length' | 'offset' | 'requestHeaders'>[]
  imageAsset?: { templateUrl: string; width: number; height: number }
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
    betaAppReviewDetail: { type: 'betaAppReviewDetails', via: 'app', toOne: true },
    betaAppLocalizations: { type: 'betaAppLocalizations', via: 'app' },
    appInfos: { type: 'appInfos', via: 'app' },
  },
  appInfos: { appInfoLocalizations: { type: 'appInfoLocalizations', via: 'appInfo' } },
  builds: {
    buildBetaDetail: { type: 'buildBetaDetails', via: 'build', toOne: true },
    betaAppReviewSubmission: { type: 'betaAppReviewSubmissions', via: 'build', toOne: true },
    betaBuildLocalizations: { type: 'betaBuildLocalizations', via: 'build' },
    appStoreVersion: { type: 'appStoreVersions', via: 'build', toOne: true },
  },
  preReleaseVersions: { builds: { type: 'builds', via: 'preReleaseVersion' } },
  betaGroups: { betaTesters: { type: 'betaTesters', via: 'betaGroups' } },
  buildUploads: { buildUploadFiles: { type: 'buildUploadFiles', via: 'buildUpload' } },
  appStoreVersions: {
    appStoreVersionLocalizations: { type: 'appStoreVersionLocalizations', via: 'appStoreVersion' },
    appStoreVersionPhasedRelease: {
      type: 'appStoreVersionPhasedReleases',
      via: 'appStoreVersion',
      toOne: true,
    },
    appStoreReviewDetail: { type: 'appStoreReviewDetails', via: 'appStoreVersion', toOne: true },
  },
  reviewSubmissions: { items: { type: 'reviewSubmissionItems', via: 'reviewSubmission' } },
  appStoreVersionLocalizations: {
    appScreenshotSets: { type: 'appScreenshotSets', via: 'appStoreVersionLocalization' },
    appPreviewSets: { type: 'appPreviewSets', via: 'appStoreVersionLocalization' },
  },
  appScreenshotSets: { appScreenshots: { type: 'appScreenshots', via: 'appScreenshotSet' } },
  appPreviewSets: { appPreviews: { type: 'appPreviews', via: 'appPreviewSet' } },
}

/** Types whose ids look like Apple's numeric ids; the others get UUIDs. */
const NUMERIC_ID_TYPES = new Set(['apps'])

export class Store {
  private readonly tables = new Map<string, Map<string, StoredResource>>()
  private seq = 0
  private nextNumericId = 1481211155
  private refreshing = false
  private readonly refreshers: ((now: number) => void)[] = []

  /** `now`: the simulator's one clock (ms since epoch), read by every time-based rule. */
  constructor(readonly now: () => number) {}

  /** Registers a function run before every read to advance time-based state (processing, ...). */
  onRefresh(fn: (now: number) => void): void {
    this.refreshers.push(fn)
  }

  refresh(): void {
    if (this.refreshing) return
    this.refreshing = true
    try {
      const now = this.now()
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

  /** The stored resource as it is, without advancing time-based state first (for use inside a refresh). */
  protected peek<T extends KnownType>(type: T, id: string): StoredResource<AttributesByType[T]> | undefined
  protected peek(type: string, id: string): StoredResource | undefined
  protected peek(type: string, id: string): StoredResource<object> | undefined {
    return this.tables.get(type)?.get(id)
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
}
