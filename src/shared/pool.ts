import { inspect } from 'node:util'

/**
 * Runs `work` on each item, at most `concurrency` at once, starting them in the items' order. The first
 * failure stops the workers from starting more; it is thrown once the items under way have ended, so that
 * nothing still runs when the caller cleans up. With `newState`, each worker has state of its own for all
 * its items (the buffers a part sender reuses).
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void>
export async function forEachConcurrently<T, S>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, state: S) => Promise<void>,
  newState: () => S,
): Promise<void>
export async function forEachConcurrently<T, S>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, state?: S) => Promise<void>,
  newState?: () => S,
): Promise<void> {
  let next = 0
  let failure: Error | undefined
  const worker = async () => {
    const state = newState?.()
    while (next < items.length && failure === undefined) {
      const item = items[next++] as T
      try {
        await work(item, state)
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(inspect(error))
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
  if (failure !== undefined) throw failure
}
