import { appReviewReading } from '../../appstore/review-wait.js'
import { elapsedText, pollUntil } from '../../shared/poll.js'
import type { CompanionContext } from '../run.js'
import { AWAITING_VERDICT } from './plan.js'
import type { ReleaseSettings } from './settings.js'
import type { VersionStatus } from './version.js'

/**
 * Waits on the clock, up to wait_for_approval, while App Review has the version (WAITING_FOR_REVIEW,
 * IN_REVIEW), then judges the verdict: a rejection fails the run with the state and where to read why.
 */
export async function waitForVerdict(
  ctx: CompanionContext<ReleaseSettings>,
  read: () => Promise<VersionStatus>,
): Promise<VersionStatus> {
  const { settings, log } = ctx
  const polled = await pollUntil({
    clock: ctx.clock,
    intervalMs: settings.pollIntervalMs,
    timeoutMs: settings.approvalTimeoutMs,
    read,
    pending: (status) => (AWAITING_VERDICT.has(status.state) ? status.state : undefined),
    onWait: (state, elapsed) =>
      log.info(`Version ${settings.version} is ${state}; waiting for App Review, ${elapsedText(elapsed)}`),
    onTimeout: (state, elapsed) =>
      new Error(
        `App Review has not decided on version ${settings.version} within wait_for_approval (${elapsedText(elapsed)}): ` +
          `it is still ${state}. Run again later (command status shows where it stands), or raise wait_for_approval.`,
      ),
  })
  log.info(`App Review's verdict on version ${settings.version}: ${polled.value.state}.`)
  judgeVerdict(ctx, polled.value)
  return polled.value
}

/** Fails on a rejection, naming the state and where App Store Connect shows the reasons. */
export function judgeVerdict(ctx: CompanionContext<ReleaseSettings>, status: VersionStatus): void {
  const where = `https://appstoreconnect.apple.com/apps/${encodeURIComponent(ctx.app.id)}/distribution`
  // The one reading of App Review's verdict, shared with the main action's wait_for_app_review.
  if (appReviewReading(undefined, status.state).verdict !== 'rejected') return
  if (status.state === 'DEVELOPER_REJECTED') {
    throw new Error(
      `Version ${status.versionString} was withdrawn from review (DEVELOPER_REJECTED): there is no verdict to wait ` +
        `for. Submit it again (${where}).`,
    )
  }
  throw new Error(
    `App Review rejected version ${status.versionString}: it is ${status.state}. Read the reasons in App Store ` +
      `Connect, App Review (the messages of its review submission): ${where}. Fix them and submit again.`,
  )
}
