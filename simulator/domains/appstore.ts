// App Store versions, their localizations and phased release, review submissions and their items,
// and release requests, as the real App Store Connect behaves (sources cited at each rule below):
// review submissions that finish canceling through COMPLETING after a delay and block new ones
// meanwhile, versions that become READY_FOR_REVIEW when added to a submission and cannot be submitted
// for a moment after, App Review's refusal at the item when metadata or an update's What's New is
// missing, a new version taking the previous one's locales, the intermittent releaseType refusal, and
// What's New refused on an app's first version. The rules wrap the plain handlers (withAppStoreRules).
import { randomUUID } from 'node:crypto'
import { ApiError, conflict, type AppleError } from '../errors.js'
import type { AttributesByType, Linkage, Platform, Store, StoredResource } from '../store.js'
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
  patchAttributes,
  relId,
  resourceData,
  target,
  updateSimple,
  type Handler,
  type HandlerContext,
  type HandlerResult,
} from './generic.js'
import { copyPreviousReviewDetail, refuseListingLimits } from './listing.js'

/** What App Review finds missing on submit; each becomes one of Apple's associated errors. */
export type MissingMetadata =
  | 'screenshots'
  | 'privacyPolicyUrl'
  | 'ageRating'
  | 'contentRights'
  | 'exportCompliance'
  | 'appDataUsages'
  | 'pricing'

export interface AppStoreScenario {
  /** Metadata App Review finds missing when the version is added to a submission (default none). */
  appStoreMissing: MissingMetadata[]
  /** The status of that refusal: 409 (what Apple usually sends) or 422. */
  appStoreMissingStatus: 409 | 422
  /**
   * Where missing metadata is refused: when the item is added (Apple today: codemagic
   * review_submission_items_actions_group.py, sceneview#2908; the draft is left empty) or on submit.
   */
  appStoreMissingAt: 'item' | 'submit'
  /** How long a canceled review submission stays CANCELING before it is COMPLETING (default 300). */
  reviewCancelMs: number
  /** How long it then stays COMPLETING before it is COMPLETE (default 200; spec enum, microsoft/asconnect). */
  reviewCompletingMs: number
  /**
   * How long after COMPLETE creating a review submission is still refused "There is another
   * reviewSubmissions with id … still in progress" (default 200; seen for recently canceled ones, rorkai 21384c75).
   */
  inProgressAfterCompleteMs: number
  /**
   * How long after the version is added `submitted: true` is refused "Version is not ready to be submitted
   * yet, please try again later." (default 300; fastlane#20065, #21510). 0 turns it off.
   */
  submitNotReadyMs: number
  /** An update's localizations each need whatsNew, refused at the item once per locale (default true; fastlane#20612). */
  requireWhatsNew: boolean
  /** A new version gets the previous version's localizations, as Apple creates them (default true; asc#836). */
  copyPreviousLocales: boolean
  /**
   * How many times the first releaseType change of a version answers 409 "The attribute 'releaseType'
   * can not be modified." (default 1; fastlane#16679, #16911). 0 turns it off.
   */
  releaseTypeRefusals: number
  /**
   * App Review refuses the item when the listing is incomplete: a localization without description,
   * keywords or support URL, or App Review details without a contact (fastlane#20009: "You must provide a
   * value for the attribute 'description' with this request"). On by default; the sample app's first
   * versions carry a filled listing (seed.ts keepListing), as a team's do.
   */
  requireListing: boolean
  /**
   * How long after a new version is created its editable app info is missing from the app's app infos
   * (default 300; fastlane deliver waits for it: upload_metadata.rb fetch_edit_app_info in retry_if_nil
   * "Cannot find edit app info"). 0 turns it off.
   */
  editAppInfoLagMs: number
  /**
   * Refuse What's New on an app's first version, as Apple does (409). Off by default only because the
   * simulator's own API walk-through (simulator-api.test.ts) sets What's New on a first version.
   */
  refuseFirstVersionWhatsNew: boolean
  /**
   * How long a released version stays PROCESSING_FOR_DISTRIBUTION before it is READY_FOR_DISTRIBUTION
   * and its phased release starts (default 200).
   */
  releaseProcessingMs: number
  /**
   * App Review's verdict on each version submitted, `afterMs` after the submission (default null: App Review
   * never decides on its own, and tests decide with `sim.store.decideReview`).
   */
  appReviewVerdict: { verdict: 'approved' | 'rejected'; afterMs: number } | null
}

export const APP_STORE_SCENARIO_DEFAULTS: AppStoreScenario = {
  appStoreMissing: [],
  appStoreMissingStatus: 409,
  appStoreMissingAt: 'item',
  reviewCancelMs: 300,
  reviewCompletingMs: 200,
  inProgressAfterCompleteMs: 200,
  submitNotReadyMs: 300,
  requireWhatsNew: true,
  copyPreviousLocales: true,
  releaseTypeRefusals: 1,
  refuseFirstVersionWhatsNew: true,
  requireListing: true,
  editAppInfoLagMs: 300,
  releaseProcessingMs: 200,
  appReviewVerdict: null,
}

// READY_FOR_REVIEW: added to a draft submission that is not submitted yet (fastlane fixture
// tunes/review_submission.json). Assumed editable like PREPARE_FOR_SUBMISSION: no evidence shows Apple
// refusing an edit in that state.
const EDITABLE_VERSION_STATES = new Set([
  'PREPARE_FOR_SUBMISSION',
  'READY_FOR_REVIEW',
  'DEVELOPER_REJECTED',
  'REJECTED',
  'METADATA_REJECTED',
  'INVALID_BINARY',
])

function createAppStoreVersion(ctx: HandlerContext): HandlerResult {
  const app = target(ctx, 'app', 'apps')
  const a = attrs(ctx) as { platform: Platform; versionString: string }
  const versions = ctx.store.list(
    'appStoreVersions',
    (v) => appIdOf(ctx, v) === app.id && v.attributes.platform === a.platform,
  )
  if (versions.some((v) => v.attributes.versionString === a.versionString)) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      `A version with versionString '${a.versionString}' already exists for ${a.platform}.`,
      '/data/attributes/versionString',
    )
  }
  const open = versions.find(
    (v) =>
      EDITABLE_VERSION_STATES.has(v.attributes.appStoreState) ||
      v.attributes.appStoreState.includes('REVIEW'),
  )
  if (open) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `You cannot create a new version of the App in the current state: version ${open.attributes.versionString} is ${open.attributes.appStoreState}.`,
      '/data/relationships/app',
    )
  }
  const { id, newAppInfoId } = ctx.store.createAppStoreVersion({
    appId: app.id,
    versionString: a.versionString,
    platform: a.platform,
  })
  // The new version's editable app info shows a moment later (listing.ts appInfosOfApp).
  const info = newAppInfoId ? ctx.store.get('appInfos', newAppInfoId) : undefined
  if (info) info.internal['visibleAt'] = ctx.now() + ctx.scenario.editAppInfoLagMs
  const version = mustGet(ctx, 'appStoreVersions', id)
  patchAttributes(ctx, version, ['copyright', 'reviewType', 'releaseType', 'earliestReleaseDate'])
  const buildId = relId(ctx, 'build')
  if (buildId) attachBuild(ctx, version, buildId, '/data/relationships/build/data/id')
  return ok(ctx, version, 201)
}

function attachBuild(
  ctx: HandlerContext,
  version: StoredResource<AttributesByType['appStoreVersions']>,
  buildId: string,
  pointer: string,
): void {
  const build = ctx.store.get('builds', buildId)
  if (!build)
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `There is no resource of type 'builds' with id '${buildId}'.`,
      pointer,
    )
  const pre = ctx.store.related(build, 'preReleaseVersion')[0] as
    StoredResource<AttributesByType['preReleaseVersions']> | undefined
  const problems: string[] = []
  if (appIdOf(ctx, build) !== appIdOf(ctx, version)) problems.push('the build belongs to another app')
  if (pre?.attributes.platform !== version.attributes.platform)
    problems.push(`the build is not a ${version.attributes.platform} build`)
  if (pre?.attributes.version !== version.attributes.versionString) {
    problems.push(
      `the build's version ${pre?.attributes.version ?? '?'} does not match the version string ${version.attributes.versionString}`,
    )
  }
  if (build.attributes.processingState !== 'VALID')
    problems.push(`the build is ${build.attributes.processingState}`)
  if (build.attributes.expired) problems.push('the build is expired')
  if (problems.length > 0) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The build cannot be attached: ${problems.join('; ')}.`,
      pointer,
    )
  }
  if (!EDITABLE_VERSION_STATES.has(version.attributes.appStoreState)) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The build of a version in state ${version.attributes.appStoreState} cannot be changed.`,
      pointer,
    )
  }
  version.relationships['build'] = { type: 'builds', id: build.id }
}

function updateAppStoreVersion(ctx: HandlerContext): HandlerResult {
  const version = mustGet(ctx, 'appStoreVersions', ctx.params['id'] ?? '')
  const a = attrs(ctx)
  if ('versionString' in a && !EDITABLE_VERSION_STATES.has(version.attributes.appStoreState)) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      `The version string cannot be changed in state ${version.attributes.appStoreState}.`,
      '/data/attributes/versionString',
    )
  }
  patchAttributes(ctx, version, [
    'versionString',
    'copyright',
    'reviewType',
    'releaseType',
    'earliestReleaseDate',
    'downloadable',
  ])
  const buildId = relId(ctx, 'build')
  if (buildId) attachBuild(ctx, version, buildId, '/data/relationships/build/data/id')
  return ok(ctx, version)
}

function updateAppStoreVersionBuild(ctx: HandlerContext): HandlerResult {
  const version = mustGet(ctx, 'appStoreVersions', ctx.params['id'] ?? '')
  const data = ctx.body?.data as Linkage | null
  if (data === null) {
    version.relationships['build'] = null
    return noContent()
  }
  attachBuild(ctx, version, data.id, '/data/id')
  return noContent()
}

function createAppStoreVersionLocalization(ctx: HandlerContext): HandlerResult {
  const version = target(ctx, 'appStoreVersion', 'appStoreVersions')
  const locale = String(attrs(ctx)['locale'])
  if (
    ctx.store.related(version, 'appStoreVersionLocalizations').some((l) => l.attributes['locale'] === locale)
  ) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      `The version already has a localization for locale '${locale}'.`,
      '/data/attributes/locale',
    )
  }
  const loc = ctx.store.insert(
    'appStoreVersionLocalizations',
    { locale },
    { appStoreVersion: { type: 'appStoreVersions', id: version.id } },
  )
  patchAttributes(ctx, loc, LOCALIZATION_FIELDS)
  return ok(ctx, loc, 201)
}

const LOCALIZATION_FIELDS = [
  'description',
  'keywords',
  'marketingUrl',
  'promotionalText',
  'supportUrl',
  'whatsNew',
]

function createPhasedRelease(ctx: HandlerContext): HandlerResult {
  const version = target(ctx, 'appStoreVersion', 'appStoreVersions')
  if (ctx.store.related(version, 'appStoreVersionPhasedRelease').length > 0) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The version already has a phased release.',
      '/data/relationships/appStoreVersion',
    )
  }
  const state = attrs(ctx)['phasedReleaseState']
  const release = ctx.store.insert(
    'appStoreVersionPhasedReleases',
    {
      phasedReleaseState: typeof state === 'string' ? state : 'INACTIVE',
      totalPauseDuration: 0,
      currentDayNumber: 0,
    },
    { appStoreVersion: { type: 'appStoreVersions', id: version.id } },
  )
  return ok(ctx, release, 201)
}

function deletePhasedRelease(ctx: HandlerContext): HandlerResult {
  const release = mustGet(ctx, 'appStoreVersionPhasedReleases', ctx.params['id'] ?? '')
  ctx.store.delete('appStoreVersionPhasedReleases', release.id)
  return noContent()
}

const OPEN_SUBMISSION_STATES = new Set([
  'READY_FOR_REVIEW',
  'WAITING_FOR_REVIEW',
  'IN_REVIEW',
  'UNRESOLVED_ISSUES',
])

function createReviewSubmission(ctx: HandlerContext): HandlerResult {
  const app = target(ctx, 'app', 'apps')
  const platform = (attrs(ctx)['platform'] as Platform | null | undefined) ?? 'IOS'
  const open = ctx.store.list(
    'reviewSubmissions',
    (s) =>
      appIdOf(ctx, s) === app.id &&
      s.attributes.platform === platform &&
      OPEN_SUBMISSION_STATES.has(s.attributes.state),
  )[0]
  if (open) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The app already has an open review submission (${open.id}, ${open.attributes.state}) for ${platform}.`,
      '/data/relationships/app',
    )
  }
  const submission = ctx.store.insert(
    'reviewSubmissions',
    { platform, state: 'READY_FOR_REVIEW' },
    { app: { type: 'apps', id: app.id }, appStoreVersionForReview: null },
  )
  return ok(ctx, submission, 201)
}

function createReviewSubmissionItem(ctx: HandlerContext): HandlerResult {
  const submission = target(ctx, 'reviewSubmission', 'reviewSubmissions')
  if (!['READY_FOR_REVIEW', 'UNRESOLVED_ISSUES'].includes(submission.attributes.state)) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `Items cannot be added to a review submission in state ${submission.attributes.state}.`,
      '/data/relationships/reviewSubmission',
    )
  }
  const rels = resourceData(ctx).relationships ?? {}
  const targets = Object.keys(rels).filter((k) => k !== 'reviewSubmission' && rels[k]?.data)
  if (targets.length !== 1 || targets[0] !== 'appStoreVersion') {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      targets.length === 1
        ? `The simulator only supports appStoreVersion review items, not ${targets[0] ?? ''}.`
        : 'Exactly one item relationship (e.g. appStoreVersion) is required.',
      '/data/relationships',
    )
  }
  const version = target(ctx, 'appStoreVersion', 'appStoreVersions')
  if (appIdOf(ctx, version) !== appIdOf(ctx, submission)) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The version belongs to another app.',
      '/data/relationships/appStoreVersion',
    )
  }
  if (version.attributes.platform !== submission.attributes.platform) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The version is for ${version.attributes.platform} but the submission is for ${submission.attributes.platform}.`,
      '/data/relationships/appStoreVersion',
    )
  }
  if (ctx.store.linkages(version, 'build').length === 0) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The version has no build attached; attach a build before submitting it for review.',
      '/data/relationships/appStoreVersion',
    )
  }
  const existing = ctx.store
    .related(submission, 'items')
    .some(
      (item) =>
        item.relationships['appStoreVersion'] &&
        ctx.store.linkages(item, 'appStoreVersion')[0]?.id === version.id,
    )
  if (existing) {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      'The version is already an item of this review submission.',
      '/data/relationships/appStoreVersion',
    )
  }
  const item = ctx.store.insert(
    'reviewSubmissionItems',
    { state: 'READY_FOR_REVIEW' },
    {
      reviewSubmission: { type: 'reviewSubmissions', id: submission.id },
      appStoreVersion: { type: 'appStoreVersions', id: version.id },
    },
  )
  submission.relationships['appStoreVersionForReview'] = { type: 'appStoreVersions', id: version.id }
  return ok(ctx, item, 201)
}

function updateReviewSubmission(ctx: HandlerContext): HandlerResult {
  const submission = mustGet(ctx, 'reviewSubmissions', ctx.params['id'] ?? '')
  const a = attrs(ctx)
  const versions = versionsOf(ctx.store, submission)
  if (a['submitted'] === true) {
    if (
      submission.attributes.state !== 'READY_FOR_REVIEW' &&
      submission.attributes.state !== 'UNRESOLVED_ISSUES'
    ) {
      throw conflict(
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        `A review submission in state ${submission.attributes.state} cannot be submitted.`,
        '/data/attributes/submitted',
      )
    }
    if (versions.length === 0) {
      throw conflict(
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        'The review submission has no items.',
        '/data/attributes/submitted',
      )
    }
    submission.attributes.state = 'WAITING_FOR_REVIEW'
    submission.attributes.submittedDate = nowIso(ctx)
    for (const v of versions) {
      v.attributes.appStoreState = 'WAITING_FOR_REVIEW'
      v.attributes.appVersionState = 'WAITING_FOR_REVIEW'
    }
  } else if (a['canceled'] === true) {
    if (
      !['WAITING_FOR_REVIEW', 'IN_REVIEW', 'UNRESOLVED_ISSUES', 'READY_FOR_REVIEW'].includes(
        submission.attributes.state,
      )
    ) {
      throw conflict(
        'ENTITY_ERROR.ATTRIBUTE.INVALID',
        `A review submission in state ${submission.attributes.state} cannot be canceled.`,
        '/data/attributes/canceled',
      )
    }
    const wasSubmitted = submission.attributes.state !== 'READY_FOR_REVIEW'
    submission.attributes.state = 'CANCELING'
    if (wasSubmitted) {
      for (const v of versions) {
        v.attributes.appStoreState = 'DEVELOPER_REJECTED'
        v.attributes.appVersionState = 'DEVELOPER_REJECTED'
      }
    }
  }
  if (typeof a['platform'] === 'string') submission.attributes.platform = a['platform'] as Platform
  return ok(ctx, submission)
}

function createReleaseRequest(ctx: HandlerContext): HandlerResult {
  const version = target(ctx, 'appStoreVersion', 'appStoreVersions')
  if (version.attributes.appVersionState !== 'PENDING_DEVELOPER_RELEASE') {
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `The version is ${version.attributes.appVersionState}; only versions in PENDING_DEVELOPER_RELEASE can be released.`,
      '/data/relationships/appStoreVersion',
    )
  }
  startDistribution(version, ctx.now(), ctx.scenario.releaseProcessingMs)
  const request = ctx.store.insert(
    'appStoreVersionReleaseRequests',
    {},
    {
      appStoreVersion: { type: 'appStoreVersions', id: version.id },
    },
  )
  return ok(ctx, request, 201)
}

/** A released version is processed for the App Store, then reaches it (tramlinehq/applelink#47 names both states). */
function startDistribution(version: Version, now: number, processingMs: number): void {
  setVersionState(version, 'PROCESSING_FOR_DISTRIBUTION')
  version.internal['distributedAt'] = now + processingMs
}

/** appVersionState and the deprecated appStoreState, which names two of the states differently. */
function setVersionState(version: Version, state: string): void {
  version.attributes.appVersionState = state
  version.attributes.appStoreState = LEGACY_STATE_NAMES[state] ?? state
}

const LEGACY_STATE_NAMES: Record<string, string> = {
  READY_FOR_DISTRIBUTION: 'READY_FOR_SALE',
  PROCESSING_FOR_DISTRIBUTION: 'PROCESSING_FOR_APP_STORE',
}

const DAY_MS = 24 * 3600 * 1000
/** A phased release reaches every user on its seventh day (App Store Connect Help, "Release a version update in phases"). */
const PHASED_DAYS = 7
const PHASED_TRANSITIONS: Record<string, string[]> = {
  ACTIVE: ['PAUSED', 'COMPLETE'],
  PAUSED: ['ACTIVE', 'COMPLETE'],
}

/**
 * Pause, resume or complete a phased release (spaceship app_store_version_phased_release.rb). One that has
 * not started (INACTIVE: the version is not released) or is over (COMPLETE) takes no change.
 */
function updatePhasedRelease(ctx: HandlerContext): HandlerResult {
  const release = mustGet(ctx, 'appStoreVersionPhasedReleases', ctx.params['id'] ?? '')
  const wanted = attrs(ctx)['phasedReleaseState']
  const current = release.attributes.phasedReleaseState
  if (typeof wanted !== 'string' || wanted === current) return ok(ctx, release)
  if (!(PHASED_TRANSITIONS[current] ?? []).includes(wanted)) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      `The phased release is ${current} and cannot be changed to ${wanted}.`,
      '/data/attributes/phasedReleaseState',
    )
  }
  const now = ctx.now()
  if (current === 'PAUSED') release.internal['pausedMs'] = pausedMs(release, now)
  release.internal['pausedAt'] = wanted === 'PAUSED' ? now : undefined
  release.attributes.phasedReleaseState = wanted
  if (wanted === 'COMPLETE') release.internal['completedAt'] = now
  advancePhasedRelease(release, now)
  return ok(ctx, release)
}

type PhasedRelease = StoredResource<AttributesByType['appStoreVersionPhasedReleases']>

/** All the time the phased release has been paused, the pause under way included. */
function pausedMs(release: PhasedRelease, now: number): number {
  const before = Number(release.internal['pausedMs'] ?? 0)
  const pausedAt = release.internal['pausedAt']
  return before + (typeof pausedAt === 'number' ? now - pausedAt : 0)
}

/** currentDayNumber and totalPauseDuration (whole days) on the clock; the seventh day completes it. */
function advancePhasedRelease(release: PhasedRelease, now: number): void {
  const startedAt = release.internal['startedAt']
  if (typeof startedAt !== 'number') return
  const completedAt = release.internal['completedAt']
  const until = typeof completedAt === 'number' ? completedAt : now
  const paused = pausedMs(release, until)
  const day = Math.floor((until - startedAt - paused) / DAY_MS) + 1
  release.attributes.totalPauseDuration = Math.floor(paused / DAY_MS)
  release.attributes.currentDayNumber = Math.min(day, PHASED_DAYS)
  if (release.attributes.phasedReleaseState === 'ACTIVE' && day > PHASED_DAYS) {
    release.attributes.phasedReleaseState = 'COMPLETE'
    release.internal['completedAt'] = startedAt + paused + PHASED_DAYS * DAY_MS
  }
}

/** The version reaches the App Store: the one before is replaced, and its phased release starts. */
function distribute(store: Store, version: Version, at: number): void {
  for (const other of store.list('appStoreVersions')) {
    if (
      other.id !== version.id &&
      other.attributes.platform === version.attributes.platform &&
      store.linkages(other, 'app')[0]?.id === store.linkages(version, 'app')[0]?.id &&
      other.attributes.appVersionState === 'READY_FOR_DISTRIBUTION'
    )
      setVersionState(other, 'REPLACED_WITH_NEW_VERSION')
  }
  setVersionState(version, 'READY_FOR_DISTRIBUTION')
  delete version.internal['distributedAt']
  const phased = store.related(version, 'appStoreVersionPhasedRelease')[0] as PhasedRelease | undefined
  if (phased?.attributes.phasedReleaseState === 'INACTIVE') {
    phased.attributes.phasedReleaseState = 'ACTIVE'
    phased.attributes.startDate = new Date(at).toISOString()
    phased.internal['startedAt'] = at
  }
}

/**
 * App Review's verdict, when a test scheduled one (`sim.store.decideReview`): approved, a version waits for
 * its developer (MANUAL), Apple's date (SCHEDULED) or goes out at once (AFTER_APPROVAL); rejected, its
 * submission has UNRESOLVED_ISSUES and the version is REJECTED.
 */
function applyVerdict(store: Store, version: Version, now: number, processingMs: number): void {
  const at = version.internal['verdictAt']
  const verdict = version.internal['verdict']
  if (typeof at !== 'number') return
  const submission = store
    .list('reviewSubmissions', (s) => ['WAITING_FOR_REVIEW', 'IN_REVIEW'].includes(s.attributes.state))
    .find((s) => versionsOf(store, s).some((v) => v.id === version.id))
  // A review is IN_REVIEW for the second half of its time, as a real one is for a while before its verdict.
  const inReviewAt = version.internal['inReviewAt']
  if (
    submission?.attributes.state === 'WAITING_FOR_REVIEW' &&
    typeof inReviewAt === 'number' &&
    now >= inReviewAt
  )
    submission.attributes.state = 'IN_REVIEW'
  if (now < at) return
  delete version.internal['verdictAt']
  if (verdict === 'rejected') {
    if (submission) submission.attributes.state = 'UNRESOLVED_ISSUES'
    setVersionState(version, 'REJECTED')
    return
  }
  if (submission) submission.attributes.state = 'COMPLETE'
  const releaseType = version.attributes.releaseType
  if (releaseType === 'AFTER_APPROVAL') startDistribution(version, at, processingMs)
  else
    setVersionState(
      version,
      releaseType === 'SCHEDULED' ? 'PENDING_APPLE_RELEASE' : 'PENDING_DEVELOPER_RELEASE',
    )
}

// ---------------------------------------------------------------------------------------------
// Apple's rules, wrapped around the handlers above

type Version = StoredResource<AttributesByType['appStoreVersions']>
type Submission = StoredResource<AttributesByType['reviewSubmissions']>

const RELEASED_VERSION_STATES = new Set([
  'READY_FOR_DISTRIBUTION',
  'PROCESSING_FOR_DISTRIBUTION',
  'REPLACED_WITH_NEW_VERSION',
])

/** The version state a submission puts its versions in; other submission states leave them alone. */
const VERSION_STATE_BY_SUBMISSION: Record<string, string> = {
  WAITING_FOR_REVIEW: 'WAITING_FOR_REVIEW',
  IN_REVIEW: 'IN_REVIEW',
  UNRESOLVED_ISSUES: 'REJECTED',
}

/** Time-based App Store state, advanced before every read like the rest of the lifecycle. */
export function installAppStoreLifecycle(store: Store, scenario: () => AppStoreScenario): void {
  store.onRefresh((now) => {
    for (const version of store.list('appStoreVersions')) {
      applyVerdict(store, version, now, scenario().releaseProcessingMs)
      const distributedAt = version.internal['distributedAt']
      if (typeof distributedAt === 'number' && now >= distributedAt) distribute(store, version, distributedAt)
    }
    for (const release of store.list('appStoreVersionPhasedReleases')) advancePhasedRelease(release, now)
    for (const submission of store.list('reviewSubmissions')) {
      advanceCancel(submission, now)
      // Only a change of the submission's state carries over, so a test can still set a version's state.
      const { state } = submission.attributes
      if (submission.internal['followedState'] === state) continue
      submission.internal['followedState'] = state
      const versionState = VERSION_STATE_BY_SUBMISSION[state]
      if (!versionState) continue
      for (const version of versionsOf(store, submission)) {
        version.attributes.appStoreState = versionState
        version.attributes.appVersionState = versionState
      }
    }
  })
}

/** CANCELING → COMPLETING → COMPLETE, each after its time (spec enum; codemagic submit_to_app_store_action.py). */
function advanceCancel(submission: Submission, now: number): void {
  const completingAt = submission.internal['cancelCompletesAt']
  const completeAt = submission.internal['completingEndsAt']
  if (submission.attributes.state === 'CANCELING' && typeof completingAt === 'number' && now >= completingAt)
    submission.attributes.state = 'COMPLETING'
  if (submission.attributes.state === 'COMPLETING' && typeof completeAt === 'number' && now >= completeAt) {
    submission.attributes.state = 'COMPLETE'
    submission.internal['completedAt'] = completeAt
  }
}

/** The handlers with the App Store rules wrapped around the generic ones they refine. */
function withAppStoreRules(base: Record<string, Handler>): Record<string, Handler> {
  const wrap = (
    id: string,
    before: (ctx: HandlerContext) => void,
    after?: (ctx: HandlerContext, result: HandlerResult) => void,
  ) => {
    const handler = base[id]
    if (!handler) throw new Error(`No handler ${id} to add App Store rules to`)
    const wrapped: Handler = async (ctx) => {
      before(ctx)
      const result = await handler(ctx)
      if (result.status < 300) after?.(ctx, result)
      return result
    }
    return { [id]: wrapped }
  }
  return {
    ...base,
    ...wrap('appStoreVersions_createInstance', () => undefined, copyPreviousLocales),
    ...wrap('appStoreVersions_updateInstance', refuseEarlyReleaseTypeChange),
    ...wrap('reviewSubmissions_createInstance', refuseWhileAnotherInProgress),
    ...wrap('reviewSubmissionItems_createInstance', refuseItem, (ctx) => {
      // Adding the version makes it READY_FOR_REVIEW (fastlane fixture tunes/review_submission.json).
      const version = ctx.store.get('appStoreVersions', relId(ctx, 'appStoreVersion') ?? '')
      const submission = ctx.store.get('reviewSubmissions', relId(ctx, 'reviewSubmission') ?? '')
      if (version) {
        version.attributes.appStoreState = 'READY_FOR_REVIEW'
        version.attributes.appVersionState = 'READY_FOR_REVIEW'
      }
      if (submission) submission.internal['notReadyUntil'] = ctx.now() + ctx.scenario.submitNotReadyMs
    }),
    ...wrap(
      'reviewSubmissions_updateInstance',
      (ctx) => {
        refuseNotReadyYet(ctx)
        if (ctx.scenario.appStoreMissingAt === 'submit') refuseMissingMetadataOnSubmit(ctx)
      },
      (ctx) => {
        const submission = ctx.store.get('reviewSubmissions', ctx.params['id'] ?? '')
        if (!submission) return
        const verdict = ctx.scenario.appReviewVerdict
        if (attrs(ctx)['submitted'] === true && verdict) {
          for (const version of versionsOf(ctx.store, submission)) {
            version.internal['verdict'] = verdict.verdict
            version.internal['verdictAt'] = ctx.now() + verdict.afterMs
            version.internal['inReviewAt'] = ctx.now() + verdict.afterMs / 2
          }
        }
        if (attrs(ctx)['canceled'] !== true) return
        const completingAt = ctx.now() + ctx.scenario.reviewCancelMs
        submission.internal['cancelCompletesAt'] = completingAt
        submission.internal['completingEndsAt'] = completingAt + ctx.scenario.reviewCompletingMs
        // A canceled draft gives its version back for editing.
        for (const version of versionsOf(ctx.store, submission)) {
          if (version.attributes.appVersionState !== 'READY_FOR_REVIEW') continue
          version.attributes.appStoreState = 'PREPARE_FOR_SUBMISSION'
          version.attributes.appVersionState = 'PREPARE_FOR_SUBMISSION'
        }
      },
    ),
    ...wrap('appStoreVersionLocalizations_createInstance', (ctx) => {
      const version = ctx.store.get('appStoreVersions', relId(ctx, 'appStoreVersion') ?? '')
      if (version) {
        refuseLockedVersionText(version, ['locale'])
        refuseFirstVersionWhatsNew(ctx, version)
      }
      refuseListingLimits(ctx)
    }),
    ...wrap('appStoreVersionLocalizations_updateInstance', (ctx) => {
      const localization = ctx.store.get('appStoreVersionLocalizations', ctx.params['id'] ?? '')
      const version =
        localization && (ctx.store.related(localization, 'appStoreVersion')[0] as Version | undefined)
      if (version) {
        refuseLockedVersionText(version, Object.keys(attrs(ctx)))
        refuseFirstVersionWhatsNew(ctx, version)
      }
      refuseListingLimits(ctx)
    }),
  }
}

/**
 * Once a version is past editing, its texts are locked, except promotional text, which Apple lets change
 * without a new submission (fastlane deliver edit_live updates it on the live version; App Store Connect
 * Help on platform version information describes promotional text so); a new localization is refused too.
 */
function refuseLockedVersionText(version: Version, attributes: string[]): void {
  if (EDITABLE_VERSION_STATES.has(version.attributes.appVersionState)) return
  const locked = attributes.find((a) => a !== 'promotionalText')
  if (locked === undefined) return
  throw conflict(
    'STATE_ERROR',
    `An attribute value is not acceptable for the current resource state. The attribute '${locked}' can not be edited at this time.`,
    `/data/attributes/${locked}`,
  )
}

/**
 * Apple creates a new version's localizations from the previous version's (asc#836), texts included;
 * What's New starts empty. App Review details come along too (listing.ts copyPreviousReviewDetail).
 */
function copyPreviousLocales(ctx: HandlerContext, result: HandlerResult): void {
  if (!ctx.scenario.copyPreviousLocales) return
  const id = (result.body as { data?: { id?: string } } | undefined)?.data?.id
  const version = id === undefined ? undefined : ctx.store.get('appStoreVersions', id)
  if (!version) return
  const previous = siblingVersions(ctx, version).sort((a, b) => b.seq - a.seq)[0]
  if (!previous) return
  const have = ctx.store.related(version, 'appStoreVersionLocalizations')
  copyPreviousReviewDetail(ctx.store, previous.id, version.id)
  for (const localization of ctx.store.related(previous, 'appStoreVersionLocalizations')) {
    const copied: Record<string, unknown> = { ...localization.attributes }
    delete copied['whatsNew']
    const made = have.find((l) => l.attributes['locale'] === localization.attributes['locale'])
    if (made) {
      made.attributes = { ...copied, ...made.attributes }
      continue
    }
    ctx.store.insert('appStoreVersionLocalizations', copied, {
      appStoreVersion: { type: 'appStoreVersions', id: version.id },
    })
  }
}

/** The app's other versions on the same platform. */
function siblingVersions(ctx: HandlerContext, version: Version): Version[] {
  const appId = appIdOf(ctx, version)
  return ctx.store.list(
    'appStoreVersions',
    (v) =>
      v.id !== version.id &&
      v.attributes.platform === version.attributes.platform &&
      appIdOf(ctx, v) === appId,
  )
}

/** The first releaseType change of a version may be refused for a while (fastlane#16679, #16911). */
function refuseEarlyReleaseTypeChange(ctx: HandlerContext): void {
  const version = ctx.store.get('appStoreVersions', ctx.params['id'] ?? '')
  const wanted = attrs(ctx)['releaseType']
  if (!version || wanted === undefined || wanted === version.attributes.releaseType) return
  const refused = Number(version.internal['releaseTypeRefused'] ?? 0)
  if (refused >= ctx.scenario.releaseTypeRefusals) return
  version.internal['releaseTypeRefused'] = refused + 1
  throw conflict(
    'ENTITY_ERROR.ATTRIBUTE.INVALID',
    "The attribute 'releaseType' can not be modified.",
    '/data/attributes/releaseType',
  )
}

/** One review submission per app and platform until the last one is COMPLETE (microsoft/asconnect version_client.py). */
function refuseWhileAnotherInProgress(ctx: HandlerContext): void {
  const appId = relId(ctx, 'app')
  const platform = (attrs(ctx)['platform'] as string | null | undefined) ?? 'IOS'
  const now = ctx.now()
  const busy = ctx.store.list('reviewSubmissions', (s) => {
    if (appIdOf(ctx, s) !== appId || s.attributes.platform !== platform) return false
    if (s.attributes.state !== 'COMPLETE') return true
    const completedAt = s.internal['completedAt']
    return typeof completedAt === 'number' && now < completedAt + ctx.scenario.inProgressAfterCompleteMs
  })[0]
  if (busy) {
    throw conflict(
      'STATE_ERROR.ENTITY_STATE_INVALID',
      `There is another reviewSubmissions with id ${busy.id} still in progress`,
      '/data/relationships/app',
    )
  }
}

/** Right after the item is added, submitting is refused for a while (fastlane#20065, #21510). */
function refuseNotReadyYet(ctx: HandlerContext): void {
  if (attrs(ctx)['submitted'] !== true) return
  const submission = ctx.store.get('reviewSubmissions', ctx.params['id'] ?? '')
  const until = submission?.internal['notReadyUntil']
  if (!submission || typeof until !== 'number' || ctx.now() >= until) return
  throw new ApiError(
    409,
    'STATE_ERROR.ENTITY_STATE_INVALID',
    `reviewSubmissions with id '${submission.id}' is not in valid state.`,
    'Version is not ready to be submitted yet, please try again later.',
  )
}

/**
 * What Apple checks when the version is added to a submission: it is in no other unfinished submission,
 * App Review has the metadata it needs, and (for an update) every localization has What's New. Nothing is
 * stored when refused, so the draft stays empty.
 */
function refuseItem(ctx: HandlerContext): void {
  const version = ctx.store.get('appStoreVersions', relId(ctx, 'appStoreVersion') ?? '')
  const submissionId = relId(ctx, 'reviewSubmission')
  if (!version || !submissionId) return
  const other = ctx.store
    .list('reviewSubmissions', (s) => s.id !== submissionId && s.attributes.state !== 'COMPLETE')
    .find((s) => versionsOf(ctx.store, s).some((v) => v.id === version.id))
  if (other) {
    // rorkai/App-Store-Connect-CLI commit 21384c75
    throw conflict(
      'ENTITY_ERROR.RELATIONSHIP.INVALID',
      `appStoreVersions with id '${version.id}' was already added to another reviewSubmission with id ${other.id}`,
      '/data/relationships/appStoreVersion',
    )
  }
  const status = ctx.scenario.appStoreMissingStatus
  const { associated, add } = associatedErrors(status)
  if (ctx.scenario.appStoreMissingAt === 'item')
    addMissingMetadata(ctx, version, ctx.scenario.appStoreMissing, add)
  if (ctx.scenario.requireWhatsNew && isUpdate(ctx, version)) {
    // Once per locale (fastlane#20612, sceneview#2908).
    for (const localization of ctx.store.related(version, 'appStoreVersionLocalizations')) {
      const text = localization.attributes['whatsNew']
      if (typeof text === 'string' && text.trim() !== '') continue
      add(`/v1/appStoreVersionLocalizations/${localization.id}`, {
        code: 'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
        title: REQUIRED_ATTRIBUTE,
        detail: "You must provide a value for the attribute 'whatsNew' with this request",
        source: { pointer: '/data/attributes/whatsNew' },
      })
    }
  }
  if (ctx.scenario.requireListing) addMissingListing(ctx, version, add)
  if (Object.keys(associated).length > 0) throw new MissingMetadataError(status, version.id, associated)
}

/** The listing App Review needs: per localization description, keywords, support URL; a review contact (fastlane#20009). */
function addMissingListing(ctx: HandlerContext, version: Version, add: AddAssociatedError): void {
  const missing = (resource: string, attribute: string) =>
    add(resource, {
      code: 'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
      title: REQUIRED_ATTRIBUTE,
      detail: `You must provide a value for the attribute '${attribute}' with this request`,
      source: { pointer: `/data/attributes/${attribute}` },
    })
  const blank = (value: unknown) => typeof value !== 'string' || value.trim() === ''
  for (const localization of ctx.store.related(version, 'appStoreVersionLocalizations')) {
    for (const attribute of ['description', 'keywords', 'supportUrl'])
      if (blank(localization.attributes[attribute]))
        missing(`/v1/appStoreVersionLocalizations/${localization.id}`, attribute)
  }
  const detail = ctx.store.related(version, 'appStoreReviewDetail')[0]
  for (const attribute of ['contactFirstName', 'contactLastName', 'contactPhone', 'contactEmail'])
    if (blank(detail?.attributes[attribute]))
      missing(`/v1/appStoreReviewDetails/${detail?.id ?? version.id}`, attribute)
}

/** An update: an earlier version of the app reached users. */
function isUpdate(ctx: HandlerContext, version: Version): boolean {
  return siblingVersions(ctx, version).some((v) => RELEASED_VERSION_STATES.has(v.attributes.appVersionState))
}

function versionsOf(store: Store, submission: StoredResource<object>): Version[] {
  return store
    .related(submission, 'items')
    .flatMap((item) => store.related(item, 'appStoreVersion')) as Version[]
}

/** Apple takes no What's New on an app's first version (no earlier version reached users). */
function refuseFirstVersionWhatsNew(ctx: HandlerContext, version: Version): void {
  if (!ctx.scenario.refuseFirstVersionWhatsNew || !('whatsNew' in attrs(ctx))) return
  if (!isUpdate(ctx, version)) {
    throw conflict(
      'STATE_ERROR',
      "An attribute value is not acceptable for the current resource state. The attribute 'whatsNew' can not be edited at this time.",
      '/data/attributes/whatsNew',
    )
  }
}

/**
 * App Review's refusal on submit (scenario.appStoreMissingAt 'submit'), in the shape Apple sends it at the
 * item: a generic STATE_ERROR.ENTITY_STATE_INVALID whose reasons sit in meta.associatedErrors.
 */
function refuseMissingMetadataOnSubmit(ctx: HandlerContext): void {
  const missing = ctx.scenario.appStoreMissing
  if (attrs(ctx)['submitted'] !== true || missing.length === 0) return
  const submission = ctx.store.get('reviewSubmissions', ctx.params['id'] ?? '')
  if (!submission || !['READY_FOR_REVIEW', 'UNRESOLVED_ISSUES'].includes(submission.attributes.state)) return
  const version = versionsOf(ctx.store, submission)[0]
  if (!version) return
  const status = ctx.scenario.appStoreMissingStatus
  const { associated, add } = associatedErrors(status)
  addMissingMetadata(ctx, version, missing, add)
  throw new MissingMetadataError(status, version.id, associated)
}

type AddAssociatedError = (resource: string, error: Omit<AppleError, 'id' | 'status'>) => void

/** Apple's associated errors of one refusal, keyed by resource path, each with an id and the refusal's status. */
function associatedErrors(status: number): {
  associated: Record<string, AppleError[]>
  add: AddAssociatedError
} {
  const associated: Record<string, AppleError[]> = {}
  const add: AddAssociatedError = (resource, error) => {
    ;(associated[resource] ??= []).push({ id: randomUUID(), status: String(status), ...error })
  }
  return { associated, add }
}

/** One associated error for each piece of metadata App Review finds missing. */
function addMissingMetadata(
  ctx: HandlerContext,
  version: Version,
  missing: readonly MissingMetadata[],
  add: AddAssociatedError,
): void {
  for (const kind of missing) {
    const [resource, code, title, detail, pointer] = reason(ctx, version, kind)
    add(resource, { code, title, detail, ...(pointer ? { source: { pointer } } : {}) })
  }
}

const SCREENSHOT_TYPE: Record<Platform, string> = {
  IOS: 'APP_IPHONE_67',
  MAC_OS: 'APP_DESKTOP',
  TV_OS: 'APP_APPLE_TV',
  VISION_OS: 'APP_APPLE_VISION_PRO',
}

const REQUIRED_ATTRIBUTE = 'The provided entity is missing a required attribute'

/**
 * [resource, code, title, detail, source.pointer] of one associated error, worded as Apple words them
 * (codemagic mock error_response_entity_state_invalid.json: attribute errors carry a pointer).
 */
function reason(
  ctx: HandlerContext,
  version: Version,
  kind: MissingMetadata,
): [string, string, string, string, string?] {
  const appId = appIdOf(ctx, version) ?? ''
  const localization = ctx.store.related(version, 'appStoreVersionLocalizations')[0]?.id ?? version.id
  const buildId = ctx.store.linkages(version, 'build')[0]?.id ?? ''
  const required = (attribute: string) =>
    `You must provide a value for the attribute '${attribute}' with this request`
  switch (kind) {
    case 'screenshots': {
      const type = SCREENSHOT_TYPE[version.attributes.platform]
      return [
        `/v1/appStoreVersionLocalizations/${localization}`,
        `STATE_ERROR.SCREENSHOT_REQUIRED.${type}`,
        `App screenshot missing (${type}).`,
        `A screenshot for one of the following types is required but was not provided: ${type}`,
      ]
    }
    case 'privacyPolicyUrl':
      return [
        `/v1/appInfoLocalizations/${appId}`,
        'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
        REQUIRED_ATTRIBUTE,
        required('privacyPolicyUrl'),
        '/data/attributes/privacyPolicyUrl',
      ]
    case 'ageRating':
      return [
        `/v1/ageRatingDeclarations/${appId}`,
        'STATE_ERROR.AGE_RATING_REQUIRED',
        'The age rating is incomplete.',
        'You must answer the age rating questions before the app can be reviewed.',
      ]
    case 'contentRights':
      return [
        `/v1/apps/${appId}`,
        'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
        REQUIRED_ATTRIBUTE,
        required('contentRightsDeclaration'),
        '/data/attributes/contentRightsDeclaration',
      ]
    case 'exportCompliance':
      return [
        `/v1/builds/${buildId}`,
        'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
        REQUIRED_ATTRIBUTE,
        required('usesNonExemptEncryption'),
        '/data/attributes/usesNonExemptEncryption',
      ]
    case 'appDataUsages':
      return [
        '/v1/appDataUsages/',
        'STATE_ERROR.APP_DATA_USAGES_REQUIRED',
        'App data usages are required.',
        "Answers to what data your app collects and how it's used are needed.",
      ]
    case 'pricing':
      return [
        '/v2/appPrices/',
        'STATE_ERROR.APP_PRICING_REQUIRED',
        'App pricing is required.',
        'App is missing required pricing.',
      ]
  }
}

class MissingMetadataError extends ApiError {
  constructor(
    status: number,
    versionId: string,
    private readonly associated: Record<string, AppleError[]>,
  ) {
    super(
      status,
      'STATE_ERROR.ENTITY_STATE_INVALID',
      `appStoreVersions with id '${versionId}' is not in valid state.`,
      'This resource cannot be reviewed, please check associated errors to see why.',
    )
  }

  override body(): { errors: (AppleError & { meta: { associatedErrors: Record<string, AppleError[]> } })[] } {
    const [error] = super.body().errors
    if (!error) throw new Error('ApiError.body() has no error')
    return { errors: [{ ...error, meta: { associatedErrors: this.associated } }] }
  }
}

// ---------------------------------------------------------------------------------------------

export const APP_STORE_HANDLERS: Record<string, Handler> = withAppStoreRules({
  apps_appStoreVersions_getToManyRelated: getToMany('apps', 'appStoreVersions'),
  apps_reviewSubmissions_getToManyRelated: getToMany('apps', 'reviewSubmissions'),

  appStoreVersions_createInstance: createAppStoreVersion,
  appStoreVersions_getInstance: getInstance('appStoreVersions'),
  appStoreVersions_updateInstance: updateAppStoreVersion,
  appStoreVersions_build_updateToOneRelationship: updateAppStoreVersionBuild,
  appStoreVersions_build_getToOneRelated: getToOne('appStoreVersions', 'build', 'builds'),
  appStoreVersions_appStoreVersionLocalizations_getToManyRelated: getToMany(
    'appStoreVersions',
    'appStoreVersionLocalizations',
  ),
  appStoreVersions_appStoreVersionPhasedRelease_getToOneRelated: getToOne(
    'appStoreVersions',
    'appStoreVersionPhasedRelease',
    'appStoreVersionPhasedReleases',
  ),
  appStoreVersionLocalizations_createInstance: createAppStoreVersionLocalization,
  appStoreVersionLocalizations_getInstance: getInstance('appStoreVersionLocalizations'),
  appStoreVersionLocalizations_updateInstance: updateSimple(
    'appStoreVersionLocalizations',
    LOCALIZATION_FIELDS,
  ),
  appStoreVersionPhasedReleases_createInstance: createPhasedRelease,
  appStoreVersionPhasedReleases_updateInstance: updatePhasedRelease,
  appStoreVersionPhasedReleases_deleteInstance: deletePhasedRelease,

  reviewSubmissions_getCollection: getCollection('reviewSubmissions'),
  reviewSubmissions_getInstance: getInstance('reviewSubmissions'),
  reviewSubmissions_createInstance: createReviewSubmission,
  reviewSubmissions_updateInstance: updateReviewSubmission,
  reviewSubmissions_items_getToManyRelated: getToMany('reviewSubmissions', 'items'),
  reviewSubmissionItems_createInstance: createReviewSubmissionItem,
  appStoreVersionReleaseRequests_createInstance: createReleaseRequest,
})
