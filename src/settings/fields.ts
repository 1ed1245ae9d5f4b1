import * as z from './zod.js'
import { versionProblem, type VersionField } from './version-rules.js'

// The field schemas every action's inputs are read with (the main action's and the companions'): each turns
// GitHub's string into a typed value or says what is accepted, and InputError names each input at fault.

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0] ?? ''}`
        : `Invalid inputs:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    )
    this.name = 'InputError'
  }
}

/** A problem with the value a transform is turning (classic zod's `ctx.addIssue`, which zod/mini has not). */
export function addProblem(ctx: z.core.ParsePayload, message: string, path?: PropertyKey[]): void {
  ctx.issues.push({ code: 'custom', message, input: ctx.value, ...(path ? { path } : {}) })
}

/** A string input turned into a value by `read` (classic zod's `z.string().transform(read)`). */
export function fromString<O>(read: (value: string, ctx: z.core.ParsePayload) => O) {
  return z.pipe(z.string(), z.transform(read))
}

export const optional = <T extends z.ZodMiniType>(schema: T) =>
  fromString((v, ctx): z.output<T> | undefined => {
    if (v === '') return undefined
    const parsed = schema.safeParse(v)
    if (parsed.success) return parsed.data
    for (const issue of parsed.error.issues) addProblem(ctx, issue.message)
    return z.NEVER
  })

/** GitHub's YAML booleans, as core.getBooleanInput accepts them. */
export const bool = (fallback: boolean) =>
  fromString((v, ctx) => {
    if (v === '') return fallback
    if (['true', 'True', 'TRUE'].includes(v)) return true
    if (['false', 'False', 'FALSE'].includes(v)) return false
    addProblem(ctx, `must be true or false (got '${v}')`)
    return z.NEVER
  })

export const oneOf = <const T extends readonly string[]>(
  values: T,
  fallback: T[number],
  caseInsensitive = false,
) =>
  fromString((v, ctx): T[number] => {
    if (v === '') return fallback
    const found = values.find((x) => (caseInsensitive ? x.toLowerCase() === v.toLowerCase() : x === v))
    if (found !== undefined) return found
    addProblem(ctx, `must be one of ${values.join(', ')} (got '${v}')`)
    return z.NEVER
  })

export const number = (unit: string, fallback: number, min: number, max: number, minInclusive: boolean) =>
  fromString((v, ctx) => {
    if (v === '') return fallback
    const n = /^\d+(\.\d+)?$|^\.\d+$/.test(v) ? Number(v) : NaN
    const aboveMin = minInclusive ? n >= min : n > min
    if (Number.isFinite(n) && aboveMin && n <= max) return n
    const lower = minInclusive ? `at least ${min}` : `more than ${min}`
    addProblem(ctx, `must be a number of ${unit}, ${lower} and at most ${max} (got '${v}')`)
    return z.NEVER
  })

export const pattern = (re: RegExp, what: string) =>
  z
    .string()
    .check(z.refine((v) => re.test(v), { error: (i) => `must be ${what} (got '${String(i.input)}')` }))

/** The same rule as for the package's own version and build number. */
export const versionInput = (field: VersionField) =>
  fromString((v, ctx) => {
    const problem = versionProblem(field, v)
    if (problem === undefined) return v
    addProblem(ctx, problem)
    return z.NEVER
  })

/** An input as core.getInput reads it (not loaded for this, see report/plain-log.ts): INPUT_<NAME>, trimmed. */
export function readInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim()
}

/** zod's issues as one InputError, each naming its input. */
export function inputError(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  inputOrder: readonly string[] = [],
): InputError {
  // An async parse records each problem as its check settles (a file read, a stat): list them in the order
  // of the inputs instead, so that one run and the next name the same problems in the same order.
  const rank = (issue: { path: readonly PropertyKey[] }) => {
    const at = inputOrder.indexOf(String(issue.path[0]))
    return at < 0 ? inputOrder.length : at
  }
  const ordered = [...issues].sort((a, b) => rank(a) - rank(b))
  return new InputError(ordered.map((issue) => `'${String(issue.path[0] ?? 'inputs')}' ${issue.message}`))
}

/** A locale as App Store Connect names them (en-US, pt-BR, zh-Hans): a language, then region or script parts. */
export const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

/** An e-mail address, deliberately plain: Apple checks the address itself; this catches what cannot be one. */
export const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;".]+$/

/** One http or https URL with a dotted host name: what App Store Connect takes for its URL fields. */
export function isWebUrl(text: string): boolean {
  if (/\s/.test(text)) return false
  try {
    const url = new URL(text)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
  } catch {
    return false
  }
}
