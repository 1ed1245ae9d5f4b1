// Implemented operations, keyed by the spec's operationId, composed from the domains
// (domains/uploads.ts, domains/testflight.ts, domains/appstore.ts), with the scenario each domain
// reads and the time-based state each one advances. To add an endpoint: add its operationId to its
// domain's table (request validation, routing and response validation come from the spec).
import {
  APP_STORE_HANDLERS,
  APP_STORE_SCENARIO_DEFAULTS,
  installAppStoreLifecycle,
  type AppStoreScenario,
} from './domains/appstore.js'
import { AUDIENCE_HANDLERS } from './domains/audience.js'
import { installReviewLifecycle, REVIEW_SCENARIO_DEFAULTS, type ReviewScenario } from './domains/reviews.js'
import { getCollection, getInstance, type Handler } from './domains/generic.js'
import { LISTING_HANDLERS } from './domains/listing.js'
import {
  installTestFlightLifecycle,
  TESTFLIGHT_HANDLERS,
  TESTFLIGHT_SCENARIO_DEFAULTS,
  type TestFlightScenario,
} from './domains/testflight.js'
import {
  installUploadLifecycle,
  UPLOAD_HANDLERS,
  UPLOAD_SCENARIO_DEFAULTS,
  type UploadScenario,
} from './domains/uploads.js'
import {
  installMediaLifecycle,
  MEDIA_HANDLERS,
  MEDIA_SCENARIO_DEFAULTS,
  type MediaScenario,
} from './domains/screenshots.js'
import type { SimulatorStore } from './seed.js'
import { RATE_LIMIT_SCENARIO_DEFAULTS, type RateLimitScenario } from './rate-limit.js'

export type { Handler, HandlerContext, HandlerResult, RequestDocument } from './domains/generic.js'
export { APPLE_STATUS_AS_DECLARED } from './domains/uploads.js'

export interface ScenarioState
  extends
    UploadScenario,
    TestFlightScenario,
    AppStoreScenario,
    MediaScenario,
    ReviewScenario,
    RateLimitScenario {
  /** max page size actually served (default 200) */
  pageSizeCap: number
}

export const DEFAULT_SCENARIO: ScenarioState = {
  pageSizeCap: 200,
  ...UPLOAD_SCENARIO_DEFAULTS,
  ...TESTFLIGHT_SCENARIO_DEFAULTS,
  ...APP_STORE_SCENARIO_DEFAULTS,
  ...MEDIA_SCENARIO_DEFAULTS,
  ...REVIEW_SCENARIO_DEFAULTS,
  ...RATE_LIMIT_SCENARIO_DEFAULTS,
}

export const HANDLERS: Record<string, Handler> = {
  apps_getCollection: getCollection('apps'),
  apps_getInstance: getInstance('apps'),
  ...UPLOAD_HANDLERS,
  ...TESTFLIGHT_HANDLERS,
  ...AUDIENCE_HANDLERS,
  ...APP_STORE_HANDLERS,
  ...MEDIA_HANDLERS,
  ...LISTING_HANDLERS,
}

/** Registers each domain's time-based state, advanced from the store's clock before every read. */
export function installLifecycles(store: SimulatorStore, scenario: () => ScenarioState): void {
  installUploadLifecycle(store)
  installTestFlightLifecycle(store, scenario)
  installAppStoreLifecycle(store, scenario)
  installMediaLifecycle(store)
  // After the App Store lifecycle, so a verdict is not overwritten by the state the submission had.
  installReviewLifecycle(store, scenario)
}
