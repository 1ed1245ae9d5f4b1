import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createPrivateKey } from 'node:crypto'
import { decodeJwt, decodeProtectedHeader } from 'jose'
import { AscClient } from '../src/asc/client.js'
import { AscApiError, AscNetworkError } from '../src/asc/errors.js'
import { TokenProvider } from '../src/asc/jwt.js'
import { generateApiKey, startSimulator, type Simulator } from '../simulator/index.js'

let sim: Simulator
let now = Date.now()
const clock = () => now
const teamKey = generateApiKey()
const userKey = generateApiKey({ individual: true })
let appId: string

function client(key = teamKey, tokens: string[] = []): AscClient {
  const provider = new TokenProvider(
    { keyId: key.keyId, issuerId: key.issuerId, privateKey: createPrivateKey(key.privateKeyPem) },
    { now: clock, onNewToken: (t) => tokens.push(t) },
  )
  return new AscClient({ baseUrl: sim.url, tokens: provider, retry: { baseDelayMs: 20, maxDelayMs: 100 } })
}

beforeAll(async () => {
  sim = await startSimulator({ now: clock })
  sim.addApiKey({ keyId: teamKey.keyId, issuerId: teamKey.issuerId, publicKey: teamKey.publicKeyPem })
  sim.addApiKey({ keyId: userKey.keyId, publicKey: userKey.publicKeyPem })
  appId = sim.store.createApp({ bundleId: 'com.example.client', name: 'Client' }).id
})
afterAll(async () => {
  await sim.close()
})

const countOf = (method: string, path: string) =>
  sim.requests.filter((r) => r.method === method && r.path === path).length

describe('tokens', () => {
  it('carry the claims Apple requires, and the simulator accepts them', async () => {
    const tokens: string[] = []
    const api = client(teamKey, tokens)
    await api.get('/v1/apps')
    const [token] = tokens
    expect(decodeProtectedHeader(token ?? '')).toEqual({ alg: 'ES256', kid: teamKey.keyId, typ: 'JWT' })
    const claims = decodeJwt(token ?? '')
    expect(claims).toMatchObject({ iss: teamKey.issuerId, aud: 'appstoreconnect-v1' })
    expect(claims.sub).toBeUndefined()
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBeLessThanOrEqual(20 * 60)
    await api.close()
  })

  it('of an individual key carry sub "user" and no issuer', async () => {
    const tokens: string[] = []
    const api = client(userKey, tokens)
    await api.get('/v1/apps')
    const claims = decodeJwt(tokens[0] ?? '')
    expect(claims.sub).toBe('user')
    expect(claims.iss).toBeUndefined()
    await api.close()
  })

  it('are renewed before they expire, so a long wait never sends a dead one', async () => {
    const tokens: string[] = []
    const api = client(teamKey, tokens)
    const failuresBefore = sim.authFailures.length
    await api.get(`/v1/apps/${appId}`)
    now += 25 * 60_000 // a long processing wait
    await api.get(`/v1/apps/${appId}`)
    expect(tokens).toHaveLength(2)
    expect(sim.authFailures.length).toBe(failuresBefore)

    // The first token really is dead by now: the simulator refuses it.
    const stale = await fetch(`${sim.url}/v1/apps/${appId}`, {
      headers: { authorization: `Bearer ${tokens[0] ?? ''}` },
    })
    await stale.text()
    expect(stale.status).toBe(401)
    await api.close()
  })

  it('are signed once for requests that start together', async () => {
    const tokens: string[] = []
    const provider = new TokenProvider(
      {
        keyId: teamKey.keyId,
        issuerId: teamKey.issuerId,
        privateKey: createPrivateKey(teamKey.privateKeyPem),
      },
      { now: clock, onNewToken: (t) => tokens.push(t) },
    )
    const api = new AscClient({ baseUrl: sim.url, tokens: provider })
    await Promise.all([api.get(`/v1/apps/${appId}`), api.get('/v1/apps'), provider.token()])
    expect(tokens).toHaveLength(1)
    await api.close()
  })

  it('are renewed once after a 401', async () => {
    const tokens: string[] = []
    const api = client(teamKey, tokens)
    sim.faults.add({ method: 'GET', path: `/v1/apps/${appId}`, action: { type: 'status', status: 401 } })
    await api.get(`/v1/apps/${appId}`)
    expect(tokens).toHaveLength(2)
    await api.close()
  })
})

describe('retries', () => {
  it('wait out a 429 for its Retry-After', async () => {
    const api = client()
    const path = `/v1/apps/${appId}`
    const before = countOf('GET', path)
    sim.faults.add({ method: 'GET', path, action: { type: 'status', status: 429, retryAfterSeconds: 1 } })
    const started = Date.now()
    await api.get(path)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(countOf('GET', path) - before).toBe(2)
    await api.close()
  })

  it('wait out Retry-After on the injected clock, not the real one', async () => {
    const waits: number[] = []
    const provider = new TokenProvider(
      {
        keyId: teamKey.keyId,
        issuerId: teamKey.issuerId,
        privateKey: createPrivateKey(teamKey.privateKeyPem),
      },
      { now: clock },
    )
    const api = new AscClient({
      baseUrl: sim.url,
      tokens: provider,
      clock: { now: clock, sleep: (ms) => Promise.resolve(void waits.push(ms)) },
    })
    const path = `/v1/apps/${appId}`
    sim.faults.add({ method: 'GET', path, action: { type: 'status', status: 429, retryAfterSeconds: 120 } })
    const started = Date.now()
    await api.get(path)
    expect(waits).toEqual([120_000])
    expect(Date.now() - started).toBeLessThan(5_000)
    await api.close()
  })

  it('retry reads after 503 and after a dropped connection', async () => {
    const api = client()
    const path = `/v1/apps/${appId}`
    const before = countOf('GET', path)
    sim.faults.add({ method: 'GET', path, times: 2, action: { type: 'status', status: 503 } })
    sim.faults.add({ method: 'GET', path, action: { type: 'drop' } })
    const doc = await api.get<{ id: string }>(path)
    expect(doc.data.id).toBe(appId)
    expect(countOf('GET', path) - before).toBeGreaterThanOrEqual(3)
    await api.close()
  })

  it('give up after the last attempt with Apple’s error', async () => {
    const api = client()
    sim.faults.add({ method: 'GET', path: '/v1/apps', times: 5, action: { type: 'status', status: 503 } })
    const error = await api.get('/v1/apps').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AscApiError)
    expect((error as AscApiError).status).toBe(503)
    expect((error as Error).message).toContain('App Store Connect answered 503 to GET /v1/apps')
    sim.faults.clear()
    await api.close()
  })

  it('never replay a create whose answer was lost', async () => {
    const api = client()
    const body = {
      data: {
        type: 'buildUploads',
        attributes: { cfBundleShortVersionString: '1.0', cfBundleVersion: '7', platform: 'IOS' },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    }
    const before = countOf('POST', '/v1/buildUploads')
    sim.faults.add({ method: 'POST', path: '/v1/buildUploads', action: { type: 'drop' } })
    const dropped = await api.post('/v1/buildUploads', body).catch((e: unknown) => e)
    expect(dropped).toBeInstanceOf(AscNetworkError)
    expect((dropped as AscNetworkError).ambiguous).toBe(true)
    sim.faults.add({ method: 'POST', path: '/v1/buildUploads', action: { type: 'status', status: 503 } })
    const unavailable = await api.post('/v1/buildUploads', body).catch((e: unknown) => e)
    expect((unavailable as AscApiError).ambiguous).toBe(true)
    expect(countOf('POST', '/v1/buildUploads') - before).toBe(2)

    // A 429 means Apple did nothing: that is retried.
    sim.faults.add({
      method: 'POST',
      path: '/v1/buildUploads',
      action: { type: 'status', status: 429, retryAfterSeconds: 0 },
    })
    const created = await api.post<{ data: { id: string } }>('/v1/buildUploads', body)
    expect(created.data.id).toBeTruthy()
    await api.close()
  })
})

describe('reading', () => {
  it('follows links.next through every page', async () => {
    for (let i = 0; i < 4; i++) sim.store.createApp({ bundleId: `com.example.paged${i}`, name: `Paged ${i}` })
    sim.scenario.pageSizeCap = 2
    const api = client()
    const before = countOf('GET', '/v1/apps')
    const { data } = await api.getAll<{ type: 'apps'; id: string }>('/v1/apps')
    const total = sim.store.list('apps').length
    expect(data).toHaveLength(total)
    expect(new Set(data.map((a) => a.id)).size).toBe(total)
    expect(countOf('GET', '/v1/apps') - before).toBe(Math.ceil(total / 2))
    sim.scenario.pageSizeCap = 200
    await api.close()
  })

  it('turns Apple’s error body into one readable error', async () => {
    const api = client()
    const error = (await api.get('/v1/apps/999999').catch((e: unknown) => e)) as AscApiError
    expect(error.status).toBe(404)
    expect(error.errors[0]?.code).toBe('NOT_FOUND')
    expect(error.message).toMatch(/^App Store Connect answered 404 to GET \/v1\/apps\/999999: NOT_FOUND: /)
    await api.close()
  })
})

it('the simulator saw nothing outside Apple’s contract', () => {
  expect(sim.contractViolations).toEqual([])
})
