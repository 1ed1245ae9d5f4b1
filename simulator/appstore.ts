// App Store review rules layered over the generic handlers: review submissions that finish canceling
// after a delay, versions whose state follows their submission, What's New refused on an app's first
// version, and App Review's refusal when metadata is missing (scenario.appStoreMissing), in the shape
// Apple answers it.
import { randomUUID } from 'node:crypto'
import { ApiError, conflict, type AppleError } from './errors.js'
import { attrs, relId, type Handler, type HandlerContext } from './handlers.js'
import type { AttributesByType, Platform, Store, StoredResource } from './store.js'

/** What App Review finds missing on submit; each becomes one of Apple's associated errors. */
export type MissingMetadata =
  | 'screenshots'
  | 'privacyPolicyUrl'
  | 'ageRating'
  | 'contentRights'
  | 'exportCompliance'
  | 'appDataUsages'
  | 'pricing'

export interface AppStoreScenario {
  /** Metadata App Review finds missing when a submission is submitted (default none). */
  appStoreMissing: MissingMetadata[]
  /** The status of that refusal: 409 (what Apple usually sends) or 422. */
  appStoreMissingStatus: 409 | 422
  /** How long a canceled review submission stays CANCELING before it is COMPLETE (default 300). */
  reviewCancelMs: number
  /**
   * Refuse What's New on an app's first version, as Apple does (409). Off by default only because the
   * simulator's own API walk-through (simulator-api.test.ts) sets What's New on a first version.
   */
  refuseFirstVersionWhatsNew: boolean
}

export const APP_STORE_SCENARIO_DEFAULTS: AppStoreScenario = {
  appStoreMissing: [],
  appStoreMissingStatus: 409,
  reviewCancelMs: 300,
  refuseFirstVersionWhatsNew: true,
}

type Version = StoredResource<AttributesByType['appStoreVersions']>

const RELEASED_VERSION_STATES = new Set([
  'READY_FOR_DISTRIBUTION',
  'PROCESSING_FOR_DISTRIBUTION',
  'REPLACED_WITH_NEW_VERSION',
])

/** The version state a submission puts its versions in; other submission states leave them alone. */
const VERSION_STATE_BY_SUBMISSION: Record<string, string> = {
  WAITING_FOR_REVIEW: 'WAITING_FOR_REVIEW',
  IN_REVIEW: 'IN_REVIEW',
  UNRESOLVED_ISSUES: 'REJECTED',
}

/** Time-based App Store state, advanced before every read like the rest of the lifecycle. */
export function installAppStoreLifecycle(store: Store): void {
  store.onRefresh((now) => {
    for (const submission of store.list('reviewSubmissions')) {
      const completesAt = submission.internal['cancelCompletesAt']
      if (
        submission.attributes.state === 'CANCELING' &&
        typeof completesAt === 'number' &&
        now >= completesAt
      )
        submission.attributes.state = 'COMPLETE'
      // Only a change of the submission's state carries over, so a test can still set a version's state.
      const { state } = submission.attributes
      if (submission.internal['followedState'] === state) continue
      submission.internal['followedState'] = state
      const versionState = VERSION_STATE_BY_SUBMISSION[state]
      if (!versionState) continue
      for (const version of versionsOf(store, submission)) {
        version.attributes.appStoreState = versionState
        version.attributes.appVersionState = versionState
      }
    }
  })
}

/** The handlers with the App Store rules wrapped around the generic ones they refine. */
export function withAppStoreRules(base: Record<string, Handler>): Record<string, Handler> {
  const wrap = (id: string, before: (ctx: HandlerContext) => void, after?: (ctx: HandlerContext) => void) => {
    const handler = base[id]
    if (!handler) throw new Error(`No handler ${id} to add App Store rules to`)
    const wrapped: Handler = async (ctx) => {
      before(ctx)
      const result = await handler(ctx)
      if (result.status < 300) after?.(ctx)
      return result
    }
    return { [id]: wrapped }
  }
  return {
    ...base,
    ...wrap('reviewSubmissions_updateInstance', refuseMissingMetadata, (ctx) => {
      if (attrs(ctx)['canceled'] !== true) return
      const submission = ctx.store.get('reviewSubmissions', ctx.params['id'] ?? '')
      if (submission) submission.internal['cancelCompletesAt'] = Date.now() + ctx.scenario.reviewCancelMs
    }),
    ...wrap('appStoreVersionLocalizations_createInstance', (ctx) => {
      const version = ctx.store.get('appStoreVersions', relId(ctx, 'appStoreVersion') ?? '')
      if (version) refuseFirstVersionWhatsNew(ctx, version)
    }),
    ...wrap('appStoreVersionLocalizations_updateInstance', (ctx) => {
      const localization = ctx.store.get('appStoreVersionLocalizations', ctx.params['id'] ?? '')
      const version =
        localization && (ctx.store.related(localization, 'appStoreVersion')[0] as Version | undefined)
      if (version) refuseFirstVersionWhatsNew(ctx, version)
    }),
  }
}

function versionsOf(store: Store, submission: StoredResource<object>): Version[] {
  return store
    .related(submission, 'items')
    .flatMap((item) => store.related(item, 'appStoreVersion')) as Version[]
}

/** Apple takes no What's New on an app's first version (no earlier version reached users). */
function refuseFirstVersionWhatsNew(ctx: HandlerContext, version: Version): void {
  if (!ctx.scenario.refuseFirstVersionWhatsNew || !('whatsNew' in attrs(ctx))) return
  const appId = ctx.store.linkages(version, 'app')[0]?.id
  const released = ctx.store.list(
    'appStoreVersions',
    (v) =>
      v.id !== version.id &&
      v.attributes.platform === version.attributes.platform &&
      ctx.store.linkages(v, 'app')[0]?.id === appId &&
      RELEASED_VERSION_STATES.has(v.attributes.appVersionState),
  )
  if (released.length === 0) {
    throw conflict(
      'STATE_ERROR',
      "An attribute value is not acceptable for the current resource state. The attribute 'whatsNew' can not be edited at this time.",
      '/data/attributes/whatsNew',
    )
  }
}

/**
 * App Review's refusal, as Apple sends it: a generic STATE_ERROR.ENTITY_STATE_INVALID whose reasons sit
 * in meta.associatedErrors, keyed by the resource each is about.
 */
function refuseMissingMetadata(ctx: HandlerContext): void {
  const missing = ctx.scenario.appStoreMissing
  if (attrs(ctx)['submitted'] !== true || missing.length === 0) return
  const submission = ctx.store.get('reviewSubmissions', ctx.params['id'] ?? '')
  if (!submission || !['READY_FOR_REVIEW', 'UNRESOLVED_ISSUES'].includes(submission.attributes.state)) return
  const version = versionsOf(ctx.store, submission)[0]
  if (!version) return
  const status = ctx.scenario.appStoreMissingStatus
  const associated: Record<string, AppleError[]> = {}
  for (const kind of missing) {
    const [resource, code, title, detail] = reason(ctx, version, kind)
    ;(associated[resource] ??= []).push({ id: randomUUID(), status: String(status), code, title, detail })
  }
  throw new MissingMetadataError(status, version.id, associated)
}

const SCREENSHOT_TYPE: Record<Platform, string> = {
  IOS: 'APP_IPHONE_67',
  MAC_OS: 'APP_DESKTOP',
  TV_OS: 'APP_APPLE_TV',
  VISION_OS: 'APP_APPLE_VISION_PRO',
}

const REQUIRED_ATTRIBUTE = 'The provided entity is missing a required attribute'

/** [resource, code, title, detail] of one associated error, worded as Apple words them. */
function reason(
  ctx: HandlerContext,
  version: Version,
  kind: MissingMetadata,
): [string, string, string, string] {
  const appId = ctx.store.linkages(version, 'app')[0]?.id ?? ''
  const localization = ctx.store.related(version, 'appStoreVersionLocalizations')[0]?.id ?? version.id
  const buildId = ctx.store.linkages(version, 'build')[0]?.id ?? ''
  const required = (attribute: string) =>
    `You must provide a value for the attribute '${attribute}' with this request`
  switch (kind) {
    case 'screenshots': {
      const type = SCREENSHOT_TYPE[version.attributes.platform]
      return [
        `/v1/appStoreVersionLocalizations/${localization}`,
        `STATE_ERROR.SCREENSHOT_REQUIRED.${type}`,
        `App screenshot missing (${type}).`,
        `A screenshot for one of the following types is required but was not provided: ${type}`,
      ]
    }
    case 'privacyPolicyUrl':
      return [
        `/v1/appInfoLocalizations/${appId}`,
        'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
        REQUIRED_ATTRIBUTE,
        required('privacyPolicyUrl'),
      ]
    case 'ageRating':
      return [
        `/v1/ageRatingDeclarations/${appId}`,
        'STATE_ERROR.AGE_RATING_REQUIRED',
        'The age rating is incomplete.',
        'You must answer the age rating questions before the app can be reviewed.',
      ]
    case 'contentRights':
      return [
        `/v1/apps/${appId}`,
        'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
        REQUIRED_ATTRIBUTE,
        required('contentRightsDeclaration'),
      ]
    case 'exportCompliance':
      return [
        `/v1/builds/${buildId}`,
        'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
        REQUIRED_ATTRIBUTE,
        required('usesNonExemptEncryption'),
      ]
    case 'appDataUsages':
      return [
        '/v1/appDataUsages/',
        'STATE_ERROR.APP_DATA_USAGES_REQUIRED',
        'App data usages are required.',
        "Answers to what data your app collects and how it's used are needed.",
      ]
    case 'pricing':
      return [
        '/v2/appPrices/',
        'STATE_ERROR.APP_PRICING_REQUIRED',
        'App pricing is required.',
        'App is missing required pricing.',
      ]
  }
}

class MissingMetadataError extends ApiError {
  constructor(
    status: number,
    versionId: string,
    private readonly associated: Record<string, AppleError[]>,
  ) {
    super(
      status,
      'STATE_ERROR.ENTITY_STATE_INVALID',
      `appStoreVersions with id '${versionId}' is not in valid state.`,
      'This resource cannot be reviewed, please check associated errors to see why.',
    )
  }

  override body(): { errors: (AppleError & { meta: { associatedErrors: Record<string, AppleError[]> } })[] } {
    const [error] = super.body().errors
    if (!error) throw new Error('ApiError.body() has no error')
    return { errors: [{ ...error, meta: { associatedErrors: this.associated } }] }
  }
}
