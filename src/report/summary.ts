import { formatBytes, formatDuration } from '../shared/format.js'
import { appUrl, packageLinks, runLinks } from './links.js'
import { escapeMarkdown } from './markdown.js'
import { packageRecords, type PackageRecord, type RunReport } from './model.js'
import { processingSection, testflightSection, testInformationSection } from './sections/testflight.js'
import { appStoreSection } from './sections/appstore.js'
import { listingSection } from './sections/listing.js'
import { mediaSection } from './sections/media.js'
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

  const several = report.releasesSeveral()
  if (!several) lines.push(...identityTable(report))

  // A stopped run ended in its current step, or between that step's end and the next one's start.
  const stoppedIn = report.interrupted && report.steps.at(-1)?.name !== report.currentStep
  if (report.interrupted) {
    const where = `${escapeMarkdown(report.currentStep)}${report.currentPackage ? ` of ${escapeMarkdown(report.currentPackage)}` : ''}`
    lines.push(
      '### Where it stopped',
      '',
      `The run was cancelled or ended ${stoppedIn ? 'during' : 'after'} **${where}**, ` +
        'before it could report. What it had done until then is below; a rerun finds what already reached ' +
        'App Store Connect.',
      '',
    )
  }

  if (!several) lines.push(...stepSections(report))
  // Several packages: a section each, its steps' headings one level down, its own links.
  else {
    for (const record of packageRecords(report)) {
      lines.push(`### ${escapeMarkdown(record.packageFile?.name ?? 'Package')}`, '', ...identityTable(record))
      lines.push(...stepSections(record).map((line) => (line.startsWith('### ') ? `#${line}` : line)))
      const links = packageLinks(record)
      if (links.length > 0) lines.push(linkLine(links), '')
    }
  }

  if (report.plan.length > 0) {
    lines.push('### Plan', '')
    for (const item of report.plan) {
      const mark = item.check && !item.check.ok ? '✗' : '✓'
      const check = item.check ? ` (${mark} ${escapeMarkdown(item.check.detail)})` : ''
      const step = item.package ? `${item.package} · ${item.step}` : item.step
      lines.push(`- [ ] **${escapeMarkdown(step)}**: ${escapeMarkdown(item.action)}${check}`)
    }
    lines.push('')
  }

  if (report.failure) {
    const of = report.failure.package ? ` of **${escapeMarkdown(report.failure.package)}**` : ''
    lines.push('### What failed', '', `**${escapeMarkdown(report.failure.step)}**${of}`, '')
    lines.push(`> ${escapeMarkdown(report.failure.message)}`, '')
  }

  if (report.steps.length > 0 || stoppedIn) {
    // With several packages, a first column says whose step it was.
    const whose = (name: string | undefined) => (several ? `| ${escapeMarkdown(name ?? '')} ` : '')
    lines.push(
      '### Steps',
      '',
      `${whose('Package')}| Step | Result | Time |`,
      `${several ? '|---' : ''}|---|---|---|`,
    )
    for (const step of report.steps) {
      lines.push(
        `${whose(step.package)}| ${escapeMarkdown(step.name)} | ${step.status === 'done' ? '✅' : '❌'} | ${formatDuration(step.durationMs)} |`,
      )
    }
    if (stoppedIn)
      lines.push(`${whose(report.currentPackage)}| ${escapeMarkdown(report.currentStep)} | ⏹ stopped | |`)
    lines.push('')
  }

  if (report.rateLimit) {
    lines.push(
      `API requests left this hour for the key: ${report.rateLimit.remaining} of ${report.rateLimit.limit}`,
      '',
    )
  }

  const links = several ? runLinks() : [...packageLinks(report), ...runLinks()]
  if (links.length > 0) lines.push(linkLine(links), '')
  return lines.join('\n')
}

function linkLine(links: [string, string][]): string {
  return links.map(([text, url]) => `[${text}](${url})`).join(' · ')
}

/** The app, version, platform and package of one release, as a table. */
function identityTable(record: PackageRecord): string[] {
  const { app, identity, packageFile } = record
  if (!app && !identity) return []
  const lines = ['| | |', '|---|---|']
  if (app) {
    const url = appUrl(app.id)
    lines.push(
      `| App | [${escapeMarkdown(app.name || app.bundleId)}](${url}) (${escapeMarkdown(app.bundleId)}) |`,
    )
  }
  if (identity) {
    lines.push(`| Version | ${escapeMarkdown(identity.version)} (${escapeMarkdown(identity.buildNumber)}) |`)
    lines.push(`| Platform | ${identity.platform} |`)
  }
  if (packageFile) {
    lines.push(`| Package | ${escapeMarkdown(packageFile.name)}, ${formatBytes(packageFile.sizeBytes)} |`)
  }
  lines.push('')
  return lines
}

/** What each step did for one release. */
function stepSections(record: PackageRecord): string[] {
  return [
    ...(record.upload ? uploadSection(record.upload) : []),
    ...(record.testInformation ? testInformationSection(record.testInformation) : []),
    ...(record.processing ? processingSection(record.processing) : []),
    ...(record.testflight ? testflightSection(record.testflight) : []),
    ...(record.media ? mediaSection(record.media) : []),
    ...(record.appStore ? appStoreSection(record.appStore) : []),
    ...listingSectionOf(record),
  ]
}

/** The listing is written by the App Store step, or by its own step when the run does not submit. */
function listingSectionOf(record: PackageRecord): string[] {
  const listing = record.listing ?? record.appStore?.listing
  return listing ? listingSection(listing) : []
}
