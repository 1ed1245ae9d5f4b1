import { describe, expect, it } from '@jest/globals'
import { forEachConcurrently } from '../src/shared/pool.js'

/** A promise the test settles. */
function gate(): { promise: Promise<void>; open: () => void; fail: (error: unknown) => void } {
  let open = (): void => undefined
  let fail = (_: unknown): void => undefined
  const promise = new Promise<void>((resolve, reject) => {
    open = resolve
    fail = reject
  })
  return { promise, open, fail }
}

const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('forEachConcurrently', () => {
  it('starts the items in order, never more than the limit at once', async () => {
    const gates = Array.from({ length: 5 }, gate)
    const started: number[] = []
    const done = forEachConcurrently([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i)
      await gates[i]?.promise
    })
    await settle()
    expect(started).toEqual([0, 1])
    gates[1]?.open()
    await settle()
    expect(started).toEqual([0, 1, 2])
    for (const g of gates) g.open()
    await done
    expect(started).toEqual([0, 1, 2, 3, 4])
  })

  it('starts nothing after the first failure, and throws it once the items under way have ended', async () => {
    const gates = Array.from({ length: 4 }, gate)
    const started: number[] = []
    const ended: number[] = []
    const done = forEachConcurrently([0, 1, 2, 3], 2, async (i) => {
      started.push(i)
      await gates[i]?.promise
      ended.push(i)
    })
    await settle()
    gates[0]?.fail(new Error('part 0 refused'))
    await settle()
    let thrown: unknown
    void done.catch((error: unknown) => (thrown = error))
    await settle()
    expect(thrown).toBeUndefined() // item 1 is still under way
    gates[1]?.open()
    await expect(done).rejects.toThrow('part 0 refused')
    expect(started).toEqual([0, 1])
    expect(ended).toEqual([1])
  })

  it('gives each worker its own state for all of its items', async () => {
    let made = 0
    const seen: { item: number; state: number }[] = []
    await forEachConcurrently(
      [0, 1, 2, 3, 4, 5],
      2,
      async (item, state: number) => {
        seen.push({ item, state })
        await settle()
      },
      () => (made += 1),
    )
    expect(made).toBe(2)
    expect(new Set(seen.map((s) => s.state))).toEqual(new Set([1, 2]))
    expect(seen.map((s) => s.item)).toEqual([0, 1, 2, 3, 4, 5])
  })

  it('turns something thrown that is not an Error into one that shows it', async () => {
    // What a library might reject with.
    const notAnError = { code: 'EPIPE' }
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const rejects = () => Promise.reject(notAnError)
    await expect(forEachConcurrently([1], 4, rejects)).rejects.toThrow("{ code: 'EPIPE' }")
  })

  it('does nothing for no items', async () => {
    let made = 0
    await forEachConcurrently(
      [],
      3,
      () => Promise.resolve(),
      () => (made += 1),
    )
    expect(made).toBe(0)
  })
})
