import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeIpa } from '../scripts/make-package.js'
import { runAction, type ActionRun } from '../scripts/run-action.js'
import { testflightHelpers } from './helpers/testflight.js'
import { BUNDLE_ID, secretLeaks, startWorld, visibleText, type World } from './helpers/world.js'

// TestFlight distribution, driven through dist/index.js against the simulator.
let world: World
let qaGroupId: string
const runs: ActionRun[] = []
const HOUR = 3600_000

beforeAll(async () => {
  world = await startWorld({
    scenario: { partSize: 1024 * 1024, uploadProcessingMs: 50, buildProcessingMs: 100 },
  })
  qaGroupId = world.sim.store.createBetaGroup({
    appId: world.appId,
    name: 'QA',
    isInternalGroup: true,
    hasAccessToAllBuilds: false,
  }).id
})
afterAll(async () => {
  await world.close()
})

/** A processed build of version 3.0.0, uploaded `hoursAgo` ago, as an earlier upload would leave it. */
function seedBuild(buildNumber: string, options: { hoursAgo?: number; encryption?: boolean | null } = {}) {
  return world.sim.store.createBuild({
    appId: world.appId,
    version: '3.0.0',
    buildNumber,
    platform: 'IOS',
    processingState: 'VALID',
    uploadedAt: Date.now() - (options.hoursAgo ?? 0) * HOUR,
    usesNonExemptEncryption: options.encryption ?? null,
  }).id
}

const { release, writesSince, attributesOf, localesOf } = testflightHelpers(() => world, runs)
const groupIdByName = (name: string) =>
  world.sim.store.list('betaGroups').find((g) => g.attributes['name'] === name)?.id ?? ''
const mustGet = (type: 'builds', id: string) => {
  const found = world.sim.store.get(type, id)
  if (!found) throw new Error(`no ${type} ${id} in the simulator`)
  return found
}

describe('TestFlight distribution', () => {
  let buildId: string
  let notes: string
  const olderIds: string[] = []
  let newerId: string

  beforeAll(async () => {
    olderIds.push(
      seedBuild('299', { hoursAgo: 5, encryption: false }),
      seedBuild('300', { hoursAgo: 3, encryption: false }),
    )
    buildId = seedBuild('301', { hoursAgo: 1 })
    newerId = world.sim.store.createBuild({
      appId: world.appId,
      version: '3.1.0',
      buildNumber: '1',
      platform: 'IOS',
      processingState: 'VALID',
    }).id
    notes = join(world.dir, 'notes.json')
    await writeFile(
      notes,
      JSON.stringify([
        { language: 'en-US', text: 'Try the new login.' },
        { language: 'de-DE', text: 'Probiert die neue Anmeldung.' },
      ]),
    )
  })

  const inputs = () => ({
    uses_non_exempt_encryption: 'false',
    release_notes_file: notes,
    beta_groups: 'QA, Public Beta',
    submit_to_testflight: 'true',
    expire_previous_builds: 'true',
  })

  it('answers compliance, sets notes, adds groups, submits for review and expires earlier builds', async () => {
    const result = await release('301', inputs())
    expect(result.exitCode).toBe(0)
    expect(attributesOf('builds', buildId)['usesNonExemptEncryption']).toBe(false)
    expect(localesOf(buildId)).toEqual([
      ['de-DE', 'Probiert die neue Anmeldung.'],
      ['en-US', 'Try the new login.'],
    ])
    const groupsOfBuild = world.sim.store.linkages(mustGet('builds', buildId), 'betaGroups').map((l) => l.id)
    // Team gets every build by itself; the named groups were added.
    expect(groupsOfBuild.sort()).toEqual(
      [qaGroupId, groupIdByName('Public Beta'), groupIdByName('Team')].sort(),
    )
    expect(result.outputs.beta_groups).toBe(`${qaGroupId},${groupIdByName('Public Beta')}`)
    expect(result.outputs.beta_review_state).toBe('WAITING_FOR_REVIEW')
    expect(attributesOf('buildBetaDetails', buildId)['autoNotifyEnabled']).toBe(true)
    for (const id of olderIds) expect(attributesOf('builds', id)['expired']).toBe(true)
    expect(attributesOf('builds', buildId)['expired']).toBe(false)
    expect(attributesOf('builds', newerId)['expired']).toBe(false)

    expect(result.log).toContain('::group::TestFlight')
    expect(result.log).toContain('Group "QA" (internal): build added.')
    expect(result.log).toContain('Expired 2 earlier builds: 299, 300.')
    expect(result.summary).toContain('### TestFlight')
    expect(result.summary).toContain('| Public Beta | external | added |')
    expect(result.summary).toContain('- Beta App Review: WAITING\\_FOR\\_REVIEW')
    expect(result.summary).toContain('- What to Test: en-US, de-DE')
  })

  it('changes nothing on a rerun with the same inputs', async () => {
    const start = world.sim.requests.length
    const result = await release('301', inputs())
    expect(result.exitCode).toBe(0)
    expect(writesSince(start)).toEqual([])
    expect(result.log).toContain('Beta App Review: already submitted (WAITING_FOR_REVIEW).')
    expect(result.log).toContain('Group "QA" (internal): already has the build.')
    expect(result.outputs.beta_review_state).toBe('WAITING_FOR_REVIEW')
  })

  it('updates only the notes that changed', async () => {
    await writeFile(
      notes,
      JSON.stringify([
        { language: 'en-US', text: 'Try the new login.' },
        { language: 'de-DE', text: 'Neue Anmeldung testen.' },
      ]),
    )
    const start = world.sim.requests.length
    const result = await release('301', inputs())
    expect(result.exitCode).toBe(0)
    expect(writesSince(start).map((r) => `${r.method} ${r.path.replace(/[^/]+$/, ':id')}`)).toEqual([
      'PATCH /v1/betaBuildLocalizations/:id',
    ])
    expect(localesOf(buildId)).toContainEqual(['de-DE', 'Neue Anmeldung testen.'])
  })
})

describe('TestFlight rules', () => {
  it('resolves every group before changing anything: an unknown name fails and lists the groups', async () => {
    seedBuild('310')
    const start = world.sim.requests.length
    const result = await release('310', { beta_groups: 'QA\nNobody', release_notes: 'Hi' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain(
      'beta_groups: no group named "Nobody" in "Demo". The app\'s groups are "Team", "Public Beta", "QA"',
    )
    expect(writesSince(start)).toEqual([])
  })

  it('writes notes for the app’s primary locale, or for `locale`', async () => {
    const id = seedBuild('311')
    expect((await release('311', { release_notes: 'Primary' })).exitCode).toBe(0)
    expect((await release('311', { release_notes: 'Français', locale: 'fr-FR' })).exitCode).toBe(0)
    expect(localesOf(id)).toEqual([
      ['en-US', 'Primary'],
      ['fr-FR', 'Français'],
    ])
  })

  it('warns with the exact fix when the build waits for export compliance', async () => {
    seedBuild('312')
    const result = await release('312', { beta_groups: 'QA' })
    expect(result.exitCode).toBe(0)
    expect(result.log).toMatch(
      /::warning::The build waits for export compliance.*uses_non_exempt_encryption: false/,
    )
    expect(result.summary).toContain('Export compliance: ⚠️ missing')
  })

  it('leaves compliance to the package when Info.plist declares it', async () => {
    const ipa = join(world.dir, 'Declared.ipa')
    await writeIpa(ipa, {
      bundleId: BUNDLE_ID,
      version: '3.0.0',
      buildNumber: '313',
      usesNonExemptEncryption: false,
    })
    const start = world.sim.requests.length
    const result = await runAction({
      inputs: {
        ...world.inputs,
        ipa_path: ipa,
        poll_interval: '0.1',
        beta_groups: 'QA',
        uses_non_exempt_encryption: 'true',
      },
      env: world.env,
    })
    runs.push(result)
    expect(result.exitCode).toBe(0)
    expect(
      writesSince(start).filter((r) => r.path.startsWith('/v1/builds/') && r.method === 'PATCH'),
    ).toEqual([])
    expect(result.summary).toContain('Export compliance: declared in Info.plist')
  })

  it('warns that external testers get nothing without Beta App Review', async () => {
    seedBuild('314', { encryption: false })
    const result = await release('314', { beta_groups: 'Public Beta' })
    expect(result.exitCode).toBe(0)
    expect(result.log).toContain(
      '::warning::External groups only get a build after Beta App Review approves it',
    )
  })

  it('turns auto-notify off with notify_testers false, and sends no notification', async () => {
    const id = seedBuild('315', { encryption: false })
    const start = world.sim.requests.length
    const result = await release('315', { beta_groups: 'QA', notify_testers: 'false' })
    expect(result.exitCode).toBe(0)
    expect(attributesOf('buildBetaDetails', id)['autoNotifyEnabled']).toBe(false)
    expect(writesSince(start).filter((r) => r.path === '/v1/buildBetaNotifications')).toEqual([])
  })

  it('notifies once the testers who already had the build unannounced', async () => {
    const id = seedBuild('316', { encryption: false })
    expect((await release('316', { beta_groups: 'Team', notify_testers: 'false' })).exitCode).toBe(0)
    const start = world.sim.requests.length
    const result = await release('316', { beta_groups: 'Team' })
    expect(result.exitCode).toBe(0)
    expect(attributesOf('buildBetaDetails', id)['autoNotifyEnabled']).toBe(true)
    expect(writesSince(start).filter((r) => r.path === '/v1/buildBetaNotifications')).toHaveLength(1)
    expect(result.summary).toContain('Testers were notified')
  })

  it('shows what Beta App Review needs filled in, and where', async () => {
    seedBuild('317', { encryption: false })
    world.sim.scenario.betaReviewMissing = ['betaAppDescription', 'contactEmail']
    const result = await release('317', { submit_to_testflight: 'true', release_notes: 'Hi' })
    world.sim.scenario.betaReviewMissing = []
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('Beta App Review refused the build')
    expect(result.log).toContain(
      'Beta App Description is missing. Beta App Description is required to submit a build for external testing.',
    )
    expect(result.log).toContain("You must provide a value for the attribute 'contactEmail'")
    expect(result.log).toContain('App Store Connect > TestFlight > Test Information')
  })

  it('never shows the key or a token', () => {
    // Run alone (-t), this test would scan nothing and pass: it needs the runs of the tests above.
    expect(runs.length).toBeGreaterThanOrEqual(11)
    for (const result of runs) expect(secretLeaks(visibleText(result), world.key.privateKeyPem)).toEqual([])
  })

  it('the simulator saw nothing outside Apple’s contract', () => {
    expect(world.sim.contractViolations).toEqual([])
  })
})
