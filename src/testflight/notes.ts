import type { BetaBuildLocalization, Document } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'

/** Sets "What to Test" on the build for each locale: created where missing, updated where different. */
export async function setWhatToTest(ctx: ReleaseContext, buildId: string): Promise<string[]> {
  const { whatToTest, locale } = ctx.settings.testflight
  if (whatToTest.length === 0) return []
  const { data: existing } = await ctx.client.getAll<BetaBuildLocalization>('/v1/betaBuildLocalizations', {
    'filter[build]': buildId,
  })
  const locales: string[] = []
  for (const note of whatToTest) {
    const language = note.language ?? locale ?? ctx.app.primaryLocale ?? 'en-US'
    locales.push(language)
    const current = existing.find((l) => l.attributes?.locale === language)
    if (current?.attributes?.whatsNew === note.text) {
      ctx.log.info(`What to Test (${language}): already set.`)
    } else if (current) {
      await ctx.client.patch(`/v1/betaBuildLocalizations/${current.id}`, {
        data: { type: 'betaBuildLocalizations', id: current.id, attributes: { whatsNew: note.text } },
      })
      ctx.log.info(`What to Test (${language}): updated.`)
    } else {
      await ctx.client.post<Document<BetaBuildLocalization>>('/v1/betaBuildLocalizations', {
        data: {
          type: 'betaBuildLocalizations',
          attributes: { locale: language, whatsNew: note.text },
          relationships: { build: { data: { type: 'builds', id: buildId } } },
        },
      })
      ctx.log.info(`What to Test (${language}): set.`)
    }
  }
  return locales
}
