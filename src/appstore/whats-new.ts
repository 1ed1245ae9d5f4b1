import type { ReleaseContext } from '../context.js'
import type { VersionLocalization } from './resources.js'

export interface WhatsNewResult {
  locales: string[]
  /** Set when What's New was given but the version is the app's first, which Apple takes none for. */
  skippedFirstVersion: boolean
}

/** Sets What's New on the version's localizations, creating those it lacks. */
export async function setWhatsNew(
  ctx: ReleaseContext,
  versionId: string,
  firstVersion: boolean,
): Promise<WhatsNewResult> {
  const texts = ctx.settings.appStore.whatsNew
  if (texts.length === 0) return { locales: [], skippedFirstVersion: false }
  if (firstVersion) {
    ctx.log.notice(
      "What's New was skipped: this is the app's first App Store version, and Apple takes What's New only " +
        'for updates. The rest of the submission goes ahead.',
    )
    return { locales: [], skippedFirstVersion: true }
  }

  // A text without a language is for the `locale` input, else for the app's primary locale.
  const fallback = ctx.settings.testflight.locale ?? ctx.app.primaryLocale
  const { data: existing } = await ctx.client.getAll<VersionLocalization>(
    `/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`,
    { 'fields[appStoreVersionLocalizations]': 'locale,whatsNew' },
  )
  const locales: string[] = []
  for (const { language, text } of texts) {
    const locale = language ?? fallback
    if (!locale) throw new Error('Cannot tell the locale of whats_new: set the locale input (e.g. en-US).')
    const found = existing.find((l) => l.attributes?.locale === locale)
    if (found?.attributes?.whatsNew === text) {
      ctx.log.info(`What's New (${locale}) is already set.`)
    } else if (found) {
      await ctx.client.patch(`/v1/appStoreVersionLocalizations/${found.id}`, {
        data: { type: 'appStoreVersionLocalizations', id: found.id, attributes: { whatsNew: text } },
      })
      ctx.log.info(`What's New (${locale}) updated.`)
    } else {
      await ctx.client.post('/v1/appStoreVersionLocalizations', {
        data: {
          type: 'appStoreVersionLocalizations',
          attributes: { locale, whatsNew: text },
          relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
        },
      })
      ctx.log.info(`What's New (${locale}) added with a new ${locale} localization of the version.`)
    }
    locales.push(locale)
  }
  return { locales, skippedFirstVersion: false }
}
