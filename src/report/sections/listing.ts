import type { ListingResult } from '../../listing/types.js'
import { escapeMarkdown } from '../markdown.js'

/** The store listing part of the job summary: each field that changed, old → new (shortened; secrets as "(set)"). */
export function listingSection(result: ListingResult): string[] {
  const lines = ['### Store listing', '']
  const version = escapeMarkdown(result.versionString)
  if (result.changes.length === 0) {
    lines.push(`The store listing of version ${version} was already as given: nothing changed.`, '')
  } else {
    lines.push(
      `${result.live ? 'Live version' : 'Version'} ${version}: ${result.changes.length} ${result.changes.length === 1 ? 'field' : 'fields'} changed.`,
      '',
      '| Field | Before | After |',
      '|---|---|---|',
    )
    for (const change of result.changes)
      lines.push(
        `| ${escapeMarkdown(change.field)} | ${change.from === undefined ? '(empty)' : escapeMarkdown(change.from)} | ${escapeMarkdown(change.to)} |`,
      )
    lines.push('')
  }
  if (result.createdLocales.length > 0)
    lines.push(`- New localizations: ${result.createdLocales.map(escapeMarkdown).join(', ')}`)
  if (result.whatsNewLocales && result.whatsNewLocales.length > 0)
    lines.push(`- What's New: ${result.whatsNewLocales.map(escapeMarkdown).join(', ')}`)
  for (const note of result.notes) lines.push(`- ${escapeMarkdown(note)}`)
  if (result.createdLocales.length > 0 || result.notes.length > 0 || result.whatsNewLocales?.length)
    lines.push('')
  return lines
}
