import type { CompanionReport } from '../../report/companion.js'
import type { CompanionContext } from '../run.js'
import { AWAITING_VERDICT, PAUSE_DAYS_ALLOWED, planCommand, type CommandStep } from './plan.js'
import { judgeVerdict, waitForApproval } from './review.js'
import type { ReleaseSettings } from './settings.js'
import { phasedStateOf, readVersionStatus, type VersionStatus } from './version.js'

// App Store Connect Help, "Release a version update in phases"
// (developer.apple.com/help/app-store-connect/update-your-app/release-a-version-update-in-phases):
// the share of users with automatic updates on each day of a phased release.
const SHARE_BY_DAY = [1, 2, 5, 10, 20, 50, 100]
const PHASED_DAYS = SHARE_BY_DAY.length

/**
 * release/: where an App Store version stands, and its release: release it now, or pause, resume or
 * complete its phased release; optionally after waiting for App Review's verdict.
 */
export async function releaseCommand(
  ctx: CompanionContext<ReleaseSettings>,
  report: CompanionReport,
): Promise<void> {
  const { settings, log } = ctx
  const read = () => readVersionStatus(ctx.client, ctx.app.id, settings.platform, settings.version)
  let status = await read()
  log.info(`Version ${settings.version} (${status.versionId}) is ${status.state}.`)
  const waits = settings.approvalTimeoutMs > 0 && AWAITING_VERDICT.has(status.state)

  if (settings.dryRun && waits) {
    report.actions.push(
      `Would wait up to ${settings.approvalTimeoutMs / 60_000} minutes for App Review's verdict on ${settings.version} ` +
        `(now ${status.state}), then run ${settings.command}.`,
    )
  } else {
    if (waits) status = await waitForApproval(ctx, read)
    else if (settings.approvalTimeoutMs > 0) judgeVerdict(ctx, status)
    const step = planCommand(settings.command, status)
    log.info(step.reason)
    if (step.kind === 'nothing') {
      if (settings.command !== 'status') log.notice(step.reason)
      report.actions.push(step.reason)
    } else if (settings.dryRun) {
      report.actions.push(`${step.reason} Would ${describe(step)}.`)
    } else {
      await perform(ctx, step)
      report.actions.push(`${step.reason} ${capitalize(describe(step))}: done.`)
      status = await read()
    }
  }
  recordStatus(report, status)
}

async function perform(
  ctx: CompanionContext<ReleaseSettings>,
  step: Exclude<CommandStep, { kind: 'nothing' }>,
): Promise<void> {
  if (step.kind === 'release') {
    await ctx.client.post('/v1/appStoreVersionReleaseRequests', {
      data: {
        type: 'appStoreVersionReleaseRequests',
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: step.versionId } } },
      },
    })
    ctx.log.info(`Released version ${ctx.settings.version}: Apple now makes it available on the App Store.`)
    return
  }
  await ctx.client.patch(`/v1/appStoreVersionPhasedReleases/${step.phasedReleaseId}`, {
    data: {
      type: 'appStoreVersionPhasedReleases',
      id: step.phasedReleaseId,
      attributes: { phasedReleaseState: step.to },
    },
  })
  ctx.log.info(`Phased release of version ${ctx.settings.version} set to ${step.to}.`)
}

function describe(step: Exclude<CommandStep, { kind: 'nothing' }>): string {
  if (step.kind === 'release') return 'release it now'
  return {
    PAUSED: 'pause the phased release',
    ACTIVE: 'resume the phased release',
    COMPLETE: 'release it to every user now (complete the phased release)',
  }[step.to]
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** The outputs and the summary's facts: the version's state, its phased release's day and pause days left. */
function recordStatus(report: CompanionReport, status: VersionStatus): void {
  const phasedState = phasedStateOf(status)
  report.outputs['app_store_version_id'] = status.versionId
  report.outputs['app_store_state'] = status.state
  report.outputs['phased_release_state'] = phasedState
  report.facts.push(['Version', status.versionString], ['App Store state', status.state])
  if (phasedState === undefined) {
    report.facts.push(['Phased release', 'none: the update reaches every user at release'])
    return
  }
  const attributes = status.phased?.attributes ?? {}
  const day = attributes.currentDayNumber
  const share = typeof day === 'number' ? SHARE_BY_DAY[day - 1] : undefined
  const onDay =
    share === undefined ? '' : `, day ${day} of ${PHASED_DAYS} (${share} % of users with automatic updates)`
  report.facts.push(['Phased release', `${phasedState}${onDay}`])
  if (typeof attributes.totalPauseDuration === 'number') {
    const left = Math.max(0, PAUSE_DAYS_ALLOWED - attributes.totalPauseDuration)
    report.facts.push(['Pause days left', `${left} of ${PAUSE_DAYS_ALLOWED}`])
  }
}
