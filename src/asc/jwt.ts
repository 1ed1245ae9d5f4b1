import type { KeyObject } from 'node:crypto'
import { SignJWT } from 'jose'
import type { ApiKeySettings } from '../settings/settings.js'

/** Apple rejects tokens that live longer than 20 minutes; stay well inside that. */
const TOKEN_LIFETIME_S = 15 * 60
/** Renew this long before expiry, so a request delayed by retries never carries a dead token. */
const RENEW_MARGIN_S = 3 * 60

export interface TokenProviderOptions {
  now?: () => number
  /** Called with every new token, so the caller can mask it in logs. */
  onNewToken?: (token: string) => void
}

/** Signs ES256 App Store Connect tokens and reuses each until it nears expiry. */
export class TokenProvider {
  private current?: { token: string; expiresAt: number }
  /** A signing under way: callers meanwhile share it rather than each signing a token of their own. */
  private signing?: Promise<string>
  private readonly now: () => number

  constructor(
    private readonly key: Pick<ApiKeySettings, 'keyId' | 'issuerId' | 'privateKey'>,
    private readonly options: TokenProviderOptions = {},
  ) {
    this.now = options.now ?? Date.now
  }

  async token(): Promise<string> {
    const nowS = Math.floor(this.now() / 1000)
    if (this.current && this.current.expiresAt - RENEW_MARGIN_S > nowS) return this.current.token
    this.signing ??= this.sign(nowS).finally(() => (this.signing = undefined))
    return this.signing
  }

  /** Drops the cached token: the next request signs a fresh one (used after a 401). */
  invalidate(): void {
    this.current = undefined
  }

  private async sign(nowS: number): Promise<string> {
    const token = await signToken(this.key.keyId, this.key.issuerId, this.key.privateKey, nowS)
    this.current = { token, expiresAt: nowS + TOKEN_LIFETIME_S }
    this.options.onNewToken?.(token)
    return token
  }
}

async function signToken(
  keyId: string,
  issuerId: string | undefined,
  key: KeyObject,
  nowS: number,
): Promise<string> {
  const jwt = new SignJWT({})
    .setProtectedHeader({ alg: 'ES256', kid: keyId, typ: 'JWT' })
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + TOKEN_LIFETIME_S)
    .setAudience('appstoreconnect-v1')
  // Individual keys have no issuer: Apple expects `sub: "user"` instead.
  return (issuerId ? jwt.setIssuer(issuerId) : jwt.setSubject('user')).sign(key)
}
