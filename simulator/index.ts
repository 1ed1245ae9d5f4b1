// App Store Connect API simulator: a local stand-in for https://api.appstoreconnect.apple.com,
// validated against Apple's OpenAPI spec (simulator/openapi). See server.ts for the pipeline.
export { generateApiKey, type GeneratedApiKey } from './auth.js'
export type { MissingMetadata } from './domains/appstore.js'
export type { BetaReviewMissingShape, BetaReviewRequirement } from './domains/testflight.js'
export { DEFAULT_SCENARIO } from './handlers.js'
export { seedSampleApp, SimulatorStore } from './seed.js'
export {
  startSimulator,
  type Fault,
  type FaultAction,
  type RecordedRequest,
  type Scenario,
  type Simulator,
  type SimulatorOptions,
} from './server.js'
export {
  INVERSES,
  Store,
  type AttributesByType,
  type KnownType,
  type Linkage,
  type Platform,
  type RelationshipValue,
  type StateDetail,
  type StoredResource,
  type UploadOperation,
} from './store.js'
