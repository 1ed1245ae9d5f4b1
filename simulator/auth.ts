// API keys and JWT verification, following "Generating Tokens for API Requests".
import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto'
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose'

export interface ApiKey {
  keyId: string
  /** Absent for an individual key (the JWT then carries `sub: "user"` and no `iss`). */
  issuerId?: string
  publicKey: KeyObject | string
}

export interface GeneratedApiKey {
  keyId: string
  issuerId?: string
  privateKeyPem: string
  publicKeyPem: string
}

const KEY_ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'

/** An EC P-256 key pair; the private key is PKCS#8 PEM like Apple's AuthKey_XXXX.p8. */
export function generateApiKey(options: { individual?: boolean } = {}): GeneratedApiKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const keyId = [...randomBytes(10)].map((b) => KEY_ID_ALPHABET[b % KEY_ID_ALPHABET.length]).join('')
  return {
    keyId,
    ...(options.individual ? {} : { issuerId: randomUUID() }),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  }
}

export class Authenticator {
  private readonly keys = new Map<string, { issuerId?: string; publicKey: KeyObject }>()

  constructor(private readonly now: () => number) {}

  addKey(key: ApiKey): void {
    const publicKey = typeof key.publicKey === 'string' ? createPublicKey(key.publicKey) : key.publicKey
    this.keys.set(key.keyId, { ...(key.issuerId ? { issuerId: key.issuerId } : {}), publicKey })
  }

  /** Returns undefined when the request is authorized, else the reason it is not. */
  async check(authorization: string | undefined): Promise<string | undefined> {
    if (!authorization) return 'missing Authorization header'
    const match = /^Bearer\s+(\S+)$/.exec(authorization)
    if (!match?.[1]) return 'Authorization header is not "Bearer <token>"'
    const token = match[1]
    let header: ReturnType<typeof decodeProtectedHeader>
    try {
      header = decodeProtectedHeader(token)
    } catch {
      return 'token is not a JWT'
    }
    if (header.alg !== 'ES256') return `alg must be ES256, got ${String(header.alg)}`
    if (header.typ !== 'JWT') return `typ must be JWT, got ${String(header.typ)}`
    if (!header.kid) return 'kid missing from the JWT header'
    const key = this.keys.get(header.kid)
    if (!key) return `unknown kid ${header.kid}`
    const nowMs = this.now()
    let payload: Record<string, unknown>
    try {
      const verified = await jwtVerify(token, key.publicKey, {
        algorithms: ['ES256'],
        currentDate: new Date(nowMs),
      })
      payload = verified.payload
    } catch (error) {
      if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'signature verification failed'
      if (error instanceof joseErrors.JWTExpired) return 'token expired (exp is in the past)'
      if (error instanceof joseErrors.JWTClaimValidationFailed)
        return `claim ${error.claim} invalid: ${error.message}`
      return `invalid token: ${error instanceof Error ? error.message : String(error)}`
    }
    const aud = payload['aud']
    const audOk = aud === 'appstoreconnect-v1' || (Array.isArray(aud) && aud.includes('appstoreconnect-v1'))
    if (!audOk) return `aud must be appstoreconnect-v1, got ${JSON.stringify(aud)}`
    const iat = payload['iat']
    const exp = payload['exp']
    if (typeof iat !== 'number') return 'iat missing'
    if (typeof exp !== 'number') return 'exp missing'
    if (exp * 1000 <= nowMs) return 'token expired (exp is in the past)'
    if (exp - iat > 1200) return 'exp - iat exceeds 20 minutes'
    if (key.issuerId) {
      if (payload['iss'] !== key.issuerId) {
        return `iss must be the issuer id of key ${header.kid}, got ${JSON.stringify(payload['iss'])}`
      }
    } else {
      if (payload['sub'] !== 'user')
        return `individual key: sub must be "user", got ${JSON.stringify(payload['sub'])}`
      if (payload['iss'] !== undefined) return 'individual key: iss must be absent'
    }
    return undefined
  }
}
