import * as core from '@actions/core'

/** Everything main hands to the post step goes through here (GitHub keeps it in $GITHUB_STATE). */
const enum StateKey {
  CleanupPaths = 'cleanupPaths',
}

/** State written in main is only readable in post, so main keeps its own list. */
const registered: string[] = []

/** Remembers a path (a key file directory for altool) that the post step must remove, whatever happens. */
export function addCleanupPath(path: string): void {
  if (!registered.includes(path)) registered.push(path)
  core.saveState(StateKey.CleanupPaths, JSON.stringify(registered))
}

/** In the post step: the paths main registered. */
export function cleanupPaths(): string[] {
  const raw = core.getState(StateKey.CleanupPaths)
  if (raw === '') return []
  try {
    const parsed: unknown = JSON.parse(raw)
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string') : []
  } catch {
    return []
  }
}
