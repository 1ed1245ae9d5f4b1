import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { writeIpa } from '../scripts/make-package.js'
import { runAction } from '../scripts/run-action.js'
import type { Platform } from '../simulator/index.js'
import { startWorld, type World } from './helpers/world.js'

// next-build-number/ through its bundle (dist/next-build-number/index.js) against the simulator. Pages of
// three: every test's reads go over several pages, so a number on a later page is found too.
let world: World
beforeAll(async () => {
  // Uploads stay under way, without a build, for the whole test (Apple's take minutes: U4).
  world = await startWorld({
    scenario: { pageSizeCap: 3, uploadProcessingMs: 600_000, buildAppearsAfterCommitMs: 600_000 },
  })
})
afterAll(async () => {
  await world.close()
})

let apps = 0
function newApp(): { id: string; bundleId: string } {
  const bundleId = `com.example.numbers${++apps}`
  return { id: world.sim.store.createApp({ bundleId, name: `Numbers ${apps}` }).id, bundleId }
}

function seedBuilds(appId: string, version: string, numbers: string[], platform: Platform = 'IOS'): void {
  for (const buildNumber of numbers) world.sim.store.createBuild({ appId, version, buildNumber, platform })
}

async function nextNumber(bundleId: string, inputs: Record<string, string> = {}) {
  const from = world.sim.requests.length
  const run = await runAction({
    companion: 'next-build-number',
    inputs: {
      api_key: world.keyPath,
      key_id: world.key.keyId,
      issuer_id: world.key.issuerId ?? '',
      bundle_id: bundleId,
      ...inputs,
    },
    env: world.env,
  })
  return { ...run, requests: world.sim.requests.slice(from) }
}

describe('next-build-number', () => {
  it('counts an upload still in flight, so a second pipeline gets the next number', async () => {
    const app = newApp()
    seedBuilds(app.id, '1.0.0', ['1', '2', '3', '4', '5', '6'])
    const first = await nextNumber(app.bundleId)
    expect(first.exitCode).toBe(0)
    expect(first.outputs).toMatchObject({
      next_build_number: '7',
      latest_build_number: '6',
      latest_source: 'build',
    })

    // The first pipeline builds 7 and uploads it with the main action; its upload is under way and no
    // build exists yet (U4): only the upload holds the number.
    const ipaPath = join(world.dir, 'Numbers.ipa')
    await writeIpa(ipaPath, {
      bundleId: app.bundleId,
      version: '1.1.0',
      buildNumber: first.outputs['next_build_number'] ?? '',
    })
    const upload = await runAction({
      inputs: { ...world.inputs, ipa_path: ipaPath, wait_for_processing: 'false' },
      env: world.env,
      runPost: false,
    })
    expect(upload.exitCode).toBe(0)
    expect(world.sim.store.list('builds', (b) => b.attributes.version === '7')).toEqual([])
    const second = await nextNumber(app.bundleId)
    expect(second.exitCode).toBe(0)
    expect(second.outputs).toMatchObject({
      next_build_number: '8',
      latest_build_number: '7',
      latest_source: 'upload',
    })
    expect(second.summary).toContain('an upload under way')
    // Every page of builds and of uploads was read, each filtered by platform; nothing was written.
    expect(second.requests.every((r) => r.method === 'GET')).toBe(true)
    const uploads = second.requests.filter((r) => r.path.endsWith('/buildUploads'))
    expect(uploads[0]?.query).toMatchObject({
      'filter[platform]': 'IOS',
      'filter[state]': 'AWAITING_UPLOAD,PROCESSING,COMPLETE',
    })
    const builds = second.requests.filter((r) => r.path === '/v1/builds')
    expect(builds.length).toBeGreaterThan(1)
    expect(builds[0]?.query).toMatchObject({
      'filter[app]': app.id,
      'filter[preReleaseVersion.platform]': 'IOS',
    })
  })

  it('leaves out failed uploads and other platforms, and starts at initial_build_number', async () => {
    const app = newApp()
    world.sim.store.createBuildUpload({
      appId: app.id,
      version: '1.0.0',
      buildNumber: '90',
      platform: 'IOS',
      state: 'FAILED',
    })
    world.sim.store.createBuildUpload({
      appId: app.id,
      version: '1.0.0',
      buildNumber: '80',
      platform: 'MAC_OS',
      state: 'PROCESSING',
    })
    seedBuilds(app.id, '1.0.0', ['70'], 'MAC_OS')
    const run = await nextNumber(app.bundleId, { initial_build_number: '100' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['next_build_number']).toBe('100')
    expect(run.outputs['latest_build_number']).toBeUndefined()
    expect(run.outputs['latest_source']).toBeUndefined()

    const mac = await nextNumber(app.bundleId, { platform: 'macos', increment: '10' })
    expect(mac.outputs).toMatchObject({
      next_build_number: '90',
      latest_build_number: '80',
      latest_source: 'upload',
    })
  })

  it('compares dotted build numbers number by number and increments the last one', async () => {
    const app = newApp()
    seedBuilds(app.id, '2.0.0', ['1.2.9', '1.2.10', '1.9', '1.2'])
    const run = await nextNumber(app.bundleId)
    expect(run.outputs).toMatchObject({ next_build_number: '1.10', latest_build_number: '1.9' })

    seedBuilds(app.id, '2.0.0', ['1.10', '1.2.11'])
    const later = await nextNumber(app.bundleId, { increment: '5' })
    expect(later.outputs).toMatchObject({ next_build_number: '1.15', latest_build_number: '1.10' })
  })

  it('with scope version counts only that version', async () => {
    const app = newApp()
    seedBuilds(app.id, '1.0.0', ['40', '41'])
    seedBuilds(app.id, '2.0.0', ['3'])
    world.sim.store.createBuildUpload({
      appId: app.id,
      version: '1.0.0',
      buildNumber: '42',
      platform: 'IOS',
      state: 'AWAITING_UPLOAD',
    })
    const version = await nextNumber(app.bundleId, { scope: 'version', app_version: '2.0.0' })
    expect(version.exitCode).toBe(0)
    expect(version.outputs).toMatchObject({
      next_build_number: '4',
      latest_build_number: '3',
      latest_source: 'build',
    })
    const byVersion = version.requests.find((r) => r.path === '/v1/builds')
    expect(byVersion?.query['filter[preReleaseVersion.version]']).toBe('2.0.0')

    const whole = await nextNumber(app.bundleId, { dry_run: 'true' })
    expect(whole.outputs).toMatchObject({ next_build_number: '43', latest_source: 'upload' })
    expect(whole.summary).toContain('dry run')

    const fresh = await nextNumber(app.bundleId, { scope: 'version', app_version: '3.0.0' })
    expect(fresh.outputs['next_build_number']).toBe('1')
  })

  it.each([
    [{ increment: '0' }, "'increment' must be a whole number from 1 to 999999999 (got '0')"],
    [{ scope: 'version' }, "'app_version' is required with scope version"],
    [{ app_version: '2.0.0' }, "'app_version' is only used with scope version"],
    [{ scope: 'train' }, "'scope' must be one of app, version (got 'train')"],
    [{ initial_build_number: 'v1' }, "'initial_build_number' must be one to three dot-separated integers"],
    [{ bundle_id: '' }, "'bundle_id' is required (or give app_id)"],
    [{ platform: 'android' }, "'platform' must be one of ios, macos, tvos, visionos"],
  ])('refuses %j before any request, naming the input', async (inputs, message) => {
    const run = await nextNumber('com.example.demo', inputs)
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain(message)
    expect(run.requests).toEqual([])
    expect(run.summary).toContain('failed')
  })

  it('asked only what the spec allows and answered by it', () => {
    expect(world.sim.contractViolations).toEqual([])
  })
})
