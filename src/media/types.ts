// Screenshots and app previews: what the folders hold and what the sync did. report/ renders MediaResult.

export type MediaKind = 'screenshot' | 'preview'
export type MediaMode = 'sync' | 'append' | 'replace'

/** How each kind is named in the API: the set, the asset, their attributes and relationships. */
export const MEDIA_KINDS = {
  screenshot: {
    input: 'screenshots_path',
    label: 'Screenshots',
    setType: 'appScreenshotSets',
    assetType: 'appScreenshots',
    typeAttribute: 'screenshotDisplayType',
    setRelationship: 'appScreenshotSet',
    /** The asset's processing state; previews moved to videoDeliveryState (AppMediaVideoState, API 3.7). */
    stateAttribute: 'assetDeliveryState',
  },
  preview: {
    input: 'app_previews_path',
    label: 'App previews',
    setType: 'appPreviewSets',
    assetType: 'appPreviews',
    typeAttribute: 'previewType',
    setRelationship: 'appPreviewSet',
    stateAttribute: 'videoDeliveryState',
  },
} as const

/** One file of the folder, checked and hashed. */
export interface LocalAsset {
  locale: string
  /** The display type (screenshots) or preview type. */
  setType: string
  path: string
  fileName: string
  /** `<locale>/[<folder>/]<file>`, as messages show it. */
  shownName: string
  fileSize: number
  md5: string
  /** Previews: the poster frame's time code. */
  frameTimeCode?: string
}

/** The folder's sets: each locale and type with its files in order. */
export type LocalMedia = { locale: string; setType: string; assets: LocalAsset[] }[]

/** What a sync does, or would do, to one set. */
export interface SetChange {
  locale: string
  setType: string
  added: string[]
  removed: string[]
  unchanged: number
  reordered: boolean
}

export interface MediaResult {
  kind: MediaKind
  mode: MediaMode
  changes: SetChange[]
  uploadedBytes: number
}
