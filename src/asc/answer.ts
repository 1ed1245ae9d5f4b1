import { untrustedText } from './errors.js'

/** Deeper than any document Apple sends (about 8 levels), shallow enough for any recursive reader. */
export const MAX_JSON_DEPTH = 64
const PREVIEW_BYTES = 200

export type AnswerReading = { ok: true; value: unknown } | { ok: false; problem: string }

/**
 * Reads an answer body as App Store Connect's JSON. An empty body (204) reads as undefined. Anything
 * else that is not a JSON object (an HTML page from a proxy, a truncated text, a nesting bomb) is
 * reported with its content type and first bytes, made safe to print. A success must carry `data`.
 */
export function readAppleJson(
  body: Buffer,
  contentType: string | undefined,
  success: boolean,
): AnswerReading {
  if (body.length === 0) return { ok: true, value: undefined }
  const text = body.toString('utf8')
  const depth = nestingDepth(text)
  if (depth > MAX_JSON_DEPTH)
    return unreadable(`nested deeper than ${MAX_JSON_DEPTH} levels`, body, contentType)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return unreadable('not JSON', body, contentType)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return unreadable('JSON but not a JSON:API document', body, contentType)
  if (success && !('data' in value)) return unreadable('a JSON document without `data`', body, contentType)
  return { ok: true, value }
}

function unreadable(what: string, body: Buffer, contentType: string | undefined): AnswerReading {
  const head = body.subarray(0, PREVIEW_BYTES).toString('utf8')
  const more = body.length > PREVIEW_BYTES ? '…' : ''
  const type = contentType ? untrustedText(contentType, 100) : 'no content type'
  return {
    ok: false,
    problem: `which is ${what} (${type}, ${body.length} bytes), starting "${untrustedText(head, PREVIEW_BYTES)}${more}"`,
  }
}

/** Deepest bracket nesting outside strings, in one pass: cheaper than a recursion that could overflow. */
export function nestingDepth(text: string): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 0x5c)
        i++ // backslash: skip the escaped character
      else if (c === 0x22) inString = false
    } else if (c === 0x22) inString = true
    else if (c === 0x7b || c === 0x5b) {
      depth++
      if (depth > deepest) deepest = depth
    } else if (c === 0x7d || c === 0x5d) depth--
  }
  return deepest
}
