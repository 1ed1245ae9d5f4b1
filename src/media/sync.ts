// Makes a version's screenshot or preview sets what the folder says: reads each localization's sets,
// plans each set by checksum (diff.ts), then deletes, uploads (reserve, send the parts, commit), waits
// for Apple's processing and puts the set in the folder's order.
import type { AscClient } from '../asc/client.js'
import type { Resource } from '../asc/resources.js'
import { pollUntil, elapsedText } from '../shared/poll.js'
import { forEachConcurrently } from '../shared/pool.js'
import { planSet, type RemoteAsset, type SetPlan } from './diff.js'
import type { MediaTarget } from './target.js'
import { uploadAsset, type AssetState, type UploadedAsset } from './upload.js'
import { MEDIA_KINDS, type LocalMedia, type MediaKind, type MediaMode, type MediaResult } from './types.js'

/** Assets worked on at once (each a few requests and usually one part). */
export const MEDIA_CONCURRENCY = 4
/** Apple processes a screenshot in seconds and a preview in minutes. */
const PROCESSING_TIMEOUT_MS = { screenshot: 10 * 60_000, preview: 30 * 60_000 } as const

type Localization = Resource<'appStoreVersionLocalizations', { locale?: string }>
type MediaSet = Resource
type Asset = Resource<
  string,
  {
    fileName?: string
    sourceFileChecksum?: string
    assetDeliveryState?: AssetState
    videoDeliveryState?: AssetState
  }
>

/** One set as read: where it is (if it exists) and what it holds. */
export interface ReadSet {
  locale: string
  localizationId: string
  setType: string
  setId?: string
  plan: SetPlan
}

/** The version's localizations, read once for every kind of media (each kind's sets hang from them). */
export async function readLocalizations(client: AscClient, versionId: string): Promise<Localization[]> {
  return (await client.getAll<Localization>(`/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`))
    .data
}

/** Reads the sets of the version's localizations and plans every set; GET requests only. */
export async function planMedia(
  client: AscClient,
  localizations: Localization[],
  kind: MediaKind,
  local: LocalMedia,
  mode: MediaMode,
): Promise<ReadSet[]> {
  const k = MEDIA_KINDS[kind]
  const missing = [...new Set(local.map((s) => s.locale))].filter(
    (locale) => !localizations.some((l) => l.attributes?.locale === locale),
  )
  if (missing.length > 0) {
    const have = localizations.map((l) => l.attributes?.locale ?? '').join(', ')
    throw new Error(
      `${k.input} has folders for ${missing.join(', ')}, but the App Store version has no such localization ` +
        `(it has ${have || 'none'}): add the language to the version in App Store Connect, or rename the folder.`,
    )
  }
  const planned: ReadSet[] = []
  for (const localization of localizations) {
    const locale = localization.attributes?.locale ?? ''
    const wanted = local.filter((s) => s.locale === locale)
    if (wanted.length === 0) continue
    const sets = (
      await client.getAll<MediaSet>(`/v1/appStoreVersionLocalizations/${localization.id}/${k.setType}`)
    ).data
    for (const { setType, assets } of wanted) {
      const set = sets.find((s) => s.attributes?.[k.typeAttribute] === setType)
      const remote = set ? await readAssets(client, kind, set.id) : []
      planned.push({
        locale,
        localizationId: localization.id,
        setType,
        ...(set ? { setId: set.id } : {}),
        plan: planSet(assets, remote, mode),
      })
    }
  }
  return planned
}

async function readAssets(client: AscClient, kind: MediaKind, setId: string): Promise<RemoteAsset[]> {
  const k = MEDIA_KINDS[kind]
  const { data } = await client.getAll<Asset>(`/v1/${k.setType}/${setId}/${k.assetType}`)
  return data.map((a) => {
    const attributes = a.attributes ?? {}
    const state = stateOf(a, kind)?.state ?? undefined
    return {
      id: a.id,
      fileName: attributes.fileName ?? a.id,
      ...(attributes.sourceFileChecksum ? { md5: attributes.sourceFileChecksum.toLowerCase() } : {}),
      ...(state ? { state } : {}),
    }
  })
}

/** The requests the changes take, polls included, to compare with what is left of the key's hourly quota. */
export function requestsNeeded(sets: ReadSet[]): number {
  return sets.reduce((sum, s) => {
    const { uploads, deletes, order } = s.plan
    const create = s.setId === undefined && uploads.length > 0 ? 1 : 0
    // Reserve and commit each file; about five reads of the set while Apple processes them.
    const polls = uploads.length > 0 ? 5 : 0
    return sum + create + deletes.length + uploads.length * 2 + polls + (order ? 1 : 0)
  }, 0)
}

/** Carries out the planned changes; throws with every asset Apple refused, by file name. */
export async function applyMedia(
  target: MediaTarget,
  kind: MediaKind,
  sets: ReadSet[],
  mode: MediaMode,
): Promise<MediaResult> {
  const { client, log } = target
  const k = MEDIA_KINDS[kind]
  for (const s of sets) {
    const where = `${s.locale} ${s.setType}`
    if (s.plan.uploads.length === 0 && s.plan.deletes.length === 0 && !s.plan.order) {
      log.info(`${k.label} ${where}: all ${s.plan.change.unchanged} already there.`)
      continue
    }
    if (s.setId === undefined && s.plan.uploads.length > 0) {
      const created = await client.post<{ data: MediaSet }>(`/v1/${k.setType}`, {
        data: {
          type: k.setType,
          attributes: { [k.typeAttribute]: s.setType },
          relationships: {
            appStoreVersionLocalization: {
              data: { type: 'appStoreVersionLocalizations', id: s.localizationId },
            },
          },
        },
      })
      s.setId = created.data.id
    }
  }

  // Deletions first: a set holds at most 10 screenshots, so room is made before anything is added.
  await forEachConcurrently(
    sets.flatMap((s) => s.plan.deletes.map((d) => ({ s, d }))),
    MEDIA_CONCURRENCY,
    async ({ s, d }) => {
      await client.delete(`/v1/${k.assetType}/${d.id}`)
      log.info(`${k.label} ${s.locale} ${s.setType}: removed ${d.fileName}.`)
    },
  )

  const jobs = sets.flatMap((s) => s.plan.uploads.map((file) => ({ s, file })))
  const uploaded = new Map<string, UploadedAsset & { setId: string }>()
  await forEachConcurrently(jobs, MEDIA_CONCURRENCY, async ({ s, file }) => {
    const setId = s.setId ?? ''
    uploaded.set(file.path, { ...(await uploadAsset(target, kind, setId, file)), setId })
    log.info(`${k.label} ${s.locale} ${s.setType}: uploaded ${file.fileName}.`)
  })
  await waitForProcessing(target, kind, [...uploaded.values()])

  for (const s of sets) {
    if (!s.plan.order || s.setId === undefined) continue
    const ids = s.plan.order.map((slot) =>
      'keep' in slot ? slot.keep : (uploaded.get(slot.upload.path)?.id ?? ''),
    )
    // The folder's order, as fastlane does once the uploads are in (sync_app_previews.rb reorder_previews).
    await client.patch(`/v1/${k.setType}/${s.setId}/relationships/${k.assetType}`, {
      data: ids.map((id) => ({ type: k.assetType, id })),
    })
    log.info(`${k.label} ${s.locale} ${s.setType}: put in the folder's order.`)
  }
  const uploadedBytes = jobs.reduce((sum, j) => sum + j.file.fileSize, 0)
  return { kind, mode, changes: sets.map((s) => s.plan.change), uploadedBytes }
}

/** One wait for every uploaded asset: done when each is COMPLETE or FAILED. */
async function waitForProcessing(
  target: MediaTarget,
  kind: MediaKind,
  assets: (UploadedAsset & { setId: string })[],
): Promise<void> {
  if (assets.length === 0) return
  const k = MEDIA_KINDS[kind]
  const states = new Map<string, AssetState>()
  const open = () => assets.filter((a) => !['COMPLETE', 'FAILED'].includes(states.get(a.id)?.state ?? ''))
  await pollUntil({
    clock: target.clock,
    intervalMs: target.pollIntervalMs,
    timeoutMs: PROCESSING_TIMEOUT_MS[kind],
    // One read per set with assets still processing, not one per asset: the quota is per hour.
    read: async () => {
      const setIds = [...new Set(open().map((a) => a.setId))]
      await forEachConcurrently(setIds, MEDIA_CONCURRENCY, async (setId) => {
        const { data } = await target.client.getAll<Asset>(`/v1/${k.setType}/${setId}/${k.assetType}`)
        for (const asset of data) {
          const state = stateOf(asset, kind)
          if (state) states.set(asset.id, state)
        }
      })
      return open().length
    },
    pending: (left) => (left === 0 ? undefined : `${left} of ${assets.length} still processing`),
    onTimeout: (state, ms) =>
      new Error(
        `${k.label}: App Store Connect had not processed every upload after ${elapsedText(ms)} (${state}): ` +
          `${open()
            .map((a) => a.file.shownName)
            .join(', ')}. Rerun the job: files already processed are not sent again.`,
      ),
  })
  const failed = assets.filter((a) => states.get(a.id)?.state === 'FAILED')
  if (failed.length === 0) return
  const lines = failed.map((a) => {
    const errors = states.get(a.id)?.errors ?? []
    const why = errors
      .map((e) => `${e.code ?? 'ERROR'}${e.description ? `: ${e.description}` : ''}`)
      .join('; ')
    return `${a.file.shownName}: ${why || 'processing failed'}`
  })
  throw new Error(
    `${k.label}: App Store Connect refused ${failed.length} file${failed.length > 1 ? 's' : ''}:\n- ${lines.join('\n- ')}\n` +
      'Fix or replace each file and rerun; the failed assets are removed and the files uploaded again.',
  )
}

/** A preview's state is videoDeliveryState since API 3.7; assetDeliveryState, deprecated, is read when it is absent. */
function stateOf(asset: Asset, kind: MediaKind): AssetState | undefined {
  const attributes = asset.attributes ?? {}
  return attributes[MEDIA_KINDS[kind].stateAttribute] ?? attributes.assetDeliveryState ?? undefined
}
