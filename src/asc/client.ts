import { silentLogger, type Logger } from '../shared/log.js'
import { readAppleJson } from './answer.js'
import { AscApiError, AscNetworkError, parseAppleErrors } from './errors.js'
import { AnswerTooLargeError, KeepAliveAgents, exchange, type HttpAnswer } from './http.js'
import type { TokenProvider } from './jwt.js'
import { parseRateLimit, type RateLimit } from './rate-limit.js'
import type { Document, Resource } from './resources.js'
import { realClock, type Clock } from '../shared/clock.js'
import { backoffDelay, parseRetryAfter } from '../shared/retry.js'

export const DEFAULT_BASE_URL = 'https://api.appstoreconnect.apple.com'

export type Query = Record<string, string | number | boolean | undefined>

export interface RetryPolicy {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  /** A Retry-After longer than this is not waited out: the step fails with Apple's 429 instead. */
  maxRetryAfterMs: number
}

export interface AscClientOptions {
  baseUrl?: string
  tokens: TokenProvider
  log?: Logger
  retry?: Partial<RetryPolicy>
  /** Per attempt: time allowed for the response headers, and for each gap in the body. */
  timeoutMs?: number
  /** Per attempt: time allowed for the whole exchange, however steadily the answer trickles in. */
  deadlineMs?: number
  /** The largest answer read; see MAX_ANSWER_BYTES. */
  maxAnswerBytes?: number
  /** Time for retries and Retry-After; the run's clock. */
  clock?: Clock
}

interface RequestOptions {
  query?: Query
  body?: unknown
  /**
   * Whether sending the request twice ends in the same state as sending it once.
   * GET, PATCH (it sets attributes to given values) and DELETE are; POST creates, so a replay after an
   * answer that never came could create twice. Linkage POSTs (add to a to-many relationship) are
   * idempotent and say so. Non-idempotent requests are retried only when Apple certainly did not act on
   * them: a 429, or a connection that was refused before anything was sent.
   */
  idempotent?: boolean
}

const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
}
/**
 * The largest answer the client reads. The biggest page this action asks for (limit=200 with includes)
 * is a few MB; 16 MiB leaves room for several times that, while a runaway answer stops here instead of
 * being held in memory several times over (a 1.2 GB answer once peaked at 3.8 GB).
 */
export const MAX_ANSWER_BYTES = 16 * 1024 * 1024
const IDLE_TIMEOUT_MS = 60_000
/** 16 MiB at 1 Mbit/s takes about two minutes; nothing this action asks for comes close. */
const DEADLINE_MS = 180_000

/** JSON:API client for the App Store Connect API: auth, retries with backoff, paging, Apple's errors. */
export class AscClient {
  readonly baseUrl: string
  private readonly retry: RetryPolicy
  private readonly log: Logger
  private readonly agents = new KeepAliveAgents(8)
  private readonly limits: { idleTimeoutMs: number; deadlineMs: number; maxBodyBytes: number }
  private readonly clock: Clock
  private lastRateLimit?: RateLimit

  constructor(private readonly options: AscClientOptions) {
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '')
    this.retry = { ...DEFAULT_RETRY, ...options.retry }
    this.log = options.log ?? silentLogger
    this.clock = options.clock ?? realClock
    this.limits = {
      idleTimeoutMs: options.timeoutMs ?? IDLE_TIMEOUT_MS,
      deadlineMs: options.deadlineMs ?? DEADLINE_MS,
      maxBodyBytes: options.maxAnswerBytes ?? MAX_ANSWER_BYTES,
    }
  }

  async get<T>(path: string, query?: Query): Promise<Document<T>> {
    return this.send<Document<T>>('GET', path, { query, idempotent: true })
  }

  /** Every item of a collection, following `links.next` page by page. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the resource type it asked for, as with get
  async getAll<T extends Resource>(
    path: string,
    query?: Query,
  ): Promise<{ data: T[]; included: Resource[] }> {
    const data: T[] = []
    const included: Resource[] = []
    let page = await this.get<T[]>(path, { limit: 200, ...query })
    for (;;) {
      data.push(...page.data)
      included.push(...(page.included ?? []))
      const next = page.links?.next
      if (!next) return { data, included }
      page = await this.send<Document<T[]>>('GET', this.pathOf(next), { idempotent: true })
    }
  }

  async post<T>(path: string, body: unknown, options: { idempotent?: boolean } = {}): Promise<T> {
    return this.send<T>('POST', path, { body, idempotent: options.idempotent ?? false })
  }

  /** PATCH sets attributes to given values, so it is retried; a caller that must settle doubt itself says so. */
  async patch<T>(path: string, body: unknown, options: { idempotent?: boolean } = {}): Promise<T> {
    return this.send<T>('PATCH', path, { body, idempotent: options.idempotent ?? true })
  }

  async delete(path: string, body?: unknown): Promise<void> {
    await this.send<unknown>('DELETE', path, { body, idempotent: true })
  }

  /** The key's hourly budget as the last answer's `X-Rate-Limit` header gave it. */
  get rateLimit(): RateLimit | undefined {
    return this.lastRateLimit
  }

  close(): Promise<void> {
    this.agents.destroy()
    return Promise.resolve()
  }

  /** Turns an absolute `links.next` back into a path, refusing any other host: the token must not leave. */
  private pathOf(link: string): string {
    const url = new URL(link, this.baseUrl)
    const base = new URL(this.baseUrl)
    if (url.origin !== base.origin)
      throw new Error(`App Store Connect sent a paging link to another host: ${url.origin}`)
    return url.pathname.slice(base.pathname.replace(/\/$/, '').length) + url.search
  }

  private async send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
    const url = new URL(this.baseUrl + path)
    for (const [name, value] of Object.entries(options.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value))
    }
    const shownPath = url.pathname + url.search
    const idempotent = options.idempotent ?? false
    let renewedAfter401 = false

    for (let attempt = 1; ; attempt++) {
      const last = attempt >= this.retry.maxAttempts
      const started = this.clock.now()
      let answer: HttpAnswer
      try {
        answer = await exchange(
          this.agents,
          {
            method,
            url,
            headers: {
              authorization: `Bearer ${await this.options.tokens.token()}`,
              accept: 'application/json',
              ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
          },
          this.limits,
        )
      } catch (error) {
        if (error instanceof AnswerTooLargeError) {
          // Apple answered, so a write may have taken effect; reading more would only use up memory.
          throw new AscApiError(
            method,
            shownPath,
            error.status,
            [],
            !idempotent,
            `with more than ${error.limitBytes} bytes; stopped reading there`,
          )
        }
        // Refused means nothing reached the server; anything later may have been acted on.
        const nothingSent = (error as { code?: string }).code === 'ECONNREFUSED'
        const retryable = idempotent || nothingSent
        if (retryable && !last) {
          const delay = this.backoff(attempt)
          this.log.info(
            `${method} ${shownPath} failed (${describeNetworkError(error)}); retrying in ${seconds(delay)}`,
          )
          await this.clock.sleep(delay)
          continue
        }
        throw new AscNetworkError(method, shownPath, error, !nothingSent)
      }
      const { status, headers } = answer
      this.log.debug(`${method} ${shownPath} → ${status} (${this.clock.now() - started} ms)`)
      this.lastRateLimit = parseRateLimit(headers['x-rate-limit']) ?? this.lastRateLimit
      const success = status >= 200 && status < 300
      const reading = readAppleJson(answer.body, headers['content-type'], success)
      if (success) {
        if (reading.ok) return reading.value as T
        // A success status with a body that is not Apple's: a write may have happened, nothing proves it.
        throw new AscApiError(method, shownPath, status, [], !idempotent, reading.problem)
      }

      if (status === 401 && !renewedAfter401) {
        renewedAfter401 = true
        this.options.tokens.invalidate()
        this.log.info(`${method} ${shownPath} was refused (401); retrying once with a fresh token`)
        continue
      }
      if (status === 429 && !last) {
        const retryAfter = parseRetryAfter(headers['retry-after'], this.clock.now())
        if (retryAfter === undefined || retryAfter <= this.retry.maxRetryAfterMs) {
          const delay = retryAfter ?? this.backoff(attempt)
          this.log.info(`${method} ${shownPath} was rate limited (429); retrying in ${seconds(delay)}`)
          await this.clock.sleep(delay)
          continue
        }
      }
      if (status >= 500 && idempotent && !last) {
        const delay = this.backoff(attempt)
        this.log.info(`${method} ${shownPath} answered ${status}; retrying in ${seconds(delay)}`)
        await this.clock.sleep(delay)
        continue
      }
      throw new AscApiError(
        method,
        shownPath,
        status,
        reading.ok ? parseAppleErrors(reading.value) : [],
        status >= 500 && !idempotent,
        reading.ok ? undefined : reading.problem,
      )
    }
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.retry.baseDelayMs, this.retry.maxDelayMs)
  }
}

function describeNetworkError(error: unknown): string {
  const code = (error as { code?: string }).code
  const message = error instanceof Error ? error.message : String(error)
  return code ? `${code}: ${message}` : message
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
