import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { writeIpa, writePkg } from '../scripts/make-package.js'
import { runAction, type ActionRun } from '../scripts/run-action.js'
import type { RecordedRequest } from '../simulator/index.js'
import {
  BUNDLE_ID,
  reserveForOtherPackage,
  secretLeaks,
  startWorld,
  visibleText,
  type World,
} from './helpers/world.js'

// Several packages in one run (ipa_path with several lines or a glob matching several), through dist/.
let world: World
beforeAll(async () => {
  world = await startWorld({
    scenario: { partSize: 1024 * 1024, uploadProcessingMs: 50, buildProcessingMs: 100 },
  })
})
afterAll(async () => {
  await world.close()
})

interface Run extends ActionRun {
  requests: RecordedRequest[]
}

async function run(inputs: Record<string, string>): Promise<Run> {
  const from = world.sim.requests.length
  const result = await runAction({
    inputs: { ...world.inputs, uses_non_exempt_encryption: 'false', poll_interval: '0.1', ...inputs },
    env: world.env,
  })
  return { ...result, requests: world.sim.requests.slice(from) }
}

interface Result {
  package: string | null
  app_id: string | null
  platform: string | null
  app_version: string | null
  build_number: string | null
  build_id: string | null
  processing_state: string | null
  review_submission_id: string | null
}
const results = (r: ActionRun) => JSON.parse(r.outputs['results'] ?? '[]') as Result[]

/** Writes an .ipa and a .pkg of the demo app, version `version` build `build`, in a folder of their own. */
async function iosAndMac(version: string, build: string): Promise<{ dir: string; ipa: string; pkg: string }> {
  const dir = join(world.dir, `${version}-${build}`)
  await mkdir(dir, { recursive: true })
  const ipa = join(dir, 'Demo.ipa')
  const pkg = join(dir, 'Demo.pkg')
  await writeIpa(ipa, { bundleId: BUNDLE_ID, version, buildNumber: build })
  await writePkg(pkg, { bundleId: BUNDLE_ID, version, buildNumber: build })
  return { dir, ipa, pkg }
}

describe('an .ipa and a .pkg of one app in one run', () => {
  let result: Run
  beforeAll(async () => {
    const { ipa, pkg } = await iosAndMac('2.0.0', '20')
    result = await run({
      ipa_path: `${ipa}\n${pkg}`,
      beta_groups: 'Team',
      submit_to_testflight: 'true',
      submit_to_app_store: 'true',
      whats_new: 'Now on the Mac too.',
    })
  })

  it('releases both, in order, through TestFlight and the App Store', () => {
    expect(result.exitCode).toBe(0)
    const [ios, mac] = results(result)
    expect(results(result)).toHaveLength(2)
    expect(ios).toMatchObject({
      package: 'Demo.ipa',
      app_id: world.appId,
      platform: 'ios',
      app_version: '2.0.0',
      build_number: '20',
      processing_state: 'VALID',
    })
    expect(mac).toMatchObject({
      package: 'Demo.pkg',
      app_id: world.appId,
      platform: 'macos',
      app_version: '2.0.0',
      build_number: '20',
      processing_state: 'VALID',
    })
    for (const entry of [ios, mac]) {
      const build = world.sim.store.get('builds', entry?.build_id ?? '')
      expect(build?.attributes['processingState']).toBe('VALID')
      expect(entry?.review_submission_id).toEqual(expect.any(String))
    }
    expect(ios?.build_id).not.toBe(mac?.build_id)
  })

  it('submits each platform in its own review submission, one upload and one version each', () => {
    const [ios, mac] = results(result)
    const submissions = [ios, mac].map((e) =>
      world.sim.store.get('reviewSubmissions', e?.review_submission_id ?? ''),
    )
    expect(submissions.map((s) => s?.attributes['platform'])).toEqual(['IOS', 'MAC_OS'])
    expect(submissions.map((s) => s?.attributes['state'])).toEqual([
      'WAITING_FOR_REVIEW',
      'WAITING_FOR_REVIEW',
    ])
    const created = (path: string) =>
      result.requests.filter((r) => r.method === 'POST' && r.path === path).map((r) => r.body)
    expect(created('/v1/buildUploads').map((b) => JSON.stringify(b))).toEqual([
      expect.stringContaining('"platform":"IOS"'),
      expect.stringContaining('"platform":"MAC_OS"'),
    ])
    const versions = world.sim.store.list(
      'appStoreVersions',
      (v) => v.attributes['versionString'] === '2.0.0',
    )
    expect(versions.map((v) => v.attributes['platform']).sort()).toEqual(['IOS', 'MAC_OS'])
  })

  it('keeps the shared outputs and leaves out the ones that differ', () => {
    expect(result.outputs).toMatchObject({
      app_id: world.appId,
      bundle_id: BUNDLE_ID,
      app_version: '2.0.0',
      build_number: '20',
    })
    for (const name of ['platform', 'build_id', 'review_submission_id', 'build_upload_id'])
      expect(result.outputs[name]).toBeUndefined()
  })

  it('has a section per package in the summary, and steps named by package', () => {
    expect(result.summary).toContain('### Demo.ipa\n')
    expect(result.summary).toContain('### Demo.pkg\n')
    expect(result.summary).toContain('#### App Store')
    expect(result.summary).toMatch(/\| Demo\.pkg \| Upload \| ✅ \|/)
    expect(result.log).toContain('::group::Demo.ipa: Upload')
    expect(result.log).toContain('::group::Demo.pkg: App Store')
    expect(secretLeaks(visibleText(result), world.key.privateKeyPem)).toEqual([])
  })
})

describe('one package', () => {
  it('keeps every single-value output, and results has its one entry', async () => {
    const result = await run({ ipa_path: world.ipaPath })
    expect(result.exitCode).toBe(0)
    expect(result.outputs).toMatchObject({
      app_id: world.appId,
      bundle_id: BUNDLE_ID,
      app_version: '1.0.0',
      build_number: '1',
      platform: 'ios',
      build_id: expect.any(String),
      build_upload_id: expect.any(String),
    })
    expect(results(result)).toEqual([
      {
        package: 'Demo.ipa',
        app_id: world.appId,
        platform: 'ios',
        app_version: '1.0.0',
        build_number: '1',
        build_id: result.outputs['build_id'],
        processing_state: 'VALID',
        review_submission_id: null,
      },
    ])
    expect(result.summary).not.toContain('### Demo.ipa')
    expect(result.summary).toContain('| Step | Result | Time |')
  })
})

describe('ipa_path as a glob', () => {
  it('releases every package a glob matches, in name order', async () => {
    const { dir } = await iosAndMac('2.1.0', '21')
    const result = await run({
      ipa_path: join(dir, 'Demo.*'),
      wait_for_processing: 'false',
      uses_non_exempt_encryption: '',
    })
    expect(result.exitCode).toBe(0)
    expect(results(result).map((r) => [r.package, r.platform, r.build_number])).toEqual([
      ['Demo.ipa', 'ios', '21'],
      ['Demo.pkg', 'macos', '21'],
    ])
  })

  it('fails naming ipa_path when a line matches nothing, before any request', async () => {
    const result = await run({ ipa_path: `${world.ipaPath}\n${join(world.dir, 'missing', '*.pkg')}` })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain("'ipa_path' must match at least one .ipa or .pkg file")
    expect(result.requests).toEqual([])
  })
})

describe('the identity inputs with several packages', () => {
  it('refuses a build_number that one package contradicts, naming it and the package, before any request', async () => {
    const dir = join(world.dir, 'mixed')
    await writeIpa(join(dir, 'Demo.ipa'), { bundleId: BUNDLE_ID, version: '2.2.0', buildNumber: '22' })
    await writePkg(join(dir, 'Demo.pkg'), { bundleId: BUNDLE_ID, version: '2.2.0', buildNumber: '23' })
    const result = await run({ ipa_path: join(dir, '*'), build_number: '22' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('The inputs disagree with the package Demo.pkg')
    expect(result.log).toContain("'build_number' is 22, but the package's CFBundleVersion is 23")
    expect(result.requests).toEqual([])
    expect(result.outputs['results']).toBeUndefined()
  })

  it('takes a build_number every package agrees with', async () => {
    const { dir } = await iosAndMac('2.3.0', '24')
    const result = await run({ ipa_path: join(dir, '*'), build_number: '24', dry_run: 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.summary).toContain('**Demo.ipa · Upload**')
    expect(result.summary).toContain('**Demo.pkg · Upload**')
    expect(result.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })

  it('plans every package in a dry run, and names each package whose check fails', async () => {
    const { dir } = await iosAndMac('2.3.1', '24')
    const result = await run({ ipa_path: join(dir, '*'), beta_groups: 'Nobody', dry_run: 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toMatch(
      /::error::Dry run: Demo\.ipa Beta groups: .*Nobody.*; Demo\.pkg Beta groups: .*Nobody/,
    )
    expect(result.summary).toContain('**Demo.pkg · Beta groups**')
    expect(result.summary).not.toMatch(/### What failed\n\n.* of \*\*/)
    expect(result.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })

  it('refuses two packages of one app and platform (a glob that also matches an old build)', async () => {
    const dir = join(world.dir, 'stale')
    await writeIpa(join(dir, 'Demo-1.ipa'), { bundleId: BUNDLE_ID, version: '2.4.0', buildNumber: '25' })
    await writeIpa(join(dir, 'Demo-2.ipa'), { bundleId: BUNDLE_ID, version: '2.4.0', buildNumber: '26' })
    const result = await run({ ipa_path: join(dir, '*.ipa') })
    expect(result.exitCode).toBe(1)
    expect(result.log).toMatch(
      /'ipa_path' names two packages of one app and platform: Demo-1\.ipa .* Demo-2\.ipa/,
    )
    expect(result.requests).toEqual([])
  })
})

describe('a failure in one of several packages', () => {
  it('finds every app before the first upload: an app App Store Connect lacks fails the run before anything is sent', async () => {
    const dir = join(world.dir, 'unknown-app')
    await writeIpa(join(dir, 'Demo.ipa'), { bundleId: BUNDLE_ID, version: '2.4.0', buildNumber: '26' })
    await writePkg(join(dir, 'Other.pkg'), {
      bundleId: 'com.example.unknown',
      version: '1.0',
      buildNumber: '1',
    })
    const result = await run({
      ipa_path: [join(dir, 'Demo.ipa'), join(dir, 'Other.pkg')].join('\n'),
      wait_for_processing: 'false',
      uses_non_exempt_encryption: '',
    })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('No app with bundle ID com.example.unknown')
    expect(result.log).toContain(`App for Demo.ipa: "`)
    expect(result.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(result.summary).toContain('### What failed\n\n**Find the apps**')
  })

  it('stops at the package that fails, reports what was done for the earlier ones and names it', async () => {
    const second = world.sim.store.createApp({ bundleId: 'com.example.second', name: 'Second' })
    world.sim.store.createApp({ bundleId: 'com.example.third', name: 'Third' })
    const dir = join(world.dir, 'second-fails')
    await writeIpa(join(dir, 'Demo.ipa'), { bundleId: BUNDLE_ID, version: '2.5.0', buildNumber: '27' })
    await writePkg(join(dir, 'Other.pkg'), {
      bundleId: 'com.example.second',
      version: '1.0',
      buildNumber: '1',
    })
    await writeIpa(join(dir, 'Third.ipa'), {
      bundleId: 'com.example.third',
      version: '1.0',
      buildNumber: '1',
    })
    // Another package's young upload holds the .pkg's version and build number: its upload must fail.
    await reserveForOtherPackage(world, {
      appId: second.id,
      version: '1.0',
      build: '1',
      platform: 'MAC_OS',
      fileName: 'Elsewhere.pkg',
    })
    const result = await run({
      ipa_path: [join(dir, 'Demo.ipa'), join(dir, 'Other.pkg'), join(dir, 'Third.ipa')].join('\n'),
      wait_for_processing: 'false',
      uses_non_exempt_encryption: '',
    })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('holds a different package (Elsewhere.pkg')
    const [done, failed, ...rest] = results(result)
    expect(done).toMatchObject({ package: 'Demo.ipa', platform: 'ios', build_number: '27' })
    expect(done?.build_id ?? result.outputs['results']).toEqual(expect.any(String))
    expect(failed).toMatchObject({ package: 'Other.pkg', app_id: second.id, build_id: null })
    expect(rest).toEqual([])
    expect(result.summary).toContain('### What failed\n\n**Upload** of **Other.pkg**')
    expect(result.summary).toContain('### Demo.ipa\n')
    expect(result.summary).toContain('#### Upload')
    // The third package was never started: its app was found, and nothing else was asked of it.
    const third = result.requests.filter((r) => JSON.stringify(r).includes('com.example.third'))
    expect(third.map((r) => r.method)).toEqual(['GET'])
  })
})

describe('several apps in one run', () => {
  it('releases each app, named by its path where two packages share a file name', async () => {
    const other = world.sim.store.createApp({ bundleId: 'com.example.other', name: 'Other' })
    const dir = join(world.dir, 'apps')
    await writeIpa(join(dir, 'demo', 'App.ipa'), { bundleId: BUNDLE_ID, version: '3.0.0', buildNumber: '30' })
    await writeIpa(join(dir, 'other', 'App.ipa'), {
      bundleId: 'com.example.other',
      version: '1.0',
      buildNumber: '5',
    })
    const result = await runAction({
      inputs: {
        ...world.inputs,
        ipa_path: join(dir, '*', 'App.ipa'),
        wait_for_processing: 'false',
      },
      env: world.env,
      cwd: dir,
      runPost: false,
    })
    expect(result.exitCode).toBe(0)
    expect(results(result).map((r) => [r.package, r.app_id, r.build_number])).toEqual([
      [join('demo', 'App.ipa'), world.appId, '30'],
      [join('other', 'App.ipa'), other.id, '5'],
    ])
    expect(result.outputs['app_id']).toBeUndefined()
    expect(result.summary).toContain(`### ${join('other', 'App.ipa')}\n`)
  })
})

describe('a run of several packages cancelled midway', () => {
  it('gets its summary from the post step, a section per package and where it stopped', async () => {
    const { ipa, pkg } = await iosAndMac('2.6.0', '28')
    // Slow storage, so the run is still sending the .pkg when it is cancelled.
    world.sim.faults.add({
      method: 'PUT',
      path: /^\/storage\//,
      times: 100,
      action: { type: 'delay', ms: 400 },
    })
    const from = world.sim.requests.length
    const macUploadStarted = () =>
      world.sim.requests
        .slice(from)
        .some(
          (r) =>
            r.method === 'POST' && r.path === '/v1/buildUploads' && JSON.stringify(r.body).includes('MAC_OS'),
        )
    const result = await runAction({
      inputs: {
        ...world.inputs,
        ipa_path: `${ipa}\n${pkg}`,
        wait_for_processing: 'false',
        poll_interval: '0.1',
      },
      env: world.env,
      killWhen: macUploadStarted,
      killSignal: 'SIGTERM',
    })
    world.sim.faults.clear()
    expect(result.exitCode).not.toBe(0)
    expect(result.postExitCode).toBe(0)
    expect(result.summary).toContain('⏹ stopped before it finished')
    expect(result.summary).toContain('### Demo.ipa\n')
    expect(result.summary).toContain('### Demo.pkg\n')
    expect(result.summary).toMatch(/during \*\*Upload of Demo\.pkg\*\*/)
    expect(result.summary).toContain('| Demo.pkg | Upload | ⏹ stopped | |')
  })
})
