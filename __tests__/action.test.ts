import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultNode, runAction, type ActionRun } from '../scripts/run-action.js'
import { writeIpa } from '../scripts/make-package.js'
import { node24Path } from '../scripts/node24.js'
import { BUNDLE_ID, secretLeaks, startWorld, visibleText, type World } from './helpers/world.js'

// These tests run dist/index.js and dist/post/index.js as GitHub does, against the simulator over HTTP.
let world: World
const runs: ActionRun[] = []

async function run(
  inputs: Record<string, string>,
  extra: { node?: string; env?: Record<string, string> } = {},
) {
  const result = await runAction({
    inputs: { ...world.inputs, ...inputs },
    env: { ...world.env, ...extra.env },
    node: extra.node,
  })
  runs.push(result)
  return result
}

beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world.close()
})

describe('bad inputs', () => {
  // Every input rule is tested in process (inputs.test.ts); these few show the whole path through dist/: the
  // error names the input, is an annotation, and comes before any request.
  it.each([
    ['a missing key', { api_key: '' }, "'api_key' is required"],
    [
      'groups without waiting',
      { beta_groups: 'Team', wait_for_processing: 'false' },
      "'beta_groups' needs a processed build",
    ],
  ])('%s fails before any request, naming the input', async (_, inputs, expected) => {
    const before = world.sim.requests.length
    const result = await run(inputs)
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain(`::error::Invalid input: ${expected}`)
    expect(world.sim.requests.length).toBe(before)
    expect(result.postExitCode).toBe(0)
  })

  it('reports a package that is not an app, before any request', async () => {
    const notZip = join(world.dir, 'Broken.ipa')
    await writeFile(notZip, 'not-a-zip-file\n')
    const before = world.sim.requests.length
    const result = await run({ ipa_path: notZip })
    expect(result.exitCode).toBe(1)
    expect(result.log).toMatch(/::error::.*Broken\.ipa.*not a zip/)
    expect(world.sim.requests.length).toBe(before)
  })
})

describe('dry run', () => {
  it('authenticates, reads the package, finds the app and prints the plan without writing', async () => {
    const before = world.sim.requests.length
    const result = await run({
      dry_run: 'true',
      beta_groups: 'Team\nPublic Beta',
      submit_to_testflight: 'true',
    })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toEqual({
      app_id: world.appId,
      bundle_id: BUNDLE_ID,
      app_version: '1.0.0',
      build_number: '1',
      platform: 'ios',
      rate_limit_remaining: expect.stringMatching(/^\d+$/),
    })
    const sent = world.sim.requests.slice(before)
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.filter((r) => r.method !== 'GET')).toEqual([])
    expect(result.log).toContain('::group::Find the app')
    expect(result.summary).toContain('App Store Connect release: dry run')
    expect(result.summary).toContain('**Upload**: upload Demo.ipa')
    expect(result.summary).toContain('build number not used yet')
    expect(result.summary).toContain('all groups exist')
    expect(result.summary).toContain(`https://appstoreconnect.apple.com/apps/${world.appId}`)
  })

  it('fails on an unknown beta group and lists the app’s groups', async () => {
    const result = await run({ dry_run: 'true', beta_groups: 'Team, Nobody' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain(
      'beta_groups: no group named "Nobody" in "Demo". The app\'s groups are "Team", "Public Beta"',
    )
    expect(result.summary).toContain('❌ failed')
  })

  it('runs under Node 24, as GitHub runs the bundle (every end-to-end test does)', async () => {
    const node24 = node24Path()
    expect(defaultNode()).toBe(node24)
    expect(execFileSync(node24, ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
    const result = await run({ dry_run: 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.outputs.app_id).toBe(world.appId)
  })
})

describe('finding the app', () => {
  it('names what the key can see when no app has the bundle ID', async () => {
    const other = join(world.dir, 'Other.ipa')
    await writeIpa(other, { bundleId: 'com.example.unknown', version: '1.0', buildNumber: '1' })
    const result = await run({ ipa_path: other, dry_run: 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('No app with bundle ID com.example.unknown is visible to the API key')
    expect(result.log).toContain(`"Demo" (${BUNDLE_ID}, app_id ${world.appId})`)
  })

  it('names the package it read in results when its app is not found', async () => {
    const other = join(world.dir, 'Other.ipa')
    await writeIpa(other, { bundleId: 'com.example.unknown', version: '1.0', buildNumber: '1' })
    const result = await run({ ipa_path: other })
    expect(result.exitCode).toBe(1)
    expect(JSON.parse(result.outputs['results'] ?? '[]')).toMatchObject([
      { package: 'Other.ipa', app_id: null, build_id: null },
    ])
  })

  it('refuses an app_id whose bundle ID differs from the package', async () => {
    const other = world.sim.store.createApp({ bundleId: 'com.example.other', name: 'Other' })
    const result = await run({ app_id: other.id, dry_run: 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain(
      `app_id ${other.id} is "Other" with bundle ID com.example.other, but the build's bundle ID is ${BUNDLE_ID}`,
    )
  })

  it('is retried through a 429 with Retry-After', async () => {
    world.sim.faults.add({
      method: 'GET',
      path: '/v1/apps',
      action: { type: 'status', status: 429, retryAfterSeconds: 1 },
    })
    const result = await run({ dry_run: 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.log).toContain('was rate limited (429); retrying in 1.0 s')
  })

  it('works with an individual key (sub "user")', async () => {
    const individual = await startWorld({ individualKey: true })
    try {
      const result = await runAction({
        inputs: { ...individual.inputs, dry_run: 'true' },
        env: individual.env,
      })
      runs.push(result)
      expect(individual.inputs.issuer_id).toBe('')
      expect(result.exitCode).toBe(0)
      expect(individual.sim.authFailures).toEqual([])
    } finally {
      await individual.close()
    }
  })
})

describe('secrets', () => {
  it('never appear in any log line, output or summary of these runs', () => {
    expect(runs.length).toBeGreaterThan(8)
    for (const result of runs) expect(secretLeaks(visibleText(result), world.key.privateKeyPem)).toEqual([])
  })

  it('are masked when given inline: the key text never shows', async () => {
    const result = await run({ api_key: world.key.privateKeyPem, dry_run: 'true', locale: 'not a locale' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('::add-mask::')
    expect(secretLeaks(visibleText(result), world.key.privateKeyPem)).toEqual([])
  })
})

it('the simulator saw nothing outside Apple’s contract', () => {
  expect(world.sim.contractViolations).toEqual([])
})
