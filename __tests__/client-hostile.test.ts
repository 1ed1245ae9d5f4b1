// The API client against servers that misbehave: every answer is bounded in size and time, and anything
// that is not Apple's JSON is reported as such. Each server here stops on its own, so a client that
// does not protect itself fails the test quickly instead of hanging the suite.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import type http from 'node:http'
import type { AscClient, AscClientOptions } from '../src/asc/client.js'
import { AscApiError, AscNetworkError } from '../src/asc/errors.js'
import { apiClientFor, startLocalServer, type LocalServer } from './helpers/local-server.js'

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void

const routes = new Map<string, Route>()
let local: LocalServer
let baseUrl: string
let connections = 0
let bytesWritten = 0

const json = (status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): Route => {
  return (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
}

/** Writes `chunk` every `everyMs` until the client goes away or `maxBytes` are out. */
const stream =
  (status: number, chunk: Buffer, everyMs: number, maxBytes: number): Route =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json' })
    let sent = 0
    const tick = () => {
      if (res.destroyed || sent >= maxBytes) {
        res.end()
        return
      }
      sent += chunk.length
      bytesWritten += chunk.length
      res.write(chunk, () => setTimeout(tick, everyMs))
    }
    tick()
  }

beforeAll(async () => {
  local = await startLocalServer((req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname)
    if (route) route(req, res)
    else json(404, { errors: [{ status: '404', code: 'NOT_FOUND', title: 'Not found' }] })(req, res)
  })
  local.server.on('connection', () => connections++)
  baseUrl = local.url
})
afterAll(() => local.close())

function client(options: Partial<AscClientOptions> = {}): AscClient {
  return apiClientFor(baseUrl, { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 }, ...options })
}

async function failureOf<E extends Error = Error>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E = Error as unknown as abstract new (...args: never[]) => E,
): Promise<E> {
  const outcome = await promise.then(
    () => new Error('the request succeeded'),
    (error: unknown) => error,
  )
  if (!(outcome instanceof type)) throw new Error(`expected a ${type.name}, got ${String(outcome)}`)
  return outcome
}

/** What must hold for any text from the server that reaches a log line or an error message. */
function expectPrintable(message: string, maxLength: number): void {
  expect(message).not.toMatch(/(^|\n)\s*::/)
  expect(message).not.toContain('::error')
  expect(message.length).toBeLessThanOrEqual(maxLength)
}

describe('answer size', () => {
  it('stops reading an endless answer at the cap, with a clear error', async () => {
    routes.set('/v1/huge', stream(200, Buffer.alloc(64 * 1024, 0x20), 0, 64 * 1024 * 1024))
    bytesWritten = 0
    const api = client({ maxAnswerBytes: 256 * 1024 })
    const error = await failureOf(api.get('/v1/huge'), AscApiError)
    expect(error.message).toMatch(/answered 200 to GET \/v1\/huge, with more than 262144 bytes/)
    // The connection was dropped: the server got nowhere near its 64 MB.
    expect(bytesWritten).toBeLessThan(16 * 1024 * 1024)
    await api.close()
  })

  it('refuses an answer whose declared length is over the cap without reading it', async () => {
    routes.set('/v1/declared', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(2 ** 31) })
      res.write('{"data":')
      setTimeout(() => res.destroy(), 2_000).unref()
    })
    const api = client({ maxAnswerBytes: 256 * 1024 })
    const started = Date.now()
    const error = await failureOf(api.get('/v1/declared'))
    expect(error.message).toContain('with more than 262144 bytes')
    expect(Date.now() - started).toBeLessThan(1_500)
    await api.close()
  })

  it('has a default cap of 16 MiB', async () => {
    const { MAX_ANSWER_BYTES } = await import('../src/asc/client.js')
    expect(MAX_ANSWER_BYTES).toBe(16 * 1024 * 1024)
  })
})

describe('time', () => {
  it('gives up on an answer that drips in, however steadily, at the overall deadline', async () => {
    routes.set('/v1/drip', stream(200, Buffer.from(' '), 20, 10_000))
    const api = client({ timeoutMs: 1_000, deadlineMs: 300, retry: { maxAttempts: 1 } })
    const started = Date.now()
    const error = await failureOf(api.get('/v1/drip'), AscNetworkError)
    expect(error.message).toContain('took longer than 0.3 s')
    expect(Date.now() - started).toBeLessThan(2_000)
    await api.close()
  }, 10_000)

  it('gives up on a silent server at the idle timeout, and retries a read', async () => {
    let calls = 0
    routes.set('/v1/silent', (_req, res) => {
      calls++
      setTimeout(() => res.destroy(), 3_000).unref()
    })
    const api = client({ timeoutMs: 200 })
    const error = await failureOf(api.get('/v1/silent'), AscNetworkError)
    expect(error.message).toContain('no data from the server for 0.2 s')
    expect(calls).toBe(2)
    await api.close()
  }, 10_000)
})

describe('answers that are not Apple’s JSON', () => {
  const page =
    '<!DOCTYPE html>\n::error::injected\n<html><head><title>Captive portal</title></head>' +
    `<body>${'x'.repeat(5_000)}</body></html>`

  it('reports an HTML page with status 200 as such, with its status and first bytes, safe to print', async () => {
    routes.set('/v1/html', (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(page)
    })
    const api = client()
    const error = await failureOf(api.get('/v1/html'), AscApiError)
    expect(error.status).toBe(200)
    expect(error.message).toContain(
      'answered 200 to GET /v1/html, which is not JSON (text/html; charset=utf-8',
    )
    expect(error.message).toContain('starting "<!DOCTYPE html> : :error: :injected')
    expect(error.message).toContain('proxy')
    expectPrintable(error.message, 800)
    await api.close()
  })

  it('names an HTML error page after the retries are spent', async () => {
    routes.set('/v1/bad-gateway', (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end('<html><body>502 Bad Gateway</body></html>')
    })
    const api = client()
    const error = await failureOf(api.get('/v1/bad-gateway'))
    expect(error.message).toContain('answered 502 to GET /v1/bad-gateway, which is not JSON (text/html')
    expect(error.message).toContain('502 Bad Gateway')
    await api.close()
  })

  it('reports a success without data, and JSON nested beyond any real document', async () => {
    routes.set('/v1/empty-object', json(200, {}))
    routes.set('/v1/deep', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(`{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)
    })
    const api = client()
    expect((await failureOf(api.get('/v1/empty-object'))).message).toContain('without `data`')
    const deep = await failureOf(api.get('/v1/deep'))
    expect(deep.message).toContain('nested deeper than 64 levels')
    expectPrintable(deep.message, 800)
    await api.close()
  })

  it('marks an unreadable answer to a create as ambiguous: Apple may have acted', async () => {
    routes.set('/v1/created-html', (_req, res) => {
      res.writeHead(201, { 'content-type': 'text/html' })
      res.end('<html>ok</html>')
    })
    const api = client()
    const error = await failureOf(api.post('/v1/created-html', { data: {} }), AscApiError)
    expect(error.ambiguous).toBe(true)
    await api.close()
  })
})

describe('Apple’s errors', () => {
  it('show code, detail, pointer, the associated errors and what to do next', async () => {
    routes.set(
      '/v1/reviewSubmissionItems',
      json(409, {
        errors: [
          {
            id: 'e1',
            status: '409',
            code: 'STATE_ERROR.ENTITY_STATE_INVALID',
            title: 'appStoreVersions with id 123 cannot be added to the review submission.',
            detail: 'This resource cannot be reviewed, please check associated errors to see why.',
            meta: {
              associatedErrors: {
                '/v1/appStoreVersions/123': [
                  {
                    status: '409',
                    code: 'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
                    title: 'An attribute value is required.',
                    detail: "You must provide a value for the attribute 'whatsNew'\n::warning::x",
                    source: { pointer: '/data/attributes/whatsNew' },
                  },
                ],
              },
            },
          },
        ],
      }),
    )
    const api = client()
    const error = await failureOf(api.post('/v1/reviewSubmissionItems', { data: {} }))
    expect(error.message).toContain('STATE_ERROR.ENTITY_STATE_INVALID')
    expect(error.message).toContain('please check associated errors')
    expect(error.message).toContain(
      "/v1/appStoreVersions/123: ENTITY_ERROR.ATTRIBUTE.REQUIRED: An attribute value is required. You must provide a value for the attribute 'whatsNew' : :warning: :x (at /data/attributes/whatsNew)",
    )
    expect(error.message).toMatch(/fix what the detail above names, then re-run/)
    expectPrintable(error.message, 2_000)
    await api.close()
  })

  it('say what to do next on a server error', async () => {
    routes.set(
      '/v1/broken',
      json(500, {
        errors: [{ status: '500', code: 'UNEXPECTED_ERROR', title: 'An unexpected error occurred.' }],
      }),
    )
    const api = client()
    const error = await failureOf(api.get('/v1/broken'))
    expect(error.message).toContain('UNEXPECTED_ERROR: An unexpected error occurred.')
    expect(error.message).toContain('developer.apple.com/system-status')
    await api.close()
  })
})

describe('one HTTP stack', () => {
  it('reuses one keep-alive connection for consecutive calls', async () => {
    routes.set('/v1/apps', json(200, { data: [], links: { self: `${baseUrl}/v1/apps` } }))
    const api = client()
    const before = connections
    for (let i = 0; i < 5; i++) await api.get('/v1/apps')
    expect(connections - before).toBe(1)
    await api.close()
  })

  it('leaves one copy of undici in the bundle (the one @actions/http-client needs)', () => {
    // The main bundle and its chunks (@actions/core and its undici are one, loaded to write outputs).
    const dist = new URL('../dist/', import.meta.url)
    const files = readdirSync(dist).filter((file) => file.endsWith('.js'))
    const bundle = files.map((file) => readFileSync(new URL(file, dist), 'utf8')).join('\n')
    // Each copy of undici defines its Dispatcher base class once.
    expect(bundle.match(/class DispatcherBase extends Dispatcher/g) ?? []).toHaveLength(1)
  })
})
