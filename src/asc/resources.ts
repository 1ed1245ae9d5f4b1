/** JSON:API shapes of the App Store Connect resources this action reads, as in Apple's OpenAPI spec 4.4.1. */

export interface ResourceIdentifier<T extends string = string> {
  type: T
  id: string
}

export interface Relationship {
  data?: ResourceIdentifier | ResourceIdentifier[] | null
  links?: { self?: string; related?: string }
  /** On a to-many relationship whose data is included: how many there are, and how many were sent. */
  meta?: { paging?: Paging }
}

export interface Paging {
  total?: number
  limit: number
  nextCursor?: string
}

/**
 * Apple sends `null` for an attribute it has no value for, whatever the spec says (e.g. `uploadedDate:
 * null` on a new buildUpload, `uploadOperations: null` after the commit; recorded answers in
 * `__tests__/fixtures/recorded-asc/`), so every attribute may be absent or null.
 */
export type Attributes<A> = { [K in keyof A]?: A[K] | null }

export interface Resource<T extends string = string, A = Record<string, unknown>> {
  type: T
  id: string
  attributes?: Attributes<A> | null
  relationships?: Record<string, Relationship>
  links?: { self?: string }
}

export interface Document<D> {
  data: D
  included?: Resource[]
  /** `next` is absent or null on the last page (both are seen from Apple). */
  links?: { self: string; next?: string | null; first?: string }
  meta?: { paging?: Paging }
}

export type App = Resource<'apps', { name?: string; bundleId?: string; sku?: string; primaryLocale?: string }>

export function relatedId(resource: Resource, relationship: string): string | undefined {
  const data = resource.relationships?.[relationship]?.data
  return data && !Array.isArray(data) ? data.id : undefined
}

export interface StateDetail {
  code?: string
  description?: string
}

export type BuildUploadState = 'AWAITING_UPLOAD' | 'PROCESSING' | 'FAILED' | 'COMPLETE'

export type BuildUpload = Resource<
  'buildUploads',
  {
    cfBundleShortVersionString?: string
    cfBundleVersion?: string
    platform?: string
    createdDate?: string
    uploadedDate?: string
    state?: {
      state?: BuildUploadState
      errors?: StateDetail[]
      warnings?: StateDetail[]
      infos?: StateDetail[]
    }
  }
>

export interface UploadOperation {
  method: string
  url: string
  offset: number
  length: number
  partNumber?: number
  expiration?: string
  requestHeaders?: { name: string; value: string }[]
  /** Present once the storage has the part. */
  entityTag?: string
}

export type BuildUploadFile = Resource<
  'buildUploadFiles',
  {
    fileName?: string
    fileSize?: number
    uti?: string
    assetType?: string
    assetDeliveryState?: { state?: string; errors?: StateDetail[]; warnings?: StateDetail[] }
    uploadOperations?: UploadOperation[]
  }
>

export type BuildProcessingState = 'PROCESSING' | 'FAILED' | 'INVALID' | 'VALID'

export type Build = Resource<
  'builds',
  {
    version?: string
    uploadedDate?: string
    expired?: boolean
    processingState?: BuildProcessingState
    usesNonExemptEncryption?: boolean | null
    /** INTERNAL_ONLY for a build exported for "TestFlight Internal Only". */
    buildAudienceType?: 'INTERNAL_ONLY' | 'APP_STORE_ELIGIBLE'
  }
>

export type BetaGroup = Resource<
  'betaGroups',
  {
    name?: string
    isInternalGroup?: boolean
    hasAccessToAllBuilds?: boolean
    publicLinkEnabled?: boolean
    publicLinkLimitEnabled?: boolean
    publicLinkLimit?: number | null
    publicLink?: string | null
  }
>

export type BetaTester = Resource<
  'betaTesters',
  { email?: string | null; firstName?: string | null; lastName?: string | null }
>

export type BuildBetaDetail = Resource<
  'buildBetaDetails',
  { autoNotifyEnabled?: boolean; internalBuildState?: string; externalBuildState?: string }
>

export type BetaBuildLocalization = Resource<
  'betaBuildLocalizations',
  { locale?: string; whatsNew?: string | null }
>

export type BetaAppReviewSubmission = Resource<
  'betaAppReviewSubmissions',
  { betaReviewState?: string; submittedDate?: string }
>
