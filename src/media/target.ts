import type { AscClient } from '../asc/client.js'
import type { Clock } from '../shared/clock.js'
import type { Logger } from '../shared/log.js'

/** Where a sync writes: the version, and what it works with. */
export interface MediaTarget {
  client: AscClient
  log: Logger
  clock: Clock
  versionId: string
  pollIntervalMs: number
}
