// One asset into a set, as Apple's asset upload goes ("Uploading Assets to App Store Connect"): reserve it
// (POST with fileName and fileSize), send the byte ranges its upload operations name with the same part
// machinery as the build upload, and commit with `uploaded: true` and the file's MD5 as
// `sourceFileChecksum` (spaceship app_screenshot.rb create; smbcloud-ascapi-aso app_screenshot.rs).
import type { Resource, StateDetail, UploadOperation } from '../asc/resources.js'
import { sendParts } from '../upload/parts.js'
import { Progress } from '../upload/progress.js'
import type { MediaTarget } from './target.js'
import { MEDIA_KINDS, type LocalAsset, type MediaKind } from './types.js'

export interface AssetState {
  state?: string
  errors?: StateDetail[]
}

export interface UploadedAsset {
  id: string
  file: LocalAsset
}

type Reserved = Resource<string, { uploadOperations?: UploadOperation[] }>

/** Parts of one asset in flight at once; several assets go up in parallel (sync.ts). */
const PARTS_PER_ASSET = 2

export async function uploadAsset(
  target: MediaTarget,
  kind: MediaKind,
  setId: string,
  file: LocalAsset,
): Promise<UploadedAsset> {
  const { client, log, clock } = target
  const k = MEDIA_KINDS[kind]
  const reserved = await client.post<{ data: Reserved }>(`/v1/${k.assetType}`, {
    data: {
      type: k.assetType,
      attributes: {
        fileName: file.fileName,
        fileSize: file.fileSize,
        ...(file.frameTimeCode ? { previewFrameTimeCode: file.frameTimeCode } : {}),
      },
      relationships: { [k.setRelationship]: { data: { type: k.setType, id: setId } } },
    },
  })
  const { id } = reserved.data
  const operations = reserved.data.attributes?.uploadOperations ?? []
  if (operations.length === 0)
    throw new Error(
      `App Store Connect gave no upload operations for ${file.shownName} (${k.assetType} ${id}).`,
    )
  const progress = new Progress(file.fileSize, log, 5000, () => clock.now())
  await sendParts({ path: file.path, operations, concurrency: PARTS_PER_ASSET, progress, log, clock })
  await client.patch(`/v1/${k.assetType}/${id}`, {
    data: { type: k.assetType, id, attributes: { uploaded: true, sourceFileChecksum: file.md5 } },
  })
  return { id, file }
}
