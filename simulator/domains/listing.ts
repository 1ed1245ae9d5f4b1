// The store listing: app infos and their localizations (name, subtitle, privacy policy URL), the limits
// Apple enforces on listing texts (also on appStoreVersionLocalizations, through appstore.ts), and App
// Review details on a version. Apple's answers as seen: a text over its limit is 409
// ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG "'subtitle' cannot be longer than '30' characters."
// (fastlane#20581); keywords count UTF-8 bytes (rorkai/App-Store-Connect-CLI#1385).
import { conflict } from '../errors.js'
import { collectionDocument } from '../jsonapi.js'
import type { Store } from '../store.js'
import {
  attrs,
  getInstance,
  getToMany,
  getToOne,
  mustGet,
  ok,
  patchAttributes,
  target,
  type Handler,
  type HandlerContext,
  type HandlerResult,
  REVIEW_DETAIL_FIELDS,
} from './generic.js'

/** Apple's limits on listing texts: [max, unit]. */
const TEXT_LIMITS: Record<string, [number, 'characters' | 'bytes']> = {
  name: [30, 'characters'],
  subtitle: [30, 'characters'],
  keywords: [100, 'bytes'],
  promotionalText: [170, 'characters'],
  description: [4000, 'characters'],
  whatsNew: [4000, 'characters'],
  notes: [4000, 'characters'],
}
const URL_ATTRIBUTES = new Set(['supportUrl', 'marketingUrl', 'privacyPolicyUrl', 'privacyChoicesUrl'])

/** Refuses a text over Apple's limit or a URL that is not one, as Apple does (409), before anything is stored. */
export function refuseListingLimits(ctx: HandlerContext): void {
  for (const [name, value] of Object.entries(attrs(ctx))) {
    if (typeof value !== 'string') continue
    const limit = TEXT_LIMITS[name]
    if (limit) {
      const [max, unit] = limit
      const size = unit === 'bytes' ? Buffer.byteLength(value, 'utf8') : Array.from(value).length
      if (size > max)
        throw conflict(
          'ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG',
          `'${name}' cannot be longer than '${max}' characters.`,
          `/data/attributes/${name}`,
        )
    }
    if (URL_ATTRIBUTES.has(name) && value !== '' && !/^https?:\/\/[^\s/]+\.[^\s]+$/.test(value))
      throw conflict(
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        `'${value}' is not a valid URL.`,
        `/data/attributes/${name}`,
      )
  }
}

const APP_INFO_LOCALIZATION_FIELDS = [
  'name',
  'subtitle',
  'privacyPolicyUrl',
  'privacyChoicesUrl',
  'privacyPolicyText',
]

/** App info states whose localizations can change (fastlane spaceship app.rb fetch_edit_app_info). */
const EDITABLE_APP_INFO_STATES = new Set([
  'PREPARE_FOR_SUBMISSION',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'WAITING_FOR_REVIEW',
  'READY_FOR_REVIEW',
])

function refuseLockedAppInfo(state: string, attribute: string): void {
  if (EDITABLE_APP_INFO_STATES.has(state)) return
  throw conflict(
    'STATE_ERROR',
    `An attribute value is not acceptable for the current resource state. The attribute '${attribute}' can not be edited at this time.`,
    `/data/attributes/${attribute}`,
  )
}

function createAppInfoLocalization(ctx: HandlerContext): HandlerResult {
  const info = target(ctx, 'appInfo', 'appInfos')
  refuseLockedAppInfo(info.attributes.state, 'locale')
  const locale = String(attrs(ctx)['locale'])
  if (ctx.store.related(info, 'appInfoLocalizations').some((l) => l.attributes['locale'] === locale))
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      `The app info already has a localization for locale '${locale}'.`,
      '/data/attributes/locale',
    )
  refuseListingLimits(ctx)
  const localization = ctx.store.insert(
    'appInfoLocalizations',
    { locale },
    { appInfo: { type: 'appInfos', id: info.id } },
  )
  patchAttributes(ctx, localization, APP_INFO_LOCALIZATION_FIELDS)
  return ok(ctx, localization, 201)
}

function updateAppInfoLocalization(ctx: HandlerContext): HandlerResult {
  const localization = mustGet(ctx, 'appInfoLocalizations', ctx.params['id'] ?? '')
  const info = ctx.store.related(localization, 'appInfo')[0]
  const changed = Object.keys(attrs(ctx))[0]
  if (info && changed) refuseLockedAppInfo(String(info.attributes['state']), changed)
  refuseListingLimits(ctx)
  patchAttributes(ctx, localization, APP_INFO_LOCALIZATION_FIELDS)
  return ok(ctx, localization)
}

function createReviewDetail(ctx: HandlerContext): HandlerResult {
  const version = target(ctx, 'appStoreVersion', 'appStoreVersions')
  if (ctx.store.related(version, 'appStoreReviewDetail').length > 0)
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The version already has App Store review details.',
      '/data/relationships/appStoreVersion',
    )
  refuseListingLimits(ctx)
  const detail = ctx.store.insert(
    'appStoreReviewDetails',
    {},
    {
      appStoreVersion: { type: 'appStoreVersions', id: version.id },
    },
  )
  patchAttributes(ctx, detail, REVIEW_DETAIL_FIELDS)
  return ok(ctx, detail, 201)
}

function updateReviewDetail(ctx: HandlerContext): HandlerResult {
  const detail = mustGet(ctx, 'appStoreReviewDetails', ctx.params['id'] ?? '')
  refuseListingLimits(ctx)
  patchAttributes(ctx, detail, REVIEW_DETAIL_FIELDS)
  return ok(ctx, detail)
}

/**
 * App Review details a new version starts with: the previous version's, as App Store Connect fills in App
 * Review Information from it (assumed from App Store Connect's web page, which shows them pre-filled).
 */
export function copyPreviousReviewDetail(store: Store, previousId: string, versionId: string): void {
  const previous = store.get('appStoreVersions', previousId)
  const detail = previous && store.related(previous, 'appStoreReviewDetail')[0]
  if (!detail) return
  store.insert(
    'appStoreReviewDetails',
    { ...detail.attributes },
    {
      appStoreVersion: { type: 'appStoreVersions', id: versionId },
    },
  )
}

/** The app's app infos, without one made for a new version that App Store Connect does not show yet. */
const appInfosOfApp: Handler = (ctx) => {
  const app = mustGet(ctx, 'apps', ctx.params['id'] ?? '')
  const shown = ctx.store.related(app, 'appInfos').filter((info) => {
    const visibleAt = info.internal['visibleAt']
    return typeof visibleAt !== 'number' || ctx.now() >= visibleAt
  })
  return { status: 200, body: collectionDocument(ctx, shown) }
}

export const LISTING_HANDLERS: Record<string, Handler> = {
  apps_appInfos_getToManyRelated: appInfosOfApp,
  appInfos_getInstance: getInstance('appInfos'),
  appInfos_appInfoLocalizations_getToManyRelated: getToMany('appInfos', 'appInfoLocalizations'),
  appInfoLocalizations_createInstance: createAppInfoLocalization,
  appInfoLocalizations_getInstance: getInstance('appInfoLocalizations'),
  appInfoLocalizations_updateInstance: updateAppInfoLocalization,
  appStoreVersions_appStoreReviewDetail_getToOneRelated: getToOne(
    'appStoreVersions',
    'appStoreReviewDetail',
    'appStoreReviewDetails',
  ),
  appStoreReviewDetails_createInstance: createReviewDetail,
  appStoreReviewDetails_getInstance: getInstance('appStoreReviewDetails'),
  appStoreReviewDetails_updateInstance: updateReviewDetail,
}
