// The writes a listing needs, worked out from what App Store Connect holds: only fields a file gives and
// whose value differs, never a blank. Pure, so the dry run and the real run decide alike.
import { REVIEW_FIELDS, type FieldRule, type ReviewField } from './fields.js'
import type { Attrs, ListingState, Localization } from './state.js'
import type { ListingChange, StoreListing } from './types.js'
import { shorten } from '../shared/format.js'

export interface LocalizationWrite {
  locale: string
  /** Absent: the localization is created. */
  id?: string
  attributes: Record<string, string>
}

export interface ListingWrites {
  version: LocalizationWrite[]
  appInfo: LocalizationWrite[]
  review?: { id?: string; attributes: Record<string, string | boolean> }
  changes: ListingChange[]
  createdLocales: string[]
  notes: string[]
  /** Why the listing cannot be written as it is (e.g. a new app info locale without a name). */
  problems: string[]
}

export interface WriteOptions {
  /** The version is the live one: only promotional text may change (fastlane deliver edit_live). */
  live: boolean
  /** The demo_account_password input: wins over review_information/demo_password.txt. */
  demoAccountPassword?: string
}

export function planListingWrites(
  listing: StoreListing,
  state: ListingState,
  options: WriteOptions,
): ListingWrites {
  const writes: ListingWrites = {
    version: [],
    appInfo: [],
    changes: [],
    createdLocales: [],
    notes: [],
    problems: [],
  }
  const created = new Set<string>()

  for (const entry of listing.locales) {
    const wanted = Object.fromEntries(
      Object.entries(entry.version)
        .filter(([field]) => !options.live || field === 'promotionalText')
        .map(([field, text]) => [field, text.value]),
    )
    if (options.live && Object.keys(wanted).length < Object.keys(entry.version).length)
      writes.notes.push(
        `${entry.locale}: only the promotional text of the live version can change without a new version; the rest is left as is`,
      )
    const found = state.versionLocalizations.find((l) => l.attributes?.locale === entry.locale)
    if (!found && options.live) {
      writes.notes.push(
        `${entry.locale}: the live version has no such localization; a new version can add it`,
      )
      continue
    }
    const write = localizationWrite(entry.locale, found, wanted, writes.changes, '')
    if (write) writes.version.push(write)
    if (!found) created.add(entry.locale)
  }

  const appInfoGiven = listing.locales.some((l) => Object.keys(l.appInfo).length > 0)
  if (appInfoGiven && options.live) {
    writes.notes.push('name, subtitle and privacy policy URL change only with a new version; left as is')
  } else if (appInfoGiven && !state.appInfo) {
    writes.problems.push(
      'the app has no editable app info (name, subtitle, privacy policy URL): App Store Connect makes one with a new App Store version',
    )
  } else if (appInfoGiven && state.appInfo) {
    for (const entry of listing.locales) {
      const wanted = Object.fromEntries(Object.entries(entry.appInfo).map(([f, t]) => [f, t.value]))
      if (Object.keys(wanted).length === 0) continue
      const found = state.appInfo.localizations.find((l) => l.attributes?.locale === entry.locale)
      if (!found && wanted['name'] === undefined) {
        // Apple requires a name to create an app info localization (spec AppInfoLocalizationCreateRequest).
        writes.problems.push(
          `the app info has no ${entry.locale} localization yet, and Apple needs a name to create one: add ${entry.locale}/name.txt`,
        )
        continue
      }
      const write = localizationWrite(entry.locale, found, wanted, writes.changes, ' (app info)')
      if (write) writes.appInfo.push(write)
      if (!found) created.add(entry.locale)
    }
  }

  const review = reviewWanted(listing, options.demoAccountPassword)
  if (Object.keys(review).length > 0) {
    if (options.live) writes.notes.push('App Review information goes with a new version; left as is')
    else {
      const current = state.reviewDetail?.attributes ?? {}
      const attributes: Record<string, string | boolean> = {}
      for (const [field, value] of Object.entries(review)) {
        if (current[field] === value) continue
        attributes[field] = value
        // Fields the files give have a rule; demoAccountRequired is derived and has none.
        const rule: FieldRule | undefined =
          field in REVIEW_FIELDS ? REVIEW_FIELDS[field as ReviewField] : undefined
        const secret = rule?.secret === true
        writes.changes.push({
          field: `App Review ${field}`,
          ...(secret ? (current[field] ? { from: '(set)' } : {}) : fromOf(current[field])),
          to: secret ? '(set)' : brief(String(value)),
        })
      }
      if (Object.keys(attributes).length > 0)
        writes.review = { ...(state.reviewDetail ? { id: state.reviewDetail.id } : {}), attributes }
    }
  }
  writes.createdLocales = [...created]
  return writes
}

/** The review attributes the files (and the secret) give; a demo account is required once both parts are known. */
function reviewWanted(
  listing: StoreListing,
  secretPassword: string | undefined,
): Record<string, string | boolean> {
  const wanted: Record<string, string | boolean> = Object.fromEntries(
    Object.entries(listing.review).map(([field, text]) => [field, text.value]),
  )
  if (secretPassword !== undefined) wanted['demoAccountPassword'] = secretPassword
  // As fastlane deliver sets it (upload_metadata.rb set_review_information): required when a user and a password are given.
  if (wanted['demoAccountName'] !== undefined && wanted['demoAccountPassword'] !== undefined)
    wanted['demoAccountRequired'] = true
  return wanted
}

function localizationWrite(
  locale: string,
  found: Localization | undefined,
  wanted: Record<string, string>,
  changes: ListingChange[],
  suffix: string,
): LocalizationWrite | undefined {
  const current: Attrs = found?.attributes ?? {}
  const attributes: Record<string, string> = {}
  for (const [field, value] of Object.entries(wanted)) {
    if (current[field] === value) continue
    attributes[field] = value
    changes.push({ field: `${locale} ${field}${suffix}`, ...fromOf(current[field]), to: brief(value) })
  }
  if (found && Object.keys(attributes).length === 0) return undefined
  return { locale, ...(found ? { id: found.id } : {}), attributes }
}

function fromOf(value: unknown): { from?: string } {
  return typeof value === 'string' && value !== '' ? { from: brief(value) } : {}
}

/** A listing text as a change shows it: one line of at most 40 characters (the listing has many fields). */
export const brief = (text: string): string => shorten(text, 40)
