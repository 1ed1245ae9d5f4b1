import { readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import type { LocalizedText } from './settings.js'
import { LOCALE } from './fields.js'
import { readTextFile, withoutFinalNewline } from '../shared/text-file.js'

/** Apple's limit on What to Test is 4000 bytes of UTF-8. */
const MAX_NOTES_BYTES = 4000
/** More files than this in TestFlight/ is not a What to Test folder. */
const MAX_FILES = 100
/** Entries of the workspace looked at for a folder holding an Xcode project. */
const MAX_WORKSPACE_ENTRIES = 500

const NOTES_FILE = /^WhatToTest\.(.+)\.txt$/

/** What to Test found in Xcode Cloud's layout: the folder it came from and a text per locale. */
export interface XcodeCloudNotes {
  /** The TestFlight folder, relative to the workspace. */
  folder: string
  texts: Required<LocalizedText>[]
}

/**
 * Xcode Cloud's convention: a `TestFlight` folder next to the Xcode project or workspace holds
 * `WhatToTest.<locale>.txt`, one file per language (Apple, "Including notes for testers with a beta
 * release of your app": developer.apple.com/documentation/xcode/including-notes-for-testers-with-a-beta-release-of-your-app).
 * Looked for at the workspace root, else in the one folder of the workspace that holds an .xcodeproj or
 * .xcworkspace (ios/ in React Native and Flutter apps). Each file is UTF-8, at most 4000 bytes, and loses
 * one trailing newline. Returns undefined when there are no such files.
 */
export async function readXcodeCloudNotes(workspace: string): Promise<XcodeCloudNotes | undefined> {
  const atRoot = await notesIn(workspace, workspace)
  if (atRoot) return atRoot
  const found: XcodeCloudNotes[] = []
  for (const folder of await projectFolders(workspace)) {
    const notes = await notesIn(workspace, folder)
    if (notes) found.push(notes)
  }
  if (found.length > 1) {
    throw new Error(
      `Xcode Cloud What to Test files are in more than one folder (${found.map((f) => f.folder).join(', ')}): ` +
        'give release_notes_file, or keep one TestFlight folder',
    )
  }
  return found[0]
}

async function projectFolders(workspace: string): Promise<string[]> {
  const folders: string[] = []
  for (const entry of (await entries(workspace)).slice(0, MAX_WORKSPACE_ENTRIES)) {
    if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue
    const inside = await entries(join(workspace, entry.name))
    if (inside.some((e) => /\.(xcodeproj|xcworkspace)$/.test(e.name)))
      folders.push(join(workspace, entry.name))
  }
  return folders
}

async function entries(dir: string) {
  try {
    return await readdir(dir, { withFileTypes: true })
  } catch {
    return []
  }
}

async function notesIn(workspace: string, parent: string): Promise<XcodeCloudNotes | undefined> {
  const dir = join(parent, 'TestFlight')
  const files = (await entries(dir)).filter((e) => NOTES_FILE.test(e.name))
  if (files.length === 0) return undefined
  const folder = relative(workspace, dir) || 'TestFlight'
  if (files.length > MAX_FILES)
    throw new Error(`${folder} holds ${files.length} What to Test files; at most ${MAX_FILES}`)
  const texts: Required<LocalizedText>[] = []
  for (const file of files.sort((a, b) => a.name.localeCompare(b.name))) {
    const locale = NOTES_FILE.exec(file.name)?.[1] ?? ''
    const shown = join(folder, file.name)
    if (!LOCALE.test(locale)) {
      throw new Error(
        `${shown}: '${locale}' is not a locale; name the files WhatToTest.en-US.txt, WhatToTest.de-DE.txt, ...`,
      )
    }
    const text = await readNotesFile(join(dir, file.name), shown)
    if (text.trim() === '') throw new Error(`${shown} is empty`)
    texts.push({ language: locale, text })
  }
  return { folder, texts }
}

async function readNotesFile(path: string, shown: string): Promise<string> {
  const tooLong = (size: number) =>
    new Error(`${shown} is ${size} bytes; What to Test is at most ${MAX_NOTES_BYTES} bytes of UTF-8`)
  // One trailing newline (\r\n at most) does not count.
  const file = await readTextFile(path, MAX_NOTES_BYTES + 2)
  if ('missing' in file) throw new Error(`cannot read ${shown}`)
  if ('tooLarge' in file) throw tooLong(file.tooLarge)
  if ('problem' in file)
    throw new Error(file.problem === 'cannot be read' ? `cannot read ${shown}` : `${shown} ${file.problem}`)
  const text = withoutFinalNewline(file.text)
  if (Buffer.byteLength(text, 'utf8') > MAX_NOTES_BYTES) throw tooLong(Buffer.byteLength(text, 'utf8'))
  return text
}
