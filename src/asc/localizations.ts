import type { AscClient } from './client.js'
import { AscApiError } from './errors.js'
import type { Resource } from './resources.js'
import type { Logger } from '../shared/log.js'

/** A text for one locale, ready to write. */
export interface LocaleText {
  locale: string
  text: string
}

/** Where a localized text lives: the localization type, its text attribute and its parent. */
export interface LocalizedTextTarget {
  /** For the log: "What to Test", "What's New". */
  label: string
  type: 'betaBuildLocalizations' | 'appStoreVersionLocalizations'
  attribute: 'whatsNew'
  /** The parent's localizations: a collection path and its query. */
  list: { path: string; query?: Record<string, string> }
  /** The relationship a new localization is created with. */
  parent: { relationship: string; type: string; id: string }
}

type Localization = Resource<string, { locale?: string } & Record<string, unknown>>

/**
 * The one locale rule: a text without a language is for the `locale` input, else for the app's primary
 * locale. Throws when neither is known.
 */
export function resolveLocale(language: string | undefined, fallbacks: (string | undefined)[]): string {
  const locale = language ?? fallbacks.find((l) => l !== undefined && l !== '')
  if (!locale) throw new Error('Cannot tell which locale the text is for: set the locale input (e.g. en-US).')
  return locale
}

/**
 * Writes each text to its locale's localization: patched only where it differs, created where missing.
 * Returns the locales written or found already right.
 */
export async function upsertLocalizedTexts(
  client: AscClient,
  log: Logger,
  target: LocalizedTextTarget,
  texts: LocaleText[],
): Promise<string[]> {
  return upsertLocalizations(
    client,
    log,
    target,
    texts.map(({ locale, text }) => ({ locale, attributes: { [target.attribute]: text } })),
  )
}

/** The attributes to set on one locale's localization. */
export interface LocaleAttributes {
  locale: string
  attributes: Record<string, string>
}

/** Where localizations of several attributes live (store listing, TestFlight's beta app localizations). */
export type LocalizationsTarget = Omit<LocalizedTextTarget, 'type' | 'attribute'> & {
  type: LocalizedTextTarget['type'] | 'appInfoLocalizations' | 'betaAppLocalizations'
}

/**
 * The one localization upsert: each locale's attributes are patched only where they differ, and its
 * localization created where missing. Apple creates some localizations itself, possibly at the moment we
 * create ours (a build's What to Test localization appears some time after the build:
 * Apple-Actions/upload-testflight-build#169, rorkai#763), so a create refused with 409 re-reads the
 * localizations and patches the one Apple made. Returns the locales written or found already right.
 */
export async function upsertLocalizations(
  client: AscClient,
  log: Logger,
  target: LocalizationsTarget,
  entries: LocaleAttributes[],
): Promise<string[]> {
  if (entries.length === 0) return []
  const read = async () => (await client.getAll<Localization>(target.list.path, target.list.query)).data
  const differing = (found: Localization, attributes: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(attributes).filter(([name, value]) => found.attributes?.[name] !== value),
    )
  let existing = await read()
  for (const { locale, attributes } of entries) {
    const found = existing.find((l) => l.attributes?.locale === locale)
    const changes = found ? differing(found, attributes) : attributes
    if (found && Object.keys(changes).length === 0) {
      log.info(`${target.label} (${locale}): already set.`)
    } else if (found) {
      await patch(client, target, found.id, changes)
      log.info(`${target.label} (${locale}): updated.`)
    } else {
      try {
        await client.post(`/v1/${target.type}`, {
          data: {
            type: target.type,
            attributes: { locale, ...attributes },
            relationships: {
              [target.parent.relationship]: { data: { type: target.parent.type, id: target.parent.id } },
            },
          },
        })
        log.info(`${target.label} (${locale}): set.`)
      } catch (error) {
        if (!(error instanceof AscApiError && error.status === 409)) throw error
        existing = await read()
        const made = existing.find((l) => l.attributes?.locale === locale)
        if (!made) throw error
        const rest = differing(made, attributes)
        if (Object.keys(rest).length > 0) await patch(client, target, made.id, rest)
        log.info(`${target.label} (${locale}): App Store Connect had just created it; updated.`)
      }
    }
  }
  return entries.map((e) => e.locale)
}

async function patch(
  client: AscClient,
  target: LocalizationsTarget,
  id: string,
  attributes: Record<string, string>,
) {
  await client.patch(`/v1/${target.type}/${id}`, { data: { type: target.type, id, attributes } })
}
