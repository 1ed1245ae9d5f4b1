import http from 'node:http'
import https from 'node:https'

/** One HTTP exchange, fully read. */
export interface HttpAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export interface HttpExchange {
  method: string
  url: URL
  headers: Record<string, string>
  body?: string
}

export interface HttpLimits {
  /** The longest silence allowed: waiting for the headers, and between two pieces of the body. */
  idleTimeoutMs: number
  /** The longest a whole exchange may take, however steadily the server drips. */
  deadlineMs: number
  /** The most body bytes read; beyond it the connection is dropped. */
  maxBodyBytes: number
}

/** The server answered, but with more bytes than an API answer can legitimately have. */
export class AnswerTooLargeError extends Error {
  constructor(
    readonly status: number,
    readonly limitBytes: number,
  ) {
    super(`the answer was larger than ${limitBytes} bytes`)
    this.name = 'AnswerTooLargeError'
  }
}

/** The exchange did not finish in time; `code` says which limit was hit. */
export class HttpTimeoutError extends Error {
  constructor(
    readonly code: 'IDLE_TIMEOUT' | 'DEADLINE',
    ms: number,
  ) {
    super(
      code === 'IDLE_TIMEOUT'
        ? `no data from the server for ${ms / 1000} s`
        : `the exchange took longer than ${ms / 1000} s`,
    )
    this.name = 'HttpTimeoutError'
  }
}

/**
 * Keep-alive agents for both schemes: one TLS handshake serves every API call. An idle pooled socket is
 * closed after 4 s (sooner if the server's Keep-Alive hint says so), so a request rarely meets a socket
 * the server already closed.
 */
export function keepAliveAgents(maxSockets: number): Record<'http:' | 'https:', http.Agent> {
  const options = { keepAlive: true, maxSockets, timeout: 4_000 }
  return { 'http:': new http.Agent(options), 'https:': new https.Agent(options) }
}

/**
 * Sends one request and reads the whole answer within `limits`. Node's own HTTP stack: the action's
 * bundle then carries no second copy of undici next to the one @actions/http-client brings.
 */
export function exchange(
  agents: Record<'http:' | 'https:', http.Agent>,
  request: HttpExchange,
  limits: HttpLimits,
): Promise<HttpAnswer> {
  const { url } = request
  const transport = url.protocol === 'https:' ? https : http
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:']
  return new Promise<HttpAnswer>((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body)
    const req = transport.request(url, {
      method: request.method,
      agent,
      headers: { ...request.headers, ...(body ? { 'content-length': String(body.length) } : {}) },
    })
    let idle: NodeJS.Timeout | undefined
    const fail = (error: Error) => {
      clearTimeout(idle)
      clearTimeout(deadline)
      req.destroy(error)
      reject(error)
    }
    const deadline = setTimeout(() => {
      fail(new HttpTimeoutError('DEADLINE', limits.deadlineMs))
    }, limits.deadlineMs)
    const stillAlive = () => {
      clearTimeout(idle)
      idle = setTimeout(() => {
        fail(new HttpTimeoutError('IDLE_TIMEOUT', limits.idleTimeoutMs))
      }, limits.idleTimeoutMs)
    }
    stillAlive()
    req.on('error', fail)
    req.on('response', (res) => {
      stillAlive()
      const status = res.statusCode ?? 0
      const declared = Number(res.headers['content-length'])
      if (declared > limits.maxBodyBytes) {
        fail(new AnswerTooLargeError(status, limits.maxBodyBytes))
        return
      }
      const chunks: Buffer[] = []
      let received = 0
      res.on('data', (chunk: Buffer) => {
        received += chunk.length
        if (received > limits.maxBodyBytes) {
          fail(new AnswerTooLargeError(status, limits.maxBodyBytes))
          return
        }
        chunks.push(chunk)
        stillAlive()
      })
      res.on('error', fail)
      res.on('end', () => {
        clearTimeout(idle)
        clearTimeout(deadline)
        resolve({ status, headers: res.headers, body: Buffer.concat(chunks, received) })
      })
      res.on('close', () => {
        if (!res.complete)
          fail(Object.assign(new Error('the connection closed mid-answer'), { code: 'ECONNRESET' }))
      })
    })
    req.end(body)
  })
}
