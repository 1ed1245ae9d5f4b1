import { resolveLocale, upsertLocalizedTexts, type LocaleText } from '../asc/localizations.js'
import type { ReleaseContext } from '../context.js'

/** The What to Test texts with their locales, for the real run and the dry run alike. */
export function whatToTestTexts(ctx: Pick<ReleaseContext, 'settings' | 'app'>): LocaleText[] {
  const fallbacks = [ctx.settings.locale, ctx.app.primaryLocale, 'en-US']
  return ctx.settings.testflight.whatToTest.map((note) => ({
    locale: resolveLocale(note.language, fallbacks),
    text: note.text,
  }))
}

/** Sets "What to Test" on the build for each locale: created where missing, updated where different. */
export async function setWhatToTest(ctx: ReleaseContext, buildId: string): Promise<string[]> {
  const folder = ctx.settings.testflight.whatToTestFolder
  if (folder) {
    ctx.log.info(
      `What to Test: from Xcode Cloud's ${folder}/WhatToTest.<locale>.txt files, as neither release_notes nor release_notes_file is given.`,
    )
  }
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
    whatToTestTexts(ctx),
  )
}
