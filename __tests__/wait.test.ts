import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createPrivateKey } from 'node:crypto'
import { join } from 'node:path'
import { AscClient } from '../src/asc/client.js'
import { TokenProvider } from '../src/asc/jwt.js'
import type { Clock } from '../src/shared/clock.js'
import { silentLogger } from '../src/shared/log.js'
import type { Settings } from '../src/settings/settings.js'
import { waitForProcessing } from '../src/wait/index.js'
import { writeIpa } from '../scripts/make-package.js'
import { runAction } from '../scripts/run-action.js'
import { generateApiKey, startSimulator } from '../simulator/index.js'
import { BUNDLE_ID, startWorld, type World } from './helpers/world.js'

let world: World
beforeAll(async () => {
  world = await startWorld({
    scenario: { partSize: 1024 * 1024, uploadProcessingMs: 100, buildProcessingMs: 300 },
  })
})
afterAll(async () => {
  await world.close()
})

const platform = 'IOS' as const
function act(inputs: Record<string, string>) {
  return runAction({ inputs: { ...world.inputs, poll_interval: '0.1', ...inputs }, env: world.env })
}
const onlyBuild = (buildNumber: string) =>
  world.sim.store.list('builds').filter((b) => (b.attributes as { version?: string }).version === buildNumber)

describe('waiting for processing (through dist/index.js)', () => {
  it('uploads, then waits for processing and for the beta details, logging each poll', async () => {
    world.sim.scenario.betaDetailsLagMs = 600
    const ipa = join(world.dir, 'Wait-201.ipa')
    await writeIpa(ipa, { bundleId: BUNDLE_ID, version: '2.0.0', buildNumber: '201' })
    const result = await act({ ipa_path: ipa, wait_for_processing: 'true' })
    world.sim.scenario.betaDetailsLagMs = 0
    expect(result.exitCode).toBe(0)
    expect(result.outputs.processing_state).toBe('VALID')
    expect(result.outputs.build_id).toBe(onlyBuild('201')[0]?.id)
    expect(result.log).toContain('::group::Wait for processing')
    expect(result.log).toMatch(/Build 2\.0\.0 \(201\) for ios: processing PROCESSING, \d+ ms elapsed/)
    expect(result.log).toMatch(
      /Build 2\.0\.0 \(201\) for ios: beta details PROCESSING, [\d.]+ (ms|s) elapsed/,
    )
    expect(result.log).toMatch(/Build 2\.0\.0 \(201\) for ios is VALID \(build [\w-]+\)/)
  })

  it('with upload_method none, waits for a build that appears later', async () => {
    // The build appears only after two lookups were answered empty: the upload step's, then the wait's first.
    const start = world.sim.requests.length
    const watcher = setInterval(() => {
      const answered = world.sim.requests
        .slice(start)
        .filter(
          (r) =>
            r.method === 'GET' &&
            r.path === '/v1/builds' &&
            r.query['filter[version]'] === '202' &&
            r.status === 200,
        )
      const looked = answered.length >= 2
      if (!looked) return
      clearInterval(watcher)
      world.sim.store.createBuild({
        appId: world.appId,
        version: '2.0.0',
        buildNumber: '202',
        platform,
        processingState: 'PROCESSING',
      })
    }, 20)
    const result = await act({
      upload_method: 'none',
      bundle_id: BUNDLE_ID,
      ipa_path: '',
      app_version: '2.0.0',
      build_number: '202',
      platform: 'ios',
      wait_for_processing: 'true',
    })
    expect(result.exitCode).toBe(0)
    expect(result.log).toMatch(/Build 2\.0\.0 \(202\) for ios: not in App Store Connect yet/)
    expect(result.outputs.processing_state).toBe('VALID')
  })

  it('never takes a build of another version or platform with the same build number', async () => {
    world.sim.store.createBuild({ appId: world.appId, version: '1.9.0', buildNumber: '203', platform })
    world.sim.store.createBuild({
      appId: world.appId,
      version: '2.0.0',
      buildNumber: '203',
      platform: 'MAC_OS',
    })
    const result = await act({
      upload_method: 'none',
      bundle_id: BUNDLE_ID,
      ipa_path: '',
      app_version: '2.0.0',
      build_number: '203',
      platform: 'ios',
      wait_for_processing: 'true',
      build_appear_timeout: '0.01',
    })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('did not appear in App Store Connect within 600 ms (build_appear_timeout)')
  })

  it('stops at processing_timeout', async () => {
    world.sim.scenario.buildProcessingMs = 60_000
    world.sim.store.createBuild({
      appId: world.appId,
      version: '2.0.0',
      buildNumber: '204',
      platform,
      processingState: 'PROCESSING',
    })
    world.sim.scenario.buildProcessingMs = 300
    const result = await act({
      upload_method: 'none',
      bundle_id: BUNDLE_ID,
      ipa_path: '',
      app_version: '2.0.0',
      build_number: '204',
      platform: 'ios',
      wait_for_processing: 'true',
      processing_timeout: '0.01',
    })
    expect(result.exitCode).toBe(1)
    expect(result.log).toMatch(/is still PROCESSING after [\d.]+ (ms|s) \(processing_timeout\)/)
  })

  it('fails at once when the build is INVALID', async () => {
    world.sim.store.createBuild({
      appId: world.appId,
      version: '2.0.0',
      buildNumber: '205',
      platform,
      processingState: 'INVALID',
    })
    const started = Date.now()
    const result = await act({
      upload_method: 'none',
      bundle_id: BUNDLE_ID,
      ipa_path: '',
      app_version: '2.0.0',
      build_number: '205',
      platform: 'ios',
      wait_for_processing: 'true',
      poll_interval: '30',
    })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('App Store Connect finished processing Build 2.0.0 (205) for ios as INVALID')
    // poll_interval is 30 s: a second poll would have taken that long.
    expect(Date.now() - started).toBeLessThan(10_000)
    expect(result.outputs.processing_state).toBe('INVALID')
  })
})

describe('a long wait', () => {
  it('renews the token throughout, so Apple never sees an expired one', async () => {
    let fakeNow = Date.now()
    const clock: Clock = {
      now: () => fakeNow,
      // Each poll interval passes at once in fake time.
      sleep: async (ms) => {
        fakeNow += ms
        await new Promise((resolve) => setTimeout(resolve, 3))
      },
    }
    // The simulator runs processing and checks token expiry on the same fake clock: 90 minutes of processing.
    const sim = await startSimulator({ now: clock.now, scenario: { buildProcessingMs: 90 * 60_000 } })
    const key = generateApiKey()
    sim.addApiKey({ keyId: key.keyId, issuerId: key.issuerId, publicKey: key.publicKeyPem })
    const app = sim.store.createApp({ bundleId: BUNDLE_ID, name: 'Demo' })
    sim.store.createBuild({
      appId: app.id,
      version: '2.0.0',
      buildNumber: '206',
      platform,
      processingState: 'PROCESSING',
    })
    const tokens: string[] = []
    const client = new AscClient({
      baseUrl: sim.url,
      tokens: new TokenProvider(
        { keyId: key.keyId, issuerId: key.issuerId, privateKey: createPrivateKey(key.privateKeyPem) },
        { now: clock.now, onNewToken: (t) => tokens.push(t) },
      ),
    })
    const settings = {
      wait: {
        forProcessing: true,
        buildAppearTimeoutMs: 60_000,
        processingTimeoutMs: 24 * 3600_000,
        pollIntervalMs: 60_000,
      },
    } as Settings
    const started = fakeNow
    try {
      const build = await waitForProcessing(
        {
          settings,
          client,
          app: { id: app.id, name: 'Demo', bundleId: BUNDLE_ID },
          identity: { bundleId: BUNDLE_ID, version: '2.0.0', buildNumber: '206', platform: 'ios' },
          log: silentLogger,
          clock,
        },
        { method: 'none' },
      )
      expect(build.processingState).toBe('VALID')
    } finally {
      await client.close()
      await sim.close()
    }
    expect(fakeNow - started).toBeGreaterThan(60 * 60_000) // over an hour of (fake) waiting
    expect(tokens.length).toBeGreaterThan(4)
    expect(sim.authFailures).toEqual([])
  })
})

it('the simulator saw nothing outside Apple’s contract', () => {
  expect(world.sim.contractViolations).toEqual([])
})
