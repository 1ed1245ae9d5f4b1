import { relatedId, type Document } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { formatDuration } from '../format.js'
import { elapsedText, pollUntil } from '../poll.js'
import { reviewRefusal } from './errors.js'
import type { AppStoreVersion, ReviewSubmission } from './resources.js'
import {
  conflictMessage,
  describeSubmission,
  editableVersion,
  judgeSubmissions,
  type Situation,
} from './situation.js'

/** Apple usually finishes canceling within seconds; minutes mean something is stuck on its side. */
const CANCEL_TIMEOUT_MS = 10 * 60_000

export interface SettledSubmissions {
  /** A submission to submit again instead of creating one. */
  reusable?: ReviewSubmission
  canceledIds: string[]
  /** Whether anything changed state, so the versions must be read again. */
  changed: boolean
}

/**
 * Clears the way for this release's submission: with cancel_previous_submissions every open submission is
 * canceled; otherwise a draft (or a rejected submission of this version) is reused and anything else
 * stops the run. Either way, submissions still CANCELING are waited for.
 */
export async function settleSubmissions(ctx: ReleaseContext, s: Situation): Promise<SettledSubmissions> {
  const { log } = ctx
  if (ctx.settings.appStore.cancelPreviousSubmissions) {
    const toCancel = s.submissions.filter((sub) => sub.attributes?.state !== 'CANCELING')
    for (const sub of toCancel) {
      await ctx.client.patch(`/v1/reviewSubmissions/${sub.id}`, {
        data: { type: 'reviewSubmissions', id: sub.id, attributes: { canceled: true } },
      })
      log.info(`Canceled ${describeSubmission(s, sub)} (cancel_previous_submissions).`)
    }
    await waitUntilCanceled(
      ctx,
      s.submissions.map((sub) => sub.id),
    )
    return { canceledIds: toCancel.map((sub) => sub.id), changed: s.submissions.length > 0 }
  }

  const verdict = judgeSubmissions(s, editableVersion(s))
  if (verdict.conflicts.length > 0) throw new Error(conflictMessage(s, verdict.conflicts))
  await waitUntilCanceled(
    ctx,
    verdict.canceling.map((sub) => sub.id),
  )
  if (verdict.reusable) log.info(`Reusing ${describeSubmission(s, verdict.reusable)}.`)
  return { reusable: verdict.reusable, canceledIds: [], changed: verdict.canceling.length > 0 }
}

/** Polls canceled submissions until Apple has finished canceling them (state COMPLETE). */
async function waitUntilCanceled(ctx: ReleaseContext, ids: string[]): Promise<void> {
  let pending = ids
  await pollUntil({
    clock: ctx.clock,
    intervalMs: ctx.settings.wait.pollIntervalMs,
    timeoutMs: CANCEL_TIMEOUT_MS,
    read: async () => {
      const states = await Promise.all(
        pending.map(async (id) => {
          const doc = await ctx.client.get<ReviewSubmission>(`/v1/reviewSubmissions/${id}`, {
            'fields[reviewSubmissions]': 'state',
          })
          return { id, state: doc.data.attributes?.state }
        }),
      )
      return (pending = states.filter((s) => s.state === 'CANCELING').map((s) => s.id))
    },
    pending: (still) => (still.length > 0 ? still.join(', ') : undefined),
    onWait: (still, elapsed) =>
      ctx.log.info(`Waiting for review submission ${still} to finish canceling, ${elapsedText(elapsed)}`),
    onTimeout: (still, elapsed) =>
      new Error(
        `Review submission ${still} is still CANCELING after ${formatDuration(elapsed)}. ` +
          'Check its state in App Store Connect and re-run once it is canceled.',
      ),
  })
}

/** Creates (or reuses) the review submission, adds the version to it and submits it for review. */
export async function submitForReview(
  ctx: ReleaseContext,
  version: AppStoreVersion,
  platform: string,
  reusable: ReviewSubmission | undefined,
): Promise<ReviewSubmission> {
  const { log } = ctx
  let submission = reusable
  if (!submission) {
    submission = (
      await ctx.client.post<Document<ReviewSubmission>>('/v1/reviewSubmissions', {
        data: {
          type: 'reviewSubmissions',
          attributes: { platform },
          relationships: { app: { data: { type: 'apps', id: ctx.app.id } } },
        },
      })
    ).data
    log.info(`Created review submission ${submission.id}.`)
  }
  const submissionId = submission.id
  const subject = `App Store version ${version.attributes?.versionString ?? version.id} for ${ctx.identity.platform}`
  try {
    if (relatedId(submission, 'appStoreVersionForReview') !== version.id) {
      await ctx.client.post('/v1/reviewSubmissionItems', {
        data: {
          type: 'reviewSubmissionItems',
          relationships: {
            reviewSubmission: { data: { type: 'reviewSubmissions', id: submissionId } },
            appStoreVersion: { data: { type: 'appStoreVersions', id: version.id } },
          },
        },
      })
      log.info(`Added version ${version.id} to review submission ${submissionId}.`)
    }
    const submitted = await ctx.client.patch<Document<ReviewSubmission>>(
      `/v1/reviewSubmissions/${submissionId}`,
      {
        data: { type: 'reviewSubmissions', id: submissionId, attributes: { submitted: true } },
      },
    )
    log.info(
      `Submitted for App Store review: submission ${submissionId} is ${submitted.data.attributes?.state ?? 'submitted'}.`,
    )
    return submitted.data
  } catch (error) {
    throw reviewRefusal(error, subject, submissionId)
  }
}
