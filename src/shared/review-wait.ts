import type { Clock } from './clock.js'
import { formatDuration } from './format.js'
import type { Logger } from './log.js'
import { elapsedText, pollUntil } from './poll.js'

export type Verdict = 'approved' | 'rejected' | 'pending'

/** A review as read once: Apple's state as shown, and what it means. */
export interface ReviewReading {
  state: string
  verdict: Verdict
}

export interface VerdictWaitOptions {
  clock: Clock
  log: Logger
  intervalMs: number
  timeoutMs: number
  /** What is reviewed, for the log and the timeout: "Beta App Review of build 3.0.0 (5)". */
  what: string
  /** The input that set the wait, named in the timeout. */
  input: string
  read: () => Promise<ReviewReading>
  /** Every state read, so the run's record holds the latest even when the wait times out. */
  onState?: (state: string) => void
}

/** Reviews take hours: a line per state change, and otherwise one every few minutes, keeps the log readable. */
const PROGRESS_EVERY_MS = 5 * 60_000

/**
 * Polls a review until Apple's verdict, with the one `pollUntil`. Returns the last reading (approved or
 * rejected: the caller says what a rejection means); a wait that outlasts `timeoutMs` fails, saying the
 * submission stays in review. Each request signs a fresh token when the last nears expiry (asc/jwt.ts), so
 * a wait of hours on a cheap runner needs nothing more.
 */
export async function waitForVerdict(options: VerdictWaitOptions): Promise<ReviewReading> {
  const { log } = options
  let lastState: string | undefined
  let lastLoggedAt = -Infinity
  const { value } = await pollUntil<ReviewReading>({
    clock: options.clock,
    intervalMs: options.intervalMs,
    timeoutMs: options.timeoutMs,
    read: async () => {
      const reading = await options.read()
      options.onState?.(reading.state)
      return reading
    },
    pending: (reading) => (reading.verdict === 'pending' ? reading.state : undefined),
    onWait: (state, elapsedMs) => {
      if (state === lastState && elapsedMs - lastLoggedAt < PROGRESS_EVERY_MS) return
      lastState = state
      lastLoggedAt = elapsedMs
      log.info(`Waiting for the ${options.what}: ${state}, ${elapsedText(elapsedMs)}`)
    },
    onTimeout: (state, elapsedMs) =>
      new Error(
        `Timed out after ${formatDuration(elapsedMs)} waiting for the ${options.what}, which is still ${state}. ` +
          `The submission stays in review; there is nothing to undo. Raise ${options.input} to wait longer, or ` +
          'follow the review in App Store Connect.',
      ),
  })
  log.info(`The ${options.what} ended: ${value.state}.`)
  return value
}
