import { hintFor } from './hints.js'

/** How an altool process ended: its exit code, or the signal that killed it. */
export interface AltoolExit {
  exitCode: number | null
  signal: string | null
}

/** One error altool reported, as shown to the user. */
export interface AltoolProblem {
  code?: string
  message: string
  /** NSLocalizedFailureReason: usually the sentence that says what to fix. */
  reason?: string
  suggestion?: string
  /** Apple's API error code behind it (e.g. ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE), when given. */
  irisCode?: string
}

export type AltoolDecision =
  | {
      ok: true
      deliveryUuid?: string
      /** ERROR: lines or JSON warnings printed beside a successful upload; they do not fail it. */
      notes: string[]
      basis: 'json' | 'text'
    }
  | {
      ok: false
      problems: AltoolProblem[]
      /** Worth another attempt: a crash, a timeout, a 5xx, an authentication hiccup. */
      transient: boolean
      /** The build number is already used (-19232): never retried. */
      duplicate: boolean
      hint?: string
      basis: 'json' | 'text' | 'signal'
    }

const DUPLICATE = { codes: ['-19232'], iris: 'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE' }

/** Codes and texts that codemagic and fastlane retry on; Apple's side of the upload hiccups with them. */
const TRANSIENT_CODES = new Set(['-19209'])
const TRANSIENT_TEXT = [
  /The request timed out/i,
  /server returned an invalid response.*try your request again/is,
  /Unable to authenticate.*-19209/is,
  /HTTP status code: 5\d\d\b/i,
  /gateway timed out/i,
]

/**
 * Decides from altool's combined output whether the upload succeeded. The JSON result (the last JSON
 * object printed) wins over the exit code, because Xcode 26's altool can exit 0 after a failure; without
 * JSON, the banners and the exit code decide (docs §1.7). `streams` are stdout and stderr apart.
 */
export function decideAltool(output: string, exit: AltoolExit, streams: string[] = []): AltoolDecision {
  // Each stream alone first: in the merged output a stderr line can land inside stdout's JSON.
  const json = [...streams, output].map(lastJsonObject).find((found) => found !== undefined)
  const deliveryUuidFromText = lastMatch(output, /Delivery UUID:\s*([0-9A-Za-z-]+)/g)

  if (json) {
    const errors = Array.isArray(json['product-errors']) ? json['product-errors'] : []
    if (errors.length > 0) return failure(errors.map(problemFromJson), 'json')
    if (typeof json['success-message'] === 'string') {
      const details = asRecord(json.details)
      const uuid = details?.['delivery-uuid']
      const warnings = Array.isArray(json.warnings) ? json.warnings.map(describeWarning) : []
      return {
        ok: true,
        deliveryUuid: typeof uuid === 'string' && uuid !== '' ? uuid : deliveryUuidFromText,
        notes: [...warnings, ...errorLines(output).map((p) => p.message)],
        basis: 'json',
      }
    }
  }

  if (exit.signal) {
    return failure(
      [{ message: `altool stopped abnormally (killed by ${exit.signal}) before reporting a result` }],
      'signal',
      true,
    )
  }
  const succeeded = /UPLOAD SUCCEEDED/.test(output)
  const failed = /UPLOAD FAILED|VERIFY FAILED|Failed to (upload|validate) package/i.test(output)
  if (succeeded && !failed && exit.exitCode === 0) {
    return {
      ok: true,
      deliveryUuid: deliveryUuidFromText,
      notes: errorLines(output).map((p) => p.message),
      basis: 'text',
    }
  }
  const problems = errorLines(output)
  if (problems.length === 0) {
    const banner = /^.*(UPLOAD FAILED|VERIFY FAILED).*$/m.exec(output)?.[0].trim()
    const why = banner
      ? `altool printed "${banner}" without saying why`
      : exit.exitCode === 0
        ? 'altool exited 0 without reporting a result (no JSON, no UPLOAD SUCCEEDED)'
        : `altool exited with code ${exit.exitCode ?? 'unknown'} without reporting an error`
    problems.push({ message: why })
  }
  return failure(problems, 'text')
}

function failure(
  problems: AltoolProblem[],
  basis: 'json' | 'text' | 'signal',
  crashed = false,
): AltoolDecision {
  const details = problems.flatMap((p) => [
    { code: p.code, description: [p.message, p.reason].filter(Boolean).join(' ') },
    ...(p.irisCode ? [{ code: p.irisCode }] : []),
  ])
  const duplicate = problems.some(
    (p) => (p.code !== undefined && DUPLICATE.codes.includes(p.code)) || p.irisCode === DUPLICATE.iris,
  )
  const transient =
    !duplicate &&
    (crashed ||
      problems.some((p) => p.code !== undefined && (TRANSIENT_CODES.has(p.code) || /^5\d\d$/.test(p.code))) ||
      problems.some((p) => {
        const said = [p.message, p.reason, p.suggestion].filter(Boolean).join(' ')
        return TRANSIENT_TEXT.some((re) => re.test(said))
      }))
  return { ok: false, problems, transient, duplicate, hint: hintFor(details), basis }
}

/**
 * The last JSON object in the output that looks like altool's result. Walks back from the end, growing
 * the candidate from each line that opens an object, so multi-line (Xcode 26) and single-line (≤ 16)
 * JSON both parse, and banner or log lines around it are skipped.
 */
export function lastJsonObject(output: string): Record<string, unknown> | undefined {
  const lines = output.split(/\r?\n/)
  // Bounded: the result closes the output, and even Xcode 26's pretty-printed errors span few lines.
  let attempts = 0
  for (let end = lines.length - 1; end >= Math.max(0, lines.length - 200); end--) {
    if (!(lines[end] ?? '').trimEnd().endsWith('}')) continue
    for (let start = end; start >= Math.max(0, end - 400) && attempts < 2000; start--) {
      const line = lines[start] ?? ''
      const brace = line.indexOf('{')
      if (brace === -1) continue
      attempts++
      const parsed = tryParse([line.slice(brace), ...lines.slice(start + 1, end + 1)].join('\n'))
      if (parsed && isAltoolResult(parsed)) return parsed
    }
  }
  return undefined
}

const RESULT_KEYS = ['product-errors', 'success-message', 'tool-version', 'os-version', 'details']

function isAltoolResult(value: Record<string, unknown>): boolean {
  return RESULT_KEYS.some((key) => key in value)
}

function tryParse(text: string): Record<string, unknown> | undefined {
  try {
    return asRecord(JSON.parse(text))
  } catch {
    return undefined
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined

function problemFromJson(entry: unknown): AltoolProblem {
  const e = asRecord(entry) ?? {}
  // Xcode ≤ 16 writes userInfo, Xcode 26 user-info.
  const info = asRecord(e['user-info']) ?? asRecord(e.userInfo) ?? {}
  const code = typeof e.code === 'number' || typeof e.code === 'string' ? String(e.code) : undefined
  const message = text(e.message) ?? text(info.NSLocalizedDescription) ?? 'altool reported an error'
  const reason = text(info.NSLocalizedFailureReason)
  return {
    code,
    message,
    reason: reason === message ? undefined : reason,
    suggestion: text(info.NSLocalizedRecoverySuggestion),
    irisCode: text(info['iris-code']) ?? irisCodeOf(e),
  }
}

/** Apple's API error code from Xcode 26's underlying-errors, or from the NSUnderlyingError text. */
function irisCodeOf(entry: Record<string, unknown>): string | undefined {
  const underlying = Array.isArray(entry['underlying-errors']) ? entry['underlying-errors'] : []
  for (const u of underlying) {
    const info = asRecord(asRecord(u)?.['user-info'])
    const code = text(info?.code)
    if (code && /^[A-Z_]+(\.[A-Z_]+)+$/.test(code)) return code
  }
  const info = asRecord(entry.userInfo) ?? asRecord(entry['user-info'])
  const nested = typeof info?.NSUnderlyingError === 'string' ? info.NSUnderlyingError : ''
  return /\bcode=([A-Z_]+(?:\.[A-Z_]+)+)/.exec(nested)?.[1]
}

function describeWarning(entry: unknown): string {
  const e = asRecord(entry)
  if (!e) return String(entry)
  const code = typeof e.code === 'number' || typeof e.code === 'string' ? `${String(e.code)}: ` : ''
  return `${code}${text(e.message) ?? JSON.stringify(e)}`
}

/** `ERROR:` (Xcode 16+) and `*** Error:` (Xcode 15) lines, without their markers and component tags. */
function errorLines(output: string): AltoolProblem[] {
  const problems: AltoolProblem[] = []
  for (const line of output.split(/\r?\n/)) {
    const marker = /(?:\*\*\*\s*Error:|\bERROR:)\s*(.*)$/.exec(line)
    if (!marker) continue
    const message = (marker[1] ?? '')
      .replace(/^(?:ERROR:\s*)+/, '')
      .replace(/^\[[\w.]+\]\s*/, '')
      .trim()
    if (message === '' || problems.some((p) => p.message === message)) continue
    const code = /\((-?\d{2,6})\)/.exec(message)?.[1] ?? /\bCode=(-?\d+)/.exec(message)?.[1]
    problems.push({ code, message })
  }
  return problems
}

function lastMatch(output: string, re: RegExp): string | undefined {
  let found: string | undefined
  for (const match of output.matchAll(re)) found = match[1]
  return found
}
