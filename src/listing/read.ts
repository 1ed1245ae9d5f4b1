import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import {
  APP_INFO_FIELDS,
  APP_STORE_LOCALES,
  COPYRIGHT_RULE,
  REVIEW_FIELDS,
  VERSION_FIELDS,
  WHATS_NEW_RULE,
  ruleProblem,
  type FieldRule,
} from './fields.js'
import type { ListingText, LocaleListing, StoreListing } from './types.js'
import { readTextFile, withoutFinalNewline } from '../shared/text-file.js'

/** A listing file larger than this is refused: the largest field Apple takes is 4000 characters. */
export const MAX_LISTING_FILE_BYTES = 64 * 1024

/** Folders of fastlane deliver's layout that hold no locale and that this action does not use. */
const IGNORED_FOLDERS = new Set(['trade_representative_contact_information', 'screenshots'])
const REVIEW_FOLDER = 'review_information'

export type ReadListing =
  { listing: StoreListing; problems: [] } | { listing?: undefined; problems: string[] }

/**
 * Reads a metadata folder in fastlane deliver's layout. Every file is read as UTF-8, bounded in size and
 * trimmed of one trailing newline; a missing or empty file leaves its field as it is. Each problem names
 * the file. `mask` registers the demo password as a secret as soon as it is read.
 */
export async function readMetadataFolder(root: string, mask: (secret: string) => void): Promise<ReadListing> {
  const problems: string[] = []
  let entries: { name: string; dir: boolean }[]
  try {
    if (!(await stat(root)).isDirectory()) return { problems: ['this is not a folder'] }
    entries = (await readdir(root, { withFileTypes: true })).map((e) => ({
      name: e.name,
      dir: e.isDirectory(),
    }))
  } catch {
    return { problems: ['this folder cannot be read'] }
  }

  const text = async (file: string, rule: FieldRule): Promise<ListingText | undefined> => {
    const read = await readListingFile(join(root, file))
    if (read.problem !== undefined) {
      problems.push(`'${file}' ${read.problem}`)
      return undefined
    }
    if (read.value === undefined || read.value.trim() === '') return undefined
    if (rule.secret) mask(read.value)
    const problem = ruleProblem(rule, file, read.value)
    if (problem) problems.push(problem)
    return { value: read.value, file }
  }

  const listing: StoreListing = { path: root, locales: [], review: {} }
  const copyright = await text('copyright.txt', COPYRIGHT_RULE)
  if (copyright) listing.copyright = copyright

  for (const { name, dir } of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (!dir || IGNORED_FOLDERS.has(name)) continue
    if (name === REVIEW_FOLDER) {
      for (const [field, rule] of Object.entries(REVIEW_FIELDS) as [
        keyof typeof REVIEW_FIELDS,
        FieldRule,
      ][]) {
        const value = await text(`${REVIEW_FOLDER}/${rule.file}`, rule)
        if (value) listing.review[field] = value
      }
      continue
    }
    if (!APP_STORE_LOCALES.has(name)) {
      const hint =
        name === 'default'
          ? ' (the "default" folder is not supported: copy its files into each locale folder)'
          : ''
      problems.push(
        `the folder '${name}' is not one of App Store Connect's locales${hint}; accepted: ${[...APP_STORE_LOCALES].join(', ')}`,
      )
      continue
    }
    const locale: LocaleListing = { locale: name, version: {}, appInfo: {} }
    for (const [field, rule] of Object.entries(VERSION_FIELDS) as [
      keyof typeof VERSION_FIELDS,
      FieldRule,
    ][]) {
      const value = await text(`${name}/${rule.file}`, rule)
      if (value) locale.version[field] = value
    }
    for (const [field, rule] of Object.entries(APP_INFO_FIELDS) as [
      keyof typeof APP_INFO_FIELDS,
      FieldRule,
    ][]) {
      const value = await text(`${name}/${rule.file}`, rule)
      if (value) locale.appInfo[field] = value
    }
    const whatsNew = await text(`${name}/${WHATS_NEW_RULE.file}`, WHATS_NEW_RULE)
    if (whatsNew) locale.whatsNew = whatsNew
    listing.locales.push(locale)
  }
  return problems.length > 0 ? { problems } : { listing, problems: [] }
}

/**
 * One listing file: undefined when it does not exist; refused when it is too large or not UTF-8. A byte
 * order mark and one trailing newline (\n or \r\n, as editors add) are taken off; the rest is kept as written.
 */
export async function readListingFile(path: string): Promise<{ value?: string; problem?: string }> {
  const file = await readTextFile(path, MAX_LISTING_FILE_BYTES)
  if ('text' in file) return { value: withoutFinalNewline(file.text) }
  if ('missing' in file) return {}
  if ('tooLarge' in file)
    return { problem: `is ${file.tooLarge} bytes; a listing file may hold at most ${MAX_LISTING_FILE_BYTES}` }
  return { problem: file.problem }
}
