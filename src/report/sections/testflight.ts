import { formatDuration, shorten } from '../../shared/format.js'
import type { TestFlightResult, TestInformationResult } from '../../testflight/types.js'
import type { ProcessedBuild } from '../../wait/types.js'
import { escapeMarkdown } from '../markdown.js'

export function processingSection(build: ProcessedBuild): string[] {
  return [
    '### Processing',
    '',
    `${escapeMarkdown(build.processingState)} after ${formatDuration(build.appearMs + build.processingMs)}: ` +
      `${formatDuration(build.appearMs)} for the build to appear, ${formatDuration(build.processingMs)} of processing.`,
    '',
  ]
}

const COMPLIANCE: Record<NonNullable<TestFlightResult['exportCompliance']>, string> = {
  'declared-by-package': 'declared in Info.plist',
  set: 'answered by this run',
  'already-set': 'already answered',
  missing: '⚠️ missing: testers cannot install the build until it is answered',
}

/** Test Information: per field, old → new (shortened); the demo account password only as "(hidden)". */
export function testInformationSection(info: TestInformationResult): string[] {
  const lines = ['### TestFlight Test Information', '']
  if (info.changes.length === 0) {
    lines.push(`Already as in ${escapeMarkdown(info.file)}.`, '')
    return lines
  }
  lines.push('| Where | Field | Was | Now |', '|---|---|---|---|')
  for (const c of info.changes) {
    const cell = (text: string | undefined) =>
      text === undefined ? '' : c.secret ? escapeMarkdown(text) : escapeMarkdown(shorten(text, 60))
    lines.push(
      `| ${escapeMarkdown(c.where)}${c.create ? ' (new)' : ''} | ${escapeMarkdown(c.field)} | ${cell(c.from)} | ${cell(c.to)} |`,
    )
  }
  lines.push('')
  return lines
}

export function testflightSection(tf: TestFlightResult): string[] {
  const lines = ['### TestFlight', '']
  if (tf.groups.length > 0) {
    lines.push('| Group | Type | Build |', '|---|---|---|')
    for (const g of tf.groups) {
      lines.push(
        `| ${escapeMarkdown(g.name)} | ${g.isInternal ? 'internal' : 'external'} | ${g.added ? 'added' : 'already there'} |`,
      )
    }
    lines.push('')
  }
  if (tf.createdGroups.length > 0) {
    lines.push(`- Created groups: ${tf.createdGroups.map((g) => escapeMarkdown(g.name)).join(', ')}`)
  }
  if (tf.testersAdded.length > 0) {
    lines.push(
      `- Testers added: ${tf.testersAdded.map((t) => `${escapeMarkdown(t.email)} → ${escapeMarkdown(t.group)}`).join(', ')}`,
    )
  }
  if (tf.publicLink) lines.push(`- Public link: ${escapeMarkdown(tf.publicLink)}`)
  if (tf.betaReviewState) lines.push(`- Beta App Review: ${escapeMarkdown(tf.betaReviewState)}`)
  if (tf.replacedBuildIds.length > 0) {
    lines.push(
      `- Expired to make way in Beta App Review: ${tf.replacedBuildIds.map(escapeMarkdown).join(', ')}`,
    )
  }
  if (tf.whatToTestLocales.length > 0)
    lines.push(`- What to Test: ${tf.whatToTestLocales.map(escapeMarkdown).join(', ')}`)
  if (tf.exportCompliance) lines.push(`- Export compliance: ${COMPLIANCE[tf.exportCompliance]}`)
  if (tf.expiredBuildIds.length > 0) lines.push(`- Expired ${tf.expiredBuildIds.length} earlier build(s)`)
  if (tf.notificationSent) lines.push('- Testers were notified')
  lines.push('')
  return lines
}
