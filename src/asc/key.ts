import { createPrivateKey, type KeyObject } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

/** The api_key input, read: the key, its bytes as Apple issued them, and what a fastlane key file adds. */
export interface ParsedApiKey {
  privateKey: KeyObject
  /** The PKCS#8 DER bytes exactly as given (secret, in memory only): altool's AuthKey file holds them. */
  pkcs8Der: Buffer
  /** From a fastlane API key JSON file, when it names them. */
  keyId?: string
  issuerId?: string
}

const ACCEPTED =
  'give the .p8 key text, its base64, a fastlane API key JSON ({"key_id", "issuer_id", "key"}), or the path of one of these files'

const PEM_BEGIN = /-----BEGIN ((?:EC )?PRIVATE KEY)-----/

/**
 * Reads the api_key input: PEM text (also with its newlines turned into spaces or `\n`), base64 of it, a fastlane
 * API key JSON, or a path to a .p8 or .json file. `mask` receives every form of the key text that could show up
 * in a log, as soon as it is known, so it is masked even when the key then turns out to be unusable. Errors
 * never repeat the value.
 */
export function parseApiKey(raw: string, mask: (secret: string) => void): ParsedApiKey {
  mask(raw)
  const text = keyText(raw)
  mask(text)
  if (text.trimStart().startsWith('{')) return fromFastlaneJson(text, mask)
  return fromPem(text, mask)
}

/** The key's text: the input itself, the file it names, or its base64 decoded. */
function keyText(raw: string): string {
  if (PEM_BEGIN.test(raw) || raw.trimStart().startsWith('{')) return raw
  if (looksLikePath(raw)) {
    const path = raw.startsWith('~/') ? join(homedir(), raw.slice(2)) : raw
    if (!existsSync(path) || !statSync(path).isFile()) throw new Error(`is not a readable file: ${ACCEPTED}`)
    const content = readFileSync(path, 'utf8')
    if (!PEM_BEGIN.test(content) && !content.trimStart().startsWith('{')) {
      throw new Error(
        'names a file that holds neither a PEM private key (-----BEGIN PRIVATE KEY-----) nor a fastlane API key JSON',
      )
    }
    return content
  }
  const decoded = Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (!PEM_BEGIN.test(decoded)) {
    throw new Error(
      `is neither a PEM private key (-----BEGIN PRIVATE KEY-----), the base64 of one, nor a path to a .p8 file: ${ACCEPTED}`,
    )
  }
  return decoded
}

/** fastlane's API key file (docs.fastlane.tools/app-store-connect-api): key_id, issuer_id, key, and more. */
function fromFastlaneJson(text: string, mask: (secret: string) => void): ParsedApiKey {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error(
      'looks like JSON but is not valid JSON: expected a fastlane API key file {"key_id", "issuer_id", "key"}',
    )
  }
  const field = (name: string): unknown =>
    typeof json === 'object' && json !== null && Object.hasOwn(json, name)
      ? (json as Record<string, unknown>)[name]
      : undefined
  const key = field('key')
  if (typeof key !== 'string' || key.trim() === '') {
    throw new Error(
      'is a JSON object without a "key" string: a fastlane API key file has {"key_id", "issuer_id", "key"}',
    )
  }
  mask(key)
  const pem = field('is_key_content_base64') === true ? Buffer.from(key, 'base64').toString('utf8') : key
  const parsed = fromPem(pem, mask, 'the "key" of the JSON')
  for (const name of ['key_id', 'issuer_id'] as const) {
    const value = field(name)
    if (value !== undefined && typeof value !== 'string')
      throw new Error(`has a "${name}" that is not a string`)
  }
  const keyId = field('key_id')
  const issuerId = field('issuer_id')
  return {
    ...parsed,
    ...(typeof keyId === 'string' && keyId !== '' ? { keyId } : {}),
    ...(typeof issuerId === 'string' && issuerId !== '' ? { issuerId } : {}),
  }
}

/**
 * Takes the base64 between the BEGIN and END lines, whatever separates its pieces (newlines, spaces from a
 * secret store that joined the lines, literal `\n`), and keeps the bytes it holds.
 */
function fromPem(text: string, mask: (secret: string) => void, what = 'it'): ParsedApiKey {
  const begin = PEM_BEGIN.exec(text)
  if (!begin) throw new Error(`holds no PEM private key (-----BEGIN PRIVATE KEY-----) in ${what}`)
  const label = begin[1] as 'PRIVATE KEY' | 'EC PRIVATE KEY'
  const start = begin.index + begin[0].length
  const end = text.indexOf(`-----END ${label}-----`, start)
  if (end < 0) throw new Error(`has a -----BEGIN ${label}----- line but no -----END ${label}----- line`)
  const pieces = text
    .slice(start, end)
    .split(/\\n|\\r|\s+/)
    .filter((piece) => piece !== '')
  // Masking very short strings would blank out ordinary log text; the PEM armour lines are public anyway.
  for (const piece of pieces) if (piece.length >= 8) mask(piece)
  const body = pieces.join('')
  if (body === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new Error(
      `has a PEM block whose body is not base64 (between the BEGIN and END lines only A-Z, a-z, 0-9, +, / and = may appear)`,
    )
  }
  mask(body)
  const der = Buffer.from(body, 'base64')
  for (const line of pemLines(der)) mask(line)

  let key: KeyObject
  try {
    key = createPrivateKey({ key: der, format: 'der', type: label === 'PRIVATE KEY' ? 'pkcs8' : 'sec1' })
  } catch {
    throw new Error('holds a PEM block that is not a valid private key')
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('must be an EC P-256 private key (App Store Connect API keys are ES256 .p8 files)')
  }
  // Apple issues PKCS#8; an SEC1 key (BEGIN EC PRIVATE KEY) has no PKCS#8 bytes of its own to keep.
  const pkcs8Der = label === 'PRIVATE KEY' ? der : key.export({ type: 'pkcs8', format: 'der' })
  return { privateKey: key, pkcs8Der }
}

/** The base64 lines of a PEM of these bytes (64 characters each), as a .p8 file holds them. */
function pemLines(der: Buffer): string[] {
  return der.toString('base64').match(/.{1,64}/g) ?? []
}

/** The .p8 file text of PKCS#8 DER bytes. */
export function pkcs8Pem(der: Buffer): string {
  return ['-----BEGIN PRIVATE KEY-----', ...pemLines(der), '-----END PRIVATE KEY-----', ''].join('\n')
}

function looksLikePath(raw: string): boolean {
  return (
    !raw.includes('\n') &&
    (/\.(p8|json)$/i.test(raw) || raw.startsWith('/') || raw.startsWith('.') || raw.startsWith('~'))
  )
}
