import { afterEach, beforeEach, expect, it } from '@jest/globals'
import { startSimulator, type Simulator } from '../simulator/index.js'
import { client, pick, pickString, registerKey } from '../simulator/testing.js'

// The simulator's one clock: every time-based rule reads the injected now(), not the wall clock.
let sim: Simulator
let call: ReturnType<typeof client>
let appId: string
// A few seconds ahead of the wall clock, so the JWTs the test client signs are still valid on it.
let fakeNow = Date.now() + 5000

beforeEach(async () => {
  fakeNow = Date.now() + 5000
  sim = await startSimulator({ now: () => fakeNow })
  call = client(sim, registerKey(sim))
  appId = sim.store.createApp({ bundleId: 'com.example.clock', name: 'Clock' }).id
})
afterEach(async () => {
  await sim.close()
  if (sim.contractViolations.length > 0)
    throw new Error(`contract violations:\n${sim.contractViolations.join('\n')}`)
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

it('processes builds and dates resources on the injected clock', async () => {
  const startedAt = fakeNow
  const { id } = sim.store.createBuild({
    appId,
    version: '1.0.0',
    buildNumber: '1',
    platform: 'IOS',
    processingState: 'PROCESSING',
  })
  const build = await call('GET', `/v1/builds/${id}`)
  expect(Date.parse(pickString(build.body, 'data.attributes.uploadedDate'))).toBe(startedAt)
  // Longer than buildProcessingMs on the wall clock, but the injected clock has not moved.
  await sleep(sim.scenario.buildProcessingMs + 200)
  expect(pick((await call('GET', `/v1/builds/${id}`)).body, 'data.attributes.processingState')).toBe(
    'PROCESSING',
  )
  fakeNow += sim.scenario.buildProcessingMs
  expect(pick((await call('GET', `/v1/builds/${id}`)).body, 'data.attributes.processingState')).toBe('VALID')
})

it('runs the App Store review delays on the injected clock', async () => {
  const buildId = sim.store.createBuild({ appId, version: '1.0.0', buildNumber: '1', platform: 'IOS' }).id
  const versionId = sim.store.createAppStoreVersion({
    appId,
    versionString: '1.0.0',
    platform: 'IOS',
    buildId,
  }).id
  // A draft with the version in it, as POST reviewSubmissions and reviewSubmissionItems leave it.
  const submissionId = sim.store.insert(
    'reviewSubmissions',
    { platform: 'IOS', state: 'READY_FOR_REVIEW' },
    {
      app: { type: 'apps', id: appId },
      appStoreVersionForReview: { type: 'appStoreVersions', id: versionId },
    },
  ).id
  sim.store.insert(
    'reviewSubmissionItems',
    { state: 'READY_FOR_REVIEW' },
    {
      reviewSubmission: { type: 'reviewSubmissions', id: submissionId },
      appStoreVersion: { type: 'appStoreVersions', id: versionId },
    },
  )
  const cancel = await call('PATCH', `/v1/reviewSubmissions/${submissionId}`, {
    data: { type: 'reviewSubmissions', id: submissionId, attributes: { canceled: true } },
  })
  expect(pick(cancel.body, 'data.attributes.state')).toBe('CANCELING')
  const state = async () =>
    pick((await call('GET', `/v1/reviewSubmissions/${submissionId}`)).body, 'data.attributes.state')
  await sleep(sim.scenario.reviewCancelMs + sim.scenario.reviewCompletingMs + 200)
  expect(await state()).toBe('CANCELING')
  fakeNow += sim.scenario.reviewCancelMs
  expect(await state()).toBe('COMPLETING')
  fakeNow += sim.scenario.reviewCompletingMs
  expect(await state()).toBe('COMPLETE')
})
