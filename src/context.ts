import type { FoundApp } from './asc/apps.js'
import type { AscClient } from './asc/client.js'
import type { Clock } from './shared/clock.js'
import type { ReleaseIdentity } from './identity.js'
import type { Logger } from './shared/log.js'
import type { PackageMetadata } from './package/index.js'
import type { Settings } from './settings/settings.js'

/** What every step of a release works with, once the settings are read and the app is found. */
export interface ReleaseContext {
  settings: Settings
  client: AscClient
  app: FoundApp
  identity: ReleaseIdentity
  /** The package, when one was given (always, unless upload_method is none). */
  pkg?: PackageMetadata
  log: Logger
  clock: Clock
}
