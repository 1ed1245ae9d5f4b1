import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startSimulator, type Simulator } from '../simulator/index.js'
import { client, pick, registerKey } from '../simulator/testing.js'

// The simulator's release lifecycle: App Review's verdict, the release request, and the phased release's
// state machine with its day and pause days on the clock (a fake one here, so days pass at once).
let sim: Simulator
let call: ReturnType<typeof client>
let appId: string
let now = Date.parse('2026-12-01T10:00:00Z')
const DAY = 24 * 3600 * 1000

beforeEach(async () => {
  now = Date.parse('2026-12-01T10:00:00Z')
  sim = await startSimulator({ now: () => now, scenario: { releaseProcessingMs: 1000 } })
  call = client(sim, registerKey(sim), () => now)
  appId = sim.store.createApp({ bundleId: 'com.example.demo', name: 'Demo' }).id
})

afterEach(async () => {
  await sim.close()
  if (sim.contractViolations.length > 0)
    throw new Error(`contract violations:\n${sim.contractViolations.join('\n')}`)
})

function version(state: string, releaseType = 'MANUAL'): string {
  const { id } = sim.store.createAppStoreVersion({
    appId,
    versionString: '2.0.0',
    platform: 'IOS',
    appStoreState: state,
  })
  sim.store.update('appStoreVersions', id, { attributes: { releaseType } })
  return id
}
const stateOf = (id: string) => sim.store.get('appStoreVersions', id)?.attributes
const phasedOf = (id: string) => sim.store.get('appStoreVersionPhasedReleases', id)?.attributes
const patchPhased = (id: string, phasedReleaseState: string) =>
  call('PATCH', `/v1/appStoreVersionPhasedReleases/${id}`, {
    data: { type: 'appStoreVersionPhasedReleases', id, attributes: { phasedReleaseState } },
  })

describe('App Review and the release', () => {
  it('decides on the clock: MANUAL waits for its developer, AFTER_APPROVAL goes out, a rejection is REJECTED', () => {
    const manual = version('WAITING_FOR_REVIEW')
    sim.store.decideReview(manual, 'approved', { afterMs: 500 })
    expect(stateOf(manual)?.appVersionState).toBe('WAITING_FOR_REVIEW')
    now += 500
    expect(stateOf(manual)?.appVersionState).toBe('PENDING_DEVELOPER_RELEASE')

    sim.store.update('appStoreVersions', manual, { attributes: { versionString: '1.9.0' } })
    const automatic = version('IN_REVIEW', 'AFTER_APPROVAL')
    sim.store.decideReview(automatic, 'approved')
    expect(stateOf(automatic)).toMatchObject({
      appVersionState: 'PROCESSING_FOR_DISTRIBUTION',
      appStoreState: 'PROCESSING_FOR_APP_STORE',
    })
    now += 1000
    expect(stateOf(automatic)).toMatchObject({
      appVersionState: 'READY_FOR_DISTRIBUTION',
      appStoreState: 'READY_FOR_SALE',
    })

    const scheduled = sim.store.createAppStoreVersion({
      appId,
      versionString: '3.0.0',
      platform: 'IOS',
      appStoreState: 'IN_REVIEW',
    }).id
    sim.store.update('appStoreVersions', scheduled, { attributes: { releaseType: 'SCHEDULED' } })
    sim.store.decideReview(scheduled, 'approved')
    expect(stateOf(scheduled)?.appVersionState).toBe('PENDING_APPLE_RELEASE')
    const rejected = sim.store.createAppStoreVersion({
      appId,
      versionString: '4.0.0',
      platform: 'IOS',
      appStoreState: 'IN_REVIEW',
    }).id
    sim.store.decideReview(rejected, 'rejected')
    expect(stateOf(rejected)?.appVersionState).toBe('REJECTED')
  })

  it('releases only a version Pending Developer Release, then starts its phased release', async () => {
    const released = sim.store.createAppStoreVersion({
      appId,
      versionString: '1.0.0',
      platform: 'IOS',
      appStoreState: 'READY_FOR_SALE',
    }).id
    const id = version('PENDING_DEVELOPER_RELEASE')
    const phased = sim.store.createPhasedRelease({ versionId: id })
    const request = {
      data: {
        type: 'appStoreVersionReleaseRequests',
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id } } },
      },
    }
    expect((await call('POST', '/v1/appStoreVersionReleaseRequests', request)).status).toBe(201)
    expect(stateOf(id)?.appVersionState).toBe('PROCESSING_FOR_DISTRIBUTION')
    expect((await call('POST', '/v1/appStoreVersionReleaseRequests', request)).status).toBe(409)
    expect((await patchPhased(phased.id, 'PAUSED')).status).toBe(409)
    now += 1000
    expect(stateOf(id)?.appVersionState).toBe('READY_FOR_DISTRIBUTION')
    expect(stateOf(released)?.appVersionState).toBe('REPLACED_WITH_NEW_VERSION')
    expect(phasedOf(phased.id)).toMatchObject({
      phasedReleaseState: 'ACTIVE',
      currentDayNumber: 1,
      totalPauseDuration: 0,
    })
  })
})

describe('the phased release', () => {
  it('counts its days without the pauses, and completes on the seventh', async () => {
    const id = version('READY_FOR_SALE')
    const { id: phased } = sim.store.createPhasedRelease({ versionId: id, state: 'ACTIVE' })
    now += 2.5 * DAY
    expect(phasedOf(phased)).toMatchObject({ currentDayNumber: 3 })
    const paused = await patchPhased(phased, 'PAUSED')
    expect(pick(paused.body, 'data.attributes.phasedReleaseState')).toBe('PAUSED')
    now += 3 * DAY
    expect(phasedOf(phased)).toMatchObject({ currentDayNumber: 3, totalPauseDuration: 3 })
    expect((await patchPhased(phased, 'ACTIVE')).status).toBe(200)
    now += 4 * DAY
    expect(phasedOf(phased)).toMatchObject({ phasedReleaseState: 'ACTIVE', currentDayNumber: 7 })
    now += 1 * DAY
    expect(phasedOf(phased)).toMatchObject({
      phasedReleaseState: 'COMPLETE',
      currentDayNumber: 7,
      totalPauseDuration: 3,
    })
    const reopen = await patchPhased(phased, 'ACTIVE')
    expect(reopen.status).toBe(409)
    expect(pick(reopen.body, 'errors.0.detail')).toBe(
      'The phased release is COMPLETE and cannot be changed to ACTIVE.',
    )
  })

  it('completes at once when asked, keeping the day it reached', async () => {
    const id = version('READY_FOR_SALE')
    const { id: phased } = sim.store.createPhasedRelease({
      versionId: id,
      state: 'PAUSED',
      startedDaysAgo: 4,
      pausedDays: 1,
    })
    expect(phasedOf(phased)).toMatchObject({ currentDayNumber: 4, totalPauseDuration: 1 })
    const same = await patchPhased(phased, 'PAUSED')
    expect(same.status).toBe(200)
    expect((await patchPhased(phased, 'COMPLETE')).status).toBe(200)
    now += 2 * DAY
    expect(phasedOf(phased)).toMatchObject({
      phasedReleaseState: 'COMPLETE',
      currentDayNumber: 4,
      totalPauseDuration: 1,
    })
  })

  it('App Review decides every submission when the scenario says so', async () => {
    sim.scenario.appReviewVerdict = { verdict: 'rejected', afterMs: 200 }
    const id = version('PREPARE_FOR_SUBMISSION')
    const build = sim.store.createBuild({ appId, version: '2.0.0', buildNumber: '1', platform: 'IOS' }).id
    sim.store.update('appStoreVersions', id, { relationships: { build: { type: 'builds', id: build } } })
    sim.store.fillListing(id) // App Review refuses an item whose listing is empty
    sim.scenario.submitNotReadyMs = 0
    const submission = await call('POST', '/v1/reviewSubmissions', {
      data: {
        type: 'reviewSubmissions',
        attributes: { platform: 'IOS' },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    })
    const submissionId = String(pick(submission.body, 'data.id'))
    await call('POST', '/v1/reviewSubmissionItems', {
      data: {
        type: 'reviewSubmissionItems',
        relationships: {
          reviewSubmission: { data: { type: 'reviewSubmissions', id: submissionId } },
          appStoreVersion: { data: { type: 'appStoreVersions', id } },
        },
      },
    })
    const submitted = await call('PATCH', `/v1/reviewSubmissions/${submissionId}`, {
      data: { type: 'reviewSubmissions', id: submissionId, attributes: { submitted: true } },
    })
    expect(submitted.status).toBe(200)
    expect(stateOf(id)?.appVersionState).toBe('WAITING_FOR_REVIEW')
    now += 100 // IN_REVIEW for the second half of the review's time
    expect(stateOf(id)?.appVersionState).toBe('IN_REVIEW')
    now += 100
    expect(stateOf(id)?.appVersionState).toBe('REJECTED')
    expect(sim.store.get('reviewSubmissions', submissionId)?.attributes.state).toBe('UNRESOLVED_ISSUES')
  })
})
