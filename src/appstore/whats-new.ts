import { resolveLocale, upsertLocalizedTexts } from '../asc/localizations.js'
import type { ReleaseContext } from '../context.js'

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

  const fallbacks = [ctx.settings.locale, ctx.app.primaryLocale]
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
    texts.map(({ language, text }) => ({ locale: resolveLocale(language, fallbacks), text })),
  )
  return { locales, skippedFirstVersion: false }
}
