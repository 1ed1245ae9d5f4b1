import { formatBytes, formatDuration } from '../shared/format.js'
import { summaryLinks } from './links.js'
import { escapeMarkdown } from './markdown.js'
import type { RunReport } from './model.js'
import { processingSection, testflightSection } from './sections/testflight.js'
import { appStoreSection } from './sections/appstore.js'
import { uploadSection } from './sections/upload.js'

/** The job summary as Markdown: one page of the release, or of the plan in a dry run. */
export function renderSummary(report: RunReport): string {
  const lines: string[] = []
  const title = report.dryRun ? 'App Store Connect release: dry run' : 'App Store Connect release'
  const outcome = report.interrupted
    ? '⏹ stopped before it finished'
    : report.failure
      ? '❌ failed'
      : report.dryRun
        ? '📝 plan only, nothing changed'
        : '✅ done'
  lines.push(`## ${title} ${outcome}`, '')

  const { app, identity } = report
  if (app ?? identity) {
    lines.push('| | |', '|---|---|')
    if (app) {
      const url = `https://appstoreconnect.apple.com/apps/${encodeURIComponent(app.id)}`
      lines.push(
        `| App | [${escapeMarkdown(app.name || app.bundleId)}](${url}) (${escapeMarkdown(app.bundleId)}) |`,
      )
    }
    if (identity) {
      lines.push(
        `| Version | ${escapeMarkdown(identity.version)} (${escapeMarkdown(identity.buildNumber)}) |`,
      )
      lines.push(`| Platform | ${identity.platform} |`)
    }
    if (report.packageFile) {
      lines.push(
        `| Package | ${escapeMarkdown(report.packageFile.name)}, ${formatBytes(report.packageFile.sizeBytes)} |`,
      )
    }
    lines.push('')
  }

  // A stopped run ended in its current step, or between that step's end and the next one's start.
  const stoppedIn = report.interrupted && report.steps.at(-1)?.name !== report.currentStep
  if (report.interrupted) {
    lines.push(
      '### Where it stopped',
      '',
      `The run was cancelled or ended ${stoppedIn ? 'during' : 'after'} **${escapeMarkdown(report.currentStep)}**, ` +
        'before it could report. What it had done until then is below; a rerun finds what already reached ' +
        'App Store Connect.',
      '',
    )
  }

  if (report.upload) lines.push(...uploadSection(report.upload))
  if (report.processing) lines.push(...processingSection(report.processing))
  if (report.testflight) lines.push(...testflightSection(report.testflight))
  if (report.appStore) lines.push(...appStoreSection(report.appStore))

  if (report.plan.length > 0) {
    lines.push('### Plan', '')
    for (const item of report.plan) {
      const mark = item.check && !item.check.ok ? '✗' : '✓'
      const check = item.check ? ` (${mark} ${escapeMarkdown(item.check.detail)})` : ''
      lines.push(`- [ ] **${escapeMarkdown(item.step)}**: ${escapeMarkdown(item.action)}${check}`)
    }
    lines.push('')
  }

  if (report.failure) {
    lines.push('### What failed', '', `**${escapeMarkdown(report.failure.step)}**`, '')
    lines.push(`> ${escapeMarkdown(report.failure.message)}`, '')
  }

  if (report.steps.length > 0 || stoppedIn) {
    lines.push('### Steps', '', '| Step | Result | Time |', '|---|---|---|')
    for (const step of report.steps) {
      lines.push(
        `| ${escapeMarkdown(step.name)} | ${step.status === 'done' ? '✅' : '❌'} | ${formatDuration(step.durationMs)} |`,
      )
    }
    if (stoppedIn) lines.push(`| ${escapeMarkdown(report.currentStep)} | ⏹ stopped | |`)
    lines.push('')
  }

  if (report.rateLimit) {
    lines.push(
      `API requests left this hour for the key: ${report.rateLimit.remaining} of ${report.rateLimit.limit}`,
      '',
    )
  }

  const links = summaryLinks(report)
  if (links.length > 0) lines.push(links.map(([text, url]) => `[${text}](${url})`).join(' · '), '')
  return lines.join('\n')
}
