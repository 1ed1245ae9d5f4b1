// Screenshot and app preview sets of a version localization, and their assets, as Apple's asset upload
// goes: reserve (uploadOperations in the older UploadOperation schema), PUT the parts to storage, commit
// with `uploaded: true` and `sourceFileChecksum`, then processing: AWAITING_UPLOAD → UPLOAD_COMPLETE →
// COMPLETE or FAILED, lazily on the clock. A screenshot whose pixel size its set's display type does not
// take ends FAILED with IMAGE_INCORRECT_DIMENSIONS, as App Store Connect reports it.
import { randomBytes } from 'node:crypto'
import { ApiError, conflict } from '../errors.js'
import type { SimulatorStore } from '../seed.js'
import type { AttributesByType, MediaAssetState, StateDetail, StoredResource } from '../store.js'
import {
  attrs,
  getInstance,
  getToMany,
  mustGet,
  noContent,
  ok,
  target,
  type Handler,
  type HandlerResult,
} from './generic.js'

export interface MediaScenario {
  /** A committed screenshot or preview is processed this long after its commit (default 150). */
  mediaProcessingMs: number
  /** Non-empty: every committed asset ends FAILED with these errors (default []). */
  mediaErrors: StateDetail[]
}

export const MEDIA_SCENARIO_DEFAULTS: MediaScenario = { mediaProcessingMs: 150, mediaErrors: [] }

/** Apple's limits per set (Screenshot specifications; App preview specifications). */
const MAX_ASSETS = { appScreenshots: 10, appPreviews: 3 } as const

const KINDS = {
  appScreenshots: { set: 'appScreenshotSets', setRel: 'appScreenshotSet', typeAttr: 'screenshotDisplayType' },
  appPreviews: { set: 'appPreviewSets', setRel: 'appPreviewSet', typeAttr: 'previewType' },
} as const
type AssetType = keyof typeof KINDS
type SetType = (typeof KINDS)[AssetType]['set']
type Asset = StoredResource<AttributesByType['appScreenshots'] & Partial<AttributesByType['appPreviews']>>

/** Portrait sizes each iPhone and iPad display type takes (landscape too); others are not checked. */
const PORTRAIT_SIZES: Record<string, string[]> = {
  IPHONE_67: ['1290x2796', '1260x2736', '1320x2868'],
  IPHONE_65: ['1242x2688', '1284x2778'],
  IPHONE_61: ['1179x2556', '1206x2622'],
  IPHONE_58: ['1125x2436', '1170x2532'],
  IPHONE_55: ['1242x2208'],
  IPHONE_47: ['750x1334'],
  IPAD_PRO_3GEN_129: ['2048x2732', '2064x2752'],
  IPAD_PRO_129: ['2048x2732', '2064x2752'],
  IPAD_PRO_3GEN_11: ['1668x2388', '1668x2420'],
  IPAD_105: ['1668x2224'],
}

function createSet(setType: SetType, typeAttr: string): Handler {
  return (ctx) => {
    const localization = target(ctx, 'appStoreVersionLocalization', 'appStoreVersionLocalizations')
    const value = String(attrs(ctx)[typeAttr])
    refuseOtherPlatformType(ctx.store, localization, typeAttr, value)
    const taken = ctx.store.related(localization, setType).some((s) => s.attributes[typeAttr] === value)
    if (taken) {
      throw conflict(
        'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
        `A set with ${typeAttr} ${value} already exists for this localization.`,
        `/data/attributes/${typeAttr}`,
      )
    }
    const set = ctx.store.insert(
      setType,
      { [typeAttr]: value },
      {
        appStoreVersionLocalization: { type: 'appStoreVersionLocalizations', id: localization.id },
      },
    )
    return ok(ctx, set, 201)
  }
}

const OTHER_PLATFORM_TYPES = [
  ['DESKTOP', 'MAC_OS'],
  ['APPLE_TV', 'TV_OS'],
  ['APPLE_VISION_PRO', 'VISION_OS'],
] as const

/**
 * A version takes only its platform's display types: the desktop type on macOS, Apple TV's on tvOS,
 * Vision Pro's on visionOS, the others on iOS ("Display Type Not Allowed", security-union/remote-shutter#147;
 * the status is assumed 409 like Apple's other attribute refusals).
 */
function refuseOtherPlatformType(
  store: SimulatorStore,
  localization: StoredResource<object>,
  typeAttr: string,
  value: string,
): void {
  const version = store.get('appStoreVersions', store.linkages(localization, 'appStoreVersion')[0]?.id ?? '')
  const platform = version?.attributes.platform
  if (platform === undefined) return
  const takes = OTHER_PLATFORM_TYPES.find(([suffix]) => value.endsWith(suffix))?.[1] ?? 'IOS'
  if (takes === platform) return
  throw conflict('ENTITY_ERROR.ATTRIBUTE.INVALID', 'Display Type Not Allowed', `/data/attributes/${typeAttr}`)
}

function createAsset(type: AssetType): Handler {
  return (ctx) => {
    const kind = KINDS[type]
    const set = target(ctx, kind.setRel, kind.set)
    const a = attrs(ctx) as {
      fileName: string
      fileSize: number
      previewFrameTimeCode?: string | null
      mimeType?: string | null
    }
    if (ctx.store.related(set, type).length >= MAX_ASSETS[type]) {
      throw conflict(
        'ENTITY_ERROR.RELATIONSHIP.INVALID',
        `The set already holds the most ${type} it can (${MAX_ASSETS[type]}).`,
        `/data/relationships/${kind.setRel}`,
      )
    }
    const id = ctx.store.newId(type)
    const operations = ctx.storage
      .reserve(id, a.fileSize, ctx.scenario.partSize, ctx.scenario.operationTtlMs)
      .map(({ method, url, length, offset, requestHeaders }) => ({
        method,
        url,
        length,
        offset,
        requestHeaders,
      }))
    const asset = ctx.store.insert(
      type,
      {
        fileName: a.fileName,
        fileSize: a.fileSize,
        assetToken: `Sim${randomBytes(8).toString('hex')}/${a.fileName}`,
        assetDeliveryState: { state: 'AWAITING_UPLOAD', errors: [] },
        uploadOperations: operations,
        ...(type === 'appPreviews'
          ? {
              videoDeliveryState: { state: 'AWAITING_UPLOAD', errors: [] },
              ...(a.previewFrameTimeCode ? { previewFrameTimeCode: a.previewFrameTimeCode } : {}),
              ...(a.mimeType ? { mimeType: a.mimeType } : {}),
            }
          : {}),
      },
      { [kind.setRel]: { type: kind.set, id: set.id } },
      { id },
    )
    return ok(ctx, asset, 201)
  }
}

function commitAsset(type: AssetType): Handler {
  return async (ctx): Promise<HandlerResult> => {
    const asset = mustGet(ctx, type, ctx.params['id'] ?? '') as Asset
    const a = attrs(ctx) as {
      uploaded?: boolean | null
      sourceFileChecksum?: string | null
      previewFrameTimeCode?: string | null
    }
    if (typeof a.previewFrameTimeCode === 'string')
      asset.attributes.previewFrameTimeCode = a.previewFrameTimeCode
    if (a.uploaded !== true) return ok(ctx, asset)
    if (asset.attributes.assetDeliveryState.state !== 'AWAITING_UPLOAD') {
      throw conflict(
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        'The asset was already committed.',
        '/data/attributes/uploaded',
      )
    }
    const missing = ctx.storage.missingParts(asset.id)
    if (missing.length > 0) {
      throw conflict(
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        `The upload is incomplete: no data was received for part ${missing.join(', ')}.`,
        '/data/attributes/uploaded',
      )
    }
    if (typeof a.sourceFileChecksum === 'string') asset.attributes.sourceFileChecksum = a.sourceFileChecksum
    const head = await ctx.storage.head(asset.id, 64 * 1024)
    await ctx.storage.remove(asset.id)
    const set = ctx.store.related(asset, KINDS[type].setRel)[0]
    const typeValue = set?.attributes[KINDS[type].typeAttr]
    const setValue = typeof typeValue === 'string' ? typeValue : ''
    const errors =
      ctx.scenario.mediaErrors.length > 0 ? ctx.scenario.mediaErrors : judge(type, head, setValue)
    delete asset.attributes.uploadOperations
    asset.attributes.assetDeliveryState = { state: 'UPLOAD_COMPLETE', errors: [] }
    if (type === 'appPreviews') asset.attributes.videoDeliveryState = { state: 'UPLOAD_COMPLETE', errors: [] }
    asset.internal['processedAt'] = ctx.now() + ctx.scenario.mediaProcessingMs
    asset.internal['errors'] = errors.map((e) => ({ ...e }))
    asset.internal['size'] = pixelSize(head)
    return ok(ctx, asset)
  }
}

/** What Apple's processing finds wrong with a screenshot: a size its display type does not take. */
function judge(type: AssetType, head: Buffer, displayType: string): StateDetail[] {
  if (type !== 'appScreenshots') return []
  const size = pixelSize(head)
  // The code for an unreadable image is assumed (no public recording of one); the dimension code is Apple's.
  if (!size) return [{ code: 'IMAGE_TOOL_FAILURE', description: 'The file could not be read as an image.' }]
  const portrait = PORTRAIT_SIZES[displayType.replace(/^(IMESSAGE_)?APP_/, '')]
  if (!portrait) return []
  const [w, h] = size
  const fits = portrait.some((p) => p === `${w}x${h}` || p === `${h}x${w}`)
  if (fits) return []
  return [
    {
      code: 'IMAGE_INCORRECT_DIMENSIONS',
      description: `The dimensions of one or more screenshots are wrong. ${w}x${h} is not a size ${displayType} accepts.`,
    },
  ]
}

/** Width and height from a PNG's IHDR or a JPEG's frame header. */
function pixelSize(head: Buffer): [number, number] | undefined {
  if (head.length >= 24 && head.readUInt32BE(0) === 0x89504e47)
    return [head.readUInt32BE(16), head.readUInt32BE(20)]
  if (head.readUInt16BE(0) !== 0xffd8) return undefined
  for (let i = 2; i + 9 < head.length;) {
    const marker = head.readUInt16BE(i)
    if (marker >= 0xffc0 && marker <= 0xffcf && ![0xffc4, 0xffc8, 0xffcc].includes(marker))
      return [head.readUInt16BE(i + 7), head.readUInt16BE(i + 5)]
    i += 2 + head.readUInt16BE(i + 2)
  }
  return undefined
}

function deleteAsset(type: AssetType): Handler {
  return async (ctx) => {
    const asset = mustGet(ctx, type, ctx.params['id'] ?? '')
    await ctx.storage.remove(asset.id)
    ctx.store.delete(type, asset.id)
    return noContent()
  }
}

function deleteSet(setType: SetType, assetType: AssetType): Handler {
  return async (ctx) => {
    const set = mustGet(ctx, setType, ctx.params['id'] ?? '')
    for (const asset of ctx.store.related(set, assetType)) {
      await ctx.storage.remove(asset.id)
      ctx.store.delete(assetType, asset.id)
    }
    ctx.store.delete(setType, set.id)
    return noContent()
  }
}

/** The new order must name exactly the set's assets; the set lists them in that order from then on. */
function reorder(setType: SetType, assetType: AssetType): Handler {
  return (ctx) => {
    const set = mustGet(ctx, setType, ctx.params['id'] ?? '')
    const data = ctx.body?.data
    const ids = Array.isArray(data) ? data.map((l) => l.id) : []
    const current = ctx.store.related(set, assetType)
    const same = ids.length === current.length && current.every((a) => ids.includes(a.id))
    if (!same) {
      throw new ApiError(
        409,
        'ENTITY_ERROR.RELATIONSHIP.INVALID',
        'The relationship is invalid.',
        `The new order must list each of the set's ${current.length} ${assetType} once.`,
      )
    }
    // Collections list by insertion order: the assets take the set's existing places in the new order.
    const places = current.map((a) => a.seq).sort((x, y) => x - y)
    ids.forEach((id, i) => {
      const asset = current.find((a) => a.id === id)
      if (asset) asset.seq = places[i] ?? asset.seq
    })
    return noContent()
  }
}

export const MEDIA_HANDLERS: Record<string, Handler> = {
  appStoreVersionLocalizations_appScreenshotSets_getToManyRelated: getToMany(
    'appStoreVersionLocalizations',
    'appScreenshotSets',
  ),
  appStoreVersionLocalizations_appPreviewSets_getToManyRelated: getToMany(
    'appStoreVersionLocalizations',
    'appPreviewSets',
  ),
  appScreenshotSets_createInstance: createSet('appScreenshotSets', 'screenshotDisplayType'),
  appScreenshotSets_getInstance: getInstance('appScreenshotSets'),
  appScreenshotSets_deleteInstance: deleteSet('appScreenshotSets', 'appScreenshots'),
  appScreenshotSets_appScreenshots_getToManyRelated: getToMany('appScreenshotSets', 'appScreenshots'),
  appScreenshotSets_appScreenshots_replaceToManyRelationship: reorder('appScreenshotSets', 'appScreenshots'),
  appScreenshots_createInstance: createAsset('appScreenshots'),
  appScreenshots_getInstance: getInstance('appScreenshots'),
  appScreenshots_updateInstance: commitAsset('appScreenshots'),
  appScreenshots_deleteInstance: deleteAsset('appScreenshots'),
  appPreviewSets_createInstance: createSet('appPreviewSets', 'previewType'),
  appPreviewSets_getInstance: getInstance('appPreviewSets'),
  appPreviewSets_deleteInstance: deleteSet('appPreviewSets', 'appPreviews'),
  appPreviewSets_appPreviews_getToManyRelated: getToMany('appPreviewSets', 'appPreviews'),
  appPreviewSets_appPreviews_replaceToManyRelationship: reorder('appPreviewSets', 'appPreviews'),
  appPreviews_createInstance: createAsset('appPreviews'),
  appPreviews_getInstance: getInstance('appPreviews'),
  appPreviews_updateInstance: commitAsset('appPreviews'),
  appPreviews_deleteInstance: deleteAsset('appPreviews'),
}

/** Processing ends `mediaProcessingMs` after the commit: COMPLETE, or FAILED with what it found. */
export function installMediaLifecycle(store: SimulatorStore): void {
  store.onRefresh((now) => {
    for (const type of ['appScreenshots', 'appPreviews'] as const) {
      for (const asset of store.list(
        type,
        (a) => a.attributes.assetDeliveryState.state === 'UPLOAD_COMPLETE',
      ) as Asset[]) {
        const at = asset.internal['processedAt']
        if (typeof at !== 'number' || now < at) continue
        const errors = (asset.internal['errors'] ?? []) as StateDetail[]
        const state: MediaAssetState =
          errors.length > 0 ? { state: 'FAILED', errors } : { state: 'COMPLETE', errors: [] }
        asset.attributes.assetDeliveryState = state
        if (type === 'appPreviews') asset.attributes.videoDeliveryState = { ...state }
        const size = asset.internal['size'] as [number, number] | undefined
        if (type === 'appScreenshots' && size && errors.length === 0) {
          asset.attributes.imageAsset = {
            templateUrl: `https://is1-ssl.mzstatic.com/image/thumb/${asset.attributes.assetToken}/{w}x{h}bb.{f}`,
            width: size[0],
            height: size[1],
          }
        }
      }
    }
  })
}
