import type { FoundApp } from '../asc/apps.js'
import type { AscClient } from '../asc/client.js'
import type { Build } from '../asc/resources.js'
import type { ReleaseIdentity } from '../identity.js'
import type { PlanItem } from '../report/model.js'
import type { Settings } from '../settings/settings.js'
import {
  conflictMessage,
  creationBlocker,
  describeSubmission,
  editableVersion,
  findSubmitted,
  isFirstVersion,
  judgeSubmissions,
  latestVersion,
  stateOf,
  type Situation,
} from './situation.js'
import { FINISHING_SUBMISSION_STATES, IN_REVIEW_STATES } from './resources.js'
import {
  homeLocale,
  missingWhatsNewMessage,
  newLanguagesMessage,
  newLanguagesWithoutListing,
  planWhatsNew,
  readWhatsNew,
} from './whats-new.js'

/** The dry run's App Store check: the same decisions a real run makes, from GET requests only. */
export async function planAppStore(
  client: AscClient,
  settings: Settings,
  identity: ReleaseIdentity,
  app: FoundApp,
  build: Build | undefined,
  situation: Situation,
): Promise<PlanItem> {
  const store = settings.appStore
  const when =
    store.releaseType === 'SCHEDULED' && store.earliestReleaseDate
      ? `scheduled for ${store.earliestReleaseDate.toISOString()}`
      : store.releaseType
  const item: PlanItem = {
    step: 'App Store',
    action:
      `prepare version ${identity.version} (release ${when}${store.phasedRelease ? ', phased over 7 days' : ''}) ` +
      'and submit it for App Store review',
  }

  const done = build && findSubmitted(situation, identity.version, (id) => id === build.id)
  if (done) {
    const via = done.submission ? ` (review submission ${done.submission.id})` : ''
    return {
      ...item,
      check: { ok: true, detail: `already ${stateOf(done.version)} with this build${via}: nothing to do` },
    }
  }

  const notes: string[] = []
  const editable = editableVersion(situation)
  if (store.cancelPreviousSubmissions) {
    const open = situation.submissions.filter(
      (s) => !FINISHING_SUBMISSION_STATES.has(s.attributes?.state ?? ''),
    )
    if (open.length > 0)
      notes.push(`would cancel ${open.map((s) => describeSubmission(situation, s)).join(', ')}`)
  } else {
    const verdict = judgeSubmissions(situation, editable)
    if (verdict.conflicts.length > 0)
      return { ...item, check: { ok: false, detail: conflictMessage(situation, verdict.conflicts) } }
    if (verdict.reusable) notes.push(`would reuse ${describeSubmission(situation, verdict.reusable)}`)
  }

  // After canceling, a version that was in review becomes editable; only a blocker that stays counts.
  const canceledInReview = store.cancelPreviousSubmissions
    ? situation.versions.find((v) => IN_REVIEW_STATES.has(stateOf(v)))
    : undefined
  const target = editable ?? canceledInReview
  if (target) {
    const from = target.attributes?.versionString
    notes.unshift(
      `version ${from ?? target.id} (${stateOf(target)}) would be ${from === identity.version ? 'used' : `renamed to ${identity.version}`}`,
    )
  } else {
    const blocker = creationBlocker(situation, identity.version)
    if (blocker) return { ...item, check: { ok: false, detail: blocker } }
    notes.unshift(`version ${identity.version} would be created`)
  }
  if (isFirstVersion(situation, target?.id)) {
    if (store.whatsNew.length > 0) notes.push("What's New would be skipped: first version of the app")
  } else {
    // A new version starts with the latest version's locales and no What's New (asc#836).
    const from = target ?? latestVersion(situation)
    const read = from ? await readWhatsNew(client, from.id) : []
    const localizations = target ? read : read.map((l) => ({ ...l, whatsNew: null }))
    const whatsNew = planWhatsNew(store.whatsNew, homeLocale(store.whatsNew, settings, app), localizations)
    if (whatsNew.missing.length > 0)
      return {
        ...item,
        check: { ok: false, detail: missingWhatsNewMessage(identity.version, whatsNew.missing) },
      }
    const bare = newLanguagesWithoutListing(whatsNew.writes, localizations, settings.listing)
    if (bare.length > 0)
      return { ...item, check: { ok: false, detail: newLanguagesMessage(identity.version, bare) } }
    if (whatsNew.writes.length > 0)
      notes.push(`What's New would be set for ${whatsNew.writes.map((w) => w.locale).join(', ')}`)
  }
  return { ...item, check: { ok: true, detail: notes.join('; ') } }
}
