import type { MediaResult } from '../../media/types.js'
import { formatBytes } from '../../shared/format.js'
import { escapeMarkdown } from '../markdown.js'

/** Per locale and display type: what was added, removed, reordered and left as it was. */
export function mediaSection(results: MediaResult[]): string[] {
  const lines: string[] = []
  for (const result of results) {
    const title = result.kind === 'screenshot' ? 'Screenshots' : 'App previews'
    lines.push(`### ${title} (${result.mode})`, '')
    if (result.changes.length === 0) {
      lines.push('No sets in the folder.', '')
      continue
    }
    lines.push('| Locale | Type | Added | Removed | Reordered | Unchanged |', '|---|---|---|---|---|---|')
    for (const c of result.changes) {
      const files = (names: string[]) => (names.length ? escapeMarkdown(names.join(', ')) : '–')
      lines.push(
        `| ${escapeMarkdown(c.locale)} | ${escapeMarkdown(c.setType)} | ${files(c.added)} | ${files(c.removed)} | ` +
          `${c.reordered ? 'yes' : 'no'} | ${c.unchanged} |`,
      )
    }
    lines.push('', `Sent ${formatBytes(result.uploadedBytes)}.`, '')
  }
  return lines
}
