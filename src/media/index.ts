// The screenshots and app previews step: makes the App Store version's sets what screenshots_path and
// app_previews_path hold. Runs inside the App Store step once the version is prepared (before it is
// submitted: App Review needs the screenshots), or on its own against the version of this release.
import type { AscClient } from '../asc/client.js'
import type { ReleaseContext } from '../context.js'
import { toAscPlatform, type AscPlatform } from '../shared/platform.js'
import type { Settings } from '../settings/settings.js'
import { platformOfSetType } from './display-types.js'
import { applyMedia, planMedia, readLocalizations, requestsNeeded, type ReadSet } from './sync.js'
import { MEDIA_KINDS, type LocalMedia, type MediaKind, type MediaResult } from './types.js'
import { EDITABLE_STATES, type AppStoreVersion } from '../appstore/resources.js'
import { stateOf } from '../appstore/situation.js'

/**
 * The kinds the settings ask for, with the sets of their folders that a version of this platform takes;
 * `skipped` names the others (one folder serves every package of a run, and each platform has its own
 * display types).
 */
export function wantedMedia(
  settings: Settings,
  platform: AscPlatform,
): { kind: MediaKind; local: LocalMedia; skipped: string[] }[] {
  const { screenshots, previews } = settings.media
  const wanted = [
    ...(screenshots ? [{ kind: 'screenshot' as const, all: screenshots }] : []),
    ...(previews ? [{ kind: 'preview' as const, all: previews }] : []),
  ]
  return wanted.map(({ kind, all }) => ({
    kind,
    local: all.filter((s) => platformOfSetType(s.setType) === platform),
    skipped: [...new Set(all.filter((s) => platformOfSetType(s.setType) !== platform).map((s) => s.setType))],
  }))
}

/** Syncs every kind asked for into the version; `versionId` defaults to this release's editable version. */
export async function syncMedia(ctx: ReleaseContext, versionId?: string): Promise<MediaResult[]> {
  const id = versionId ?? (await findReleaseVersion(ctx))
  const target = {
    client: ctx.client,
    log: ctx.log,
    clock: ctx.clock,
    versionId: id,
    pollIntervalMs: ctx.settings.wait.pollIntervalMs,
  }
  const { mode } = ctx.settings.media
  const planned: { kind: MediaKind; sets: ReadSet[] }[] = []
  const platform = toAscPlatform(ctx.identity.platform)
  const localizations = await readLocalizations(ctx.client, id)
  for (const { kind, local, skipped } of wantedMedia(ctx.settings, platform)) {
    if (skipped.length > 0)
      ctx.log.info(
        `${MEDIA_KINDS[kind].input}: skipped ${skipped.join(', ')} for this ${platform} version: not ${platform} types.`,
      )
    planned.push({ kind, sets: await planMedia(ctx.client, localizations, kind, local, mode) })
  }
  assertQuota(
    ctx.client,
    planned.reduce((sum, p) => sum + requestsNeeded(p.sets), 0),
  )
  const results: MediaResult[] = []
  for (const { kind, sets } of planned) results.push(await applyMedia(target, kind, sets, mode))
  return results
}

/**
 * Stops before the first change when the key's hourly quota would run out halfway: a set half synced is
 * worse than one not touched (fastlane deliver re-uploads everything and runs out on apps with many
 * languages; the quota is 3600 requests an hour per key, Apple's "Identifying Rate Limits").
 */
export function assertQuota(client: AscClient, needed: number): void {
  const quota = client.rateLimit
  if (!quota || needed <= quota.remaining) return
  throw new Error(
    `Syncing the screenshots and previews takes about ${needed} requests, but the API key has ${quota.remaining} of its ` +
      `${quota.limit} requests for this hour left. Nothing was changed: rerun after the hour, or sync fewer locales at once.`,
  )
}

/** The editable App Store version of this release's version string and platform. */
export async function findReleaseVersion(
  ctx: Pick<ReleaseContext, 'client' | 'app' | 'identity'>,
): Promise<string> {
  const platform = toAscPlatform(ctx.identity.platform)
  const { data } = await ctx.client.getAll<AppStoreVersion>(`/v1/apps/${ctx.app.id}/appStoreVersions`, {
    'filter[versionString]': ctx.identity.version,
    'filter[platform]': platform,
  })
  const version = data[0]
  if (!version) {
    const inputs = Object.values(MEDIA_KINDS)
      .map((k) => k.input)
      .join(' and ')
    throw new Error(
      `There is no App Store version ${ctx.identity.version} for ${platform} to put the ${inputs} on: ` +
        'set submit_to_app_store: true to create it, or create it in App Store Connect.',
    )
  }
  // A submitted or released version's screenshots cannot change; say so before any delete or upload.
  // READY_FOR_REVIEW is a version in a draft submission, still editable (appstore/situation.ts).
  const state = stateOf(version)
  if (!EDITABLE_STATES.has(state) && state !== 'READY_FOR_REVIEW') {
    throw new Error(
      `App Store version ${ctx.identity.version} for ${platform} is ${state}: its screenshots and previews can ` +
        'change only while it is being prepared. Give the next version (app_version) with submit_to_app_store: true.',
    )
  }
  return version.id
}
