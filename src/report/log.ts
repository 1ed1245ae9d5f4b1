import type { Logger } from '../shared/log.js'
import type { RunReport } from './model.js'
import { addMask, group, plainLog } from './plain-log.js'
import { saveProgress } from './progress.js'
import { neutraliseCommands, rememberSecret } from './untrusted.js'

/**
 * The Logger of a run: everything it prints is neutralised, whatever its source (see untrusted.ts). It writes
 * as @actions/core does without loading it (see plain-log.ts), so the first request does not wait for it.
 */
export const runLogger: Logger = {
  debug: (message) => plainLog.debug(neutraliseCommands(message)),
  info: (message) => plainLog.info(neutraliseCommands(message)),
  notice: (message) => plainLog.notice(neutraliseCommands(message)),
  warning: (message) => plainLog.warning(neutraliseCommands(message)),
}

/** Masks `secret` in the log and remembers it, so the summary can take it out before escaping. */
export function registerSecret(secret: string): void {
  if (secret === '') return
  rememberSecret(secret)
  addMask(secret)
}

/** Fails the step with `message` as its error annotation, neutralised like every log line. */
export async function failRun(message: string): Promise<void> {
  const core = await import('@actions/core')
  core.setFailed(neutraliseCommands(message))
}

/** Runs one phase of the release in its own log group, timing it and recording how it ended. */
export async function phase<T>(report: RunReport, name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now()
  report.currentStep = name
  saveProgress(report)
  const title = report.currentPackage === undefined ? name : `${report.currentPackage}: ${name}`
  return group(neutraliseCommands(title), async () => {
    try {
      const result = await run()
      report.steps.push({ name, status: 'done', durationMs: Date.now() - started, ...report.packageLabel() })
      return result
    } catch (error) {
      report.steps.push({
        name,
        status: 'failed',
        durationMs: Date.now() - started,
        ...report.packageLabel(),
      })
      report.fail(error)
      throw error
    } finally {
      saveProgress(report)
    }
  })
}
