import { open, type FileHandle } from 'node:fs/promises'
import http from 'node:http'
import https from 'node:https'
import type { UploadOperation } from '../asc/resources.js'
import type { Logger } from '../shared/log.js'
import { realClock, type Clock } from '../shared/clock.js'
import { forEachConcurrently } from '../shared/pool.js'
import { backoffDelay, parseRetryAfter } from '../shared/retry.js'
import type { Progress } from './progress.js'

export interface SendPartsOptions {
  path: string
  operations: UploadOperation[]
  /** Parts in flight at once; each has its own keep-alive connection. */
  concurrency: number
  progress: Progress
  log: Logger
  maxAttempts?: number
  baseDelayMs?: number
  maxDelayMs?: number
  /** Per attempt: the longest silence allowed on the connection. */
  timeoutMs?: number
  /** Per attempt: the longest a part may take in all, however steadily the storage trickles. */
  deadlineMs?: number
  /** Time for retries and operation expiry; the run's clock. */
  clock?: Clock
}

/** A part that cannot be sent: expired operations, refused requests, or retries exhausted. */
export class PartUploadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PartUploadError'
  }
}

const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504])
const CHUNK_BYTES = 256 * 1024
const CHUNKS_PER_PART = 4
/** A part is a few MB: 15 minutes is a link slower than 10 kB/s, or a storage server that never finishes. */
const PART_DEADLINE_MS = 15 * 60_000

/**
 * Sends every operation's byte range of the file, in parallel, each read from disk by offset and
 * length. The URLs are pre-signed storage URLs: only the operation's own headers go with them, never the
 * API token. A failed part is retried alone; the first part that cannot be sent stops the others.
 */
export async function sendParts(options: SendPartsOptions): Promise<void> {
  const agentOptions = { keepAlive: true, maxSockets: options.concurrency }
  const agents = { 'http:': new http.Agent(agentOptions), 'https:': new https.Agent(agentOptions) }
  const file = await open(options.path, 'r')
  const byOffset = [...options.operations].sort((a, b) => a.offset - b.offset)
  try {
    await forEachConcurrently(
      byOffset,
      options.concurrency,
      (op, chunks) => sendPart(op, file, chunks, agents, options),
      () => new ChunkPool(),
    )
  } finally {
    agents['http:'].destroy()
    agents['https:'].destroy()
    await file.close()
  }
}

type Agents = Record<'http:' | 'https:', http.Agent>

async function sendPart(
  op: UploadOperation,
  file: FileHandle,
  chunks: ChunkPool,
  agents: Agents,
  options: SendPartsOptions,
): Promise<void> {
  const clock = options.clock ?? realClock
  const maxAttempts = options.maxAttempts ?? 6
  const name = `part ${op.partNumber ?? '?'} (bytes ${op.offset}–${op.offset + op.length - 1})`
  for (let attempt = 1; ; attempt++) {
    if (op.expiration && Date.parse(op.expiration) <= clock.now()) {
      throw new PartUploadError(
        `The upload operation for ${name} expired at ${op.expiration}. Re-run the job: it resumes with fresh operations.`,
      )
    }
    let sent = 0
    let retryAfterMs: number | undefined
    let problem: string
    try {
      const response = await put(
        op,
        file,
        chunks,
        agents,
        options.timeoutMs ?? 120_000,
        options.deadlineMs ?? PART_DEADLINE_MS,
        (bytes) => {
          sent += bytes
          options.progress.add(bytes)
        },
      )
      if (response.status >= 200 && response.status < 300) return
      problem = `answered ${response.status}${response.text ? `: ${summarize(response.text)}` : ''}`
      if (response.status === 403 && /expired/i.test(response.text)) {
        throw new PartUploadError(
          `The storage service refused ${name} as expired (${problem}). Re-run the job.`,
        )
      }
      if (!RETRYABLE_STATUS.has(response.status)) {
        throw new PartUploadError(`The storage service refused ${name}: ${problem}`)
      }
      retryAfterMs = parseRetryAfter(response.retryAfter, clock.now())
    } catch (error) {
      if (error instanceof PartUploadError) throw error
      problem = `failed: ${error instanceof Error ? error.message : String(error)}`
    }
    options.progress.add(-sent)
    if (attempt >= maxAttempts) {
      throw new PartUploadError(`Sending ${name} ${problem}; gave up after ${attempt} attempts.`)
    }
    const delay =
      retryAfterMs ?? backoffDelay(attempt, options.baseDelayMs ?? 500, options.maxDelayMs ?? 20_000)
    options.log.info(`Sending ${name} ${problem}; retrying it in ${(delay / 1000).toFixed(1)} s`)
    await clock.sleep(delay)
  }
}

interface PutResponse {
  status: number
  text: string
  retryAfter?: string
}

/** One attempt: the byte range goes out through a few reused buffers, so no garbage piles up per chunk. */
function put(
  op: UploadOperation,
  file: FileHandle,
  chunks: ChunkPool,
  agents: Agents,
  timeoutMs: number,
  deadlineMs: number,
  onBytes: (bytes: number) => void,
): Promise<PutResponse> {
  const url = new URL(op.url)
  const transport = url.protocol === 'https:' ? https : http
  const headers: Record<string, string> = { 'content-length': String(op.length) }
  for (const header of op.requestHeaders ?? []) headers[header.name.toLowerCase()] = header.value

  return new Promise<PutResponse>((resolve, reject) => {
    const request = transport.request(url, {
      method: op.method,
      headers,
      agent: agents[url.protocol === 'https:' ? 'https:' : 'http:'],
      timeout: timeoutMs,
    })
    request.on('timeout', () => request.destroy(new Error(`no progress for ${timeoutMs / 1000} s`)))
    const deadline = setTimeout(
      () => request.destroy(new Error(`not finished within ${deadlineMs / 1000} s`)),
      deadlineMs,
    )
    request.on('close', () => clearTimeout(deadline))
    request.on('error', (error) => {
      chunks.abandon()
      reject(error)
    })
    request.on('response', (response) => {
      let text = ''
      response.setEncoding('utf8')
      response.on('data', (piece: string) => {
        if (text.length < 4096) text += piece
      })
      response.on('end', () => {
        clearTimeout(deadline)
        const status = response.statusCode ?? 0
        if (status < 200 || status >= 300) {
          // The storage may answer before taking the whole body; stop sending and start the pool afresh.
          request.destroy()
          chunks.abandon()
        }
        resolve({ status, text, retryAfter: response.headers['retry-after'] })
      })
      response.on('error', reject)
    })

    const pump = async () => {
      const end = op.offset + op.length
      for (let position = op.offset; position < end && !request.destroyed;) {
        const chunk = await chunks.take()
        const { bytesRead } = await file.read(chunk, 0, Math.min(chunk.length, end - position), position)
        if (bytesRead === 0) throw new Error('the file is shorter than the upload operation says')
        position += bytesRead
        onBytes(bytesRead)
        // The chunk goes back to the pool only once the socket has taken it.
        request.write(chunk.subarray(0, bytesRead), () => chunks.give(chunk))
      }
      request.end()
    }
    pump().catch((error: unknown) =>
      request.destroy(error instanceof Error ? error : new Error(String(error))),
    )
  })
}

/**
 * A few buffers one worker reuses for every part it sends. After a failed attempt, buffers still held
 * by a dead socket may never come back, so the pool starts afresh instead of waiting for them.
 */
class ChunkPool {
  private free: Buffer[] = []
  private waiting: ((chunk: Buffer) => void)[] = []
  private generation = 0
  private readonly owner = new WeakMap<Buffer, number>()

  constructor() {
    this.refill()
  }

  take(): Promise<Buffer> {
    const chunk = this.free.pop()
    if (chunk) return Promise.resolve(chunk)
    return new Promise((resolve) => this.waiting.push(resolve))
  }

  give(chunk: Buffer): void {
    if (this.owner.get(chunk) !== this.generation) return
    const next = this.waiting.shift()
    if (next) next(chunk)
    else this.free.push(chunk)
  }

  abandon(): void {
    this.generation += 1
    this.free = []
    this.waiting = []
    this.refill()
  }

  private refill(): void {
    for (let i = 0; i < CHUNKS_PER_PART; i++) {
      const chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES)
      this.owner.set(chunk, this.generation)
      this.give(chunk)
    }
  }
}

/** Storage errors come as XML; keep the message short and on one line. */
function summarize(text: string): string {
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1]
  return (message ?? text).replace(/\s+/g, ' ').slice(0, 200)
}
