import * as core from '@actions/core'
import type { Logger } from '../log.js'
import type { RunReport } from './model.js'
import { saveProgress } from './progress.js'

export const coreLogger: Logger = {
  debug: (message) => core.debug(message),
  info: (message) => core.info(message),
  notice: (message) => core.notice(message),
  warning: (message) => core.warning(message),
}

/** Runs one phase of the release in its own log group, timing it and recording how it ended. */
export async function phase<T>(report: RunReport, name: string, run: () => Promise<T>): Promise<T> {
  const started = Date.now()
  report.currentStep = name
  saveProgress(report)
  return core.group(name, async () => {
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
