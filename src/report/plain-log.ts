import { EOL } from 'node:os'
import type { Logger } from '../shared/log.js'

/**
 * Workflow commands written straight to stdout, in the runner's format and byte for byte as @actions/core
 * writes them (its command.js `issueCommand`). Loading @actions/core costs more than the rest of the start-up
 * together (its OIDC client brings undici, 1 MB, to compile), so the post step never loads it and main loads it
 * only to write outputs, the summary and the failure (report/write.ts, report/log.ts `failRun`).
 */
function issue(command: string, message = ''): void {
  process.stdout.write(`::${command}::${escapeData(message)}${EOL}`)
}

/** As @actions/core escapes command data, so that a message stays one command. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** A Logger that writes as core.debug/info/notice/warning do. Callers neutralise untrusted text first. */
export const plainLog: Logger = {
  debug: (message) => issue('debug', message),
  info: (message) => {
    process.stdout.write(`${message}${EOL}`)
  },
  notice: (message) => issue('notice', message),
  warning: (message) => issue('warning', message),
}

/** As core.setSecret: the runner masks `secret` in every later line of the job's log. */
export function addMask(secret: string): void {
  issue('add-mask', secret)
}

/** As core.group: `run`'s lines fold under `name` in the log; the group ends however `run` ends. */
export async function group<T>(name: string, run: () => Promise<T>): Promise<T> {
  issue('group', name)
  try {
    return await run()
  } finally {
    issue('endgroup')
  }
}
