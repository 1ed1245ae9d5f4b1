import * as core from '@actions/core'
import type { Logger } from '../shared/log.js'
import type { RunReport } from './model.js'
import { saveProgress } from './progress.js'
import { neutraliseCommands, rememberSecret } from './untrusted.js'

/** The Logger of a run: everything it prints is neutralised, whatever its source (see untrusted.ts). */
export const coreLogger: Logger = {
  debug: (message) => core.debug(neutraliseCommands(message)),
  info: (message) => core.info(neutraliseCommands(message)),
  notice: (message) => core.notice(neutraliseCommands(message)),
  warning: (message) => core.warning(neutraliseCommands(message)),
}

/**
 * Masks `secret` in the log and remembers it, so the summary can take it out before escaping. Kept out of
 * untrusted.ts, which the post step bundles without @actions/core.
 */
export function registerSecret(secret: string): void {
  if (secret === '') return
  rememberSecret(secret)
  core.setSecret(secret)
}

/** Fails the step with `message` as its error annotation, neutralised like every log line. */
export function failRun(message: string): void {
  core.setFailed(neutraliseCommands(message))
}

/** Runs one phase of the release in its own log group, timing it and recording how it ended. */
export async function phase<T>(report: RunReport, name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now()
  report.currentStep = name
  saveProgress(report)
  return core.group(neutraliseCommands(name), async () => {
    try {
      const result = await run()
      report.steps.push({ name, status: 'done', durationMs: Date.now() - started })
      return result
    } catch (error) {
      report.steps.push({ name, status: 'failed', durationMs: Date.now() - started })
      report.fail(error)
      throw error
    } finally {
      saveProgress(report)
    }
  })
}
