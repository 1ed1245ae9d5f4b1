import * as core from '@actions/core'
import { runLogger } from './log.js'
import { deriveOutputs } from './outputs.js'
import type { RunReport } from './model.js'
import { markSummaryWritten } from './progress.js'
import { appendSummary } from './summary-file.js'
import { renderSummary } from './summary.js'

/** Writes the outputs and the job summary. Never throws: a reporting problem must not hide the result. */
export async function writeReport(report: RunReport): Promise<void> {
  try {
    for (const [name, value] of Object.entries(deriveOutputs(report))) core.setOutput(name, value)
    if (await appendSummary(renderSummary(report))) markSummaryWritten()
  } catch (error) {
    runLogger.warning(
      `Could not write the outputs or the job summary: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
