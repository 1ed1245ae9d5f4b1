import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { writeIpa } from '../scripts/make-package.js'
import { runAction, type ActionRun } from '../scripts/run-action.js'
import { deriveOutputs } from '../src/report/outputs.js'
import { RunReport } from '../src/report/model.js'
import { renderSummary } from '../src/report/summary.js'
import { secretLeaks, startWorld, type World } from './helpers/world.js'

// The job summary of each kind of run, read as GitHub renders it: sections, escaping, links, no secrets.
let world: World
let appId: string
const BUNDLE = 'com.example.summary'
const HOSTILE_NAME = 'Demo <b>bold</b> | [link](https://evil.example) *x*'
const HOSTILE_GROUP = 'QA | <i>team</i>'
const runs: ActionRun[] = []

beforeAll(async () => {
  world = await startWorld({
    scenario: { partSize: 1024 * 1024, uploadProcessingMs: 50, buildProcessingMs: 100 },
  })
  appId = world.sim.store.createApp({ bundleId: BUNDLE, name: HOSTILE_NAME }).id
  world.sim.store.fillTestInformation(appId) // Beta App Review needs the app's Test Information
  world.sim.store.keepListing(appId) // and App Review the store listing
  world.sim.store.createBetaGroup({
    appId,
    name: HOSTILE_GROUP,
    isInternalGroup: true,
    hasAccessToAllBuilds: false,
  })
  world.sim.store.createBetaGroup({ appId, name: 'Public Beta', isInternalGroup: false })
  // A released version, so the next one takes What's New.
  world.sim.store.createAppStoreVersion({
    appId,
    versionString: '0.9.0',
    platform: 'IOS',
    appStoreState: 'READY_FOR_SALE',
  })
})
afterAll(async () => {
  await world.close()
})

async function run(inputs: Record<string, string>): Promise<ActionRun> {
  const result = await runAction({
    inputs: { ...world.inputs, poll_interval: '0.1', ...inputs },
    env: world.env,
  })
  runs.push(result)
  return result
}

function seedBuild(buildNumber: string, version = '1.0.0'): void {
  world.sim.store.createBuild({
    appId,
    version,
    buildNumber,
    platform: 'IOS',
    processingState: 'VALID',
    usesNonExemptEncryption: false,
  })
}

const existing = (buildNumber: string, version = '1.0.0') => ({
  upload_method: 'none',
  ipa_path: '',
  bundle_id: BUNDLE,
  app_version: version,
  build_number: buildNumber,
  platform: 'ios',
})

/** Every user-supplied string shows escaped: no raw HTML, no table-breaking pipe, no live link. */
function expectEscaped(summary: string): void {
  expect(summary).not.toContain('<b>')
  expect(summary).not.toContain('<i>')
  expect(summary).not.toContain('[link](https://evil.example)')
  expect(summary).toContain('Demo &lt;b&gt;bold&lt;/b&gt; \\| \\[link\\]\\(https://evil.example\\) \\*x\\*')
}

describe('job summary', () => {
  it('of a TestFlight release has every section, escaped, with links', async () => {
    const ipa = join(world.dir, 'Summary.ipa')
    await writeIpa(ipa, { bundleId: BUNDLE, version: '1.0.0', buildNumber: '1', padBytes: 2 * 1024 * 1024 })
    const { summary, exitCode } = await run({
      ipa_path: ipa,
      uses_non_exempt_encryption: 'false',
      beta_groups: `${HOSTILE_GROUP}, Public Beta`,
      submit_to_testflight: 'true',
      release_notes: '<img src=x onerror=alert(1)> **notes**',
    })
    expect(exitCode).toBe(0)
    expect(summary).toMatch(/^## App Store Connect release ✅ done/)
    expect(summary).toContain(`| App | [Demo &lt;b&gt;bold`)
    expect(summary).toContain('| Version | 1.0.0 (1) |')
    expect(summary).toMatch(/\| Package \| Summary\.ipa, 2\.\d MB \|/)
    expect(summary).toMatch(
      /### Upload\n\nSent 2\.\d MB through the build upload API in [\d.]+ m?s at [\d.]+ MB\/s\./,
    )
    expect(summary).toMatch(/### Processing\n\nVALID after/)
    expect(summary).toContain('| QA \\| &lt;i&gt;team&lt;/i&gt; | internal | added |')
    expect(summary).toContain('| Public Beta | external | added |')
    expect(summary).toContain('- Beta App Review: WAITING\\_FOR\\_REVIEW')
    expect(summary).toContain('- What to Test: en-US')
    expect(summary).not.toContain('<img')
    expect(summary).toMatch(/\| Upload \| ✅ \| [\d.]+ m?s \|/)
    expect(summary).toMatch(/\| Wait for processing \| ✅ \|/)
    expect(summary).toMatch(/\| TestFlight \| ✅ \|/)
    expect(summary).toContain(
      `[App in App Store Connect](https://appstoreconnect.apple.com/apps/${appId}/distribution)`,
    )
    expect(summary).toMatch(
      new RegExp(
        `\\[Build in TestFlight\\]\\(https://appstoreconnect\\.apple\\.com/apps/${appId}/testflight/ios/[\\w-]+\\)`,
      ),
    )
    expect(summary).toContain('[Workflow run](https://github.com/example/app/actions/runs/1234567890)')
    expectEscaped(summary)
  })

  it('of an App Store release shows the version, the scheduled date, phased release and the submission', async () => {
    seedBuild('2')
    const { summary, exitCode } = await run({
      ...existing('2'),
      submit_to_app_store: 'true',
      release_type: 'SCHEDULED',
      earliest_release_date: '2030-03-01T09:00:00-08:00',
      whats_new: 'New <b>things</b>',
      copyright: '2026 <Example> | Ltd',
      phased_release: 'true',
    })
    expect(exitCode).toBe(0)
    expect(summary).toContain('### App Store')
    expect(summary).toContain('Version 1.0.0 was submitted for App Store review.')
    expect(summary).toContain('not before 2030-03-01 17:00 UTC')
    expect(summary).toContain('- Phased release: over 7 days (turned on)')
    expect(summary).toContain("- What's New: en-US")
    expect(summary).toContain('- Copyright: 2026 &lt;Example&gt; \\| Ltd')
    expect(summary).toMatch(/- Review submission: [\w-]+, WAITING\\_FOR\\_REVIEW/)
    expect(summary).toContain(
      `[App Store version](https://appstoreconnect.apple.com/apps/${appId}/distribution/ios/version/inflight)`,
    )
    expectEscaped(summary)
  })

  it('of a dry run is the plan as a checklist, with each precondition checked', async () => {
    seedBuild('3', '1.1.0')
    const { summary, exitCode } = await run({
      ...existing('3', '1.1.0'),
      dry_run: 'true',
      beta_groups: 'Public Beta',
      submit_to_testflight: 'true',
      release_notes: 'Hi',
      submit_to_app_store: 'true',
      release_type: 'SCHEDULED',
      earliest_release_date: '2030-03-01T09:00:00-08:00',
      // The App Store test above left version 1.0.0 waiting for review.
      cancel_previous_submissions: 'true',
    })
    expect(summary).toContain('would cancel review submission')
    expect(summary).not.toContain('FAILED')
    expect(summary.split('\n').filter((l) => l.includes('✗'))).toEqual([])
    expect(exitCode).toBe(0)
    expect(summary).toMatch(/^## App Store Connect release: dry run 📝 plan only, nothing changed/)
    expect(summary).toContain('### Plan')
    expect(summary).toContain('- [ ] **Authenticate**')
    expect(summary).toContain(
      '- [ ] **Use the uploaded build**: act on build 1.1.0 \\(3\\) for ios (✓ found, processing state VALID)',
    )
    expect(summary).toContain('- [ ] **Beta groups**: add the build to Public Beta (✓ all groups exist)')
    expect(summary).toContain('- [ ] **Beta App Review**')
    expect(summary).toMatch(/- \[ \] \*\*App Store\*\*: prepare version 1\.1\.0 .*\(✓ /)
    expect(summary).toContain(
      '- [ ] **Release date**: release not before 2030-03-01T17:00:00.000Z (✓ in the future, on the hour, with release\\_type SCHEDULED)',
    )
    expect(summary).not.toContain('### Upload')
    expectEscaped(summary)
  })

  it('of a failure names the step, Apple’s error and the fix', async () => {
    seedBuild('4')
    world.sim.scenario.betaReviewMissing = ['betaAppDescription']
    const { summary, exitCode } = await run({
      ...existing('4'),
      submit_to_testflight: 'true',
      release_notes: 'Hi',
    })
    world.sim.scenario.betaReviewMissing = []
    expect(exitCode).toBe(1)
    expect(summary).toMatch(/^## App Store Connect release ❌ failed/)
    expect(summary).toContain('### What failed\n\n**TestFlight**')
    expect(summary).toContain('Beta App Description is missing.')
    expect(summary).toContain('TestFlight &gt; Test Information')
    expect(summary).toMatch(/\| TestFlight \| ❌ \|/)
    expectEscaped(summary)
  })

  it.each([
    ['Settings', { locale: 'not a locale' }],
    // Failures after the settings belong to the step under way, even when thrown between steps.
    ['Plan (dry run)', { ...existing('404'), dry_run: 'true' }],
    ['Upload', { ...existing('404'), wait_for_processing: 'false' }],
  ])('of a failure outside any step names the step it happened in: %s', async (step, inputs) => {
    const { summary, exitCode } = await run(inputs)
    expect(exitCode).toBe(1)
    expect(summary).toContain(`### What failed\n\n**${step.replace(/[()]/g, '\\$&')}**\n`)
  })

  it('never shows the key or a token', () => {
    expect(runs.length).toBeGreaterThanOrEqual(7)
    for (const { summary } of runs) expect(secretLeaks(summary, world.key.privateKeyPem)).toEqual([])
  })
})

describe('outputs', () => {
  it('are derived from what the run recorded: the processed build over the upload, nothing unknown', () => {
    const report = new RunReport()
    expect(deriveOutputs(report)).toEqual({})
    report.app = { id: 'app-1', bundleId: 'com.example.a', name: 'A' }
    report.identity = { bundleId: 'com.example.a', version: '2.0', buildNumber: '7', platform: 'ios' }
    report.upload = { method: 'api', buildUploadId: 'up-1', bytesSent: 1, sendMs: 1 }
    expect(deriveOutputs(report)).toEqual({
      app_id: 'app-1',
      bundle_id: 'com.example.a',
      app_version: '2.0',
      build_number: '7',
      platform: 'ios',
      build_upload_id: 'up-1',
      results: JSON.stringify([
        {
          package: null,
          app_id: 'app-1',
          platform: 'ios',
          app_version: '2.0',
          build_number: '7',
          build_id: null,
          processing_state: null,
          review_submission_id: null,
        },
      ]),
    })
    report.processing = { buildId: 'build-1', processingState: 'VALID' } as RunReport['processing']
    report.testflight = {
      groups: [
        { id: 'g1', name: 'QA', isInternal: true, added: true },
        { id: 'g2', name: 'Beta', isInternal: false, added: false },
      ],
      betaReviewState: 'WAITING_FOR_REVIEW',
    } as RunReport['testflight']
    report.appStore = {
      versionId: 'v-1',
      reviewSubmissionId: 'rs-1',
      reviewSubmissionState: 'WAITING_FOR_REVIEW',
    } as RunReport['appStore']
    expect(deriveOutputs(report)).toMatchObject({
      build_id: 'build-1',
      processing_state: 'VALID',
      beta_groups: 'g1,g2',
      beta_review_state: 'WAITING_FOR_REVIEW',
      app_store_version_id: 'v-1',
      review_submission_id: 'rs-1',
      review_submission_state: 'WAITING_FOR_REVIEW',
    })
  })
})

describe('the summary of a stopped run', () => {
  it('says between which steps it stopped when the step under way had ended', () => {
    const report = new RunReport()
    report.interrupted = true
    report.currentStep = 'Find the app'
    report.steps.push({ name: 'Find the app', status: 'done', durationMs: 900 })
    const summary = renderSummary(report)
    expect(summary).toMatch(/^## App Store Connect release ⏹ stopped before it finished\n/)
    expect(summary).toContain(
      'The run was cancelled or ended after **Find the app**, before it could report.',
    )
    expect(summary).toMatch(/\| Find the app \| ✅ \| 900 ms \|\n$/)
    expect(summary).not.toContain('⏹ stopped |')
  })
})
