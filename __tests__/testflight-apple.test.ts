import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ActionRun } from '../scripts/run-action.js'
import type { BetaReviewMissingShape } from '../simulator/index.js'
import { testflightHelpers } from './helpers/testflight.js'
import { secretLeaks, startWorld, visibleText, type World } from './helpers/world.js'

// TestFlight where the real App Store Connect is less kind than a plain store (real-apple-behaviour.md
// T1-T6), driven through dist/index.js against the simulator in its Apple-like defaults.
let world: World
const runs: ActionRun[] = []
let nextBuild = 500

beforeAll(async () => {
  world = await startWorld({
    scenario: { partSize: 1024 * 1024, uploadProcessingMs: 50, buildProcessingMs: 100 },
  })
  world.sim.store.createBetaGroup({ appId: world.appId, name: 'QA', isInternalGroup: true })
})
afterAll(async () => {
  await world.close()
})

type Platform = 'IOS' | 'MAC_OS'

/** A processed build, as an earlier upload would leave it; compliance answered unless said otherwise. */
function seedBuild(
  options: {
    version?: string
    appId?: string
    platform?: Platform
    encryption?: boolean | null
    inBetaReview?: 'WAITING_FOR_REVIEW' | 'IN_REVIEW'
  } = {},
) {
  const buildNumber = String(nextBuild++)
  const { id } = world.sim.store.createBuild({
    appId: options.appId ?? world.appId,
    version: options.version ?? '3.0.0',
    buildNumber,
    platform: options.platform ?? 'IOS',
    processingState: 'VALID',
    usesNonExemptEncryption: options.encryption === undefined ? false : options.encryption,
  })
  if (options.inBetaReview) {
    world.sim.store.insert(
      'betaAppReviewSubmissions',
      { betaReviewState: options.inBetaReview, submittedDate: new Date().toISOString() },
      { build: { type: 'builds', id } },
    )
  }
  return { id, buildNumber }
}

const { release, writesSince, requestsSince, attributesOf, localesOf } = testflightHelpers(() => world, runs)
const reviewStateOf = (buildId: string) => {
  const build = world.sim.store.get('builds', buildId)
  return build && world.sim.store.related(build, 'betaAppReviewSubmission')[0]?.attributes['betaReviewState']
}

const TEST_INFORMATION_HINT = 'App Store Connect > TestFlight > Test Information'

describe('What to Test (T1)', () => {
  it('ends with our text when Apple creates the localization just as we create it', async () => {
    world.sim.scenario.whatToTestRace = true
    const { id, buildNumber } = seedBuild()
    const start = world.sim.requests.length
    const result = await release(buildNumber, { release_notes: 'Try the new login.' })
    world.sim.scenario.whatToTestRace = false
    expect(result.exitCode).toBe(0)
    // Apple's localization appeared at the moment of our POST: it was refused, and Apple's one was updated.
    expect(requestsSince(start, 'POST', '/v1/betaBuildLocalizations').map((r) => r.status)).toEqual([409])
    expect(localesOf(id)).toEqual([['en-US', 'Try the new login.']])
    expect(result.log).toContain('What to Test (en-US): App Store Connect had just created it; updated.')
  })

  it('updates the localization Apple created some time after the build appeared', async () => {
    const { id, buildNumber } = seedBuild()
    await new Promise((resolve) => setTimeout(resolve, world.sim.scenario.whatToTestCreatedAfterMs ?? 0))
    expect(localesOf(id)).toEqual([['en-US', undefined]])
    const start = world.sim.requests.length
    const result = await release(buildNumber, { release_notes: 'Ours.' })
    expect(result.exitCode).toBe(0)
    expect(requestsSince(start, 'POST', '/v1/betaBuildLocalizations')).toEqual([])
    expect(localesOf(id)).toEqual([['en-US', 'Ours.']])
  })
})

describe('Auto-notify (T4)', () => {
  it('finds auto-notify on, as Apple sets it, and leaves it alone by default', async () => {
    const { id, buildNumber } = seedBuild()
    expect(attributesOf('buildBetaDetails', id)['autoNotifyEnabled']).toBe(true)
    const start = world.sim.requests.length
    const result = await release(buildNumber, { beta_groups: 'QA' })
    expect(result.exitCode).toBe(0)
    expect(writesSince(start).filter((r) => r.path.startsWith('/v1/buildBetaDetails/'))).toEqual([])
  })
})

describe('One build of a version in Beta App Review (T2)', () => {
  it('names the other build, never the Test Information hint, and replaces only waiting builds on request', async () => {
    const waiting = seedBuild({ inBetaReview: 'WAITING_FOR_REVIEW' })
    const olderVersionWaiting = seedBuild({ version: '2.9.0', inBetaReview: 'WAITING_FOR_REVIEW' })
    const otherVersionInReview = seedBuild({ version: '2.8.0', inBetaReview: 'IN_REVIEW' })
    const macWaiting = seedBuild({ platform: 'MAC_OS', inBetaReview: 'WAITING_FOR_REVIEW' })
    const otherApp = world.sim.store.createApp({ bundleId: 'com.example.other', name: 'Other' }).id
    const otherAppWaiting = seedBuild({ appId: otherApp, inBetaReview: 'WAITING_FOR_REVIEW' })
    const ours = seedBuild()

    const refused = await release(ours.buildNumber, { submit_to_testflight: 'true' })
    expect(refused.exitCode).toBe(1)
    expect(refused.log).toContain('Another build is in review.')
    expect(refused.log).toContain(
      `Another build of version 3.0.0 is in Beta App Review: build 3.0.0 (${waiting.buildNumber}), WAITING_FOR_REVIEW`,
    )
    expect(refused.log).toContain('replace_build_in_beta_review: true')
    expect(refused.log).not.toContain(TEST_INFORMATION_HINT)
    expect(reviewStateOf(ours.id)).toBeUndefined()
    expect(attributesOf('builds', waiting.id)['expired']).toBe(false)

    const replaced = await release(ours.buildNumber, {
      submit_to_testflight: 'true',
      replace_build_in_beta_review: 'true',
    })
    expect(replaced.exitCode).toBe(0)
    expect(replaced.outputs.beta_review_state).toBe('WAITING_FOR_REVIEW')
    expect(reviewStateOf(ours.id)).toBe('WAITING_FOR_REVIEW')
    // Only this app's builds for this platform that were waiting for review were expired.
    expect(attributesOf('builds', waiting.id)['expired']).toBe(true)
    expect(attributesOf('builds', olderVersionWaiting.id)['expired']).toBe(true)
    expect(replaced.summary).toContain('- Expired to make way in Beta App Review: ')
    expect(replaced.summary).toContain(waiting.id)
    for (const kept of [otherVersionInReview, macWaiting, otherAppWaiting, ours]) {
      expect(attributesOf('builds', kept.id)['expired']).toBe(false)
    }
  })

  it('says so when the other build is already in review and cannot be replaced', async () => {
    const inReview = seedBuild({ version: '3.2.0', inBetaReview: 'IN_REVIEW' })
    const ours = seedBuild({ version: '3.2.0' })
    const result = await release(
      ours.buildNumber,
      { submit_to_testflight: 'true', replace_build_in_beta_review: 'true' },
      '3.2.0',
    )
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain(`build 3.2.0 (${inReview.buildNumber}), IN_REVIEW`)
    expect(result.log).toContain('A build already IN_REVIEW cannot be replaced: wait until its review ends')
    expect(result.log).not.toContain(TEST_INFORMATION_HINT)
    expect(attributesOf('builds', inReview.id)['expired']).toBe(false)
  })
})

describe('Beta App Review right after export compliance (T3)', () => {
  it('retries the 422 Apple answers for a while, then submits', async () => {
    world.sim.scenario.betaReviewAfterComplianceMs = 400
    const { id, buildNumber } = seedBuild({ encryption: null })
    const start = world.sim.requests.length
    const result = await release(buildNumber, {
      uses_non_exempt_encryption: 'false',
      submit_to_testflight: 'true',
    })
    world.sim.scenario.betaReviewAfterComplianceMs = 150
    expect(result.exitCode).toBe(0)
    const statuses = requestsSince(start, 'POST', '/v1/betaAppReviewSubmissions').map((r) => r.status)
    expect(statuses[0]).toBe(422)
    expect(statuses.at(-1)).toBe(201)
    expect(result.log).toContain('Beta App Review: the build is not ready for Beta App Review yet')
    expect(reviewStateOf(id)).toBe('WAITING_FOR_REVIEW')
  })
})

describe('A build exported for internal testing only (T6)', () => {
  const internalOnly = () => {
    const build = seedBuild()
    world.sim.store.update('builds', build.id, { attributes: { buildAudienceType: 'INTERNAL_ONLY' } })
    return build
  }

  it('is refused for an external group before any group changes, naming the export option', async () => {
    const { buildNumber } = internalOnly()
    const start = world.sim.requests.length
    const result = await release(buildNumber, { beta_groups: 'QA, Public Beta', release_notes: 'Hi' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('exported for internal testing only')
    expect(result.log).toContain('external group "Public Beta"')
    expect(result.log).toContain('"TestFlight Internal Only"')
    expect(result.log).toContain('testFlightInternalTestingOnly in ExportOptions.plist')
    expect(writesSince(start)).toEqual([])
  })

  it('is refused for Beta App Review, and still goes to internal groups', async () => {
    const refused = internalOnly()
    const result = await release(refused.buildNumber, { beta_groups: 'QA', submit_to_testflight: 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('submit_to_testflight (Beta App Review)')
    expect(reviewStateOf(refused.id)).toBeUndefined()

    const internal = internalOnly()
    expect((await release(internal.buildNumber, { beta_groups: 'QA' })).exitCode).toBe(0)
    expect(attributesOf('buildBetaDetails', internal.id)['externalBuildState']).toBe('NOT_APPLICABLE')
  })
})

describe('Missing test information (T5)', () => {
  const shapes: [BetaReviewMissingShape, number, string][] = [
    ['itemized', 422, 'Beta App Description is missing.'],
    ['conflict', 409, 'Beta App Description is missing.'],
    ['missing-required', 422, 'Missing required information to submit for external testing'],
    ['localizations-not-found', 409, 'betaAppLocalizations not found for this app.'],
    ['server-error', 500, 'An unexpected error occurred.'],
  ]
  it.each(shapes)(
    'gets the Test Information hint when Apple answers the %s shape',
    async (shape, status, words) => {
      world.sim.scenario.betaReviewMissing = ['betaAppDescription']
      world.sim.scenario.betaReviewMissingShape = shape
      const { id, buildNumber } = seedBuild()
      const start = world.sim.requests.length
      const result = await release(buildNumber, { submit_to_testflight: 'true' })
      world.sim.scenario.betaReviewMissing = []
      world.sim.scenario.betaReviewMissingShape = 'itemized'
      expect(requestsSince(start, 'POST', '/v1/betaAppReviewSubmissions').map((r) => r.status)).toEqual([
        status,
      ])
      expect(result.exitCode).toBe(1)
      expect(result.log).toContain('Beta App Review refused the build')
      expect(result.log).toContain(words)
      expect(result.log).toContain(TEST_INFORMATION_HINT)
      expect(reviewStateOf(id)).toBeUndefined()
    },
  )

  it('looks the submission up after a bare 500 before giving the hint', async () => {
    world.sim.scenario.betaReviewMissing = ['betaAppDescription']
    world.sim.scenario.betaReviewMissingShape = 'server-error'
    const { buildNumber } = seedBuild()
    const start = world.sim.requests.length
    const result = await release(buildNumber, { submit_to_testflight: 'true' })
    world.sim.scenario.betaReviewMissing = []
    world.sim.scenario.betaReviewMissingShape = 'itemized'
    expect(result.exitCode).toBe(1)
    const sent = world.sim.requests.slice(start).map((r) => `${r.method} ${r.path} ${r.status}`)
    const refusal = sent.indexOf('POST /v1/betaAppReviewSubmissions 500')
    expect(refusal).toBeGreaterThan(-1)
    expect(sent.slice(refusal + 1)).toContain('GET /v1/betaAppReviewSubmissions 200')
  })
})

describe('Other Beta App Review refusals', () => {
  it("show Apple's words without the Test Information hint", async () => {
    const { buildNumber } = seedBuild()
    world.sim.faults.add({
      method: 'POST',
      path: '/v1/betaAppReviewSubmissions',
      action: { type: 'status', status: 409 },
    })
    const result = await release(buildNumber, { submit_to_testflight: 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('Beta App Review refused the build')
    expect(result.log).toContain('App Store Connect answered 409 to POST /v1/betaAppReviewSubmissions')
    expect(result.log).not.toContain(TEST_INFORMATION_HINT)
  })
})

describe('replace_build_in_beta_review input', () => {
  it('is refused without submit_to_testflight, and must be true or false', async () => {
    const alone = await release('1', { replace_build_in_beta_review: 'true' })
    expect(alone.exitCode).toBe(1)
    expect(alone.log).toContain("'replace_build_in_beta_review' is only used with submit_to_testflight: true")
    const bad = await release('1', {
      replace_build_in_beta_review: 'yes please',
      submit_to_testflight: 'true',
    })
    expect(bad.exitCode).toBe(1)
    expect(bad.log).toContain("'replace_build_in_beta_review'")
  })
})

describe('inputs that need a processed build', () => {
  it('are refused with wait_for_processing false, each by its own name', async () => {
    const notes = join(world.dir, 'notes.json')
    await writeFile(notes, JSON.stringify([{ language: 'en-US', text: 'Hi' }]))
    const result = await release('1', {
      wait_for_processing: 'false',
      release_notes_file: notes,
      notify_testers: 'false',
    })
    expect(result.exitCode).toBe(1)
    const refusal = 'needs a processed build, so it cannot be used with wait_for_processing false'
    expect(result.log).toContain(`'release_notes_file' ${refusal}`)
    expect(result.log).toContain(`'notify_testers' ${refusal}`)
    expect(result.log).not.toContain(`'release_notes' ${refusal}`)
  })
})

describe('every run', () => {
  it('never shows the key or a token', () => {
    for (const result of runs) expect(secretLeaks(visibleText(result), world.key.privateKeyPem)).toEqual([])
  })

  it('the simulator saw nothing outside Apple’s contract', () => {
    expect(world.sim.contractViolations).toEqual([])
  })
})
