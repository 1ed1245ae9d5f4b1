import type { FoundApp } from '../asc/apps.js'
import { runLogger } from './log.js'
import { escapeMarkdown } from './markdown.js'
import { appendSummary } from './summary-file.js'
import { appUrl } from './links.js'

/**
 * What a companion action (next-build-number/, release/) learned and did: its outputs, the lines of its
 * summary, and how it ended. The companion fills it in; this module writes the outputs and the job summary.
 */
export class CompanionReport {
  dryRun = false
  app?: FoundApp
  /** Output name → value; an undefined or empty value is left out. */
  readonly outputs: Record<string, string | undefined> = {}
  /** Rows of the summary's table: label → value, untrusted values escaped when rendered. */
  readonly facts: [string, string][] = []
  /** What the run did or would do, one sentence each. */
  readonly actions: string[] = []
  failure?: string

  constructor(readonly title: string) {}

  /** Records the first failure; returns its message. */
  fail(error: unknown): string {
    this.failure ??= error instanceof Error ? error.message : String(error)
    return this.failure
  }
}

/** The job summary of a companion run, as Markdown. */
function renderCompanionSummary(report: CompanionReport): string {
  const outcome = report.failure ? '❌ failed' : report.dryRun ? '📝 dry run, nothing changed' : '✅ done'
  const lines = [`## ${escapeMarkdown(report.title)} ${outcome}`, '']
  const rows: [string, string][] = []
  if (report.app) {
    rows.push(['App', `${report.app.name || report.app.bundleId} (${report.app.bundleId})`])
  }
  rows.push(...report.facts)
  if (rows.length > 0) {
    lines.push('| | |', '|---|---|')
    for (const [label, value] of rows) lines.push(`| ${escapeMarkdown(label)} | ${escapeMarkdown(value)} |`)
    lines.push('')
  }
  for (const action of report.actions) lines.push(`- ${escapeMarkdown(action)}`)
  if (report.actions.length > 0) lines.push('')
  if (report.failure) lines.push('### What failed', '', `> ${escapeMarkdown(report.failure)}`, '')
  if (report.app) {
    lines.push(`[App in App Store Connect](${appUrl(report.app.id)}/distribution)`, '')
  }
  return lines.join('\n')
}

/** Writes the outputs and the job summary. Never throws: a reporting problem must not hide the result. */
export async function writeCompanionReport(report: CompanionReport): Promise<void> {
  try {
    const core = await import('@actions/core')
    for (const [name, value] of Object.entries(report.outputs)) {
      if (value !== undefined && value !== '') core.setOutput(name, value)
    }
    await appendSummary(renderCompanionSummary(report))
  } catch (error) {
    runLogger.warning(
      `Could not write the outputs or the job summary: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}
