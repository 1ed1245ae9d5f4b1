import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
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

/** Files the input rules need, made before the table of cases is built. */
const inputFiles = mkdtempSync(join(tmpdir(), 'action-inputs-'))
writeFileSync(join(inputFiles, 'One.ipa'), 'x')
writeFileSync(join(inputFiles, 'Two.ipa'), 'x')
writeFileSync(join(inputFiles, 'notes.txt'), 'x')
writeFileSync(join(inputFiles, 'broken.json'), '[{"language": "en-US"')
writeFileSync(
  join(inputFiles, 'rsa.p8'),
  generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
)
afterAll(() => rmSync(inputFiles, { recursive: true, force: true }))

/** One case for each remaining rule of the settings, with the words the error must say. */
function everyOtherRule(): [string, Record<string, string>, string][] {
  const appStore = { submit_to_app_store: 'true' }
  const scheduled = { ...appStore, release_type: 'SCHEDULED' }
  return [
    [
      'key file missing',
      { api_key: join(inputFiles, 'AuthKey_NOPE.p8') },
      "'api_key' is not a readable file",
    ],
    ['key not P-256', { api_key: join(inputFiles, 'rsa.p8') }, "'api_key' must be an EC P-256 private key"],
    ['issuer not a UUID', { issuer_id: 'my-team' }, "'issuer_id' must be a UUID issuer ID"],
    ['upload method unknown', { upload_method: 'ftp' }, "'upload_method' must be one of api, altool, none"],
    ['no package with api', { ipa_path: '' }, "'ipa_path' is required with upload_method api"],
    [
      'glob matches two',
      { ipa_path: join(inputFiles, '*.ipa') },
      "'ipa_path' must match exactly one .ipa or .pkg file",
    ],
    [
      'not a package',
      { ipa_path: join(inputFiles, 'notes.txt') },
      "'ipa_path' must name an .ipa or .pkg file",
    ],
    ['app id not numeric', { app_id: 'com.example.demo' }, "'app_id' must be the app's numeric Apple ID"],
    ['bundle id malformed', { bundle_id: 'com example' }, "'bundle_id' must be a bundle ID"],
    [
      'version malformed',
      { app_version: '1.0-beta' },
      "'app_version' must be one to three dot-separated integers",
    ],
    [
      'build number malformed',
      { build_number: '1.2.3.4' },
      "'build_number' must be one to three dot-separated integers",
    ],
    ['platform unknown', { platform: 'watchos' }, "'platform' must be one of ios, macos, tvos, visionos"],
    [
      'wait mode unknown',
      { wait_for_processing: 'sometimes' },
      "'wait_for_processing' must be one of true, false, auto",
    ],
    [
      'appear timeout not a number',
      { build_appear_timeout: 'soon' },
      "'build_appear_timeout' must be a number of minutes",
    ],
    [
      'processing timeout zero',
      { processing_timeout: '0' },
      "'processing_timeout' must be a number of minutes, more than 0",
    ],
    [
      'encryption answer not boolean',
      { uses_non_exempt_encryption: 'maybe' },
      "'uses_non_exempt_encryption' must be true or false",
    ],
    [
      'notes too long',
      { release_notes: 'é'.repeat(2001) },
      "'release_notes' must be at most 4000 bytes of UTF-8 (got 4002)",
    ],
    ['notes file broken', { release_notes_file: join(inputFiles, 'broken.json') }, 'is not valid JSON'],
    [
      'notes twice',
      { release_notes: 'a', release_notes_file: join(inputFiles, 'broken.json') },
      "'release_notes_file'",
    ],
    ['locale malformed', { locale: 'English' }, "'locale' must be a locale such as en-US"],
    [
      'notify without waiting',
      { notify_testers: 'false', wait_for_processing: 'false' },
      "'notify_testers' needs a processed build",
    ],
    [
      'expire flag not boolean',
      { expire_previous_builds: 'yes' },
      "'expire_previous_builds' must be true or false",
    ],
    [
      'App Store input without submitting',
      { phased_release: 'true' },
      "'phased_release' is only used with submit_to_app_store: true",
    ],
    [
      'cancel without submitting',
      { cancel_previous_submissions: 'true' },
      "'cancel_previous_submissions' is only used with submit_to_app_store: true",
    ],
    [
      "What's New without submitting",
      { whats_new: 'New' },
      "'whats_new' is only used with submit_to_app_store: true",
    ],
    [
      'scheduled without a date',
      scheduled,
      "'earliest_release_date' is required with release_type SCHEDULED",
    ],
    [
      'date not on the hour',
      { ...scheduled, earliest_release_date: '2030-01-01T10:30:00Z' },
      'on the hour with a timezone',
    ],
    [
      'date without timezone',
      { ...scheduled, earliest_release_date: '2030-01-01T10:00:00' },
      'on the hour with a timezone',
    ],
    [
      'date without SCHEDULED',
      { ...appStore, earliest_release_date: '2030-01-01T10:00:00Z' },
      "'earliest_release_date' is only used with release_type SCHEDULED",
    ],
    [
      'copyright too long',
      { ...appStore, copyright: 'c'.repeat(201) },
      "'copyright' must be at most 200 characters",
    ],
    [
      "What's New file unreadable",
      { ...appStore, whats_new_file: join(inputFiles, 'none.json') },
      'cannot read the file',
    ],
    [
      'password without apple id',
      { upload_method: 'altool', app_specific_password: 'abcd-efgh-ijkl-mnop' },
      'apple_id and app_specific_password go together',
    ],
    ['dry run not boolean', { dry_run: 'y' }, "'dry_run' must be true or false"],
  ]
}

describe('bad inputs', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['missing key', { api_key: '' }, "'api_key' is required"],
    ['key not EC', { api_key: 'bm90IGEga2V5' }, "'api_key' is neither a PEM private key"],
    ['missing key id', { key_id: '' }, "'key_id'"],
    ['bad boolean', { submit_to_testflight: 'yes' }, "'submit_to_testflight' must be true or false"],
    ['bad enum', { release_type: 'LATER', submit_to_app_store: 'true' }, "'release_type' must be one of"],
    ['bad number', { poll_interval: '0' }, "'poll_interval' must be a number of seconds, at least 0.1"],
    ['no package', { ipa_path: '/nowhere/*.ipa' }, "'ipa_path' must match exactly one .ipa or .pkg file"],
    [
      'past date',
      {
        submit_to_app_store: 'true',
        release_type: 'SCHEDULED',
        earliest_release_date: '2020-01-01T10:00:00Z',
      },
      "'earliest_release_date' must be in the future",
    ],
    [
      'groups without waiting',
      { beta_groups: 'Team', wait_for_processing: 'false' },
      "'beta_groups' needs a processed build",
    ],
    [
      'apple id without altool',
      { apple_id: 'dev@example.com', app_specific_password: 'abcd-efgh-ijkl-mnop' },
      "'apple_id' is only used with upload_method altool",
    ],
    [
      'none without identity',
      { upload_method: 'none', ipa_path: '' },
      "'build_number' is required with upload_method none",
    ],
    [
      'input disagrees with package',
      { build_number: '2' },
      "'build_number' is 2, but the package's CFBundleVersion is 1",
    ],
    ...everyOtherRule(),
  ]
  it.each(cases)('%s fails before any request, naming the input', async (_, inputs, expected) => {
    const before = world.sim.requests.length
    const result = await run(inputs)
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain(expected)
    expect(result.log).toContain('::error::')
    expect(world.sim.requests.length).toBe(before)
    expect(result.postExitCode).toBe(0)
  })

  it('reports a package that is not an app', async () => {
    const notZip = join(world.dir, 'Broken.ipa')
    await writeFile(notZip, 'not-a-zip-file\n')
    const before = world.sim.requests.length
    const result = await run({ ipa_path: notZip })
    expect(result.exitCode).toBe(1)
    expect(result.log).toMatch(/Broken\.ipa.*not a zip/)
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
    expect(result.log).toContain("unknown: Nobody; the app's groups are Team, Public Beta")
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
    expect(runs.length).toBeGreaterThan(10)
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
