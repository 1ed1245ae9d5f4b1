import type { Settings } from '../settings/settings.js'

/** The API key's hourly budget as Apple's `X-Rate-Limit` header gives it: `user-hour-lim:3500;user-hour-rem:500;`. */
export interface RateLimit {
  limit: number
  remaining: number
}

/** Reads the header; undefined when it is absent or not in Apple's form. */
export function parseRateLimit(header: string | string[] | undefined): RateLimit | undefined {
  if (typeof header !== 'string') return undefined
  const limit = /user-hour-lim:(\d+)/.exec(header)?.[1]
  const remaining = /user-hour-rem:(\d+)/.exec(header)?.[1]
  if (limit === undefined || remaining === undefined) return undefined
  return { limit: Number(limit), remaining: Number(remaining) }
}

/** Below this share of the hour's budget a run warns whatever it needs: other runs share the key. */
const LOW_SHARE = 0.1
/** Processing usually ends within ten minutes; a review wait is counted for its first hour. */
const PROCESSING_POLL_MS = 10 * 60_000
const REVIEW_POLL_MS = 60 * 60_000
const MAX_POLLS = 120

/**
 * A rough count of the requests the rest of the run sends after the checks before the upload, from the
 * inputs: a fixed number per step (as the steps read before they write), one or two per poll.
 */
export function estimateRequests(settings: Settings): number {
  const { upload, wait, testflight: tf, appStore } = settings
  // A very short poll_interval would make a wait look endless: count at most MAX_POLLS polls for one.
  const polls = (ms: number) => Math.min(MAX_POLLS, Math.ceil(ms / wait.pollIntervalMs))
  let needed = upload.method === 'api' ? 15 : 3
  if (wait.forProcessing) needed += 2 * polls(Math.min(PROCESSING_POLL_MS, wait.processingTimeoutMs))
  needed += 12 + 3 * tf.groups.length + 3 * tf.testers.length * Math.max(1, tf.groups.length)
  if (tf.expirePreviousBuilds) needed += 5
  if (tf.waitForReviewMs > 0) needed += polls(Math.min(REVIEW_POLL_MS, tf.waitForReviewMs))
  if (appStore.submit) needed += 30
  // Two requests a poll: the version, then its review submission (appstore/review-wait.ts).
  if (appStore.waitForReviewMs > 0) needed += 2 * polls(Math.min(REVIEW_POLL_MS, appStore.waitForReviewMs))
  return needed
}

/**
 * The warning to give before the run's changes start, or undefined: when the key has less than 10 % of its
 * hour left, or less than the run is estimated to need. Apple answers 429 once it is used up (a rolling
 * hour per key), and a matrix of apps shares one key's budget.
 */
export function rateLimitWarning(seen: RateLimit | undefined, needed: number): string | undefined {
  if (!seen) return undefined
  const low = seen.remaining < seen.limit * LOW_SHARE
  if (!low && seen.remaining >= needed) return undefined
  return (
    `The API key has ${seen.remaining} of its ${seen.limit} requests per hour left, and this run needs about ` +
    `${needed}: later steps may be refused with 429 (RATE_LIMIT_EXCEEDED). Runs that share the key (a matrix ` +
    'of apps) share this budget; spread them out, or give some of them their own key.'
  )
}
