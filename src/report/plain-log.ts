import { EOL } from 'node:os'

/**
 * The post step's log. It does not load @actions/core (whose OIDC client brings undici, 1 MB, into
 * dist/post), so it writes the two lines it needs itself, in the runner's command format.
 */
export const plainLog = {
  info: (message: string): void => {
    process.stdout.write(`${message}${EOL}`)
  },
  warning: (message: string): void => {
    // Escaped as @actions/core escapes command data, so the message stays one annotation.
    const data = message.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
    process.stdout.write(`::warning::${data}${EOL}`)
  },
}
