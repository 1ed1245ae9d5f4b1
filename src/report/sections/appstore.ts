import type { AppStoreResult } from '../../appstore/types.js'
import { escapeMarkdown } from '../markdown.js'

const RELEASE: Record<string, string> = {
  MANUAL: 'manually, after approval',
  AFTER_APPROVAL: 'automatically, as soon as approved',
}

const PHASED: Record<AppStoreResult['phasedRelease'], string> = {
  created: 'over 7 days (turned on)',
  kept: 'over 7 days',
  removed: 'to everyone at once (phased release removed)',
  none: 'to everyone at once',
}

/** The App Store part of the job summary: the version, its release and the review submission. */
export function appStoreSection(result: AppStoreResult): string[] {
  const lines = ['### App Store', '']
  const version = escapeMarkdown(result.versionString)
  lines.push(
    result.alreadySubmitted
      ? `Version ${version} was already submitted with this build by an earlier run, so nothing was sent again.`
      : `Version ${version} was submitted for App Store review.`,
    '',
  )
  const how = {
    created: 'created',
    updated: `renamed from ${escapeMarkdown(result.previousVersionString ?? '?')}`,
    reused: 'existing version',
    'in-review': 'in review',
  }[result.versionAction]
  lines.push(`- Version: ${version} (${how}), ${escapeMarkdown(result.versionId)}`)
  const release =
    result.releaseType === 'SCHEDULED' && result.earliestReleaseDate
      ? `after approval, not before ${escapeMarkdown(utc(result.earliestReleaseDate))}`
      : (RELEASE[result.releaseType] ?? escapeMarkdown(result.releaseType))
  lines.push(`- Release: ${release} (${escapeMarkdown(result.releaseType)})`)
  lines.push(`- Phased release: ${PHASED[result.phasedRelease]}`)
  if (result.whatsNewLocales.length > 0)
    lines.push(`- What's New: ${result.whatsNewLocales.map(escapeMarkdown).join(', ')}`)
  if (result.whatsNewSkippedFirstVersion)
    lines.push("- What's New: skipped, the app's first version takes none")
  if (result.copyright) lines.push(`- Copyright: ${escapeMarkdown(result.copyright)}`)
  if (result.canceledSubmissionIds.length > 0)
    lines.push(`- Canceled submissions: ${result.canceledSubmissionIds.map(escapeMarkdown).join(', ')}`)
  const submission = result.reviewSubmissionId ? `${escapeMarkdown(result.reviewSubmissionId)}, ` : ''
  lines.push(`- Review submission: ${submission}${escapeMarkdown(result.reviewSubmissionState)}`)
  if (result.appVersionState)
    lines.push(`- Version after App Review: ${escapeMarkdown(result.appVersionState)}`)
  lines.push('')
  return lines
}

/** An instant as "2027-01-01 14:00 UTC": the summary reader's timezone is unknown. */
function utc(iso: string): string {
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`
}
