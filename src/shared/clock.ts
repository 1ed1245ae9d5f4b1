import { sleep } from './retry.js'

/** Time as the long waits see it; tests pass a fake one to cover hours of waiting in seconds. */
export interface Clock {
  now: () => number
  sleep: (ms: number) => Promise<void>
}

export const realClock: Clock = { now: () => Date.now(), sleep }
