/**
 * The one place where text from outside (the package, App Store Connect, altool, the inputs) is made safe to
 * print. The runner reads every stdout line (split at \n, \r or \r\n) that starts with `::`, after blanks, as a
 * workflow command, and a legacy `##[` anywhere in a line (actions/runner ActionCommand.TryParse looks for it
 * with IndexOf); `::stop-commands::` would even switch off the masking of secrets for the rest of the job. A
 * zero-width space after the first `:` or `#` keeps the text as it reads and makes it no command.
 */
export function neutraliseCommands(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/^(\s*):(?=:)/, '$1:\u200b').replaceAll('##[', '#\u200b#['))
    .join('\n')
}

/** Every secret registered with the runner in this run, to take out of text the runner does not mask itself. */
const secrets = new Set<string>()

/** Remembers `secret` for redactSecrets; `registerSecret` (report/log.ts) also masks it in the log. */
export function rememberSecret(secret: string): void {
  if (secret !== '') secrets.add(secret)
}

/**
 * Replaces each registered secret with `***`, longest first (a key's PEM before its lines). Done before any
 * escaping: escaping changes the text, so the runner's mask would no longer match it.
 */
export function redactSecrets(text: string): string {
  let redacted = text
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    redacted = redacted.replaceAll(secret, '***')
  }
  return redacted
}
