// Reads screenshots_path or app_previews_path into the sets it asks for, checking every file before any
// request: the layout is fastlane deliver's (`<locale>/<file>`), a subfolder may name the display type.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { open, readdir, stat } from 'node:fs/promises'
import { extname, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import {
  acceptsSize,
  describeSizes,
  displayTypeForSize,
  isDisplayType,
  isPreviewType,
  PREVIEW_TYPES,
  type ScreenshotDisplayType,
} from './display-types.js'
import { IMAGE_HEADER_BYTES, readImageHeader } from './image-header.js'
import { MEDIA_KINDS, type LocalAsset, type LocalMedia, type MediaKind } from './types.js'
import { readTextFile } from '../shared/text-file.js'
import { LOCALE } from '../settings/fields.js'

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg'])
const VIDEO_EXTENSIONS = new Set(['.mov', '.m4v', '.mp4'])
/** fastlane deliver's folder for iMessage screenshots of the same sizes (app_screenshot.rb calculate_screen_size). */
const IMESSAGE_FOLDER = 'iMessage'
/** The poster frame time of `<name>.mp4` sits in `<name>.timecode.txt`, e.g. `00:00:05:00`. */
const TIMECODE_SUFFIX = '.timecode.txt'
const TIMECODE = /^\d{2}(:\d{2}){1,3}$/

/** Apple takes at most 10 screenshots and 3 previews per set (Apple's "Screenshot specifications"; fastlane sync_app_previews.rb). */
export const MAX_PER_SET = { screenshot: 10, preview: 3 } as const
/** Bounds of this action: App Store Connect has 39 locales; 500 MB is fastlane's preview limit. */
export const MAX_FILE_BYTES = { screenshot: 30 * 1024 * 1024, preview: 500 * 1024 * 1024 } as const
const MAX_LOCALES = 60
const MAX_FILES = 2000

/** Problems found in the folder, each naming the file; empty when every file is fit to upload. */
export class MediaFolderError extends Error {
  constructor(
    readonly input: string,
    readonly problems: string[],
  ) {
    super(`${input}: ${problems.length === 1 ? (problems[0] ?? '') : `\n- ${problems.join('\n- ')}`}`)
    this.name = 'MediaFolderError'
  }
}

/** Every locale's sets, each file checked; throws MediaFolderError listing every problem. */
export async function readMediaFolder(root: string, kind: MediaKind): Promise<LocalMedia> {
  const input = MEDIA_KINDS[kind].input
  const problems: string[] = []
  const sets = new Map<string, LocalAsset[]>()
  const localeDirs = await directories(root, input)
  if (localeDirs.length > MAX_LOCALES)
    throw new MediaFolderError(input, [`more than ${MAX_LOCALES} locale folders`])
  let files = 0
  for (const locale of localeDirs) {
    if (!LOCALE.test(locale)) {
      problems.push(`'${locale}' is not a locale folder such as en-US or de-DE`)
      continue
    }
    for (const found of await listFiles(join(root, locale), kind)) {
      if (++files > MAX_FILES) throw new MediaFolderError(input, [`more than ${MAX_FILES} files`])
      const asset = await readAsset(found, locale, kind, problems)
      if (!asset) continue
      const key = `${locale}\u0000${asset.setType}`
      sets.set(key, [...(sets.get(key) ?? []), asset])
    }
  }
  const result: LocalMedia = []
  for (const assets of sets.values()) {
    assets.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0))
    const first = assets[0]
    if (!first) continue
    if (assets.length > MAX_PER_SET[kind]) {
      problems.push(
        `${first.locale}/${first.setType} has ${assets.length} files; App Store Connect takes at most ${MAX_PER_SET[kind]}`,
      )
    }
    result.push({ locale: first.locale, setType: first.setType, assets })
  }
  if (problems.length > 0) throw new MediaFolderError(input, problems)
  result.sort((a, b) => (a.locale + a.setType < b.locale + b.setType ? -1 : 1))
  return result
}

interface FoundFile {
  path: string
  /** Shown in messages and compared with App Store Connect's fileName. */
  fileName: string
  /** The subfolder between the locale and the file, if any. */
  folder?: string
}

async function directories(root: string, input: string): Promise<string[]> {
  const info = await stat(root).catch(() => undefined)
  if (!info?.isDirectory()) throw new MediaFolderError(input, [`'${root}' is not a folder`])
  const entries = await readdir(root, { withFileTypes: true })
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
}

async function listFiles(dir: string, kind: MediaKind): Promise<FoundFile[]> {
  const extensions = kind === 'screenshot' ? IMAGE_EXTENSIONS : VIDEO_EXTENSIONS
  const found: FoundFile[] = []
  const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1)
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort(byName)) {
    if (entry.name.startsWith('.')) continue
    if (entry.isFile() && extensions.has(extname(entry.name).toLowerCase())) {
      found.push({ path: join(dir, entry.name), fileName: entry.name })
    } else if (entry.isDirectory()) {
      for (const inner of (await readdir(join(dir, entry.name), { withFileTypes: true })).sort(byName)) {
        if (
          inner.isFile() &&
          extensions.has(extname(inner.name).toLowerCase()) &&
          !inner.name.startsWith('.')
        )
          found.push({ path: join(dir, entry.name, inner.name), fileName: inner.name, folder: entry.name })
      }
    }
  }
  return found
}

async function readAsset(
  file: FoundFile,
  locale: string,
  kind: MediaKind,
  problems: string[],
): Promise<LocalAsset | undefined> {
  const shown = `${locale}/${file.folder ? `${file.folder}/` : ''}${file.fileName}`
  const size = (await stat(file.path)).size
  if (size === 0) {
    problems.push(`${shown} is empty`)
    return undefined
  }
  if (size > MAX_FILE_BYTES[kind]) {
    problems.push(`${shown} is larger than ${MAX_FILE_BYTES[kind] / 1024 / 1024} MB`)
    return undefined
  }
  const setType =
    kind === 'screenshot' ? await screenshotType(file, shown, problems) : previewType(file, shown, problems)
  if (!setType) return undefined
  const frameTimeCode = kind === 'preview' ? await readTimecode(file.path, shown, problems) : undefined
  return {
    locale,
    setType,
    path: file.path,
    fileName: file.fileName,
    shownName: shown,
    fileSize: size,
    md5: await md5Of(file.path),
    ...(frameTimeCode ? { frameTimeCode } : {}),
  }
}

async function screenshotType(
  file: FoundFile,
  shown: string,
  problems: string[],
): Promise<string | undefined> {
  const handle = await open(file.path, 'r')
  let head: Buffer
  try {
    const buffer = Buffer.alloc(IMAGE_HEADER_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    head = buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
  const image = readImageHeader(head)
  if (!image) {
    problems.push(`${shown} is not a PNG or JPEG image`)
    return undefined
  }
  // "Images can't contain alpha channels or transparencies." (App Store Connect, fastlane-old/snapshot#2, RocketSimApp#302)
  if (image.alpha) {
    problems.push(
      `${shown} has an alpha channel, which App Store Connect refuses: save it without transparency`,
    )
    return undefined
  }
  const size = `${image.width}×${image.height}`
  const named = file.folder && file.folder !== IMESSAGE_FOLDER ? file.folder : undefined
  if (named !== undefined) {
    if (!isDisplayType(named)) {
      problems.push(
        `${shown}: '${named}' is not a display type App Store Connect knows (e.g. APP_IPHONE_67, APP_IPAD_PRO_3GEN_129)`,
      )
      return undefined
    }
    if (!acceptsSize(named, image.width, image.height)) {
      problems.push(`${shown} is ${size}, which ${named} does not take (it takes ${describeSizes(named)})`)
      return undefined
    }
    return named
  }
  const type: ScreenshotDisplayType | undefined = displayTypeForSize(
    image.width,
    image.height,
    file.fileName,
    file.folder === IMESSAGE_FOLDER,
  )
  if (!type) {
    problems.push(
      `${shown} is ${size}, which fits no App Store display type (e.g. 1290×2796 for iPhone 6.7", 2064×2752 for iPad 13")`,
    )
  }
  return type
}

/** The preview type from a subfolder named after it, or, as fastlane does, from a token in the file name. */
function previewType(file: FoundFile, shown: string, problems: string[]): string | undefined {
  if (file.folder !== undefined) {
    if (isPreviewType(file.folder)) return file.folder
    problems.push(`${shown}: '${file.folder}' is not a preview type (${PREVIEW_TYPES.join(', ')})`)
    return undefined
  }
  // Longest first, so IPAD_PRO_3GEN_129 is not read as IPAD_PRO_129 (fastlane preview_type_from_filename).
  const token = [...PREVIEW_TYPES].sort((a, b) => b.length - a.length).find((t) => file.fileName.includes(t))
  if (token) return token
  problems.push(
    `${shown}: put it in a folder named after its preview type (e.g. ${shown.split('/')[0] ?? ''}/IPHONE_67/)`,
  )
  return undefined
}

/** A time code is a dozen characters; a sidecar far larger is not one. */
const MAX_TIMECODE_BYTES = 1024

async function readTimecode(path: string, shown: string, problems: string[]): Promise<string | undefined> {
  const sidecar = path.slice(0, path.length - extname(path).length) + TIMECODE_SUFFIX
  const file = await readTextFile(sidecar, MAX_TIMECODE_BYTES)
  if ('missing' in file) return undefined
  const code = 'text' in file ? file.text.trim() : ''
  if (TIMECODE.test(code)) return code
  problems.push(
    `${shown}: its poster frame time '${code.slice(0, 20)}' is not a time code such as 00:00:05:00`,
  )
  return undefined
}

async function md5Of(path: string): Promise<string> {
  const hash = createHash('md5')
  await pipeline(createReadStream(path), hash)
  return hash.digest('hex')
}
