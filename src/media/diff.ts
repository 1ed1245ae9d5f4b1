// The one rule for what a set needs: compare the folder's files with the set's assets by MD5, as
// fastlane deliver does (sync_screenshots.rb, sync_app_previews.rb compare `sourceFileChecksum` with
// Digest::MD5 of the file), so a file already there costs no upload.
import type { LocalAsset, MediaMode, SetChange } from './types.js'

/** An asset as App Store Connect has it in a set, in the set's order. */
export interface RemoteAsset {
  id: string
  fileName: string
  md5?: string
  state?: string
}

export type OrderSlot = { keep: string } | { upload: LocalAsset }

export interface SetPlan {
  change: SetChange
  /** Files to upload, in the folder's order. */
  uploads: LocalAsset[]
  deletes: RemoteAsset[]
  /**
   * The set's order once done: kept asset ids and uploaded files. Undefined when the order Apple gives
   * (kept assets, then a single upload last) is already right.
   */
  order?: OrderSlot[]
}

export function planSet(local: LocalAsset[], remote: RemoteAsset[], mode: MediaMode): SetPlan {
  const locale = local[0]?.locale ?? ''
  const setType = local[0]?.setType ?? ''
  // A failed asset, or one reserved and never committed (a run that stopped halfway), is never the file:
  // every mode takes it out, and the file goes up again.
  const broken = (r: RemoteAsset) => r.state === 'FAILED' || r.state === 'AWAITING_UPLOAD'
  const usable = remote.filter((r) => !broken(r))
  if (mode === 'replace') {
    return {
      change: {
        locale,
        setType,
        added: names(local),
        removed: remote.map((r) => r.fileName),
        unchanged: 0,
        reordered: false,
      },
      uploads: local,
      deletes: remote,
      ...(local.length > 1 ? { order: local.map((file) => ({ upload: file })) } : {}),
    }
  }
  const taken = new Set<string>()
  const slots = local.map((file) => {
    const match = usable.find((r) => r.md5 === file.md5 && !taken.has(r.id))
    if (match) taken.add(match.id)
    return match
  })
  const uploads = local.filter((_, i) => slots[i] === undefined)
  const deletes = mode === 'sync' ? remote.filter((r) => !taken.has(r.id)) : remote.filter(broken)
  const kept = remote.filter((r) => !deletes.includes(r))
  const change: SetChange = {
    locale,
    setType,
    added: names(uploads),
    removed: deletes.map((r) => r.fileName),
    unchanged: local.length - uploads.length,
    reordered: false,
  }
  // Uploads run in parallel, so Apple's order among several new assets is whichever was created first.
  const natural: OrderSlot[] = [
    ...kept.map((r) => ({ keep: r.id })),
    ...uploads.map((file) => ({ upload: file })),
  ]
  if (mode === 'append')
    return { change, uploads, deletes, ...(uploads.length > 1 ? { order: natural } : {}) }

  // Apple puts new assets last; the folder's order is asked for only when that is not it already.
  const wanted: OrderSlot[] = local.map((file, i) => {
    const match = slots[i]
    return match ? { keep: match.id } : { upload: file }
  })
  const key = (slot: OrderSlot | undefined) =>
    slot === undefined ? '' : 'keep' in slot ? slot.keep : slot.upload.path
  const same =
    uploads.length <= 1 &&
    wanted.length === natural.length &&
    wanted.every((w, i) => key(w) === key(natural[i]))
  const keptOrder = wanted.flatMap((w) => ('keep' in w ? [w.keep] : []))
  change.reordered = keptOrder.some((id, i) => id !== kept[i]?.id)
  return { change, uploads, deletes, ...(same ? {} : { order: wanted }) }
}

const names = (assets: LocalAsset[]): string[] => assets.map((a) => a.fileName)
