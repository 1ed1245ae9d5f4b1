// The store listing step: the version's texts, the app info's texts and the App Review details from the
// metadata_path folder (and the demo_account_password secret), read before written.
import { upsertLocalizations } from '../asc/localizations.js'
import type { Document, Resource } from '../asc/resources.js'
import { isFirstVersion, readSituation } from '../appstore/situation.js'
import { setWhatsNew } from '../appstore/whats-new.js'
import type { ReleaseContext } from '../context.js'
import { toAscPlatform } from '../shared/platform.js'
import { elapsedText, pollUntil } from '../shared/poll.js'
import {
  readEditableAppInfo,
  readReviewDetail,
  readVersionLocalizations,
  type EditableAppInfo,
  type ListingState,
} from './state.js'
import type { ListingResult, StoreListing } from './types.js'
import { brief, planListingWrites, type ListingWrites } from './writes.js'
import { chooseListingTarget } from './target.js'

export interface ListingVersion {
  id: string
  versionString: string
  /** The live version: only its promotional text is written. */
  live: boolean
  /**
   * Dry run only: the version does not exist yet and would start from this one's localizations (asc#836)
   * and App Review details, or from none.
   */
  createdFrom?: string | null
  /** The App Store step has just created or changed the version: its editable app info may still be on its way. */
  justPrepared?: boolean
}

/** The listing as given, or an empty one when only the demo password is. */
function listingOf(ctx: Pick<ReleaseContext, 'settings'>): StoreListing {
  return ctx.settings.listing ?? { path: '', locales: [], review: {} }
}

/** How long a new version's editable app info may take to show (fastlane deliver waits for it too). */
const EDIT_APP_INFO_TIMEOUT_MS = 120_000
const EDIT_APP_INFO_POLL_MS = 5_000

/**
 * The editable app info, waited for: App Store Connect makes one for a new version, and it shows a moment
 * after the version (deliver upload_metadata.rb fetch_edit_app_info in retry_if_nil "Cannot find edit app info").
 */
async function waitForEditableAppInfo(ctx: ReleaseContext): Promise<EditableAppInfo | undefined> {
  const { value } = await pollUntil({
    clock: ctx.clock,
    intervalMs: Math.min(ctx.settings.wait.pollIntervalMs, EDIT_APP_INFO_POLL_MS),
    timeoutMs: EDIT_APP_INFO_TIMEOUT_MS,
    read: () => readEditableAppInfo(ctx.client, ctx.app.id),
    pending: (info) => (info ? undefined : 'no editable app info yet'),
    onWait: (state, elapsedMs) => ctx.log.info(`Store listing: ${state} (${elapsedText(elapsedMs)}).`),
    onTimeout: () =>
      new Error(
        'App Store Connect shows no editable app info for the app (name, subtitle, privacy policy URL) two minutes ' +
          'after the version was prepared. Check the App Information page in App Store Connect, then re-run.',
      ),
  })
  return value
}

/** Reads what App Store Connect holds for this version's listing. */
async function readListingState(ctx: ReleaseContext, version: ListingVersion): Promise<ListingState> {
  const listing = listingOf(ctx)
  const wantsAppInfo = !version.live && listing.locales.some((l) => Object.keys(l.appInfo).length > 0)
  const wantsReview =
    !version.live &&
    (Object.keys(listing.review).length > 0 || ctx.settings.demoAccountPassword !== undefined)
  const planned = version.createdFrom !== undefined
  const localizationsOf = planned ? version.createdFrom : version.id
  const [versionLocalizations, appInfo, reviewDetail] = await Promise.all([
    listing.locales.length > 0 && localizationsOf
      ? readVersionLocalizations(ctx.client, localizationsOf)
      : Promise.resolve([]),
    wantsAppInfo
      ? version.justPrepared
        ? waitForEditableAppInfo(ctx)
        : readEditableAppInfo(ctx.client, ctx.app.id, planned)
      : Promise.resolve(undefined),
    // A new version starts with the previous version's App Review details, as App Store Connect fills them in.
    wantsReview && localizationsOf
      ? readReviewDetail(ctx.client, localizationsOf)
      : Promise.resolve(undefined),
  ])
  return {
    versionLocalizations,
    ...(appInfo ? { appInfo } : {}),
    ...(reviewDetail ? { reviewDetail } : {}),
  }
}

/** The writes this version's listing needs, from what App Store Connect holds (GET requests only). */
export async function planListing(
  ctx: ReleaseContext,
  version: ListingVersion,
): Promise<{ state: ListingState; writes: ListingWrites }> {
  const state = await readListingState(ctx, version)
  const { demoAccountPassword } = ctx.settings
  const writes = planListingWrites(listingOf(ctx), state, {
    live: version.live,
    ...(demoAccountPassword !== undefined ? { demoAccountPassword } : {}),
  })
  return { state, writes }
}

/**
 * Writes the listing to the version: localizations patched only where a file gives a field that differs,
 * created for a locale the version or app info lacks; App Review details patched or created. Fails before
 * any write when the listing cannot be written as it is.
 */
export async function applyListing(ctx: ReleaseContext, version: ListingVersion): Promise<ListingResult> {
  const { client, log } = ctx
  const { state, writes } = await planListing(ctx, version)
  if (writes.problems.length > 0)
    throw new Error(`The store listing in metadata_path cannot be written: ${writes.problems.join('; ')}.`)

  await upsertLocalizations(
    client,
    log,
    {
      label: 'Store listing',
      type: 'appStoreVersionLocalizations',
      list: { path: `/v1/appStoreVersions/${version.id}/appStoreVersionLocalizations` },
      parent: { relationship: 'appStoreVersion', type: 'appStoreVersions', id: version.id },
    },
    writes.version,
  )
  if (state.appInfo) {
    await upsertLocalizations(
      client,
      log,
      {
        label: 'App info',
        type: 'appInfoLocalizations',
        list: { path: `/v1/appInfos/${state.appInfo.id}/appInfoLocalizations` },
        parent: { relationship: 'appInfo', type: 'appInfos', id: state.appInfo.id },
      },
      writes.appInfo,
    )
  }
  if (writes.review) {
    const { id, attributes } = writes.review
    if (id) {
      await client.patch(`/v1/appStoreReviewDetails/${id}`, {
        data: { type: 'appStoreReviewDetails', id, attributes },
      })
    } else {
      await client.post<Document<Resource>>('/v1/appStoreReviewDetails', {
        data: {
          type: 'appStoreReviewDetails',
          attributes,
          relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: version.id } } },
        },
      })
    }
    log.info(`App Review information: ${id ? 'updated' : 'set'} (${Object.keys(attributes).join(', ')}).`)
  }
  for (const note of writes.notes) log.info(`Store listing: ${note}.`)
  if (writes.changes.length === 0)
    log.info(`Store listing of version ${version.versionString}: already as given.`)
  return {
    versionString: version.versionString,
    live: version.live,
    changes: writes.changes,
    createdLocales: writes.createdLocales,
    notes: writes.notes,
  }
}

/**
 * The listing step when the App Store step does not run (submit_to_app_store false): the listing, copyright
 * and What's New go to this release's version, which needs no build. See chooseListingTarget.
 */
export async function updateStoreListing(ctx: ReleaseContext): Promise<ListingResult> {
  const platform = toAscPlatform(ctx.identity.platform)
  const situation = await readSituation(ctx.client, ctx.app.id, platform)
  const target = chooseListingTarget(situation, ctx.identity.version)
  if (target.problem !== undefined) throw new Error(target.problem)
  const { version, live } = target
  const result = await applyListing(ctx, { id: version.id, versionString: ctx.identity.version, live })
  if (live) return result

  const { copyright, whatsNew } = ctx.settings.appStore
  const current = version.attributes?.copyright
  if (copyright !== undefined && current !== copyright) {
    await ctx.client.patch(`/v1/appStoreVersions/${version.id}`, {
      data: { type: 'appStoreVersions', id: version.id, attributes: { copyright } },
    })
    ctx.log.info(`Copyright of version ${ctx.identity.version}: updated.`)
    result.changes.push({
      field: 'copyright',
      ...(current ? { from: brief(current) } : {}),
      to: brief(copyright),
    })
  }
  if (whatsNew.length > 0) {
    const set = await setWhatsNew(
      ctx,
      version.id,
      ctx.identity.version,
      isFirstVersion(situation, version.id),
    )
    result.whatsNewLocales = set.locales
  }
  return result
}
