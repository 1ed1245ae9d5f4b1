import { AscClient, DEFAULT_BASE_URL } from './asc/client.js'
import { TokenProvider } from './asc/jwt.js'
import { registerSecret, runLogger } from './report/log.js'
import { realClock } from './shared/clock.js'
import type { ApiKeySettings } from './settings/settings.js'

/** The App Store Connect client of a run, for the main action and the companions: its tokens are masked as made. */
export function createClient(apiKey: ApiKeySettings): AscClient {
  const tokens = new TokenProvider(apiKey, { onNewToken: registerSecret })
  // The first token is signed at the first request. Signing it ahead, while the package was read, made
  // Node 24 abort (SIGABRT, no message) about 1 run in 20 under CPU load: 4 of 75 runs, 0 of 75 without.
  return new AscClient({
    baseUrl: process.env.APP_STORE_CONNECT_API_BASE_URL || DEFAULT_BASE_URL,
    tokens,
    log: runLogger,
    clock: realClock,
  })
}
