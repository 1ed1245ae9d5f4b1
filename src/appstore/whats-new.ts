import type { AscClient } from '../asc/client.js'
import type { FoundApp } from '../asc/apps.js'
import { resolveLocale, upsertLocalizedTexts, type LocaleText } from '../asc/localizations.js'
import type { ReleaseContext } from '../context.js'
import type { StoreListing } from '../listing/types.js'
import type { LocalizedText, Settings } from '../settings/settings.js'
import type { ResourceNames } from './errors.js'
import type { VersionLocalization } from './resources.js'

export interface WhatsNewResult {
  locales: string[]
  /** Set when What's New was given but the version is the app's first, which Apple takes none for. */
  skippedFirstVersion: boolean
  /** Each localization's path named by its locale, for Apple's errors keyed by resource. */
  names: ResourceNames
}

/** One localization of the version as read: its locale and What's New. */
export interface LocaleWhatsNew {
  id: string
  locale: string
  whatsNew?: string | null
}

export interface WhatsNewPlan {
  /** The texts to write: every per-language text, and the default text where it is needed. */
  writes: LocaleText[]
  /** Locales that would still have no What's New, which Apple refuses for an update. */
  missing: string[]
}

/**
 * Apple wants What's New in every localization of an update, once per locale (fastlane#20612, asc#836).
 * A text with a language goes to that language. The text without one (whats_new, or the "default" entry
 * of whats_new_file) goes to `home` (the locale input, else the app's primary locale) and fills every
 * other localization that has no text of its own.
 */
export function planWhatsNew(
  texts: LocalizedText[],
  home: string | undefined,
  localizations: LocaleWhatsNew[],
): WhatsNewPlan {
  const fallback = texts.find((t) => t.language === undefined)?.text
  const writes = new Map<string, string>()
  for (const { language, text } of texts) if (language !== undefined) writes.set(language, text)
  if (fallback !== undefined && home && !writes.has(home)) writes.set(home, fallback)
  const missing: string[] = []
  for (const { locale, whatsNew } of localizations) {
    if (writes.has(locale) || (whatsNew ?? '').trim() !== '') continue
    if (fallback !== undefined) writes.set(locale, fallback)
    else missing.push(locale)
  }
  return { writes: [...writes].map(([locale, text]) => ({ locale, text })), missing }
}

/** The texts App Review wants in every language of a version besides What's New (fastlane#20009). */
const REVIEWED_TEXTS = ['description', 'keywords', 'supportUrl'] as const

/**
 * Languages What's New would add to the version (a whats_new_file entry for a language it lacks) without
 * the texts App Review requires in each language, which metadata_path could give: Apple would refuse the
 * submission for them, after the upload, so the check comes first.
 */
export function newLanguagesWithoutListing(
  writes: LocaleText[],
  localizations: LocaleWhatsNew[],
  listing: StoreListing | undefined,
): string[] {
  const existing = new Set(localizations.map((l) => l.locale))
  return writes
    .map((w) => w.locale)
    .filter((locale) => !existing.has(locale))
    .filter((locale) => {
      const texts = listing?.locales.find((l) => l.locale === locale)?.version
      return REVIEWED_TEXTS.some((field) => !texts?.[field])
    })
}

/** The failure for What's New that would add languages App Review would refuse. */
export function newLanguagesMessage(versionString: string, locales: string[]): string {
  return (
    `What's New names ${locales.join(', ')}, which App Store version ${versionString} does not have: adding a ` +
    'language needs its description, keywords and support URL too, or App Review refuses the submission. Give ' +
    `them in metadata_path (${locales.map((l) => `${l}/description.txt`).join(', ')}, keywords.txt, ` +
    'support_url.txt), add the language in App Store Connect, or leave it out of whats_new_file.'
  )
}

/** The failure for localizations left without What's New, naming them and the inputs that fill them. */
export function missingWhatsNewMessage(versionString: string, missing: string[]): string {
  return (
    `What's New is missing for ${missing.join(', ')} in App Store version ${versionString}: Apple requires it ` +
    'in every language of an update. Set whats_new (one text for every language that has none), or ' +
    `whats_new_file with an entry for ${missing.length === 1 ? 'this language' : 'each of these languages'} ` +
    'or a {"language": "default", "text": "..."} entry for the rest.'
  )
}

/** Where the text without a language goes first, by the one locale rule; only asked when there is one. */
export function homeLocale(texts: LocalizedText[], settings: Settings, app: FoundApp): string | undefined {
  if (!texts.some((t) => t.language === undefined)) return undefined
  return resolveLocale(undefined, [settings.locale, app.primaryLocale])
}

export async function readWhatsNew(client: AscClient, versionId: string): Promise<LocaleWhatsNew[]> {
  const { data } = await client.getAll<VersionLocalization>(
    `/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`,
    { 'fields[appStoreVersionLocalizations]': 'locale,whatsNew' },
  )
  return data.map((l) => ({ id: l.id, locale: l.attributes?.locale ?? '', whatsNew: l.attributes?.whatsNew }))
}

/**
 * Sets What's New on every localization of an update, creating those given that it lacks. Fails before
 * anything is written when a localization would be left without it, since Apple would refuse the version
 * when it is added to the submission.
 */
export async function setWhatsNew(
  ctx: ReleaseContext,
  versionId: string,
  versionString: string,
  firstVersion: boolean,
): Promise<WhatsNewResult> {
  const texts = ctx.settings.appStore.whatsNew
  if (firstVersion) {
    if (texts.length > 0)
      ctx.log.notice(
        "What's New was skipped: this is the app's first App Store version, and Apple takes What's New only " +
          'for updates. The rest of the submission goes ahead.',
      )
    return { locales: [], skippedFirstVersion: texts.length > 0, names: new Map() }
  }

  const localizations = await readWhatsNew(ctx.client, versionId)
  const names: ResourceNames = new Map(
    localizations.map((l) => [`/v1/appStoreVersionLocalizations/${l.id}`, l.locale]),
  )
  const plan = planWhatsNew(texts, homeLocale(texts, ctx.settings, ctx.app), localizations)
  if (plan.missing.length > 0) throw new Error(missingWhatsNewMessage(versionString, plan.missing))
  const locales = await upsertLocalizedTexts(
    ctx.client,
    ctx.log,
    {
      label: "What's New",
      type: 'appStoreVersionLocalizations',
      attribute: 'whatsNew',
      list: {
        path: `/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`,
        query: { 'fields[appStoreVersionLocalizations]': 'locale,whatsNew' },
      },
      parent: { relationship: 'appStoreVersion', type: 'appStoreVersions', id: versionId },
    },
    plan.writes,
  )
  return { locales, skippedFirstVersion: false, names }
}
