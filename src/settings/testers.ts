import { EMAIL } from './fields.js'
/** A TestFlight tester named in the `testers` input. */
export interface TesterEntry {
  email: string
  firstName?: string
  lastName?: string
}

const NAMED = /^(.*?)\s*<([^<>]*)>$/

/** One entry: `email` or `First Last <email>`; a string says why the entry is not one. */
function parseTester(entry: string): TesterEntry | string {
  const named = NAMED.exec(entry)
  const email = (named ? (named[2] ?? '') : entry).trim()
  if (!EMAIL.test(email)) {
    return `'${entry}' is not an e-mail address or "First Last <email>"`
  }
  const words = (named?.[1] ?? '').split(/\s+/).filter((w) => w !== '')
  const [firstName, ...rest] = words
  return {
    email,
    ...(firstName !== undefined ? { firstName } : {}),
    ...(rest.length > 0 ? { lastName: rest.join(' ') } : {}),
  }
}

/**
 * The `testers` input: entries separated by newlines or commas, each an address once (compared without
 * case, as e-mail domains are). Returns the testers, or the problems naming each bad entry.
 */
export function parseTesters(text: string): { testers: TesterEntry[]; problems: string[] } {
  const testers: TesterEntry[] = []
  const problems: string[] = []
  for (const entry of text.split(/[\n,]/).map((e) => e.trim())) {
    if (entry === '') continue
    const parsed = parseTester(entry)
    if (typeof parsed === 'string') problems.push(parsed)
    else if (!testers.some((t) => t.email.toLowerCase() === parsed.email.toLowerCase())) testers.push(parsed)
  }
  return { testers, problems }
}
