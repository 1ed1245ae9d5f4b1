/** One item of Apple's `{"errors": [...]}` body. */
export interface AppleErrorItem {
  id?: string
  status: string
  code: string
  title: string
  detail?: string
  source?: { pointer?: string; parameter?: string }
  meta?: Record<string, unknown>
}

/** What to do next for the answers users hit most; keyed by status or by Apple's code. */
const HINTS: { match: (status: number, codes: string[]) => boolean; hint: string }[] = [
  {
    match: (status) => status === 401,
    hint:
      'Check key_id and issuer_id (leave issuer_id empty for an individual key), that api_key is that key, ' +
      "that the key is not revoked, and that the runner's clock is right.",
  },
  {
    match: (status) => status === 403,
    hint:
      'The API key lacks a permission: give it the App Manager role (Users and Access > Integrations), and ' +
      'check that the latest agreements are accepted in App Store Connect > Business.',
  },
  {
    match: (status) => status === 429,
    hint: 'The API key hit its hourly rate limit; wait a while, or spread releases of many apps over several keys.',
  },
  {
    match: (_, codes) => codes.some((c) => c.endsWith('INVALID.DUPLICATE')),
    hint: 'This build number is already used for this version: increase CFBundleVersion (build_number) and rebuild.',
  },
]

/** An App Store Connect API answer that was not a success, with Apple's own words. */
export class AscApiError extends Error {
  readonly hint?: string

  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly errors: AppleErrorItem[],
    /** True when the request may have taken effect although no answer proved it (timeout, dropped connection). */
    readonly ambiguous = false,
  ) {
    const codes = errors.map((e) => e.code)
    const hint = HINTS.find((h) => h.match(status, codes))?.hint
    super(describe(method, path, status, errors) + (hint ? `\n${hint}` : ''))
    this.name = 'AscApiError'
    this.hint = hint
  }

  hasCode(code: string): boolean {
    return this.errors.some((e) => e.code === code || e.code.startsWith(`${code}.`))
  }
}

function describe(method: string, path: string, status: number, errors: AppleErrorItem[]): string {
  const head = `App Store Connect answered ${status} to ${method} ${path}`
  if (errors.length === 0) return head
  const items = errors.map((e) => {
    const where = e.source?.pointer ?? e.source?.parameter
    return `${e.code}: ${e.title}${e.detail ? ` ${e.detail}` : ''}${where ? ` (at ${where})` : ''}`
  })
  return items.length === 1
    ? `${head}: ${items[0] ?? ''}`
    : `${head}:\n${items.map((i) => `  - ${i}`).join('\n')}`
}

/** A failure with no answer from Apple at all: the connection broke or timed out. */
export class AscNetworkError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    override readonly cause: unknown,
    readonly ambiguous: boolean,
  ) {
    super(
      `${method} ${path} failed without an answer from App Store Connect: ${cause instanceof Error ? cause.message : String(cause)}`,
    )
    this.name = 'AscNetworkError'
  }
}

export function parseAppleErrors(body: unknown): AppleErrorItem[] {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors))
    return []
  return (body.errors as unknown[]).filter(
    (e): e is AppleErrorItem => typeof e === 'object' && e !== null && 'code' in e && 'status' in e,
  )
}
