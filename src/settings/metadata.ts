// The metadata_path input: fastlane deliver's metadata folder, read and checked with the other inputs,
// before any request (the reading itself is listing/read.ts).
import { readMetadataFolder } from '../listing/read.js'
import type { StoreListing } from '../listing/types.js'
import type { LocalizedText, Settings } from './settings.js'
import { addProblem, fromString } from './fields.js'
import * as z from './zod.js'

export const metadataFolder = (mask: (secret: string) => void) =>
  fromString(async (path, ctx): Promise<StoreListing | undefined> => {
    if (path === '') return undefined
    const read = await readMetadataFolder(path, mask)
    if (read.listing) return read.listing
    for (const problem of read.problems) addProblem(ctx, `(${path}): ${problem}`)
    return z.NEVER
  })

/** Each locale's release_notes.txt, as What's New texts for that language. */
export function listingWhatsNew(listing: StoreListing | undefined): LocalizedText[] {
  return (listing?.locales ?? []).flatMap((l) =>
    l.whatsNew ? [{ language: l.locale, text: l.whatsNew.value }] : [],
  )
}

/**
 * Whether the run has a store listing to write: a metadata folder, or a demo password for App Review.
 * A demo password alone goes to App Review only when the run submits to the App Store; with a
 * test_information_file and no submission it is Beta App Review's, not a reason to touch the version.
 */
export function wantsListing(
  settings: Pick<Settings, 'listing' | 'demoAccountPassword' | 'testInformation'> & {
    appStore: Pick<Settings['appStore'], 'submit'>
  },
): boolean {
  if (settings.listing !== undefined) return true
  if (settings.demoAccountPassword === undefined) return false
  return settings.appStore.submit || settings.testInformation === undefined
}
