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

/** What to do next for the answers users hit most; keyed by status or by Apple's code, most specific first. */
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
  {
    match: (status) => status === 404,
    hint: 'The resource does not exist or this API key cannot see it: check app_id / bundle_id and the key’s access to the app.',
  },
  {
    match: (status) => status === 409 || status === 422,
    hint: 'App Store Connect refused this in the current state of the app or build: fix what the detail above names, then re-run.',
  },
  {
    match: (status) => status === 400,
    hint: 'App Store Connect refused the request itself: check the input the detail above names; if the inputs are right, report this to the action.',
  },
  {
    match: (status) => status >= 500,
    hint: 'App Store Connect had a problem on its side: check https://developer.apple.com/system-status/ and re-run later.',
  },
]

const UNREADABLE_HINT =
  'Something other than the App Store Connect API answered (a proxy, a captive portal or an outage page): ' +
  'check the runner’s network and proxy settings (and APP_STORE_CONNECT_API_BASE_URL if set), or re-run later.'

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
    /** Why the body could not be read as Apple's JSON, with its first bytes, when it could not. */
    readonly unreadable?: string,
  ) {
    const codes = errors.map((e) => e.code)
    const hint =
      unreadable !== undefined && errors.length === 0
        ? UNREADABLE_HINT
        : HINTS.find((h) => h.match(status, codes))?.hint
    super(describe(method, path, status, errors, unreadable) + (hint ? `\n${hint}` : ''))
    this.name = 'AscApiError'
    this.hint = hint
  }

  hasCode(code: string): boolean {
    return this.errors.some((e) => e.code === code || e.code.startsWith(`${code}.`))
  }
}

function describe(
  method: string,
  path: string,
  status: number,
  errors: AppleErrorItem[],
  unreadable: string | undefined,
): string {
  const head = `App Store Connect answered ${status} to ${method} ${path}`
  if (errors.length === 0) return unreadable ? `${head}, ${unreadable}` : head
  const items = errors.map((e) => [describeItem(e), ...associatedLines(e)].join('\n'))
  return items.length === 1 && !items[0]?.includes('\n')
    ? `${head}: ${items[0] ?? ''}`
    : `${head}:\n${items.map((i) => `  - ${i}`).join('\n')}`
}

function describeItem(e: AppleErrorItem): string {
  const where = e.source?.pointer ?? e.source?.parameter
  const text = `${e.code}: ${e.title}${e.detail ? ` ${e.detail}` : ''}${where ? ` (at ${where})` : ''}`
  return untrustedText(text, 1000)
}

/** Apple puts the real reasons of a generic refusal under meta.associatedErrors, keyed by resource path. */
function associatedLines(e: AppleErrorItem): string[] {
  const map = e.meta?.['associatedErrors']
  if (typeof map !== 'object' || map === null) return []
  return Object.entries(map as Record<string, unknown>).flatMap(([resource, list]) =>
    (Array.isArray(list) ? list : [])
      .filter(isAppleErrorItem)
      .map((item) => `    - ${untrustedText(resource, 200)}: ${describeItem(item)}`),
  )
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

function isAppleErrorItem(e: unknown): e is AppleErrorItem {
  return (
    typeof e === 'object' &&
    e !== null &&
    'code' in e &&
    typeof e.code === 'string' &&
    'status' in e &&
    typeof e.status === 'string'
  )
}

export function parseAppleErrors(body: unknown): AppleErrorItem[] {
  if (typeof body !== 'object' || body === null || !('errors' in body) || !Array.isArray(body.errors))
    return []
  return (body.errors as unknown[]).filter(isAppleErrorItem)
}

/**
 * Text from the server, made safe to print: one line (so it can never start a workflow command), no
 * `::`, no control characters, at most `max` characters.
 */
export function untrustedText(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/:(?=:)/g, ': ')
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}
