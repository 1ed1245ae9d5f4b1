import type { ReleaseContext } from '../context.js'
import { elapsedText, type RetryWhileOptions } from '../shared/poll.js'

/**
 * How the App Store step retries a refusal Apple answers for a while: on the clock, first after the poll
 * interval (at most `capMs`), then doubling up to `capMs`, logging each retry.
 */
export function appleBackoff(
  ctx: ReleaseContext,
  timeoutMs: number,
  capMs: number,
): Omit<RetryWhileOptions, 'retryable'> {
  return {
    clock: ctx.clock,
    timeoutMs,
    delayMs: Math.min(ctx.settings.wait.pollIntervalMs, capMs),
    maxDelayMs: capMs,
    onRetry: (reason, elapsed) => ctx.log.info(`${reason}; trying again, ${elapsedText(elapsed)}`),
  }
}
