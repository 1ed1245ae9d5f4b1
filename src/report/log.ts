import * as core from '@actions/core'
import type { Logger } from '../log.js'
import type { RunReport } from './model.js'
import { neutraliseCommands } from './untrusted.js'

/** The Logger of a run: everything it prints is neutralised, whatever its source (see untrusted.ts). */
export const coreLogger: Logger = {
  debug: (message) => core.debug(neutraliseCommands(message)),
  info: (message) => core.info(neutraliseCommands(message)),
  notice: (message) => core.notice(neutraliseCommands(message)),
  warning: (message) => core.warning(neutraliseCommands(message)),
}

/** Fails the step with `message` as its error annotation, neutralised like every log line. */
export function failRun(message: string): void {
  core.setFailed(neutraliseCommands(message))
}

/** Runs one phase of the release in its own log group, timing it and recording how it ended. */
export async function phase<T>(report: RunReport, name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now()
  return core.group(neutraliseCommands(name), async () => {
    try {
      const result = await run()
      report.steps.push({ name, status: 'done', durationMs: Date.now() - started })
      return result
    } catch (error) {
      report.steps.push({ name, status: 'failed', durationMs: Date.now() - started })
      report.failure ??= { step: name, message: error instanceof Error ? error.message : String(error) }
      throw error
    }
  })
}
