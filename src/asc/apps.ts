import type { AscClient } from './client.js'
import { AscApiError } from './errors.js'
import type { App } from './resources.js'

const APP_FIELDS = { 'fields[apps]': 'name,bundleId,sku,primaryLocale' }
/** How many visible apps an error message lists before it says "and N more". */
const LISTED_APPS = 20

export interface FoundApp {
  id: string
  name: string
  bundleId: string
  primaryLocale?: string
}

/**
 * The app by its Apple ID when given, else by bundle ID. Apple's bundleId filter also matches
 * prefixes (Xcode 26's wrong-app uploads came from that), so only an exact match counts.
 */
export async function findApp(
  client: AscClient,
  by: { appId?: string; bundleId?: string },
): Promise<FoundApp> {
  if (by.appId !== undefined) {
    let app: App
    try {
      app = (await client.get<App>(`/v1/apps/${encodeURIComponent(by.appId)}`, APP_FIELDS)).data
    } catch (error) {
      if (error instanceof AscApiError && error.status === 404) {
        throw new Error(
          `app_id ${by.appId}: no app with this Apple ID is visible to the API key.${await visibleApps(client)}`,
          { cause: error },
        )
      }
      throw error
    }
    const found = toFoundApp(app)
    if (by.bundleId !== undefined && found.bundleId !== by.bundleId) {
      throw new Error(
        `app_id ${by.appId} is "${found.name}" with bundle ID ${found.bundleId}, but the build's bundle ID is ${by.bundleId}. ` +
          'Fix app_id, or remove it to find the app by bundle ID.',
      )
    }
    return found
  }
  if (by.bundleId === undefined)
    throw new Error('Cannot find the app: neither app_id nor a bundle ID is known.')

  const { data } = await client.getAll<App>('/v1/apps', { 'filter[bundleId]': by.bundleId, ...APP_FIELDS })
  const exact = data.filter((app) => app.attributes?.bundleId === by.bundleId)
  const [only] = exact
  if (exact.length === 1 && only) return toFoundApp(only)
  if (exact.length === 0) {
    throw new Error(
      `No app with bundle ID ${by.bundleId} is visible to the API key. Create the app in App Store Connect, ` +
        `or check the key's team and app access.${await visibleApps(client)}`,
    )
  }
  throw new Error(
    `${exact.length} apps have bundle ID ${by.bundleId}: ${exact.map((a) => describe(toFoundApp(a))).join(', ')}. ` +
      'Set app_id to choose one.',
  )
}

function toFoundApp(app: App): FoundApp {
  return {
    id: app.id,
    name: app.attributes?.name ?? '',
    bundleId: app.attributes?.bundleId ?? '',
    primaryLocale: app.attributes?.primaryLocale ?? undefined,
  }
}

function describe(app: FoundApp): string {
  return `"${app.name}" (${app.bundleId}, app_id ${app.id})`
}

/** One page of the apps the key can see, for error messages. */
async function visibleApps(client: AscClient): Promise<string> {
  const page = await client.get<App[]>('/v1/apps', { ...APP_FIELDS, limit: 200 })
  if (page.data.length === 0) return ' The key sees no apps at all.'
  const shown = page.data.slice(0, LISTED_APPS).map((a) => describe(toFoundApp(a)))
  const total = page.meta?.paging?.total ?? page.data.length
  const more = total > shown.length ? `, and ${total - shown.length} more` : ''
  return ` The key sees: ${shown.join(', ')}${more}.`
}
