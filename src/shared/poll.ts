import type { Clock } from './clock.js'
import { formatDuration } from './format.js'

/** How one wait reads, judges and reports; every wait of the action goes through `pollUntil`. */
export interface PollOptions<T> {
  clock: Clock
  intervalMs: number
  timeoutMs: number
  /** Reads the current value. */
  read: () => Promise<T>
  /** `undefined` when the wait is over; otherwise the state still waited on, for the log and the timeout. */
  pending: (value: T) => string | undefined
  /** Called before each sleep. */
  onWait?: (state: string, elapsedMs: number) => void
  /** The error to throw once `timeoutMs` has passed with the state still pending. */
  onTimeout: (state: string, elapsedMs: number) => Error
}

export interface Polled<T> {
  value: T
  elapsedMs: number
}

/** Reads until `pending` says done, sleeping on the injected clock, never past the timeout. */
export async function pollUntil<T>(options: PollOptions<T>): Promise<Polled<T>> {
  const { clock } = options
  const start = clock.now()
  for (;;) {
    const value = await options.read()
    const state = options.pending(value)
    const elapsedMs = clock.now() - start
    if (state === undefined) return { value, elapsedMs }
    if (elapsedMs >= options.timeoutMs) throw options.onTimeout(state, elapsedMs)
    options.onWait?.(state, elapsedMs)
    await clock.sleep(Math.min(options.intervalMs, options.timeoutMs - elapsedMs))
  }
}

export interface RetryWhileOptions {
  clock: Clock
  /** How long to keep retrying in all. */
  timeoutMs: number
  /** The first delay; each later one doubles, up to `maxDelayMs`. */
  delayMs: number
  maxDelayMs: number
  /** A short reason for the log when the error is one to retry, else `undefined` (thrown at once). */
  retryable: (error: unknown) => string | undefined
  onRetry?: (reason: string, elapsedMs: number) => void
}

/**
 * Runs `action` again while it fails with an error Apple is known to answer for a while and then stop
 * answering (a state that has not caught up yet). Any other error, or the last one past the budget, is thrown.
 */
export async function retryWhile<T>(options: RetryWhileOptions, action: () => Promise<T>): Promise<T> {
  const { clock } = options
  const start = clock.now()
  for (let attempt = 0; ; attempt++) {
    try {
      return await action()
    } catch (error) {
      const reason = options.retryable(error)
      const elapsedMs = clock.now() - start
      if (reason === undefined || elapsedMs >= options.timeoutMs) throw error
      options.onRetry?.(reason, elapsedMs)
      const delay = Math.min(options.maxDelayMs, options.delayMs * 2 ** attempt)
      await clock.sleep(Math.min(delay, options.timeoutMs - elapsedMs))
    }
  }
}

/** "…, 1.5 s elapsed" for wait logs. */
export const elapsedText = (ms: number): string => `${formatDuration(ms)} elapsed`
