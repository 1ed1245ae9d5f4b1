import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { runAction, type ActionRun } from '../scripts/run-action.js'
import { secretLeaks, startWorld, visibleText, type World } from './helpers/world.js'

// wait_for_beta_review and wait_for_app_review through dist/index.js: the simulator's reviews end on its
// clock as the scenario says (real ones take hours; by default they never end there).
let world: World
const runs: ActionRun[] = []

beforeAll(async () => {
  world = await startWorld({ scenario: { betaReviewMs: 600 } })
})
afterAll(async () => {
  await world.close()
})

let apps = 0
/** Its own app with a processed, compliant build, so no review of another test is in the way. */
function newApp(): { bundleId: string; buildId: string } {
  const bundleId = `com.example.review${++apps}`
  const { id } = world.sim.store.createApp({ bundleId, name: `Review ${apps}` })
  // Beta App Review asks for the app's Test Information first, as Apple does.
  world.sim.store.fillTestInformation(id)
  // And App Review the store listing.
  world.sim.store.keepListing(id)
  const { id: buildId } = world.sim.store.createBuild({
    appId: id,
    version: '2.0.0',
    buildNumber: '1',
    platform: 'IOS',
    processingState: 'VALID',
    usesNonExemptEncryption: false,
  })
  return { bundleId, buildId }
}

async function release(bundleId: string, inputs: Record<string, string>) {
  const run = await runAction({
    inputs: {
      ...world.inputs,
      ipa_path: '',
      upload_method: 'none',
      bundle_id: bundleId,
      app_version: '2.0.0',
      build_number: '1',
      platform: 'ios',
      poll_interval: '0.1',
      ...inputs,
    },
    env: world.env,
    runPost: false,
  })
  runs.push(run)
  return run
}

const beta = (minutes: string) => ({ submit_to_testflight: 'true', wait_for_beta_review: minutes })
const appReview = (minutes: string) => ({
  submit_to_app_store: 'true',
  whats_new: 'Fixes.',
  wait_for_app_review: minutes,
})

describe('wait_for_beta_review', () => {
  it('waits until Beta App Review approves and reports APPROVED', async () => {
    world.sim.scenario.betaReviewOutcome = 'approve'
    const run = await release(newApp().bundleId, beta('1'))
    expect(run.exitCode).toBe(0)
    expect(run.outputs['beta_review_state']).toBe('APPROVED')
    expect(run.log).toContain('The Beta App Review of build 2.0.0 (1) ended: APPROVED.')
    expect(run.summary).toContain('Wait for Beta App Review')
  })

  it('fails on a rejection, with the state and where the reasons are', async () => {
    world.sim.scenario.betaReviewOutcome = 'reject'
    const run = await release(newApp().bundleId, beta('1'))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['beta_review_state']).toBe('REJECTED')
    expect(run.log).toContain(
      'Beta App Review rejected build 2.0.0 (1) (betaReviewState REJECTED). Apple\'s reasons are in App Store Connect > "Review',
    )
  })

  it('times out saying the build stays in review', async () => {
    world.sim.scenario.betaReviewOutcome = 'none'
    const run = await release(newApp().bundleId, beta('0.01'))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['beta_review_state']).toBe('WAITING_FOR_REVIEW')
    expect(run.log).toMatch(
      /Timed out after [\d.]+ m?s waiting for the Beta App Review of build 2.0.0 \(1\), which is still WAITING_FOR_REVIEW/,
    )
    expect(run.log).toContain(
      'The submission stays in review; there is nothing to undo. Raise wait_for_beta_review',
    )
  })

  it('does not wait by default', async () => {
    world.sim.scenario.betaReviewOutcome = 'approve'
    const run = await release(newApp().bundleId, { submit_to_testflight: 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['beta_review_state']).toBe('WAITING_FOR_REVIEW')
  })
})

describe('wait_for_app_review', () => {
  it('waits until App Review approves: COMPLETE, the version pending developer release', async () => {
    world.sim.scenario.appReviewVerdict = { verdict: 'approved', afterMs: 600 }
    const run = await release(newApp().bundleId, appReview('1'))
    expect(run.exitCode).toBe(0)
    expect(run.outputs['review_submission_state']).toBe('COMPLETE')
    expect(run.log).toContain('ended: COMPLETE (version PENDING_DEVELOPER_RELEASE).')
    expect(run.summary).toMatch(/Version after App Review: PENDING\\?_DEVELOPER\\?_RELEASE/)
  })

  it('fails on a rejection, pointing at the Resolution Center', async () => {
    world.sim.scenario.appReviewVerdict = { verdict: 'rejected', afterMs: 600 }
    const run = await release(newApp().bundleId, appReview('1'))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['review_submission_state']).toBe('UNRESOLVED_ISSUES')
    expect(run.log).toContain(
      'App Review did not approve version 2.0.0: review submission UNRESOLVED_ISSUES (version REJECTED).',
    )
    expect(run.log).toContain('(the Resolution Center)')
  })

  it('times out saying the submission stays in review', async () => {
    world.sim.scenario.appReviewVerdict = null
    const run = await release(newApp().bundleId, appReview('0.01'))
    expect(run.exitCode).not.toBe(0)
    expect(run.outputs['review_submission_state']).toBe('WAITING_FOR_REVIEW')
    expect(run.log).toContain(
      'The submission stays in review; there is nothing to undo. Raise wait_for_app_review',
    )
  })

  it('waits for both reviews in one run, after both submissions', async () => {
    world.sim.scenario.betaReviewOutcome = 'approve'
    world.sim.scenario.appReviewVerdict = { verdict: 'approved', afterMs: 600 }
    const run = await release(newApp().bundleId, { ...beta('1'), ...appReview('1') })
    expect(run.exitCode).toBe(0)
    expect(run.outputs['beta_review_state']).toBe('APPROVED')
    expect(run.outputs['review_submission_state']).toBe('COMPLETE')
    expect(run.log.indexOf('Submitted for App Store review')).toBeGreaterThan(-1)
    expect(run.log.indexOf('Submitted for App Store review')).toBeLessThan(
      run.log.indexOf('Waiting for the Beta App Review'),
    )
  })
})

describe('every run above', () => {
  it('never shows the key or a token, and the simulator saw nothing outside Apple’s contract', () => {
    // Run alone (-t), this test would scan nothing and pass: it needs the runs of the tests above.
    expect(runs.length).toBeGreaterThanOrEqual(8)
    for (const run of runs) expect(secretLeaks(visibleText(run), world.key.privateKeyPem)).toEqual([])
    expect(world.sim.contractViolations).toEqual([])
  })
})
