// The store listing as read from the metadata folder, and what the listing step did with it.
import type { AppInfoField, ReviewField, VersionField } from './fields.js'

/** One file's text, with its path relative to the metadata folder (for messages). */
export interface ListingText {
  value: string
  file: string
}

export interface LocaleListing {
  locale: string
  version: Partial<Record<VersionField, ListingText>>
  appInfo: Partial<Record<AppInfoField, ListingText>>
  /** release_notes.txt: handed to the What's New step through settings.appStore.whatsNew. */
  whatsNew?: ListingText
}

/** The metadata_path folder, read and checked. A file that is missing or empty leaves its field as it is. */
export interface StoreListing {
  path: string
  locales: LocaleListing[]
  copyright?: ListingText
  review: Partial<Record<ReviewField, ListingText>>
}

/** One field the step changed (or, in a dry run, would change); secrets are shown as "(set)". */
export interface ListingChange {
  /** e.g. "en-US keywords", "App Review contactEmail", "copyright". */
  field: string
  from?: string
  to: string
}

export interface ListingResult {
  versionString: string
  /** The version is the live one: only its promotional text can change without a new submission. */
  live: boolean
  changes: ListingChange[]
  /** Locales created on the version or the app info. */
  createdLocales: string[]
  /** What was left alone, and why. */
  notes: string[]
  /** Without the App Store step: the locales whose What's New release_notes.txt set. */
  whatsNewLocales?: string[]
}
