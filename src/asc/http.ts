import http from 'node:http'

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
 * Keep-alive agents, one per scheme, each made on first use: one TLS handshake serves every API call. An idle
 * pooled socket is closed after 4 s (sooner if the server's Keep-Alive hint says so), so a request rarely meets
 * a socket the server already closed. `node:https` (and TLS with it, about 4 ms to load) is loaded only when a
 * URL needs it, so a run against a plain-HTTP base URL never pays for it.
 */
export class KeepAliveAgents {
  private readonly made = new Map<'http:' | 'https:', Transport>()

  constructor(private readonly maxSockets: number) {}

  for(protocol: string): Transport {
    const scheme = protocol === 'https:' ? 'https:' : 'http:'
    const made = this.made.get(scheme) ?? this.make(scheme)
    this.made.set(scheme, made)
    return made
  }

  destroy(): void {
    for (const { agent } of this.made.values()) agent.destroy()
    this.made.clear()
  }

  private make(scheme: 'http:' | 'https:'): Transport {
    const options = { keepAlive: true, maxSockets: this.maxSockets, timeout: 4_000 }
    if (scheme === 'http:') return { request: http.request, agent: new http.Agent(options) }
    const https = process.getBuiltinModule('node:https')
    return { request: https.request, agent: new https.Agent(options) }
  }
}

/** How a request is sent for one scheme: its module's `request` and the keep-alive agent. */
interface Transport {
  request: (url: URL, options: http.RequestOptions) => http.ClientRequest
  agent: http.Agent
}

/**
 * Sends one request and reads the whole answer within `limits`. Node's own HTTP stack: the action's
 * bundle then carries no second copy of undici next to the one @actions/http-client brings.
 */
export function exchange(
  agents: KeepAliveAgents,
  request: HttpExchange,
  limits: HttpLimits,
): Promise<HttpAnswer> {
  const { url } = request
  const { request: send, agent } = agents.for(url.protocol)
  return new Promise<HttpAnswer>((resolve, reject) => {
    const body = request.body === undefined ? undefined : Buffer.from(request.body)
    const req = send(url, {
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
