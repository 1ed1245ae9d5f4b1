// What App Store Connect holds for the listing of one version: read before anything is written.
import type { AscClient } from '../asc/client.js'
import { AscApiError } from '../asc/errors.js'
import type { Resource } from '../asc/resources.js'

export type Attrs = Record<string, unknown>
export type Localization = Resource<string, { locale?: string } & Attrs>

export type AppInfo = Resource<'appInfos', { state?: string }>

/**
 * App info states in which its localizations can be edited, as fastlane picks the editable app info
 * (spaceship connect_api/models/app.rb fetch_edit_app_info; the live one is READY_FOR_DISTRIBUTION,
 * PENDING_RELEASE or IN_REVIEW: fetch_live_app_info). READY_FOR_REVIEW is taken too, as the version in
 * a draft submission is (appstore/situation.ts editableVersion).
 */
export const EDITABLE_APP_INFO_STATES = new Set([
  'PREPARE_FOR_SUBMISSION',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'WAITING_FOR_REVIEW',
  'READY_FOR_REVIEW',
])

export interface EditableAppInfo {
  id: string
  localizations: Localization[]
}

export interface ListingState {
  versionLocalizations: Localization[]
  /** The editable app info and its localizations; absent when the app has none (or it was not asked for). */
  appInfo?: EditableAppInfo
  /** The version's App Review details; absent when it has none yet. */
  reviewDetail?: { id: string; attributes: Attrs }
}

const VERSION_LOCALIZATION_FIELDS = 'locale,description,keywords,promotionalText,supportUrl,marketingUrl'

export async function readVersionLocalizations(
  client: AscClient,
  versionId: string,
): Promise<Localization[]> {
  return (
    await client.getAll<Localization>(`/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`, {
      'fields[appStoreVersionLocalizations]': VERSION_LOCALIZATION_FIELDS,
    })
  ).data
}

/**
 * The app info whose localizations can be edited now (fastlane fetch_edit_app_info). `orLatest`, for a dry
 * run before the version exists: the app info a new version's would start from.
 */
export async function readEditableAppInfo(
  client: AscClient,
  appId: string,
  orLatest = false,
): Promise<EditableAppInfo | undefined> {
  const infos = (await client.getAll<AppInfo>(`/v1/apps/${appId}/appInfos`, { 'fields[appInfos]': 'state' }))
    .data
  const editable =
    infos.find((i) => EDITABLE_APP_INFO_STATES.has(i.attributes?.state ?? '')) ??
    (orLatest ? infos[0] : undefined)
  if (!editable) return undefined
  const localizations = (
    await client.getAll<Localization>(`/v1/appInfos/${editable.id}/appInfoLocalizations`, {
      'fields[appInfoLocalizations]': 'locale,name,subtitle,privacyPolicyUrl',
    })
  ).data
  return { id: editable.id, localizations }
}

/**
 * The version's App Review details. Apple answers 404 while a version has none; fastlane creates them then
 * (deliver upload_metadata.rb set_review_information: "errors if doesn't exist").
 */
export async function readReviewDetail(
  client: AscClient,
  versionId: string,
): Promise<{ id: string; attributes: Attrs } | undefined> {
  try {
    const doc = await client.get<Resource<'appStoreReviewDetails'>>(
      `/v1/appStoreVersions/${versionId}/appStoreReviewDetail`,
    )
    return { id: doc.data.id, attributes: doc.data.attributes ?? {} }
  } catch (error) {
    if (error instanceof AscApiError && error.status === 404) return undefined
    throw error
  }
}
