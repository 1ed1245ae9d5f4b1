import { createPrivateKey, type KeyObject } from 'node:crypto'
import { existsSync, readFileSync, statSync } from 'node:fs'

const PEM_HEADER = /-----BEGIN (EC )?PRIVATE KEY-----/

/**
 * Reads the api_key input: PEM text, base64 of the PEM text, or a path to a .p8 file.
 * `mask` receives every form of the key text that could show up in a log, as soon as it is known, so it
 * is masked even when the key then turns out to be unusable. Errors never repeat the value.
 */
export function parseApiKey(raw: string, mask: (secret: string) => void): KeyObject {
  mask(raw)
  let pem: string
  if (PEM_HEADER.test(raw)) {
    // Secrets pasted through some UIs arrive with literal "\n" sequences instead of newlines.
    pem = raw.includes('\n') ? raw : raw.replace(/\\n/g, '\n')
  } else if (looksLikePath(raw)) {
    if (!existsSync(raw) || !statSync(raw).isFile()) {
      throw new Error(
        'is not a readable file: give the .p8 key text, its base64, or the path of an existing .p8 file',
      )
    }
    pem = readFileSync(raw, 'utf8')
    if (!PEM_HEADER.test(pem)) {
      throw new Error('names a file that does not hold a PEM private key (-----BEGIN PRIVATE KEY-----)')
    }
  } else {
    const decoded = Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8')
    if (!PEM_HEADER.test(decoded)) {
      throw new Error(
        'is neither a PEM private key (-----BEGIN PRIVATE KEY-----), the base64 of one, nor a path to a .p8 file',
      )
    }
    pem = decoded
  }
  mask(pem)
  for (const line of pem.split(/\r?\n/)) {
    // Masking very short strings would blank out ordinary log text; the PEM armour lines are public anyway.
    if (line.trim().length >= 8 && !line.startsWith('-----')) mask(line.trim())
  }

  let key: KeyObject
  try {
    key = createPrivateKey({ key: pem, format: 'pem' })
  } catch {
    throw new Error('holds a PEM block that is not a valid private key')
  }
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    throw new Error('must be an EC P-256 private key (App Store Connect API keys are ES256 .p8 files)')
  }
  return key
}

function looksLikePath(raw: string): boolean {
  return (
    !raw.includes('\n') &&
    (/\.p8$/i.test(raw) || raw.startsWith('/') || raw.startsWith('.') || raw.startsWith('~'))
  )
}
