import type { AscClient } from '../asc/client.js'
import { relatedId, type Resource } from '../asc/resources.js'
import { fromAscPlatform, type AscPlatform } from '../shared/platform.js'
import {
  EDITABLE_STATES,
  FINISHING_SUBMISSION_STATES,
  IN_REVIEW_STATES,
  OPEN_SUBMISSION_STATES,
  RELEASED_STATES,
  type AppStoreVersion,
  type PhasedRelease,
  type ReviewSubmission,
} from './resources.js'

/** The app's App Store versions and open review submissions for one platform, read in two requests. */
export interface Situation {
  platform: AscPlatform
  versions: AppStoreVersion[]
  /** The versions' builds and phased releases. */
  included: Resource[]
  /** Open review submissions (CANCELING included), each with its appStoreVersionForReview. */
  submissions: ReviewSubmission[]
}

export async function readSituation(
  client: AscClient,
  appId: string,
  platform: AscPlatform,
): Promise<Situation> {
  const [versions, submissions] = await Promise.all([
    client.getAll<AppStoreVersion>(`/v1/apps/${appId}/appStoreVersions`, {
      'filter[platform]': platform,
      include: 'build,appStoreVersionPhasedRelease',
    }),
    client.getAll<ReviewSubmission>('/v1/reviewSubmissions', {
      'filter[app]': appId,
      'filter[platform]': platform,
      'filter[state]': OPEN_SUBMISSION_STATES.join(','),
      include: 'appStoreVersionForReview',
    }),
  ])
  return { platform, versions: versions.data, included: versions.included, submissions: submissions.data }
}

/**
 * The situation read on first use and then shared: the read-only checks of the App Store step and of the
 * store listing (preflight, dry run) start from the same versions and submissions.
 */
export function situationOnce(
  client: AscClient,
  appId: string,
  platform: AscPlatform,
): () => Promise<Situation> {
  let read: Promise<Situation> | undefined
  return () => (read ??= readSituation(client, appId, platform))
}

/**
 * The version's state in appVersionState's words. The deprecated appStoreState is read only when
 * appVersionState is absent; the two enums differ in two names (tramlinehq/applelink#47, fastlane#21895).
 */
export function stateOf(version: AppStoreVersion): string {
  const attributes = version.attributes ?? {}
  if (attributes.appVersionState) return attributes.appVersionState
  const legacy = attributes.appStoreState
  if (!legacy) return 'UNKNOWN'
  return LEGACY_STATE_NAMES[legacy] ?? legacy
}

const LEGACY_STATE_NAMES: Record<string, string> = {
  READY_FOR_SALE: 'READY_FOR_DISTRIBUTION',
  PROCESSING_FOR_APP_STORE: 'PROCESSING_FOR_DISTRIBUTION',
}

/** The version of this release already submitted with this build: a rerun has nothing left to do. */
export function findSubmitted(
  s: Situation,
  versionString: string,
  isOurBuild: (buildId: string | undefined) => boolean,
): { version: AppStoreVersion; submission?: ReviewSubmission } | undefined {
  const version = s.versions.find(
    (v) =>
      v.attributes?.versionString === versionString &&
      IN_REVIEW_STATES.has(stateOf(v)) &&
      isOurBuild(relatedId(v, 'build')),
  )
  if (!version) return undefined
  const submission = s.submissions.find((sub) => relatedId(sub, 'appStoreVersionForReview') === version.id)
  return { version, submission }
}

/**
 * The version this release can prepare: one in an editable state, or one READY_FOR_REVIEW in an open
 * draft submission, where adding it to the draft put it (fastlane fixture tunes/review_submission.json,
 * fastlane fixture tunes/review_submission.json, fastlane PR #20515): an earlier run of this release got that far and was refused at submit.
 */
export function editableVersion(s: Situation): AppStoreVersion | undefined {
  return s.versions.find((v) => EDITABLE_STATES.has(stateOf(v)) || inOpenDraft(s, v))
}

function inOpenDraft(s: Situation, version: AppStoreVersion): boolean {
  return (
    stateOf(version) === 'READY_FOR_REVIEW' &&
    s.submissions.some(
      (sub) =>
        sub.attributes?.state === 'READY_FOR_REVIEW' &&
        relatedId(sub, 'appStoreVersionForReview') === version.id,
    )
  )
}

/** The version a new one starts from: Apple copies its localizations (asc#836). */
export function latestVersion(s: Situation): AppStoreVersion | undefined {
  const created = (v: AppStoreVersion) => Date.parse(v.attributes?.createdDate ?? '') || 0
  return [...s.versions].sort((a, b) => created(b) - created(a))[0]
}

/** The phased release of a version as read (responses to writes carry no relationship data). */
export function phasedReleaseOf(s: Situation, versionId: string): PhasedRelease | undefined {
  const version = s.versions.find((v) => v.id === versionId)
  const id = version && relatedId(version, 'appStoreVersionPhasedRelease')
  return s.included.find((r): r is PhasedRelease => r.type === 'appStoreVersionPhasedReleases' && r.id === id)
}

/** Apple takes no What's New on an app's first version: one that no earlier version reached users before. */
export function isFirstVersion(s: Situation, versionId: string | undefined): boolean {
  return !s.versions.some((v) => v.id !== versionId && RELEASED_STATES.has(stateOf(v)))
}

/**
 * Why a new version cannot be created, when there is no editable one: the version string is taken by a
 * version that is past review, or another version is approved but not yet released.
 */
export function creationBlocker(s: Situation, versionString: string): string | undefined {
  const same = s.versions.find((v) => v.attributes?.versionString === versionString)
  if (same) {
    return (
      `App Store version ${versionString} already exists for ${fromAscPlatform(s.platform)} and is ${stateOf(same)}, so it cannot ` +
      'take another build. Increase app_version (CFBundleShortVersionString) and build again.'
    )
  }
  const pending = s.versions.find((v) =>
    ['PENDING_DEVELOPER_RELEASE', 'PENDING_APPLE_RELEASE', 'ACCEPTED'].includes(stateOf(v)),
  )
  if (pending) {
    return (
      `App Store version ${pending.attributes?.versionString ?? pending.id} is ${stateOf(pending)}: Apple allows no new ` +
      'version until it is released or rejected. Release it (or reject it) in App Store Connect, then re-run.'
    )
  }
  return undefined
}

/** How open submissions stand towards this release, when they are not to be canceled. */
export interface SubmissionVerdict {
  /** An unsubmitted draft, or a rejected submission holding the version being prepared: submitted again. */
  reusable?: ReviewSubmission
  /** Already being canceled (CANCELING or COMPLETING): waited for. */
  canceling: ReviewSubmission[]
  /** Anything else: the run stops and names them. */
  conflicts: ReviewSubmission[]
}

export function judgeSubmissions(s: Situation, editable: AppStoreVersion | undefined): SubmissionVerdict {
  const verdict: SubmissionVerdict = { canceling: [], conflicts: [] }
  for (const submission of s.submissions) {
    const state = submission.attributes?.state
    const holdsEditable =
      editable !== undefined && relatedId(submission, 'appStoreVersionForReview') === editable.id
    if (state && FINISHING_SUBMISSION_STATES.has(state)) verdict.canceling.push(submission)
    else if (
      !verdict.reusable &&
      (state === 'READY_FOR_REVIEW' || (state === 'UNRESOLVED_ISSUES' && holdsEditable))
    )
      verdict.reusable = submission
    else verdict.conflicts.push(submission)
  }
  return verdict
}

export function describeSubmission(s: Situation, submission: ReviewSubmission): string {
  const versionId = relatedId(submission, 'appStoreVersionForReview')
  const version = s.versions.find((v) => v.id === versionId)
  const holding = version ? `, version ${version.attributes?.versionString ?? version.id}` : ''
  return `review submission ${submission.id} (${submission.attributes?.state ?? 'unknown state'}${holding})`
}

export function conflictMessage(s: Situation, conflicts: ReviewSubmission[]): string {
  const list = conflicts.map((c) => describeSubmission(s, c)).join(', ')
  const one = conflicts.length === 1
  return (
    `The app has ${one ? 'an open' : `${conflicts.length} open`} App Store ${one ? 'submission' : 'submissions'} ` +
    `for ${fromAscPlatform(s.platform)} that ${one ? 'holds' : 'hold'} something else: ${list}. Apple reviews one submission per ` +
    'platform at a time. Set cancel_previous_submissions: true to cancel it first, or cancel or finish it in ' +
    'App Store Connect (App Review page) and re-run.'
  )
}
