// TestFlight rules that go beyond plain resource storage, as the real App Store Connect behaves:
// what Beta App Review asks for before it accepts a build (in each shape Apple has been seen to answer),
// one build per version in review, the refusal right after export compliance, internal-only builds,
// and the What to Test localization Apple creates by itself.
import { randomUUID } from 'node:crypto'
import { ApiError, conflict, type AppleError } from './errors.js'
import type { AttributesByType, Store, StoredResource } from './store.js'

/** Test information a scenario can leave unfilled, as App Store Connect's TestFlight > Test Information page names it. */
export type BetaReviewRequirement =
  | 'betaAppDescription'
  | 'feedbackEmail'
  | 'contactFirstName'
  | 'contactLastName'
  | 'contactEmail'
  | 'contactPhone'

const MISSING: Record<BetaReviewRequirement, { code: string; title: string; detail: string }> = {
  betaAppDescription: {
    code: 'STATE_ERROR.ENTITY_STATE_INVALID',
    title: 'Beta App Description is missing.',
    detail: 'Beta App Description is required to submit a build for external testing.',
  },
  feedbackEmail: {
    code: 'STATE_ERROR.ENTITY_STATE_INVALID',
    title: 'Feedback Email is missing.',
    detail: 'Feedback Email is required to submit a build for external testing.',
  },
  contactFirstName: attributeRequired('contactFirstName'),
  contactLastName: attributeRequired('contactLastName'),
  contactEmail: attributeRequired('contactEmail'),
  contactPhone: attributeRequired('contactPhone'),
}

function attributeRequired(attribute: string) {
  return {
    code: 'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
    title: 'The provided entity is missing a required attribute',
    detail: `You must provide a value for the attribute '${attribute}' with this request`,
  }
}

/** An Apple answer with several errors in one body. */
class ApiErrors extends ApiError {
  constructor(
    status: number,
    private readonly items: { code: string; title: string; detail: string }[],
  ) {
    const first = items[0] ?? { code: 'ENTITY_ERROR', title: '', detail: '' }
    super(status, first.code, first.title, first.detail)
  }

  override body(): { errors: AppleError[] } {
    return {
      errors: this.items.map((item) => ({ id: randomUUID(), status: String(this.status), ...item })),
    }
  }
}

/** Apple's refusal of a Beta App Review submission with test information missing, in the scenario's shape. */
export function missingBetaReviewInformation(
  missing: readonly BetaReviewRequirement[],
  shape: BetaReviewMissingShape = 'itemized',
): ApiError | undefined {
  if (missing.length === 0) return undefined
  switch (shape) {
    case 'itemized':
    case 'conflict':
      return new ApiErrors(
        shape === 'itemized' ? 422 : 409,
        missing.map((m) => MISSING[m]),
      )
    case 'missing-required': // fastlane#16294
      return new ApiError(
        422,
        'STATE_ERROR.ENTITY_STATE_INVALID',
        'Missing required information to submit for external testing',
        'Missing requied data.',
      )
    case 'localizations-not-found': // fastlane#20723
      return new ApiError(
        409,
        'ENTITY_ERROR.RELATIONSHIP.INVALID',
        'betaAppLocalizations not found for this app.',
        'betaAppLocalization must exist for an app',
      )
    case 'server-error': // codemagic cli-tools PR #118: Apple's 500, which its spec never declares
      return new ApiError(
        500,
        'UNEXPECTED_ERROR',
        'An unexpected error occurred.',
        'An unexpected error occurred on the server side. If this issue continues, contact us at https://developer.apple.com/contact/.',
      )
  }
}

/** TestFlight behaviours of the real App Store Connect, each switchable for tests that need otherwise. */
export interface TestFlightScenario {
  /** What new buildBetaDetails start with; Apple's default is true (fastlane pilot options). */
  autoNotifyEnabled: boolean
  /**
   * How long after a build appears Apple creates its What to Test (betaBuildLocalization) in the app's
   * primary locale, empty (Apple-Actions/upload-testflight-build#169, rorkai#763); null = never. Default 100.
   */
  whatToTestCreatedAfterMs: number | null
  /** Apple creates that localization at the very moment a client POSTs one for the same locale (default false). */
  whatToTestRace: boolean
  /** Only one build of a version in Beta App Review at a time (fastlane#12551, tramline store-quirks#5). Default true. */
  oneBuildPerVersionInBetaReview: boolean
  /**
   * How long after export compliance is set Beta App Review answers 422 "not in a valid processing state"
   * (codemagic cli-tools#346). Default 150.
   */
  betaReviewAfterComplianceMs: number
  /** Refuse INTERNAL_ONLY builds for external groups and Beta App Review (botiverse/hands). Default true. */
  refuseInternalOnlyExternally: boolean
  /** How a refusal for missing test information looks (fastlane#28630, #16294, #20723; codemagic PR #118). */
  betaReviewMissingShape: BetaReviewMissingShape
}

/**
 * `itemized`: 422, one error per missing piece; `conflict`: the same with 409; `missing-required`: one
 * "Missing required information" error; `localizations-not-found`: "betaAppLocalizations not found for
 * this app"; `server-error`: a bare 500.
 */
export type BetaReviewMissingShape =
  'itemized' | 'conflict' | 'missing-required' | 'localizations-not-found' | 'server-error'

export const TESTFLIGHT_SCENARIO_DEFAULTS: TestFlightScenario = {
  autoNotifyEnabled: true,
  whatToTestCreatedAfterMs: 100,
  whatToTestRace: false,
  oneBuildPerVersionInBetaReview: true,
  betaReviewAfterComplianceMs: 150,
  refuseInternalOnlyExternally: true,
  betaReviewMissingShape: 'itemized',
}

type Build = StoredResource<AttributesByType['builds']>

const appOf = (store: Store, r: StoredResource<object>) => {
  const id = store.linkages(r, 'app')[0]?.id
  return id === undefined ? undefined : store.get('apps', id)
}

/** Marks when export compliance was answered: Beta App Review refuses the build for a while after. */
export function noteComplianceSet(build: Build, now: number): void {
  build.internal['complianceSetAt'] = now
}

/**
 * Apple's refusals of a Beta App Review submission that come from the build's situation, in the order
 * checked after the build is known VALID, unexpired and compliant.
 */
export function betaReviewRefusal(
  store: Store,
  scenario: TestFlightScenario & { betaReviewMissing: BetaReviewRequirement[] },
  build: Build,
  now: number,
): ApiError | undefined {
  if (scenario.refuseInternalOnlyExternally && build.attributes.buildAudienceType === 'INTERNAL_ONLY') {
    return internalOnlyRefusal('/data/relationships/build')
  }
  const setAt = build.internal['complianceSetAt']
  if (typeof setAt === 'number' && now < setAt + scenario.betaReviewAfterComplianceMs) {
    // codemagic cli-tools#346: the build is VALID, yet this answer comes for a while after compliance.
    return new ApiError(
      422,
      'STATE_ERROR.ENTITY_STATE_INVALID',
      'The request cannot be fulfilled because of the state of another resource.',
      'The build is not in a valid processing state for this operation.',
    )
  }
  const missing = missingBetaReviewInformation(scenario.betaReviewMissing, scenario.betaReviewMissingShape)
  if (missing) return missing
  if (scenario.oneBuildPerVersionInBetaReview && otherBuildInReview(store, build)) {
    // fastlane#12551; the API's short form is "Another build is in review." (tramline store-quirks#5).
    return new ApiError(
      409,
      'STATE_ERROR.ENTITY_STATE_INVALID',
      'Another build is in review.',
      "You can't submit a build for testing if another build is already in review. Wait until your other " +
        'build has been reviewed, and resubmit this build.',
    )
  }
  return undefined
}

function otherBuildInReview(store: Store, build: Build): boolean {
  const version = store.linkages(build, 'preReleaseVersion')[0]?.id
  return store
    .list('builds', (b) => b.id !== build.id && !b.attributes.expired)
    .filter((b) => store.linkages(b, 'preReleaseVersion')[0]?.id === version)
    .some((b) =>
      store
        .related(b, 'betaAppReviewSubmission')
        .some((s) => ['WAITING_FOR_REVIEW', 'IN_REVIEW'].includes(String(s.attributes['betaReviewState']))),
    )
}

/** The refusal of an internal-only build where external testers would get it (botiverse/hands; thin evidence). */
export function internalOnlyRefusal(pointer: string): ApiError {
  return conflict(
    'ENTITY_ERROR.RELATIONSHIP.INVALID',
    'This build is for internal testing only and cannot be distributed to external testers.',
    pointer,
  )
}

/**
 * Apple creates a build's What to Test in the app's primary locale some time after the build appears;
 * with `whatToTestRace`, only at the moment a client creates the same locale (see `createsWhatToTestNow`).
 */
export function installWhatToTestLifecycle(store: Store, scenario: () => TestFlightScenario): void {
  store.onRefresh((now) => {
    const after = scenario().whatToTestCreatedAfterMs
    if (after === null || scenario().whatToTestRace) return
    for (const build of store.list('builds', (b) => b.internal['whatToTestCreated'] !== true)) {
      if (now < Date.parse(build.attributes.uploadedDate) + after) continue
      createWhatToTest(store, build)
    }
  })
}

/** Apple's own What to Test localization for the build, once; none when one for that locale exists. */
export function createWhatToTest(store: Store, build: Build): void {
  build.internal['whatToTestCreated'] = true
  const locale = appOf(store, build)?.attributes.primaryLocale
  if (!locale) return
  if (store.related(build, 'betaBuildLocalizations').some((l) => l.attributes['locale'] === locale)) return
  store.insert('betaBuildLocalizations', { locale }, { build: { type: 'builds', id: build.id } })
}
