// Apple's hourly request budget per API key: every answer carries `X-Rate-Limit:
// user-hour-lim:3500;user-hour-rem:500;`, counted over a rolling hour per key, and a key that has used it
// up is answered 429 RATE_LIMIT_EXCEEDED (Apple, "Identifying Rate Limits").

const HOUR_MS = 3_600_000

export interface RateLimitScenario {
  /** The key's requests per rolling hour (default 3600). */
  rateLimitPerHour: number
  /** Requests other runs already made with each key this hour, e.g. a matrix sharing it (default 0). */
  rateLimitSpent: number
}

export const RATE_LIMIT_SCENARIO_DEFAULTS: RateLimitScenario = { rateLimitPerHour: 3600, rateLimitSpent: 0 }

/** The key id (JWT `kid`) of a bearer token, read without verifying: only for counting. */
export function keyIdOf(authorization: string | undefined): string {
  const header = /^Bearer\s+([^.\s]+)\./i.exec(authorization ?? '')?.[1]
  if (!header) return ''
  try {
    const parsed = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid?: unknown }
    return typeof parsed.kid === 'string' ? parsed.kid : ''
  } catch {
    return ''
  }
}

/** Counts each key's answers over the last hour on the simulator's clock. */
export class RateBudget {
  private readonly spent = new Map<string, number[]>()

  constructor(
    private readonly now: () => number,
    private readonly scenario: () => RateLimitScenario,
  ) {}

  /** Requests the key has left this hour, not counting the one being answered. */
  remaining(keyId: string): number {
    const since = this.now() - HOUR_MS
    const times = (this.spent.get(keyId) ?? []).filter((t) => t > since)
    this.spent.set(keyId, times)
    const { rateLimitPerHour, rateLimitSpent } = this.scenario()
    return Math.max(0, rateLimitPerHour - rateLimitSpent - times.length)
  }

  /** Counts one answer to the key and gives its header value. */
  spend(keyId: string): string {
    const left = Math.max(0, this.remaining(keyId) - 1)
    const times = this.spent.get(keyId) ?? []
    times.push(this.now())
    this.spent.set(keyId, times)
    return `user-hour-lim:${this.scenario().rateLimitPerHour};user-hour-rem:${left};`
  }
}
