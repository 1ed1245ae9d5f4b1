import { resolveLocale, upsertLocalizedTexts } from '../asc/localizations.js'
import type { ReleaseContext } from '../context.js'

/** Sets "What to Test" on the build for each locale: created where missing, updated where different. */
export async function setWhatToTest(ctx: ReleaseContext, buildId: string): Promise<string[]> {
  const { whatToTest } = ctx.settings.testflight
  const fallbacks = [ctx.settings.locale, ctx.app.primaryLocale, 'en-US']
  return upsertLocalizedTexts(
    ctx.client,
    ctx.log,
    {
      label: 'What to Test',
      type: 'betaBuildLocalizations',
      attribute: 'whatsNew',
      list: { path: '/v1/betaBuildLocalizations', query: { 'filter[build]': buildId } },
      parent: { relationship: 'build', type: 'builds', id: buildId },
    },
    whatToTest.map((note) => ({ locale: resolveLocale(note.language, fallbacks), text: note.text })),
  )
}
