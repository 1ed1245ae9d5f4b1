import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'

// Everything main hands to the post step goes through here: GitHub keeps it in $GITHUB_STATE and gives
// it to the post step as STATE_<name>. The runner reads the file even when main was cancelled or failed
// (actions/runner ActionRunner.cs: ProcessFiles runs in a `finally` around the step). No @actions/core here: the post step imports this module, and
// core's OIDC client would bring undici (1 MB) into dist/post.

export const StateKey = {
  /** Key file directories for altool, which the post step removes whatever happened. */
  CleanupPaths: 'cleanupPaths',
  /** The run's report as far as it got, for the post step to summarise a run that was stopped. */
  Progress: 'progress',
  /** Set once main has written the job summary itself. */
  SummaryWritten: 'summaryWritten',
} as const
export type StateKey = (typeof StateKey)[keyof typeof StateKey]

/**
 * Saves a value for the post step, as JSON on one `name=value` line (GitHub's documented form; JSON
 * never holds a raw line break). A later value of a key replaces the earlier one.
 */
export function saveState(key: StateKey, value: unknown): void {
  const file = process.env.GITHUB_STATE
  if (file) appendFileSync(file, `${key}=${JSON.stringify(value)}${EOL}`)
}

/** In the post step: what main saved under `key`, or undefined. */
export function readState(key: StateKey): unknown {
  const raw = process.env[`STATE_${key}`]
  if (!raw) return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return undefined
  }
}

/** State written in main is only readable in post, so main keeps its own list. */
const registered: string[] = []

/** Remembers a path (a key file directory for altool) that the post step must remove, whatever happens. */
export function addCleanupPath(path: string): void {
  if (!registered.includes(path)) registered.push(path)
  saveState(StateKey.CleanupPaths, registered)
}

/** In the post step: the paths main registered. */
export function cleanupPaths(): string[] {
  const paths = readState(StateKey.CleanupPaths)
  return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : []
}
