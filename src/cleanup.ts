import { rm } from 'node:fs/promises'
import { plainLog as log } from './report/plain-log.js'
import { unfinishedReport } from './report/progress.js'
import { cleanupPaths } from './state.js'

/**
 * The post step: removes what main left behind (key files), even after a failure or cancellation, and
 * writes the job summary main did not get to write. Never fails. Imports only what that needs: no
 * @actions/core, no client, no zod or jose, and the summary only for a stopped run (dist/post stays small
 * and starts fast).
 */
export async function runPost(): Promise<void> {
  for (const path of cleanupPaths()) {
    try {
      await rm(path, { recursive: true, force: true })
      log.info(`Removed ${path}`)
    } catch (error) {
      log.warning(`Could not remove ${path}: ${describe(error)}`)
    }
  }
  try {
    const report = unfinishedReport()
    if (!report) return
    report.interrupted = true
    // Only a stopped run needs the summary's code (a chunk): the usual post step loads none of it.
    const [{ appendSummary }, { renderSummary }] = await Promise.all([
      import('./report/summary-file.js'),
      import('./report/summary.js'),
    ])
    if (await appendSummary(renderSummary(report))) {
      log.info(
        `The main step ended during "${report.currentStep}" without a summary; wrote what it had recorded.`,
      )
    }
  } catch (error) {
    log.warning(`Could not write the job summary of the stopped run: ${describe(error)}`)
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
