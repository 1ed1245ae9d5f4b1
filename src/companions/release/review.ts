import { appReviewReading } from '../../appstore/review-wait.js'
import { waitForVerdict } from '../../shared/review-wait.js'
import type { CompanionContext } from '../run.js'
import { AWAITING_VERDICT } from './plan.js'
import type { ReleaseSettings } from './settings.js'
import type { VersionStatus } from './version.js'
import { appUrl } from '../../report/links.js'

/**
 * Waits, up to wait_for_approval, while App Review has the version (WAITING_FOR_REVIEW, IN_REVIEW), with
 * the main action's review wait (a log line per state change, else one every few minutes), then judges
 * the verdict: a rejection fails the run with the state and where to read why.
 */
export async function waitForApproval(
  ctx: CompanionContext<ReleaseSettings>,
  read: () => Promise<VersionStatus>,
): Promise<VersionStatus> {
  const { settings } = ctx
  let last: VersionStatus | undefined
  await waitForVerdict({
    clock: ctx.clock,
    log: ctx.log,
    intervalMs: settings.pollIntervalMs,
    timeoutMs: settings.approvalTimeoutMs,
    what: `App Review of version ${settings.version}`,
    input: 'wait_for_approval',
    read: async () => {
      last = await read()
      const { state } = last
      if (AWAITING_VERDICT.has(state)) return { state, verdict: 'pending' }
      // Any other state ends the wait; judgeVerdict says what it means.
      return {
        state,
        verdict: appReviewReading(undefined, state).verdict === 'rejected' ? 'rejected' : 'approved',
      }
    },
  })
  if (!last) throw new Error(`Version ${settings.version} could not be read.`)
  judgeVerdict(ctx, last)
  return last
}

/** Fails on a rejection, naming the state and where App Store Connect shows the reasons. */
export function judgeVerdict(ctx: CompanionContext<ReleaseSettings>, status: VersionStatus): void {
  const where = `${appUrl(ctx.app.id)}/distribution`
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
