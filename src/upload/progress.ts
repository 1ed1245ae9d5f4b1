import { formatBytes } from '../shared/format.js'
import type { Logger } from '../shared/log.js'

const MB = 1_000_000

/** Logs upload progress (percent, MB/s, time left) at most every `intervalMs`. */
export class Progress {
  private sent = 0
  private lastLogAt: number
  private readonly startedAt: number

  constructor(
    private readonly total: number,
    private readonly log: Logger,
    private readonly intervalMs = 5000,
    private readonly now: () => number = Date.now,
  ) {
    this.startedAt = now()
    this.lastLogAt = this.startedAt
  }

  /** Bytes sent so far (a failed part's bytes taken back). */
  get sentBytes(): number {
    return this.sent
  }

  /** Bytes can go back down: a failed part's bytes are taken back before it is sent again. */
  add(bytes: number): void {
    this.sent += bytes
    if (this.now() - this.lastLogAt >= this.intervalMs) this.report()
  }

  report(): void {
    this.lastLogAt = this.now()
    const elapsedS = Math.max((this.lastLogAt - this.startedAt) / 1000, 0.001)
    const rate = this.sent / elapsedS
    const left = rate > 0 ? Math.ceil((this.total - this.sent) / rate) : undefined
    const percent = this.total > 0 ? Math.floor((this.sent / this.total) * 100) : 100
    this.log.info(
      `Uploaded ${percent}% (${formatBytes(this.sent)} of ${formatBytes(this.total)}) at ${(rate / MB).toFixed(1)} MB/s` +
        (left !== undefined ? `, about ${left} s left` : ''),
    )
  }
}
