// Helpers for tests and scripts that talk to the simulator: sign tokens like a client would and
// make JSON requests.
import { createPrivateKey } from 'node:crypto'
import { SignJWT } from 'jose'
import { generateApiKey, type GeneratedApiKey } from './auth.js'
import type { Simulator } from './server.js'

export interface TokenOptions {
  /** Seconds since epoch; default now. */
  iat?: number
  /** Lifetime in seconds (default 600). */
  lifetime?: number
  aud?: string
  iss?: string | null
  sub?: string
  alg?: string
  typ?: string | null
  kid?: string | null
  /** Sign with this PEM instead of the key's own private key. */
  signWith?: string
  omit?: ('iat' | 'exp')[]
}

export async function signToken(key: GeneratedApiKey, options: TokenOptions = {}): Promise<string> {
  const iat = options.iat ?? Math.floor(Date.now() / 1000)
  const payload: Record<string, unknown> = { aud: options.aud ?? 'appstoreconnect-v1' }
  if (!options.omit?.includes('iat')) payload['iat'] = iat
  if (!options.omit?.includes('exp')) payload['exp'] = iat + (options.lifetime ?? 600)
  const iss = options.iss === undefined ? key.issuerId : options.iss
  if (iss !== null && iss !== undefined) payload['iss'] = iss
  const sub = options.sub ?? (key.issuerId ? undefined : 'user')
  if (sub !== undefined) payload['sub'] = sub
  const header: Record<string, string> = { alg: options.alg ?? 'ES256' }
  if (options.typ !== null) header['typ'] = options.typ ?? 'JWT'
  if (options.kid !== null) header['kid'] = options.kid ?? key.keyId
  return new SignJWT(payload)
    .setProtectedHeader(header as { alg: string })
    .sign(createPrivateKey(options.signWith ?? key.privateKeyPem))
}

/** Registers a fresh team key with the simulator and returns it. */
export function registerKey(sim: Simulator, options: { individual?: boolean } = {}): GeneratedApiKey {
  const key = generateApiKey(options)
  sim.addApiKey({
    keyId: key.keyId,
    ...(key.issuerId ? { issuerId: key.issuerId } : {}),
    publicKey: key.publicKeyPem,
  })
  return key
}

export interface JsonResponse {
  status: number
  headers: Headers
  body: unknown
}

/** Reads a dotted path (`data.attributes.state.state`, `errors.0.code`) from a JSON value. */
export function pick(value: unknown, path: string): unknown {
  let current = value
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<string, unknown>)[key]
  }
  return current
}

/** Like pick, but the value must be a string. */
export function pickString(value: unknown, path: string): string {
  const v = pick(value, path)
  if (typeof v !== 'string') throw new Error(`${path} is not a string: ${JSON.stringify(v)}`)
  return v
}

/** A small JSON client bound to a simulator and a key; `now` is the clock its tokens are issued on. */
export function client(sim: Simulator, key: GeneratedApiKey, now: () => number = Date.now) {
  return async function call(method: string, path: string, body?: unknown): Promise<JsonResponse> {
    const token = await signToken(key, { iat: Math.floor(now() / 1000) })
    const res = await fetch(path.startsWith('http') ? path : `${sim.url}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    const text = await res.text()
    return {
      status: res.status,
      headers: res.headers,
      body: text ? (JSON.parse(text) as unknown) : undefined,
    }
  }
}
