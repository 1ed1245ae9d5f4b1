import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { runAction } from '../scripts/run-action.js'
import { secretLeaks, startWorld, visibleText, type World } from './helpers/world.js'

// release/ through its bundle (dist/release/index.js) against the simulator. Each test has its own app.
let world: World
beforeAll(async () => {
  // A release is processed for a second: long enough for a run to read it right after, on a busy machine.
  world = await startWorld({ scenario: { releaseProcessingMs: 1000 } })
})
afterAll(async () => {
  await world.close()
})

let apps = 0
/** An app whose 1.0.0 is on the App Store, and its version 2.0.0 in `state`. */
function newApp(
  state: string,
  releaseType = 'MANUAL',
): { appId: string; bundleId: string; versionId: string; previousId: string } {
  const bundleId = `com.example.release${++apps}`
  const appId = world.sim.store.createApp({ bundleId, name: `Release ${apps}` }).id
  const previousId = world.sim.store.createAppStoreVersion({
    appId,
    versionString: '1.0.0',
    platform: 'IOS',
    appStoreState: 'READY_FOR_SALE',
  }).id
  const versionId = world.sim.store.createAppStoreVersion({
    appId,
    versionString: '2.0.0',
    platform: 'IOS',
    appStoreState: state,
  }).id
  world.sim.store.update('appStoreVersions', versionId, { attributes: { releaseType } })
  return { appId, bundleId, versionId, previousId }
}

async function release(bundleId: string, inputs: Record<string, string>) {
  const from = world.sim.requests.length
  const run = await runAction({
    companion: 'release',
    inputs: {
      api_key: world.keyPath,
      key_id: world.key.keyId,
      issuer_id: world.key.issuerId ?? '',
      bundle_id: bundleId,
      app_version: '2.0.0',
      poll_interval: '0.1',
      ...inputs,
    },
    env: world.env,
  })
  const requests = world.sim.requests.slice(from)
  return { ...run, requests, writes: requests.filter((r) => r.method !== 'GET') }
}

const versionState = (id: string) => world.sim.store.get('appStoreVersions', id)?.attributes.appVersionState
const phasedState = (id: string) =>
  world.sim.store.get('appStoreVersionPhasedReleases', id)?.attributes.phasedReleaseState
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('release: command release', () => {
  it('releases a version Pending Developer Release, and a rerun changes nothing', async () => {
    const app = newApp('PENDING_DEVELOPER_RELEASE')
    const phased = world.sim.store.createPhasedRelease({ versionId: app.versionId })
    const run = await release(app.bundleId, { command: 'release' })
    expect(run.exitCode).toBe(0)
    expect(run.writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/appStoreVersionReleaseRequests',
    ])
    expect(run.writes[0]?.body).toEqual({
      data: {
        type: 'appStoreVersionReleaseRequests',
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: app.versionId } } },
      },
    })
    expect(run.outputs).toEqual({
      app_store_version_id: app.versionId,
      app_store_state: 'PROCESSING_FOR_DISTRIBUTION',
      phased_release_state: 'INACTIVE',
    })

    await sleep(1100) // Apple processes the release, then the phased release starts
    expect(versionState(app.versionId)).toBe('READY_FOR_DISTRIBUTION')
    expect(versionState(app.previousId)).toBe('REPLACED_WITH_NEW_VERSION')
    expect(phasedState(phased.id)).toBe('ACTIVE')

    const rerun = await release(app.bundleId, { command: 'release' })
    expect(rerun.exitCode).toBe(0)
    expect(rerun.writes).toEqual([])
    expect(rerun.log).toContain(
      '::notice::Version 2.0.0 is already released (READY_FOR_DISTRIBUTION): nothing to do.',
    )
    expect(rerun.outputs).toMatchObject({
      app_store_state: 'READY_FOR_DISTRIBUTION',
      phased_release_state: 'ACTIVE',
    })
    expect(rerun.summary).toContain('day 1 of 7')
    expect(rerun.summary).toContain('| Pause days left | 30 of 30 |')
  })

  it('reads the deprecated appStoreState when appVersionState is absent', async () => {
    const app = newApp('READY_FOR_SALE')
    const version = world.sim.store.get('appStoreVersions', app.versionId)
    if (!version) throw new Error('no version')
    delete (version.attributes as { appVersionState?: string }).appVersionState
    const run = await release(app.bundleId, { command: 'release' })
    expect(run.exitCode).toBe(0)
    expect(run.writes).toEqual([])
    expect(run.outputs['app_store_state']).toBe('READY_FOR_DISTRIBUTION')
  })

  it.each([
    ['WAITING_FOR_REVIEW', 'App Review has not approved it yet'],
    ['PREPARE_FOR_SUBMISSION', 'only a version Pending Developer Release'],
    ['PENDING_APPLE_RELEASE', 'Apple releases it itself'],
  ])('refuses to release a version %s, naming the state', async (state, why) => {
    const app = newApp(state)
    const run = await release(app.bundleId, { command: 'release' })
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain(`Version 2.0.0 is ${state}`)
    expect(run.log).toContain(why)
    expect(run.writes).toEqual([])
    expect(run.outputs['app_store_state']).toBeUndefined()
  })

  it('in a dry run says what it would do and changes nothing', async () => {
    const app = newApp('PENDING_DEVELOPER_RELEASE')
    const run = await release(app.bundleId, { command: 'release', dry_run: 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.writes).toEqual([])
    expect(run.summary).toContain('dry run, nothing changed')
    expect(run.summary).toContain('Would release it now.')
    expect(versionState(app.versionId)).toBe('PENDING_DEVELOPER_RELEASE')
  })
})

describe('release: the phased release', () => {
  it('pauses and resumes, showing the day and the pause days left', async () => {
    const app = newApp('READY_FOR_SALE')
    const phased = world.sim.store.createPhasedRelease({
      versionId: app.versionId,
      state: 'ACTIVE',
      startedDaysAgo: 5.5,
      pausedDays: 2,
    })
    const pause = await release(app.bundleId, { command: 'pause' })
    expect(pause.exitCode).toBe(0)
    expect(pause.writes.map((r) => [r.method, r.path, r.body])).toEqual([
      [
        'PATCH',
        `/v1/appStoreVersionPhasedReleases/${phased.id}`,
        {
          data: {
            type: 'appStoreVersionPhasedReleases',
            id: phased.id,
            attributes: { phasedReleaseState: 'PAUSED' },
          },
        },
      ],
    ])
    expect(pause.outputs['phased_release_state']).toBe('PAUSED')
    expect(pause.summary).toContain(
      '| Phased release | PAUSED, day 4 of 7 \\(10 % of users with automatic updates\\) |',
    )
    expect(pause.summary).toContain('| Pause days left | 28 of 30 |')

    const again = await release(app.bundleId, { command: 'pause' })
    expect(again.exitCode).toBe(0)
    expect(again.writes).toEqual([])
    expect(again.log).toContain('already PAUSED')

    const resume = await release(app.bundleId, { command: 'resume' })
    expect(resume.exitCode).toBe(0)
    expect(resume.writes).toHaveLength(1)
    expect(resume.outputs['phased_release_state']).toBe('ACTIVE')
    expect(phasedState(phased.id)).toBe('ACTIVE')
  })

  it('completes a phased release: the update reaches every user now', async () => {
    const app = newApp('READY_FOR_SALE')
    const phased = world.sim.store.createPhasedRelease({
      versionId: app.versionId,
      state: 'PAUSED',
      startedDaysAgo: 3,
    })
    const run = await release(app.bundleId, { command: 'complete' })
    expect(run.exitCode).toBe(0)
    expect(phasedState(phased.id)).toBe('COMPLETE')
    expect(run.outputs['phased_release_state']).toBe('COMPLETE')

    const resume = await release(app.bundleId, { command: 'resume' })
    expect(resume.exitCode).toBe(1)
    expect(resume.log).toContain("Version 2.0.0's phased release is COMPLETE, so it cannot be resumed")
    expect(resume.writes).toEqual([])
  })

  it('refuses to pause without a phased release, or one that has not started, before any write', async () => {
    const none = newApp('READY_FOR_SALE')
    const noPhase = await release(none.bundleId, { command: 'pause' })
    expect(noPhase.exitCode).toBe(1)
    expect(noPhase.log).toContain('Version 2.0.0 has no phased release, so there is nothing to pause')
    expect(noPhase.writes).toEqual([])

    const usedUp = newApp('READY_FOR_SALE')
    world.sim.store.createPhasedRelease({
      versionId: usedUp.versionId,
      state: 'ACTIVE',
      startedDaysAgo: 32,
      pausedDays: 30,
    })
    const noPauseLeft = await release(usedUp.bundleId, { command: 'pause' })
    expect(noPauseLeft.exitCode).toBe(1)
    expect(noPauseLeft.log).toContain('has been paused for 30 days already: Apple allows 30 in all')
    expect(noPauseLeft.writes).toEqual([])

    const waiting = newApp('PENDING_DEVELOPER_RELEASE')
    world.sim.store.createPhasedRelease({ versionId: waiting.versionId })
    const inactive = await release(waiting.bundleId, { command: 'complete' })
    expect(inactive.exitCode).toBe(1)
    expect(inactive.log).toContain(
      'phased release is INACTIVE, so it cannot be completed: it has not started',
    )
    expect(inactive.writes).toEqual([])
  })

  it('in a dry run pauses nothing', async () => {
    const app = newApp('READY_FOR_SALE')
    const phased = world.sim.store.createPhasedRelease({ versionId: app.versionId, state: 'ACTIVE' })
    const run = await release(app.bundleId, { command: 'pause', dry_run: 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.writes).toEqual([])
    expect(run.summary).toContain('Would pause the phased release.')
    expect(phasedState(phased.id)).toBe('ACTIVE')
  })
})

describe('release: status and waiting for App Review', () => {
  it('status reads where the version stands and writes nothing', async () => {
    const app = newApp('WAITING_FOR_REVIEW')
    const run = await release(app.bundleId, {})
    expect(run.exitCode).toBe(0)
    expect(run.writes).toEqual([])
    expect(run.outputs).toEqual({
      app_store_version_id: app.versionId,
      app_store_state: 'WAITING_FOR_REVIEW',
    })
    expect(run.summary).toContain('| Phased release | none: the update reaches every user at release |')
  })

  it('waits for the approval, then releases', async () => {
    const app = newApp('WAITING_FOR_REVIEW')
    world.sim.store.decideReview(app.versionId, 'approved', { afterMs: 3000 })
    const run = await release(app.bundleId, { command: 'release', wait_for_approval: '1' })
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain('Waiting for the App Review of version 2.0.0: WAITING_FOR_REVIEW')
    expect(run.log).toContain('The App Review of version 2.0.0 ended: PENDING_DEVELOPER_RELEASE.')
    expect(run.writes.map((r) => r.path)).toEqual(['/v1/appStoreVersionReleaseRequests'])
  })

  it('fails on a rejection with the state and where to read the reasons', async () => {
    const app = newApp('IN_REVIEW')
    world.sim.store.decideReview(app.versionId, 'rejected', { afterMs: 400 })
    const run = await release(app.bundleId, { command: 'release', wait_for_approval: '1' })
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain(
      'App Review rejected version 2.0.0: it is REJECTED. Read the reasons in App Store Connect',
    )
    expect(run.log).toContain(`https://appstoreconnect.apple.com/apps/${app.appId}/distribution`)
    expect(run.writes).toEqual([])
    expect(run.summary).toContain('failed')
  })

  it.each([
    ['METADATA_REJECTED', 'App Review rejected version 2.0.0: it is METADATA_REJECTED'],
    ['DEVELOPER_REJECTED', 'Version 2.0.0 was withdrawn from review (DEVELOPER_REJECTED)'],
  ])('with wait_for_approval, fails at once on a version already %s', async (state, message) => {
    const app = newApp(state)
    const run = await release(app.bundleId, { command: 'release', wait_for_approval: '5' })
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain(message)
    expect(run.requests.filter((r) => r.path.endsWith('/appStoreVersions'))).toHaveLength(1)
  })

  it('finds the app by app_id and the version by platform, and shows no secret', async () => {
    const app = newApp('READY_FOR_SALE')
    world.sim.store.createAppStoreVersion({
      appId: app.appId,
      versionString: '2.0.0',
      platform: 'MAC_OS',
      appStoreState: 'PENDING_DEVELOPER_RELEASE',
    })
    const run = await release('', { app_id: app.appId, platform: 'macos', command: 'release' })
    expect(run.exitCode).toBe(0)
    expect(run.writes).toHaveLength(1)
    expect(run.outputs['app_store_state']).toBe('PROCESSING_FOR_DISTRIBUTION')
    expect(secretLeaks(visibleText(run), world.key.privateKeyPem)).toEqual([])

    const missing = await release('', { app_id: app.appId, app_version: '9.9.9' })
    expect(missing.exitCode).toBe(1)
    expect(missing.log).toContain('App Store Connect has no App Store version 9.9.9 for ios')
  })

  it('gives up when App Review takes longer than wait_for_approval', async () => {
    const app = newApp('IN_REVIEW')
    const run = await release(app.bundleId, { command: 'status', wait_for_approval: '0.01' })
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain('waiting for the App Review of version 2.0.0, which is still IN_REVIEW')
    expect(run.log).toContain('Raise wait_for_approval to wait longer')
  })

  it('in a dry run does not wait', async () => {
    const app = newApp('IN_REVIEW')
    const run = await release(app.bundleId, { command: 'release', wait_for_approval: '60', dry_run: 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.writes).toEqual([])
    expect(run.summary).toContain('Would wait up to 60 minutes')
  })
})

describe('release: inputs', () => {
  it.each([
    [
      { command: 'publish' },
      "'command' must be one of status, release, pause, resume, complete (got 'publish')",
    ],
    [{ app_version: '' }, "'app_version' is required: the App Store version to act on"],
    [{ app_version: 'two' }, "'app_version' must be one to three dot-separated integers"],
    [{ wait_for_approval: '-1' }, "'wait_for_approval' must be a number of minutes"],
    [{ api_key: '' }, "'api_key' is required"],
    [{ key_id: 'not a key id' }, "'key_id' must be the App Store Connect API key ID"],
  ])('refuses %j before any request, naming the input', async (inputs, message) => {
    const run = await release('com.example.demo', inputs)
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain(message)
    expect(run.requests).toEqual([])
  })

  it('asked only what the spec allows and answered by it', () => {
    expect(world.sim.contractViolations).toEqual([])
  })
})
