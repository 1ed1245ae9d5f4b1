import { readState, saveState, StateKey } from '../state.js'
import { RunReport } from './model.js'

/** Saves the report as it is now; main calls it at every step, since a cancelled run never reaches its end. */
export function saveProgress(report: RunReport): void {
  try {
    saveState(StateKey.Progress, report)
  } catch {
    // Only a stopped run's summary depends on it; the release must not fail for it.
  }
}

/** Main wrote the job summary itself: the post step has nothing to add. */
export function markSummaryWritten(): void {
  saveState(StateKey.SummaryWritten, true)
}

/**
 * In the post step: the report main saved, when main ended without writing the summary (cancelled,
 * killed, crashed); undefined when it wrote it or saved nothing.
 */
export function unfinishedReport(): RunReport | undefined {
  if (readState(StateKey.SummaryWritten) === true) return undefined
  const saved = readState(StateKey.Progress)
  if (typeof saved !== 'object' || saved === null || !Array.isArray((saved as RunReport).steps))
    return undefined
  // Main's own RunReport, through JSON: the same fields, no methods to lose but fail().
  return Object.assign(new RunReport(), saved as Partial<RunReport>)
}
