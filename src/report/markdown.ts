import { redactSecrets } from './untrusted.js'

/**
 * Escapes user-controlled text (app names, notes, error details) for the Markdown job summary. Secrets are taken
 * out first: once escaped (`_` and `+` get backslashes) a secret would no longer match its mask.
 */
export function escapeMarkdown(text: string): string {
  return redactSecrets(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
    .replace(/\r\n|\r|\n/g, '<br>')
}
