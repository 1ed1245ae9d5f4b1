// TestFlight, as the real App Store Connect behaves: beta groups and the builds in them, export
// compliance, beta details and their derived states, What to Test localizations (and the one Apple
// creates by itself), tester notifications, and Beta App Review with what it asks for before it accepts
// a build (in each shape Apple has been seen to answer), one build per version in review, the refusal
// right after export compliance, and internal-only builds.
import { randomUUID } from 'node:crypto'
import { ApiError, conflict, type AppleError } from '../errors.js'
import type { SimulatorStore } from '../seed.js'
import type { AttributesByType, Linkage, Store, StoredResource } from '../store.js'
import {
  appIdOf,
  attrs,
  getCollection,
  getInstance,
  getToMany,
  getToOne,
  mustGet,
  noContent,
  nowIso,
  ok,
  relId,
  target,
  updateSimple,
  type Handler,
  type HandlerContext,
  type HandlerResult,
  REVIEW_DETAIL_FIELDS,
} from './generic.js'

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
  /** Test information treated as unfilled whatever the app holds: submissions are refused naming each (default []). */
  betaReviewMissing: BetaReviewRequirement[]
  /**
   * Beta App Review refuses a build while the app's Test Information lacks what it requires: a beta app
   * localization in the primary locale with description and feedback email, the review contact's name,
   * e-mail and phone, and the demo account when one is required (fastlane#28630, #20723). Default true.
   */
  requireTestInformation: boolean
  /**
   * The ITSAppUsesNonExemptEncryption the simulated binaries declare; null (default) = not declared,
   * so new builds show MISSING_EXPORT_COMPLIANCE until PATCH /v1/builds/{id} sets it.
   */
  usesNonExemptEncryption: boolean | null
  /**
   * How long a build's beta details stay PROCESSING after the build is VALID (default 0); macOS builds
   * show this lag on App Store Connect.
   */
  betaDetailsLagMs: number
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
  betaReviewMissing: [],
  requireTestInformation: true,
  usesNonExemptEncryption: null,
  betaDetailsLagMs: 0,
}

function updateBuild(ctx: HandlerContext): HandlerResult {
  const build = mustGet(ctx, 'builds', ctx.params['id'] ?? '')
  const a = attrs(ctx)
  if (typeof a['usesNonExemptEncryption'] === 'boolean') {
    build.attributes.usesNonExemptEncryption = a['usesNonExemptEncryption']
    noteComplianceSet(build, ctx.now())
  }
  if (a['expired'] === true) build.attributes.expired = true
  if (a['expired'] === false && build.attributes.expired) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'An expired build cannot be un-expired.',
      '/data/attributes/expired',
    )
  }
  const declaration = relId(ctx, 'appEncryptionDeclaration')
  if (declaration)
    build.relationships['appEncryptionDeclaration'] = { type: 'appEncryptionDeclarations', id: declaration }
  ctx.store.refresh()
  return ok(ctx, build)
}

function linkBuildGroups(add: boolean, from: 'builds' | 'betaGroups'): Handler {
  return (ctx) => {
    const parent = mustGet(ctx, from, ctx.params['id'] ?? '')
    const data = (ctx.body?.data ?? []) as Linkage[]
    const otherType = from === 'builds' ? 'betaGroups' : 'builds'
    data.forEach((l, i) => {
      const other = ctx.store.get(otherType, l.id)
      if (!other) {
        throw conflict(
          'ENTITY_ERROR.RELATIONSHIP.INVALID',
          `There is no resource of type '${otherType}' with id '${l.id}'.`,
          `/data/${i}/id`,
        )
      }
      const build = (from === 'builds' ? parent : other) as StoredResource<AttributesByType['builds']>
      const group = (from === 'builds' ? other : parent) as StoredResource<AttributesByType['betaGroups']>
      if (appIdOf(ctx, build) !== appIdOf(ctx, group)) {
        throw conflict(
          'ENTITY_ERROR.RELATIONSHIP.INVALID',
          `The build '${build.id}' and the beta group '${group.id}' belong to different apps.`,
          `/data/${i}/id`,
        )
      }
      if (add && build.attributes.processingState !== 'VALID') {
        throw conflict(
          'ENTITY_ERROR.RELATIONSHIP.INVALID',
          `The build '${build.id}' is ${build.attributes.processingState}; only VALID builds can be added to beta groups.`,
          `/data/${i}/id`,
        )
      }
      if (add && build.attributes.expired) {
        throw conflict(
          'ENTITY_ERROR.RELATIONSHIP.INVALID',
          `The build '${build.id}' is expired.`,
          `/data/${i}/id`,
        )
      }
      const internalOnly = build.attributes.buildAudienceType === 'INTERNAL_ONLY'
      if (
        add &&
        internalOnly &&
        ctx.scenario.refuseInternalOnlyExternally &&
        !group.attributes.isInternalGroup
      ) {
        throw internalOnlyRefusal(`/data/${i}/id`)
      }
    })
    for (const l of data) {
      const [buildId, groupId] = from === 'builds' ? [parent.id, l.id] : [l.id, parent.id]
      if (add) ctx.store.linkBuildToGroup(buildId, groupId)
      else ctx.store.unlinkBuildFromGroup(buildId, groupId)
    }
    ctx.store.refresh()
    return noContent()
  }
}

function createBetaGroup(ctx: HandlerContext): HandlerResult {
  const app = target(ctx, 'app', 'apps')
  const a = attrs(ctx)
  const name = String(a['name'])
  if (
    ctx.store.list('betaGroups', (g) => appIdOf(ctx, g) === app.id && g.attributes.name === name).length > 0
  ) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      `A beta group named '${name}' already exists.`,
      '/data/attributes/name',
    )
  }
  const { id } = ctx.store.createBetaGroup({
    appId: app.id,
    name,
    isInternalGroup: a['isInternalGroup'] === true,
    ...(typeof a['hasAccessToAllBuilds'] === 'boolean'
      ? { hasAccessToAllBuilds: a['hasAccessToAllBuilds'] }
      : {}),
  })
  return ok(ctx, mustGet(ctx, 'betaGroups', id), 201)
}

function createBetaAppReviewSubmission(ctx: HandlerContext): HandlerResult {
  const build = target(ctx, 'build', 'builds')
  const pointer = '/data/relationships/build'
  if (ctx.store.related(build, 'betaAppReviewSubmission').length > 0) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The build has already been submitted for beta review.',
      pointer,
    )
  }
  if (build.attributes.processingState !== 'VALID') {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The build is ${build.attributes.processingState}; only VALID builds can be submitted for beta review.`,
      pointer,
    )
  }
  if (build.attributes.expired)
    throw conflict('ENTITY_ERROR.RELATIONSHIP.INVALID', 'The build is expired.', pointer)
  if (build.attributes.usesNonExemptEncryption !== false) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The build is missing export compliance information; set usesNonExemptEncryption first.',
      pointer,
    )
  }
  const refusal = betaReviewRefusal(ctx.store, ctx.scenario, build, ctx.now())
  if (refusal) throw refusal
  const submission = ctx.store.insert(
    'betaAppReviewSubmissions',
    { betaReviewState: 'WAITING_FOR_REVIEW', submittedDate: nowIso(ctx) },
    { build: { type: 'builds', id: build.id } },
  )
  ctx.store.refresh()
  return ok(ctx, submission, 201)
}

function createBetaBuildLocalization(ctx: HandlerContext): HandlerResult {
  const build = target(ctx, 'build', 'builds')
  const a = attrs(ctx)
  const locale = String(a['locale'])
  // The race Apple-Actions/upload-testflight-build#169 hit: Apple creates its own at this very moment.
  if (ctx.scenario.whatToTestRace && build.internal['whatToTestCreated'] !== true)
    createWhatToTest(ctx.store, build)
  if (ctx.store.related(build, 'betaBuildLocalizations').some((l) => l.attributes['locale'] === locale)) {
    // rorkai#763: Apple's words for a second localization of the same locale.
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      "There is an entity with same 'locale'.",
      '/data/attributes/locale',
    )
  }
  const loc = ctx.store.insert(
    'betaBuildLocalizations',
    { locale, ...(typeof a['whatsNew'] === 'string' ? { whatsNew: a['whatsNew'] } : {}) },
    { build: { type: 'builds', id: build.id } },
  )
  return ok(ctx, loc, 201)
}

function createBuildBetaNotification(ctx: HandlerContext): HandlerResult {
  const build = target(ctx, 'build', 'builds')
  if (build.attributes.processingState !== 'VALID') {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The build is ${build.attributes.processingState}; testers can only be notified about VALID builds.`,
      '/data/relationships/build',
    )
  }
  const notification = ctx.store.insert(
    'buildBetaNotifications',
    {},
    { build: { type: 'builds', id: build.id } },
  )
  return ok(ctx, notification, 201)
}

const BETA_APP_LOCALIZATION_TEXTS = [
  'description',
  'feedbackEmail',
  'marketingUrl',
  'privacyPolicyUrl',
  'tvOsPrivacyPolicy',
] as const
/** App Store Connect's limit on the Beta App Description and on review notes, in characters. */
const MAX_BETA_TEXT = 4000

function invalidAttribute(
  attribute: string,
  detail: string,
  code = 'ENTITY_ERROR.ATTRIBUTE.INVALID',
): ApiError {
  return conflict(code, detail, `/data/attributes/${attribute}`)
}

/** The checks App Store Connect makes on Test Information text: lengths, e-mail and URL shapes. */
function checkTestInformation(a: Record<string, unknown>): void {
  for (const name of ['description', 'notes']) {
    const v = a[name]
    if (typeof v === 'string' && Array.from(v).length > MAX_BETA_TEXT) {
      throw invalidAttribute(
        name,
        `The value for '${name}' exceeds the maximum length of ${MAX_BETA_TEXT}.`,
        'ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG',
      )
    }
  }
  for (const name of ['feedbackEmail', 'contactEmail']) {
    const v = a[name]
    if (typeof v === 'string' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) {
      throw invalidAttribute(name, `'${v}' is not a valid email address.`)
    }
  }
  for (const name of ['marketingUrl', 'privacyPolicyUrl', 'tvOsPrivacyPolicy']) {
    const v = a[name]
    if (typeof v === 'string' && !URL.canParse(v)) throw invalidAttribute(name, `'${v}' is not a valid URL.`)
  }
}

/** Copies the given attributes; a null clears one (the spec's update requests allow null). */
function applyAttributes(stored: object, a: Record<string, unknown>, names: readonly string[]): void {
  const target = stored as Record<string, unknown>
  for (const name of names) {
    if (!(name in a)) continue
    if (a[name] === null) Reflect.deleteProperty(target, name)
    else target[name] = a[name]
  }
}

/** A PATCH of Test Information: checked as App Store Connect checks it; null clears a field. */
function updateTestInformation(
  type: 'betaAppReviewDetails' | 'betaAppLocalizations',
  fields: readonly string[],
): Handler {
  return (ctx) => {
    const r = mustGet(ctx, type, ctx.params['id'] ?? '')
    const a = attrs(ctx)
    checkTestInformation(a)
    applyAttributes(r.attributes, a, fields)
    return ok(ctx, r)
  }
}

function createBetaAppLocalization(ctx: HandlerContext): HandlerResult {
  const app = target(ctx, 'app', 'apps')
  const a = attrs(ctx)
  const locale = String(a['locale'])
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(locale)) {
    throw invalidAttribute('locale', `'${locale}' is not a valid locale.`)
  }
  checkTestInformation(a)
  const ofApp = (r: StoredResource<object>) => appIdOf(ctx, r) === app.id
  if (ctx.store.list('betaAppLocalizations', ofApp).some((l) => l.attributes.locale === locale)) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      "There is an entity with same 'locale'.",
      '/data/attributes/locale',
    )
  }
  const loc = ctx.store.insert('betaAppLocalizations', { locale }, { app: { type: 'apps', id: app.id } })
  applyAttributes(loc.attributes, a, BETA_APP_LOCALIZATION_TEXTS)
  return ok(ctx, loc, 201)
}

function deleteBetaAppLocalization(ctx: HandlerContext): HandlerResult {
  const loc = mustGet(ctx, 'betaAppLocalizations', ctx.params['id'] ?? '')
  ctx.store.delete('betaAppLocalizations', loc.id)
  return noContent()
}

export const TESTFLIGHT_HANDLERS: Record<string, Handler> = {
  apps_betaGroups_getToManyRelated: getToMany('apps', 'betaGroups'),
  apps_betaAppReviewDetail_getToOneRelated: getToOne('apps', 'betaAppReviewDetail', 'betaAppReviewDetails'),
  apps_betaAppLocalizations_getToManyRelated: getToMany('apps', 'betaAppLocalizations'),

  betaAppReviewDetails_getCollection: getCollection('betaAppReviewDetails'),
  betaAppReviewDetails_getInstance: getInstance('betaAppReviewDetails'),
  betaAppReviewDetails_updateInstance: updateTestInformation('betaAppReviewDetails', REVIEW_DETAIL_FIELDS),

  betaAppLocalizations_getCollection: getCollection('betaAppLocalizations'),
  betaAppLocalizations_getInstance: getInstance('betaAppLocalizations'),
  betaAppLocalizations_createInstance: createBetaAppLocalization,
  betaAppLocalizations_updateInstance: updateTestInformation(
    'betaAppLocalizations',
    BETA_APP_LOCALIZATION_TEXTS,
  ),
  betaAppLocalizations_deleteInstance: deleteBetaAppLocalization,

  builds_updateInstance: updateBuild,
  builds_buildBetaDetail_getToOneRelated: getToOne('builds', 'buildBetaDetail', 'buildBetaDetails'),
  builds_betaAppReviewSubmission_getToOneRelated: getToOne(
    'builds',
    'betaAppReviewSubmission',
    'betaAppReviewSubmissions',
  ),
  builds_betaBuildLocalizations_getToManyRelated: getToMany('builds', 'betaBuildLocalizations'),
  builds_betaGroups_createToManyRelationship: linkBuildGroups(true, 'builds'),
  builds_betaGroups_deleteToManyRelationship: linkBuildGroups(false, 'builds'),

  betaGroups_getCollection: getCollection('betaGroups'),
  betaGroups_getInstance: getInstance('betaGroups'),
  betaGroups_createInstance: createBetaGroup,
  betaGroups_builds_getToManyRelated: getToMany('betaGroups', 'builds'),
  betaGroups_builds_createToManyRelationship: linkBuildGroups(true, 'betaGroups'),
  betaGroups_builds_deleteToManyRelationship: linkBuildGroups(false, 'betaGroups'),

  betaAppReviewSubmissions_getCollection: getCollection('betaAppReviewSubmissions'),
  betaAppReviewSubmissions_getInstance: getInstance('betaAppReviewSubmissions'),
  betaAppReviewSubmissions_createInstance: createBetaAppReviewSubmission,

  betaBuildLocalizations_getCollection: getCollection('betaBuildLocalizations'),
  betaBuildLocalizations_getInstance: getInstance('betaBuildLocalizations'),
  betaBuildLocalizations_createInstance: createBetaBuildLocalization,
  betaBuildLocalizations_updateInstance: updateSimple('betaBuildLocalizations', ['whatsNew']),

  buildBetaDetails_getCollection: getCollection('buildBetaDetails'),
  buildBetaDetails_getInstance: getInstance('buildBetaDetails'),
  buildBetaDetails_updateInstance: updateSimple('buildBetaDetails', ['autoNotifyEnabled']),
  buildBetaNotifications_createInstance: createBuildBetaNotification,
}

// ---------------------------------------------------------------------------------------------
// Lifecycle: beta details' states derived from their build, and Apple's own What to Test.

export function installTestFlightLifecycle(store: SimulatorStore, scenario: () => TestFlightScenario): void {
  store.onRefresh((now) => deriveBetaDetails(store, now))
  installWhatToTestLifecycle(store, scenario)
}

function deriveBetaDetails(store: SimulatorStore, now: number): void {
  for (const detail of store.list('buildBetaDetails')) {
    const build = store.related(detail, 'build')[0] as StoredResource<AttributesByType['builds']> | undefined
    if (!build) continue
    const [internal, external] = betaStates(store, build, now)
    detail.attributes.internalBuildState = internal
    detail.attributes.externalBuildState = external
  }
}

function betaStates(
  store: SimulatorStore,
  build: StoredResource<AttributesByType['builds']>,
  now: number,
): [string, string] {
  const a = build.attributes
  const betaReadyAt = build.internal['betaDetailsReadyAt']
  const betaStillProcessing =
    a.processingState === 'VALID' && typeof betaReadyAt === 'number' && now < betaReadyAt
  if (a.processingState === 'PROCESSING' || betaStillProcessing) return ['PROCESSING', 'PROCESSING']
  if (a.processingState !== 'VALID') return ['PROCESSING_EXCEPTION', 'PROCESSING_EXCEPTION']
  if (a.expired) return ['EXPIRED', 'EXPIRED']
  // An internal-only build has no external testing at all (botiverse/hands).
  const externalApplies = a.buildAudienceType !== 'INTERNAL_ONLY'
  const hasDeclaration = store.linkages(build, 'appEncryptionDeclaration').length > 0
  if (a.usesNonExemptEncryption === undefined || (a.usesNonExemptEncryption && !hasDeclaration)) {
    return ['MISSING_EXPORT_COMPLIANCE', externalApplies ? 'MISSING_EXPORT_COMPLIANCE' : 'NOT_APPLICABLE']
  }
  const groups = store.related(build, 'betaGroups')
  const internal = groups.some((g) => g.attributes['isInternalGroup'] === true)
    ? 'IN_BETA_TESTING'
    : 'READY_FOR_BETA_TESTING'
  const submission = store.related(build, 'betaAppReviewSubmission')[0]
  const inExternalGroup = groups.some((g) => g.attributes['isInternalGroup'] !== true)
  const external =
    {
      WAITING_FOR_REVIEW: 'WAITING_FOR_BETA_REVIEW',
      IN_REVIEW: 'IN_BETA_REVIEW',
      REJECTED: 'BETA_REJECTED',
      APPROVED: inExternalGroup ? 'IN_BETA_TESTING' : 'BETA_APPROVED',
    }[String(submission?.attributes['betaReviewState'])] ?? 'READY_FOR_BETA_SUBMISSION'
  return [internal, externalApplies ? external : 'NOT_APPLICABLE']
}

// ---------------------------------------------------------------------------------------------
// Apple's rules

/** Test information a scenario can leave unfilled, as App Store Connect's TestFlight > Test Information page names it. */
export type BetaReviewRequirement =
  | 'betaAppDescription'
  | 'feedbackEmail'
  | 'contactFirstName'
  | 'contactLastName'
  | 'contactEmail'
  | 'contactPhone'
  | 'demoAccountName'
  | 'demoAccountPassword'

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
  demoAccountName: attributeRequired('demoAccountName'),
  demoAccountPassword: attributeRequired('demoAccountPassword'),
}

/** What the app's Test Information lacks for Beta App Review, in the order App Store Connect lists it. */
export function missingTestInformation(store: Store, build: Build): BetaReviewRequirement[] {
  const app = appOf(store, build)
  if (!app) return []
  const ofApp = (r: StoredResource<object>) => store.linkages(r, 'app')[0]?.id === app.id
  const primary = store
    .list('betaAppLocalizations', ofApp)
    .find((l) => l.attributes.locale === app.attributes.primaryLocale)?.attributes
  const detail = store.list('betaAppReviewDetails', ofApp)[0]?.attributes ?? {}
  const missing: BetaReviewRequirement[] = []
  if (!primary?.description) missing.push('betaAppDescription')
  if (!primary?.feedbackEmail) missing.push('feedbackEmail')
  if (!detail.contactFirstName) missing.push('contactFirstName')
  if (!detail.contactLastName) missing.push('contactLastName')
  if (!detail.contactEmail) missing.push('contactEmail')
  if (!detail.contactPhone) missing.push('contactPhone')
  if (detail.demoAccountRequired === true) {
    if (!detail.demoAccountName) missing.push('demoAccountName')
    if (!detail.demoAccountPassword) missing.push('demoAccountPassword')
  }
  return missing
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
  scenario: TestFlightScenario,
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
  const unfilled = scenario.requireTestInformation ? missingTestInformation(store, build) : []
  const missing = missingBetaReviewInformation(
    [...new Set([...scenario.betaReviewMissing, ...unfilled])],
    scenario.betaReviewMissingShape,
  )
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
function installWhatToTestLifecycle(store: Store, scenario: () => TestFlightScenario): void {
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
