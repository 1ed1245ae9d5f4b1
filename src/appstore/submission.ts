import { relatedId, type Document } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { formatDuration } from '../shared/format.js'
import { elapsedText, pollUntil, retryWhile } from '../shared/poll.js'
import { appleBackoff } from './backoff.js'
import {
  alreadyAddedSubmissionId,
  inProgressSubmissionId,
  isNotReadyYet,
  reviewRefusal,
  type ResourceNames,
} from './errors.js'
import { FINISHING_SUBMISSION_STATES, type AppStoreVersion, type ReviewSubmission } from './resources.js'
import {
  conflictMessage,
  describeSubmission,
  editableVersion,
  judgeSubmissions,
  type Situation,
} from './situation.js'

/** Apple usually finishes canceling within seconds; minutes mean something is stuck on its side. */
const CANCEL_TIMEOUT_MS = 10 * 60_000
/** fastlane waits 10 × 15 s for READY_FOR_REVIEW before submitting (fastlane PR #20515). */
const NOT_READY_TIMEOUT_MS = 150_000
const NOT_READY_INTERVAL_MS = 15_000

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
 * stops the run. Either way, canceled submissions are waited for until COMPLETE.
 */
export async function settleSubmissions(ctx: ReleaseContext, s: Situation): Promise<SettledSubmissions> {
  const { log } = ctx
  if (ctx.settings.appStore.cancelPreviousSubmissions) {
    const toCancel = s.submissions.filter((sub) => !isFinishing(sub))
    for (const sub of toCancel) {
      await ctx.client.patch(`/v1/reviewSubmissions/${sub.id}`, {
        data: { type: 'reviewSubmissions', id: sub.id, attributes: { canceled: true } },
      })
      log.info(`Canceled ${describeSubmission(s, sub)} (cancel_previous_submissions).`)
    }
    await waitUntilComplete(
      ctx,
      s.submissions.map((sub) => sub.id),
    )
    return { canceledIds: toCancel.map((sub) => sub.id), changed: s.submissions.length > 0 }
  }

  const verdict = judgeSubmissions(s, editableVersion(s))
  if (verdict.conflicts.length > 0) throw new Error(conflictMessage(s, verdict.conflicts))
  await waitUntilComplete(
    ctx,
    verdict.canceling.map((sub) => sub.id),
  )
  if (verdict.reusable) log.info(`Reusing ${describeSubmission(s, verdict.reusable)}.`)
  return { reusable: verdict.reusable, canceledIds: [], changed: verdict.canceling.length > 0 }
}

const isFinishing = (sub: ReviewSubmission): boolean =>
  FINISHING_SUBMISSION_STATES.has(sub.attributes?.state ?? '')

/** Polls canceled submissions until Apple has finished them: CANCELING, then COMPLETING, then COMPLETE. */
async function waitUntilComplete(ctx: ReleaseContext, ids: string[]): Promise<void> {
  let pending = ids
  await pollUntil({
    clock: ctx.clock,
    intervalMs: ctx.settings.wait.pollIntervalMs,
    timeoutMs: CANCEL_TIMEOUT_MS,
    read: async () => {
      const states = await Promise.all(pending.map(async (id) => readSubmission(ctx, id)))
      pending = states.filter(isFinishing).map((s) => s.id)
      return states.filter(isFinishing)
    },
    pending: (still) =>
      still.length > 0
        ? still.map((s) => `${s.id} to finish canceling (${s.attributes?.state ?? '?'})`).join(', ')
        : undefined,
    onWait: (still, elapsed) =>
      ctx.log.info(`Waiting for review submission ${still}, ${elapsedText(elapsed)}`),
    onTimeout: (still, elapsed) =>
      new Error(
        `Review submission ${still} did not happen in ${formatDuration(elapsed)}. ` +
          'Check its state in App Store Connect and re-run once it is canceled.',
      ),
  })
}

async function readSubmission(ctx: ReleaseContext, id: string): Promise<ReviewSubmission> {
  return (
    await ctx.client.get<ReviewSubmission>(`/v1/reviewSubmissions/${id}`, {
      'fields[reviewSubmissions]': 'state,appStoreVersionForReview',
      include: 'appStoreVersionForReview',
    })
  ).data
}

/** Creates (or reuses) the review submission, adds the version to it and submits it for review. */
export async function submitForReview(
  ctx: ReleaseContext,
  version: AppStoreVersion,
  platform: string,
  reusable: ReviewSubmission | undefined,
  names: ResourceNames = new Map(),
): Promise<ReviewSubmission> {
  const { log } = ctx
  let submission = reusable ?? (await createSubmission(ctx, platform))
  const subject = `App Store version ${version.attributes?.versionString ?? version.id} for ${ctx.identity.platform}`
  try {
    if (relatedId(submission, 'appStoreVersionForReview') !== version.id) {
      submission = await addVersion(ctx, submission, version)
      await waitUntilReadyForReview(ctx, version)
    }
    const submissionId = submission.id
    const submitted = await retryWhile(
      {
        ...appleBackoff(ctx, NOT_READY_TIMEOUT_MS, NOT_READY_INTERVAL_MS),
        retryable: (e) =>
          isNotReadyYet(e)
            ? 'App Store Connect says the version is not ready to be submitted yet'
            : undefined,
      },
      () =>
        ctx.client.patch<Document<ReviewSubmission>>(`/v1/reviewSubmissions/${submissionId}`, {
          data: { type: 'reviewSubmissions', id: submissionId, attributes: { submitted: true } },
        }),
    )
    log.info(
      `Submitted for App Store review: submission ${submissionId} is ${submitted.data.attributes?.state ?? 'submitted'}.`,
    )
    return submitted.data
  } catch (error) {
    throw reviewRefusal(error, subject, submission.id, names)
  }
}

/**
 * A new review submission. While another one of the platform is not COMPLETE, Apple answers 409 "There
 * is another reviewSubmissions with id <id> still in progress", also for a while after it completed
 * (microsoft/asconnect version_client.py; rorkai 21384c75): a canceled one is waited out, a draft that
 * appeared meanwhile is used, anything else stops the run.
 */
async function createSubmission(ctx: ReleaseContext, platform: string): Promise<ReviewSubmission> {
  const submission = await retryWhile(
    {
      ...appleBackoff(ctx, CANCEL_TIMEOUT_MS, 30_000),
      retryable: (e) => {
        const id = inProgressSubmissionId(e)
        return id ? `App Store Connect says review submission ${id} is still in progress` : undefined
      },
    },
    async () => {
      try {
        const created = await ctx.client.post<Document<ReviewSubmission>>('/v1/reviewSubmissions', {
          data: {
            type: 'reviewSubmissions',
            attributes: { platform },
            relationships: { app: { data: { type: 'apps', id: ctx.app.id } } },
          },
        })
        ctx.log.info(`Created review submission ${created.data.id}.`)
        return created.data
      } catch (error) {
        const otherId = inProgressSubmissionId(error)
        if (!otherId) throw error
        const draft = await draftOrFinishing(
          ctx,
          otherId,
          error,
          'App Store Connect allows no new review submission while there is',
        )
        if (!draft) throw error
        ctx.log.info(`Using draft review submission ${draft.id}, which appeared meanwhile.`)
        return draft
      }
    },
  )
  return submission
}

/**
 * The submission Apple names in a refusal: a draft is returned to be used instead, one that is canceling
 * or complete gives undefined (wait and try again), anything else stops the run.
 */
async function draftOrFinishing(
  ctx: ReleaseContext,
  id: string,
  error: unknown,
  refusal: string,
): Promise<ReviewSubmission | undefined> {
  const other = await readSubmission(ctx, id)
  const state = other.attributes?.state ?? 'unknown'
  if (state === 'READY_FOR_REVIEW') return other
  if (isFinishing(other) || state === 'COMPLETE') return undefined
  throw new Error(
    `${refusal} review submission ${other.id}, which is ${state}. Set cancel_previous_submissions: true to ` +
      'cancel it first, or finish it in App Store Connect and re-run.',
    { cause: error },
  )
}

/**
 * Adds the version to the submission. A version that is still an item of another submission is refused
 * "already added to another reviewSubmission with id <id>" (rorkai 21384c75): a draft holding it is used
 * instead, a canceled one is waited out and the version added again.
 */
async function addVersion(
  ctx: ReleaseContext,
  submission: ReviewSubmission,
  version: AppStoreVersion,
): Promise<ReviewSubmission> {
  const add = () =>
    ctx.client.post('/v1/reviewSubmissionItems', {
      data: {
        type: 'reviewSubmissionItems',
        relationships: {
          reviewSubmission: { data: { type: 'reviewSubmissions', id: submission.id } },
          appStoreVersion: { data: { type: 'appStoreVersions', id: version.id } },
        },
      },
    })
  try {
    await add()
  } catch (error) {
    const otherId = alreadyAddedSubmissionId(error)
    if (!otherId) throw error
    const name = version.attributes?.versionString ?? version.id
    const draft = await draftOrFinishing(ctx, otherId, error, `App Store version ${name} is already in`)
    if (draft) {
      ctx.log.info(`Version ${name} is already in draft review submission ${draft.id}: using that one.`)
      return draft
    }
    ctx.log.info(`Version ${version.id} is still held by canceled review submission ${otherId}: waiting.`)
    await waitUntilComplete(ctx, [otherId])
    await add()
  }
  ctx.log.info(`Added version ${version.id} to review submission ${submission.id}.`)
  return submission
}

/**
 * Adding the version moves it to READY_FOR_REVIEW (fastlane fixture tunes/review_submission.json); submitting
 * before that is refused (fastlane#20065), so it is waited for like fastlane does. A version that does not get
 * there in time is submitted anyway: the submit's own retry covers the rest.
 */
async function waitUntilReadyForReview(ctx: ReleaseContext, version: AppStoreVersion): Promise<void> {
  try {
    await pollUntil({
      clock: ctx.clock,
      intervalMs: Math.min(ctx.settings.wait.pollIntervalMs, NOT_READY_INTERVAL_MS),
      timeoutMs: NOT_READY_TIMEOUT_MS,
      read: async () =>
        (
          await ctx.client.get<AppStoreVersion>(`/v1/appStoreVersions/${version.id}`, {
            'fields[appStoreVersions]': 'appVersionState',
          })
        ).data.attributes?.appVersionState ?? 'UNKNOWN',
      pending: (state) => (state === 'READY_FOR_REVIEW' ? undefined : state),
      onWait: (state, elapsed) =>
        ctx.log.info(
          `Waiting for the version to be READY_FOR_REVIEW (now ${state}), ${elapsedText(elapsed)}`,
        ),
      onTimeout: (state) => new NotReadyInTime(state),
    })
  } catch (error) {
    if (!(error instanceof NotReadyInTime)) throw error
    ctx.log.info(`The version is still ${error.message}; submitting anyway.`)
  }
}

class NotReadyInTime extends Error {}
