// The HTTP server: faults, recording, auth, spec-driven routing and validation, handlers, and
// response validation against the spec (strictResponses).
import type { KeyObject } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { Authenticator, type ApiKey } from './auth.js'
import { ApiError, errorBody, genericError, NOT_AUTHORIZED, notFoundPath } from './errors.js'
import {
  APPLE_STATUS_AS_DECLARED,
  DEFAULT_SCENARIO,
  HANDLERS,
  installLifecycles,
  type HandlerContext,
  type HandlerResult,
  type RequestDocument,
  type ScenarioState,
} from './handlers.js'
import {
  checkQuery,
  describeAjvError,
  formatAjvErrors,
  matchRoute,
  resolve,
  schemaByRef,
  validatorFor,
  type OperationSpec,
} from './spec.js'
import { RateBudget, keyIdOf } from './rate-limit.js'
import { STORAGE_PREFIX, UploadStorage } from './storage.js'
import { SimulatorStore } from './seed.js'

/** The knobs a test turns: processing times and outcomes, paging, and what Apple refuses. */
export type Scenario = ScenarioState

export type FaultAction =
  /** `afterHandling`: the request takes effect, then the answer is replaced (an ambiguous 5xx). */
  | { type: 'status'; status: number; retryAfterSeconds?: number; afterHandling?: boolean }
  | { type: 'drop'; afterBytes?: number }
  /** Storage only: the part is accepted, but its first byte is stored flipped, so the file's MD5 no longer matches. */
  | { type: 'corrupt' }
  | { type: 'delay'; ms: number }

export interface Fault {
  method?: string
  path?: string | RegExp
  /** default 1 */
  times?: number
  action: FaultAction
}

export interface RecordedRequest {
  method: string
  path: string
  query: Record<string, string>
  /** 0 when the connection was dropped */
  status: number
  /** The parsed JSON request body (API requests only). */
  body?: unknown
  hadBearer: boolean
  startedAt: number
  endedAt: number
}

export interface SimulatorOptions {
  port?: number
  host?: string
  scenario?: Partial<Scenario>
  /**
   * The simulator's one clock (ms since epoch, default Date.now): processing and every other delay,
   * lifecycle states, JWT iat/exp checks, upload-operation expiry, dates written into resources and
   * recorded request times. Tests may pass a fake one.
   */
  now?: () => number
  strictResponses?: boolean
}

export interface Simulator {
  url: string
  scenario: Scenario
  store: SimulatorStore
  faults: { add(f: Fault): void; clear(): void }
  requests: RecordedRequest[]
  authFailures: string[]
  contractViolations: string[]
  storage: { readonly maxConcurrent: number; puts(fileId: string): Map<number, number> }
  addApiKey(key: { keyId: string; issuerId?: string; publicKey: KeyObject | string }): void
  close(): Promise<void>
}

const MAX_API_BODY = 5 * 1024 * 1024

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now
  const strict = options.strictResponses ?? true
  const scenario: Scenario = { ...DEFAULT_SCENARIO, ...options.scenario }
  const store = new SimulatorStore(now, () => scenario)
  installLifecycles(store, () => scenario)
  const auth = new Authenticator(now)
  const faults: (Fault & { remaining: number })[] = []
  const requests: RecordedRequest[] = []
  const authFailures: string[] = []
  const contractViolations: string[] = []
  let baseUrl = ''
  const storage = new UploadStorage(
    () => baseUrl,
    now,
    () => scenario.storageCountsOnly,
  )
  const sockets = new Set<Socket>()
  const rateBudget = new RateBudget(now, () => scenario)

  function takeFault(method: string, pathname: string): FaultAction | undefined {
    const index = faults.findIndex(
      (f) =>
        (f.method === undefined || f.method.toUpperCase() === method) &&
        (f.path === undefined || (typeof f.path === 'string' ? f.path === pathname : f.path.test(pathname))),
    )
    const fault = faults[index]
    if (!fault) return undefined
    fault.remaining--
    if (fault.remaining <= 0) faults.splice(index, 1)
    return fault.action
  }

  function sendJson(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    const common = {
      'X-Rate-Limit': rateBudget.spend(keyIdOf(res.req.headers.authorization)),
      ...headers,
    }
    if (body === undefined) {
      res.writeHead(status, common)
      res.end()
      return
    }
    const text = JSON.stringify(body)
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(text)),
      ...common,
    })
    res.end(text)
  }

  /** Validates a handler's response against the operation's declared response for that status. */
  function checkResponse(op: OperationSpec, result: HandlerResult): HandlerResult {
    // Apple answers some refusals with a bare 500 its spec never declares (codemagic cli-tools PR #118).
    if (!strict || result.status === 500) return result
    const declared =
      op.responses[String(result.status)] ??
      op.responses[String(APPLE_STATUS_AS_DECLARED[op.operationId]?.[result.status])]
    let problem: string | undefined
    if (!declared) {
      problem = `${op.operationId} declares no ${result.status} response`
    } else if (declared.ref) {
      const validate = validatorFor(declared.ref)
      if (!validate(result.body)) {
        problem = `${op.operationId} ${result.status} body does not match ${declared.ref}: ${formatAjvErrors(validate.errors)}`
      }
    } else if (result.body !== undefined) {
      problem = `${op.operationId} ${result.status} must have no body`
    }
    if (!problem) return result
    contractViolations.push(problem)
    return {
      status: 500,
      body: errorBody(
        500,
        'UNEXPECTED_ERROR',
        'The simulator produced a response that violates the spec.',
        problem,
      ),
    }
  }

  async function readBody(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > MAX_API_BODY)
        throw new ApiError(413, 'ENTITY_TOO_LARGE', 'The request entity is too large.', 'Body too large.')
      chunks.push(chunk)
    }
    return Buffer.concat(chunks)
  }

  function checkBody(
    op: OperationSpec,
    params: Record<string, string>,
    raw: Buffer,
  ): RequestDocument | undefined {
    if (!op.requestBodyRef) return undefined
    let parsed: unknown
    try {
      parsed = JSON.parse(raw.toString('utf8'))
    } catch {
      throw new ApiError(
        400,
        'ENTITY_UNPARSABLE',
        'The provided entity is not parsable.',
        raw.length === 0 ? 'A JSON request body is required.' : 'The request body is not valid JSON.',
      )
    }
    // data.type must be the operation's resource type.
    const dataSchema = resolve(resolve(schemaByRef(op.requestBodyRef))?.properties?.['data'])
    const itemSchema = dataSchema?.type === 'array' ? resolve(dataSchema.items) : dataSchema
    const expectedEnum = itemSchema?.properties?.['type']?.enum?.[0]
    const expectedType = typeof expectedEnum === 'string' ? expectedEnum : undefined
    const data = (parsed as { data?: unknown } | null)?.['data']
    const items = Array.isArray(data) ? data : [data]
    items.forEach((item, i) => {
      const type = (item as { type?: unknown } | null)?.type
      if (expectedType !== undefined && typeof type === 'string' && type !== expectedType) {
        throw new ApiError(
          409,
          'ENTITY_ERROR.INCLUDED.INVALID_TYPE',
          'The provided entity has an invalid type',
          `The resource type '${type}' is not valid here; expected '${expectedType}'.`,
          { pointer: Array.isArray(data) ? `/data/${i}/type` : '/data/type' },
        )
      }
    })
    const validate = validatorFor(op.requestBodyRef)
    if (!validate(parsed)) {
      const first = validate.errors?.[0]
      const described = first
        ? describeAjvError(first)
        : { pointer: '', detail: 'The request entity is invalid.', missing: false }
      const inRelationships = described.pointer.includes('/relationships')
      const code = `ENTITY_ERROR.${inRelationships ? 'RELATIONSHIP' : 'ATTRIBUTE'}.${described.missing ? 'REQUIRED' : 'INVALID'}`
      const title = described.missing
        ? `The provided entity is missing a required ${inRelationships ? 'relationship' : 'attribute'}`
        : `The provided entity includes an ${inRelationships ? 'relationship' : 'attribute'} with an invalid value`
      throw new ApiError(409, code, title, described.detail, { pointer: described.pointer || '/' })
    }
    const single = data as { id?: unknown } | undefined
    if (
      op.method === 'PATCH' &&
      op.pathTemplate.endsWith('/{id}') &&
      !Array.isArray(data) &&
      single?.id !== params['id']
    ) {
      throw new ApiError(
        409,
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        'The provided entity includes an attribute with an invalid value',
        `The resource id '${String(single?.id)}' in the request body does not match the id '${String(params['id'])}' in the URL.`,
        { pointer: '/data/id' },
      )
    }
    return parsed as RequestDocument
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    record: RecordedRequest,
    replaceAnswer?: number,
  ): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    let op: OperationSpec | undefined
    let result: HandlerResult
    try {
      const raw = await readBody(req)
      if (raw.length > 0) {
        try {
          record.body = JSON.parse(raw.toString('utf8')) as unknown
        } catch {
          record.body = raw.toString('utf8')
        }
      }
      const reason = await auth.check(req.headers.authorization)
      if (reason !== undefined) {
        authFailures.push(reason)
        throw new ApiError(401, NOT_AUTHORIZED.code, NOT_AUTHORIZED.title, NOT_AUTHORIZED.detail)
      }
      if (rateBudget.remaining(keyIdOf(req.headers.authorization)) === 0) {
        // Apple refuses a key that has used up its hour (Identifying Rate Limits).
        throw genericError(429)
      }
      const route = matchRoute(url.pathname)
      if (!route) throw notFoundPath()
      op = route.operations.get(method)
      if (!op) {
        throw new ApiError(
          405,
          'METHOD_NOT_ALLOWED',
          'The request method is not valid for the resource path.',
          `The request method '${method}' is not valid for the resource path '${route.template}'. Allowed: ${[...route.operations.keys()].join(', ')}.`,
        )
      }
      const handler = HANDLERS[op.operationId]
      if (!handler) {
        const opId = op.operationId
        op = undefined
        throw new ApiError(
          501,
          'NOT_IMPLEMENTED',
          'The simulator does not implement this operation.',
          `The App Store Connect simulator does not implement ${opId} (${method} ${route.template}).`,
        )
      }
      const queryProblem = checkQuery(op, url.searchParams)
      if (queryProblem) {
        throw new ApiError(400, queryProblem.code, queryProblem.title, queryProblem.detail, {
          parameter: queryProblem.parameter,
        })
      }
      const body = checkBody(op, route.params, raw)
      store.refresh()
      const ctx: HandlerContext = {
        store,
        now,
        baseUrl,
        url,
        pageSizeCap: scenario.pageSizeCap,
        op,
        params: route.params,
        body,
        scenario,
        storage,
      }
      result = await handler(ctx)
    } catch (error) {
      if (error instanceof ApiError) {
        result = { status: error.status, body: error.body(), headers: error.headers }
      } else {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
        contractViolations.push(`internal simulator error on ${method} ${url.pathname}: ${message}`)
        op = undefined
        result = {
          status: 500,
          body: errorBody(500, 'UNEXPECTED_ERROR', 'An unexpected error occurred.', message),
        }
      }
    }
    if (op) result = checkResponse(op, result)
    if (replaceAnswer !== undefined)
      result = { status: replaceAnswer, body: genericError(replaceAnswer).body() }
    record.status = result.status
    sendJson(res, result.status, result.body, result.headers)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const startedAt = now()
    const url = new URL(req.url ?? '/', baseUrl)
    const method = (req.method ?? 'GET').toUpperCase()
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      hadBearer: /^Bearer\s/i.test(req.headers.authorization ?? ''),
      startedAt,
      endedAt: startedAt,
    }
    requests.push(record)
    res.once('close', () => {
      record.endedAt = now()
    })
    const isStorage = url.pathname.startsWith(STORAGE_PREFIX)
    if (isStorage) storage.notePut(method, url)
    let action = takeFault(method, url.pathname)
    if (action?.type === 'delay') {
      await new Promise((r) => setTimeout(r, action?.type === 'delay' ? action.ms : 0))
      action = undefined
    }
    if (action?.type === 'drop') {
      if (isStorage && action.afterBytes !== undefined) {
        record.status = await storage.handle(req, res, url, { dropAfterBytes: action.afterBytes })
        return
      }
      req.socket.destroy()
      return
    }
    if (action?.type === 'corrupt' && isStorage) {
      record.status = await storage.handle(req, res, url, { corrupt: true })
      return
    }
    if (action?.type === 'status' && action.afterHandling && !isStorage) {
      await handleApi(req, res, url, record, action.status)
      return
    }
    if (action?.type === 'status') {
      record.status = action.status
      const headers: Record<string, string> =
        action.retryAfterSeconds !== undefined ? { 'Retry-After': String(action.retryAfterSeconds) } : {}
      if (isStorage) {
        const code =
          action.status === 503 ? 'SlowDown' : action.status >= 500 ? 'InternalError' : 'AccessDenied'
        const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>Injected fault</Message></Error>`
        res.writeHead(action.status, { 'Content-Type': 'application/xml', ...headers })
        res.end(xml)
      } else {
        sendJson(res, action.status, genericError(action.status).body(), headers)
      }
      req.resume()
      return
    }
    if (isStorage) {
      record.status = await storage.handle(req, res, url)
      return
    }
    await handleApi(req, res, url, record)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      contractViolations.push(
        `unhandled simulator error: ${error instanceof Error ? error.message : String(error)}`,
      )
      if (!res.headersSent) {
        res.writeHead(500)
        res.end()
      } else {
        res.destroy()
      }
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.once('close', () => sockets.delete(socket))
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolvePromise()
    })
  })
  const { port } = server.address() as AddressInfo
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  let closed: Promise<void> | undefined
  const simulator: Simulator = {
    url: baseUrl,
    scenario,
    store,
    faults: {
      add(f: Fault) {
        faults.push({ ...f, remaining: f.times ?? 1 })
      },
      clear() {
        faults.length = 0
      },
    },
    requests,
    authFailures,
    contractViolations,
    storage: {
      get maxConcurrent() {
        return storage.maxConcurrent
      },
      puts: (fileId: string) => storage.puts(fileId),
    },
    addApiKey(key: ApiKey) {
      auth.addKey(key)
    },
    close() {
      closed ??= (async () => {
        await new Promise<void>((resolvePromise) => {
          server.close(() => resolvePromise())
          for (const socket of sockets) socket.destroy()
        })
        await storage.close()
      })()
      return closed
    },
  }
  return simulator
}
