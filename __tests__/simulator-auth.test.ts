import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { GeneratedApiKey } from '../simulator/auth.js'
import { generateApiKey, startSimulator, type Simulator } from '../simulator/index.js'
import { pick, registerKey, signToken, type TokenOptions } from '../simulator/testing.js'

let sim: Simulator
let team: GeneratedApiKey
let individual: GeneratedApiKey
const clock = { now: Date.now() }

beforeAll(async () => {
  sim = await startSimulator({ now: () => clock.now })
  team = registerKey(sim)
  individual = registerKey(sim, { individual: true })
  sim.store.createApp({ bundleId: 'com.example.auth' })
})

afterAll(async () => {
  await sim.close()
  if (sim.contractViolations.length > 0)
    throw new Error(`contract violations:\n${sim.contractViolations.join('\n')}`)
})

async function get(authorization?: string): Promise<{ status: number; body: unknown }> {
  const res = await fetch(
    `${sim.url}/v1/apps`,
    authorization ? { headers: { Authorization: authorization } } : {},
  )
  return { status: res.status, body: await res.json() }
}

/** Sends the token, checks Apple's 401 body and returns the recorded reason. */
async function rejectionReason(token: string | undefined): Promise<string | undefined> {
  const before = sim.authFailures.length
  const res = await get(token === undefined ? undefined : `Bearer ${token}`)
  expect(res.status).toBe(401)
  expect(pick(res.body, 'errors.0.code')).toBe('NOT_AUTHORIZED')
  expect(pick(res.body, 'errors.0.status')).toBe('401')
  expect(pick(res.body, 'errors.0.title')).toBe('Authentication credentials are missing or invalid.')
  expect(sim.authFailures.length).toBe(before + 1)
  return sim.authFailures.at(-1)
}

const nowSeconds = (): number => Math.floor(clock.now / 1000)

describe('JWT checks', () => {
  it('accepts a valid team token and a valid individual token', async () => {
    const res = await get(`Bearer ${await signToken(team, { iat: nowSeconds() })}`)
    expect(res.status).toBe(200)
    expect(pick(res.body, 'data.0.attributes.bundleId')).toBe('com.example.auth')
    const ind = await get(`Bearer ${await signToken(individual, { iat: nowSeconds() })}`)
    expect(ind.status).toBe(200)
  })

  const cases: [string, () => TokenOptions, RegExp][] = [
    ['wrong aud', () => ({ aud: 'appstoreconnect-v2' }), /aud must be appstoreconnect-v1/],
    ['typ missing', () => ({ typ: null }), /typ must be JWT/],
    ['kid missing', () => ({ kid: null }), /kid missing/],
    ['unknown kid', () => ({ kid: 'NOPE123456' }), /unknown kid/],
    [
      'lifetime over 20 minutes',
      () => ({ iat: nowSeconds(), lifetime: 1201 }),
      /exp - iat exceeds 20 minutes/,
    ],
    ['expired', () => ({ iat: nowSeconds() - 1300, lifetime: 1200 }), /expired/],
    ['iat missing', () => ({ omit: ['iat'] }), /iat missing/],
    ['exp missing', () => ({ omit: ['exp'] }), /exp missing/],
    ['wrong issuer', () => ({ iss: 'someone-else' }), /iss must be the issuer id/],
    [
      'signed by another key',
      () => ({ signWith: generateApiKey().privateKeyPem }),
      /signature verification failed/,
    ],
  ]
  it.each(cases)('rejects a team token with %s', async (_name, options, reason) => {
    expect(await rejectionReason(await signToken(team, { iat: nowSeconds(), ...options() }))).toMatch(reason)
  })

  it('rejects an individual token without sub "user" or with an iss', async () => {
    const token = await signToken(individual, { iat: nowSeconds(), sub: 'admin' })
    expect(await rejectionReason(token)).toMatch(/sub must be "user"/)
    expect(await rejectionReason(await signToken(individual, { iat: nowSeconds(), iss: 'x' }))).toMatch(
      /iss must be absent/,
    )
  })

  it('rejects an alg other than ES256', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: team.keyId })).toString(
      'base64url',
    )
    const payload = Buffer.from(JSON.stringify({ aud: 'appstoreconnect-v1' })).toString('base64url')
    expect(await rejectionReason(`${header}.${payload}.c2ln`)).toMatch(/alg must be ES256/)
  })

  it('rejects requests without a bearer token or with garbage', async () => {
    expect(await rejectionReason(undefined)).toMatch(/missing Authorization/)
    expect(await rejectionReason('not-a-jwt')).toMatch(/not a JWT/)
  })

  it('uses the injected clock for expiry', async () => {
    const token = await signToken(team, { iat: nowSeconds(), lifetime: 600 })
    expect((await get(`Bearer ${token}`)).status).toBe(200)
    clock.now += 601_000
    expect(await rejectionReason(token)).toMatch(/expired/)
    clock.now = Date.now()
  })
})
