import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../scripts/run-action.js'
import type { MissingMetadata, RecordedRequest } from '../simulator/index.js'
import { client, pick, pickString } from '../simulator/testing.js'
import { writeIpa } from '../scripts/make-package.js'
import { startWorld, type World } from './helpers/world.js'

// Each test works on its own app, so versions and submissions never leak from one test into another.
let world: World
// The simulator's clock runs ahead of the real one by this much. A test that must see Apple's answer
// inside a delay makes the delay long and then moves this clock past it, once the request it waits for
// was answered: a slow machine cannot miss it. Kept to a few minutes in all, inside tokens' lifetime.
let clockAhead = 0
const simNow = () => Date.now() + clockAhead
const passTime = (ms: number) => {
  clockAhead += ms
}
const LONG_MS = 30_000
/**
 * Resolves once the simulator has answered a request since `from` that matches. Answered, not only received
 * (a request is recorded when it arrives): what the test then changes cannot reach that answer.
 */
async function untilRequest(from: number, matches: (r: RecordedRequest) => boolean): Promise<void> {
  while (!world.sim.requests.slice(from).some((r) => r.status !== 0 && matches(r)))
    await new Promise((resolve) => setTimeout(resolve, 20))
}
beforeAll(async () => {
  world = await startWorld({
    now: simNow,
    scenario: { reviewCancelMs: 300, refuseFirstVersionWhatsNew: true },
  })
})
afterAll(async () => {
  await world.close()
})

interface TestApp {
  id: string
  bundleId: string
}
let apps = 0
function newApp(options: { releasedVersion?: string } = {}): TestApp {
  const bundleId = `com.example.store${++apps}`
  const { id } = world.sim.store.createApp({ bundleId, name: `Store ${apps}` })
  world.sim.store.keepListing(id) // App Review needs the store listing, as a team's app has it
  if (options.releasedVersion) {
    world.sim.store.createAppStoreVersion({
      appId: id,
      versionString: options.releasedVersion,
      platform: 'IOS',
      appStoreState: 'READY_FOR_SALE',
    })
  }
  return { id, bundleId }
}

function seedBuild(app: TestApp, version: string, buildNumber: string): string {
  return world.sim.store.createBuild({
    appId: app.id,
    version,
    buildNumber,
    platform: 'IOS',
    processingState: 'VALID',
    usesNonExemptEncryption: false,
  }).id
}

interface Run extends ActionRun {
  requests: RecordedRequest[]
  writes: RecordedRequest[]
}

async function submit(
  app: TestApp,
  version: string,
  buildNumber: string,
  inputs: Record<string, string> = {},
) {
  const from = world.sim.requests.length
  const result = await runAction({
    inputs: {
      ...world.inputs,
      ipa_path: '',
      upload_method: 'none',
      bundle_id: app.bundleId,
      app_version: version,
      build_number: buildNumber,
      platform: 'ios',
      submit_to_app_store: 'true',
      poll_interval: '0.1',
      ...inputs,
    },
    env: world.env,
    runPost: false,
  })
  const requests = world.sim.requests.slice(from)
  const run: Run = { ...result, requests, writes: requests.filter((r) => r.method !== 'GET') }
  return run
}

const calls = (run: Run, method: string, path: string | RegExp) =>
  run.requests.filter(
    (r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)),
  )
const attributesSent = (request: RecordedRequest | undefined) =>
  (request?.body as { data?: { attributes?: Record<string, unknown> } } | undefined)?.data?.attributes ?? {}

function versionsOf(app: TestApp) {
  return world.sim.store
    .list('appStoreVersions', (v) => world.sim.store.linkages(v, 'app')[0]?.id === app.id)
    .map((v) => ({ id: v.id, ...v.attributes, buildId: world.sim.store.linkages(v, 'build')[0]?.id }))
}
function submissionsOf(app: TestApp) {
  return world.sim.store.list(
    'reviewSubmissions',
    (s) => world.sim.store.linkages(s, 'app')[0]?.id === app.id,
  )
}
function localizations(versionId: string): Record<string, string | null | undefined> {
  const version = world.sim.store.get('appStoreVersions', versionId)
  if (!version) throw new Error(`no version ${versionId}`)
  const all = world.sim.store.related(version, 'appStoreVersionLocalizations')
  return Object.fromEntries(
    all.map((l) => [String(l.attributes['locale']), l.attributes['whatsNew'] as string]),
  )
}
function seedEditableVersion(app: TestApp, versionString: string, options: { phased?: string } = {}) {
  const { id } = world.sim.store.createAppStoreVersion({ appId: app.id, versionString, platform: 'IOS' })
  world.sim.store.fillListing(id) // as the team left it, ready for App Review
  if (options.phased) {
    world.sim.store.insert(
      'appStoreVersionPhasedReleases',
      { phasedReleaseState: options.phased, totalPauseDuration: 0, currentDayNumber: 0 },
      { appStoreVersion: { type: 'appStoreVersions', id } },
    )
  }
  return id
}

/** Localizations with their listing but without What's New, as Apple has them before anyone writes one. */
function addLocales(versionId: string, locales: string[]): void {
  for (const locale of locales) {
    world.sim.store.insert(
      'appStoreVersionLocalizations',
      { locale, description: `Description (${locale})` },
      { appStoreVersion: { type: 'appStoreVersions', id: versionId } },
    )
  }
  world.sim.store.fillListing(versionId) // keywords and support URL, for App Review
}

/** An app whose released version 1.0.0 speaks en-US, de-DE and ja; Apple copies those to the next version. */
function newAppInThreeLanguages(): TestApp {
  const app = newApp({ releasedVersion: '1.0.0' })
  const released = versionsOf(app)[0]?.id ?? '?'
  addLocales(released, ['de-DE', 'ja'])
  return app
}

async function packageOf(app: TestApp, version: string, buildNumber: string): Promise<string> {
  const path = join(world.dir, `${app.bundleId}-${buildNumber}.ipa`)
  await writeIpa(path, { bundleId: app.bundleId, version, buildNumber })
  return path
}

/** A release date a few days ahead, on the hour, written in the given UTC offset. */
function futureDate(offset: string): { input: string; iso: string } {
  const hour = new Date(Date.now() + 3 * 24 * 3600_000)
  hour.setUTCMinutes(0, 0, 0)
  const minutes =
    offset === 'Z'
      ? 0
      : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4)))
  const local = new Date(hour.getTime() + minutes * 60_000).toISOString().slice(0, 19)
  // The instant stays on a whole hour of UTC, as the input requires; the local time moves with the offset.
  const input = `${local}${offset}`
  return { input, iso: new Date(input).toISOString() }
}

describe('App Store submission (through dist/index.js)', () => {
  let first: { app: TestApp; buildId: string; run: Run }

  beforeAll(async () => {
    const app = newApp()
    const buildId = seedBuild(app, '1.0.0', '1')
    const run = await submit(app, '1.0.0', '1', { copyright: '2026 Example Ltd' })
    first = { app, buildId, run }
  })

  it('creates the version with the build, submits it, and sets the outputs and the summary', () => {
    const { app, buildId, run } = first
    expect(run.exitCode).toBe(0)
    const [created] = calls(run, 'POST', '/v1/appStoreVersions')
    expect(attributesSent(created)).toEqual({
      platform: 'IOS',
      versionString: '1.0.0',
      releaseType: 'MANUAL',
      earliestReleaseDate: null,
      copyright: '2026 Example Ltd',
    })
    const [version] = versionsOf(app)
    expect(version).toMatchObject({ versionString: '1.0.0', appVersionState: 'WAITING_FOR_REVIEW', buildId })
    expect(version?.copyright).toBe('2026 Example Ltd')
    const [submission] = submissionsOf(app)
    expect(submission?.attributes.state).toBe('WAITING_FOR_REVIEW')
    expect(run.outputs).toMatchObject({
      app_store_version_id: version?.id,
      review_submission_id: submission?.id,
      review_submission_state: 'WAITING_FOR_REVIEW',
    })
    expect(run.log).toContain('::group::App Store')
    expect(run.summary).toContain('### App Store')
    expect(run.summary).toContain('Version 1.0.0 was submitted for App Store review.')
    expect(run.summary).toContain('Release: manually, after approval (MANUAL)')
    expect(run.summary).toContain('Copyright: 2026 Example Ltd')
    expect(run.summary).toContain(`Review submission: ${submission?.id ?? '?'}, WAITING\\_FOR\\_REVIEW`)
    // The version goes in through a review submission; the old endpoint is never called.
    expect(run.requests.some((r) => r.path.includes('appStoreVersionSubmissions'))).toBe(false)
  })

  it('on a rerun finds the version in review and changes nothing', async () => {
    const { app, run: firstRun } = first
    // App Review picks it up meanwhile: the version follows its submission into IN_REVIEW.
    world.sim.store.update('reviewSubmissions', firstRun.outputs.review_submission_id ?? '', {
      attributes: { state: 'IN_REVIEW' },
    })
    const rerun = await submit(app, '1.0.0', '1', { copyright: '2026 Example Ltd' })
    expect(rerun.exitCode).toBe(0)
    expect(rerun.writes).toEqual([])
    expect(rerun.log).toMatch(/App Store version 1\.0\.0 is already IN_REVIEW with this build/)
    expect(rerun.outputs.review_submission_id).toBe(firstRun.outputs.review_submission_id)
    expect(rerun.outputs.review_submission_state).toBe('IN_REVIEW')
    expect(rerun.summary).toContain('already submitted with this build by an earlier run')
    expect(submissionsOf(app)).toHaveLength(1)
  })

  it('stops on another open submission, naming it and suggesting cancel_previous_submissions', async () => {
    const { app } = first
    seedBuild(app, '1.1.0', '2')
    const run = await submit(app, '1.1.0', '2')
    expect(run.exitCode).toBe(1)
    const submissionId = first.run.outputs.review_submission_id ?? '?'
    expect(run.log).toContain(`review submission ${submissionId} (IN_REVIEW, version 1.0.0)`)
    expect(run.log).toContain('Set cancel_previous_submissions: true')
    expect(run.writes).toEqual([])
  })

  it('with cancel_previous_submissions cancels it, waits until it is canceled, and takes its version', async () => {
    const { app } = first
    const oldSubmission = first.run.outputs.review_submission_id ?? '?'
    const buildId = seedBuild(app, '1.1.0', '3')
    world.sim.scenario.reviewCancelMs = LONG_MS
    const from = world.sim.requests.length
    const running = submit(app, '1.1.0', '3', { cancel_previous_submissions: 'true' })
    // Apple finishes canceling once the run has read the submission CANCELING.
    const ofOld = `/v1/reviewSubmissions/${oldSubmission}`
    await untilRequest(from, (r) => r.method === 'PATCH' && r.path === ofOld)
    const canceledAt = world.sim.requests.length
    await untilRequest(canceledAt, (r) => r.method === 'GET' && r.path === ofOld)
    passTime(LONG_MS)
    const run = await running
    world.sim.scenario.reviewCancelMs = 300
    expect(run.exitCode).toBe(0)
    const [cancel] = calls(run, 'PATCH', `/v1/reviewSubmissions/${oldSubmission}`)
    expect(attributesSent(cancel)).toEqual({ canceled: true })
    expect(run.log).toMatch(/Waiting for review submission [\w-]+ to finish canceling/)
    expect(world.sim.store.get('reviewSubmissions', oldSubmission)?.attributes.state).toBe('COMPLETE')
    // The canceled version (now DEVELOPER_REJECTED, editable) is renamed and takes the new build.
    const versions = versionsOf(app)
    expect(versions).toHaveLength(1)
    expect(versions[0]).toMatchObject({
      versionString: '1.1.0',
      appVersionState: 'WAITING_FOR_REVIEW',
      buildId,
    })
    expect(run.summary).toContain(`Canceled submissions: ${oldSubmission}`)
    expect(run.outputs.review_submission_id).not.toBe(oldSubmission)
  })
})

describe('the version', () => {
  it('renames an editable version that carries another version string', async () => {
    const app = newApp({ releasedVersion: '1.0.0' })
    const versionId = seedEditableVersion(app, '1.0.1')
    seedBuild(app, '1.1.0', '10')
    const run = await submit(app, '1.1.0', '10', { whats_new: 'Fixes.' })
    expect(run.exitCode).toBe(0)
    expect(calls(run, 'POST', '/v1/appStoreVersions')).toEqual([])
    const [patch] = calls(run, 'PATCH', `/v1/appStoreVersions/${versionId}`)
    expect(attributesSent(patch)).toMatchObject({ versionString: '1.1.0' })
    expect(run.outputs.app_store_version_id).toBe(versionId)
    expect(run.summary).toContain('Version: 1.1.0 (renamed from 1.0.1)')
  })

  it('reuses an editable version with this version string and sets the release settings on it', async () => {
    const app = newApp({ releasedVersion: '1.0.0' })
    const versionId = seedEditableVersion(app, '2.0.0')
    seedBuild(app, '2.0.0', '11')
    const run = await submit(app, '2.0.0', '11', { copyright: '2026 Other', whats_new: 'Fixes.' })
    expect(run.exitCode).toBe(0)
    const [patch] = calls(run, 'PATCH', `/v1/appStoreVersions/${versionId}`)
    // The seeded version is AFTER_APPROVAL (Apple's default); release_type defaults to MANUAL.
    expect(attributesSent(patch)).toEqual({ releaseType: 'MANUAL', copyright: '2026 Other' })
    expect(versionsOf(app).find((v) => v.id === versionId)).toMatchObject({
      releaseType: 'MANUAL',
      copyright: '2026 Other',
    })
    expect(run.summary).toContain('Version: 2.0.0 (existing version)')
  })

  it("retries Apple's intermittent 409 on the first releaseType change of a version", async () => {
    const app = newApp({ releasedVersion: '1.0.0' })
    const versionId = seedEditableVersion(app, '2.1.0')
    seedBuild(app, '2.1.0', '12')
    const run = await submit(app, '2.1.0', '12', { whats_new: 'Fixes.' })
    expect(run.exitCode).toBe(0)
    const patches = calls(run, 'PATCH', `/v1/appStoreVersions/${versionId}`)
    expect(patches.map((r) => r.status)).toEqual([409, 200])
    expect(attributesSent(patches[1])).toMatchObject({ releaseType: 'MANUAL' })
    expect(run.log).toContain("App Store Connect says 'releaseType' can not be modified yet; trying again")
    expect(versionsOf(app).find((v) => v.id === versionId)?.releaseType).toBe('MANUAL')
  })

  it.each(['+05:30', '-08:00', 'Z'])(
    'sends earliest_release_date given in %s as exactly that instant',
    async (offset) => {
      const app = newApp()
      seedBuild(app, '1.0.0', '1')
      const date = futureDate(offset)
      const run = await submit(app, '1.0.0', '1', {
        release_type: 'SCHEDULED',
        earliest_release_date: date.input,
      })
      expect(run.exitCode).toBe(0)
      const [created] = calls(run, 'POST', '/v1/appStoreVersions')
      expect(attributesSent(created)).toMatchObject({
        releaseType: 'SCHEDULED',
        earliestReleaseDate: date.iso,
      })
      expect(run.summary).toContain(`not before ${date.iso.slice(0, 16).replace('T', ' ')} UTC`)
    },
  )
})

describe("What's New", () => {
  it('updates and creates the localizations of an update, for locale and from whats_new_file', async () => {
    const app = newApp({ releasedVersion: '1.0.0' })
    const versionId = seedEditableVersion(app, '1.1.0')
    world.sim.store.insert(
      'appStoreVersionLocalizations',
      { locale: 'de-DE', whatsNew: 'Alt' },
      { appStoreVersion: { type: 'appStoreVersions', id: versionId } },
    )
    world.sim.store.fillListing(versionId)
    seedBuild(app, '1.1.0', '20')
    const file = join(world.dir, 'whats-new.json')
    const texts = [
      { language: 'en-US', text: 'Faster sync.' },
      { language: 'de-DE', text: 'Schnellere Synchronisierung.' },
      { language: 'fr-FR', text: 'Synchronisation plus rapide.' },
    ]
    await writeFile(file, JSON.stringify(texts))

    // A language made for What's New alone would have no listing, and App Review refuses the item until it
    // has its description, keywords and support URL (fastlane#20009): refused before anything changes.
    const refused = await submit(app, '1.1.0', '20', { whats_new_file: file })
    expect(refused.exitCode).toBe(1)
    expect(refused.log).toContain("What's New names fr-FR, which App Store version 1.1.0 does not have")
    expect(refused.log).toContain('fr-FR/description.txt')
    expect(refused.writes).toEqual([])

    // With fr-FR's listing in metadata_path, the language is created with it and What's New goes in.
    const metadata = join(world.dir, 'metadata-fr')
    await mkdir(join(metadata, 'fr-FR'), { recursive: true })
    const frenchListing = {
      'name.txt': 'Démo',
      'description.txt': 'Une application de démonstration.',
      'keywords.txt': 'démo,test',
      'support_url.txt': 'https://example.com/fr/support',
    }
    for (const [name, text] of Object.entries(frenchListing))
      await writeFile(join(metadata, 'fr-FR', name), `${text}\n`)
    const run = await submit(app, '1.1.0', '20', { whats_new_file: file, metadata_path: metadata })
    expect(run.exitCode).toBe(0)
    expect(localizations(versionId)).toEqual({
      'en-US': 'Faster sync.',
      'de-DE': 'Schnellere Synchronisierung.',
      'fr-FR': 'Synchronisation plus rapide.',
    })
    expect(calls(run, 'POST', '/v1/appStoreVersionLocalizations')).toHaveLength(1)
  })

  it('puts whats_new in the locale input, and in every other language that has none', async () => {
    const app = newApp({ releasedVersion: '1.0.0' })
    addLocales(versionsOf(app)[0]?.id ?? '?', ['de-DE'])
    seedBuild(app, '1.1.0', '21')
    const run = await submit(app, '1.1.0', '21', { whats_new: 'Neu: Dunkelmodus.', locale: 'de-DE' })
    expect(run.exitCode).toBe(0)
    expect(localizations(run.outputs.app_store_version_id ?? '')).toEqual({
      'en-US': 'Neu: Dunkelmodus.',
      'de-DE': 'Neu: Dunkelmodus.',
    })
  })

  it("skips What's New with a notice on the app's first version", async () => {
    const app = newApp()
    seedBuild(app, '1.0.0', '22')
    const run = await submit(app, '1.0.0', '22', { whats_new: 'First!' })
    expect(run.exitCode).toBe(0)
    expect(run.log).toMatch(/::notice::What's New was skipped: this is the app's first App Store version/)
    expect(calls(run, 'PATCH', /appStoreVersionLocalizations/)).toEqual([])
    expect(calls(run, 'POST', /appStoreVersionLocalizations/)).toEqual([])
    expect(run.summary).toContain("What's New: skipped, the app's first version takes none")
  })
})

describe("What's New in every language of an update", () => {
  it('takes an update in en-US, de-DE and ja from upload to WAITING_FOR_REVIEW with one whats_new', async () => {
    const app = newAppInThreeLanguages()
    const ipa = await packageOf(app, '1.1.0', '100')
    const run = await submit(app, '1.1.0', '100', {
      upload_method: 'api',
      ipa_path: ipa,
      whats_new: 'Bug fixes and a faster start.',
    })
    expect(run.exitCode).toBe(0)
    expect(calls(run, 'POST', '/v1/buildUploads')).toHaveLength(1)
    const versionId = run.outputs.app_store_version_id ?? '?'
    expect(localizations(versionId)).toEqual({
      'en-US': 'Bug fixes and a faster start.',
      'de-DE': 'Bug fixes and a faster start.',
      ja: 'Bug fixes and a faster start.',
    })
    expect(run.outputs.review_submission_state).toBe('WAITING_FOR_REVIEW')
    expect(versionsOf(app).find((v) => v.id === versionId)?.appVersionState).toBe('WAITING_FOR_REVIEW')
    expect(run.summary).toContain("What's New: en-US, de-DE, ja")
  })

  it('takes per-language texts from whats_new_file and its "default" entry for the rest', async () => {
    const app = newAppInThreeLanguages()
    seedBuild(app, '1.1.0', '101')
    const file = join(world.dir, 'whats-new-default.json')
    await writeFile(
      file,
      JSON.stringify([
        { language: 'de-DE', text: 'Fehlerbehebungen.' },
        { language: 'default', text: 'Bug fixes.' },
      ]),
    )
    const run = await submit(app, '1.1.0', '101', { whats_new_file: file })
    expect(run.exitCode).toBe(0)
    expect(localizations(run.outputs.app_store_version_id ?? '')).toEqual({
      'en-US': 'Bug fixes.',
      'de-DE': 'Fehlerbehebungen.',
      ja: 'Bug fixes.',
    })
    expect(run.outputs.review_submission_state).toBe('WAITING_FOR_REVIEW')
  })

  it('fails before the submission, and in a dry run, naming the languages without it and the inputs', async () => {
    const app = newAppInThreeLanguages()
    seedBuild(app, '1.1.0', '102')
    const file = join(world.dir, 'whats-new-en.json')
    await writeFile(file, JSON.stringify([{ language: 'en-US', text: 'Bug fixes.' }]))
    const expected =
      "What's New is missing for de-DE, ja in App Store version 1.1.0: Apple requires it in every language of an update. " +
      'Set whats_new (one text for every language that has none), or whats_new_file with an entry for each of these ' +
      'languages or a {"language": "default", "text": "..."} entry for the rest.'
    const dry = await submit(app, '1.1.0', '102', { whats_new_file: file, dry_run: 'true' })
    expect(dry.exitCode).toBe(1)
    expect(dry.log.replace(/%0A/g, '\n')).toContain(expected)
    expect(dry.writes).toEqual([])

    const run = await submit(app, '1.1.0', '102', { whats_new_file: file })
    expect(run.exitCode).toBe(1)
    expect(run.log.replace(/%0A/g, '\n')).toContain(expected)
    expect(calls(run, 'POST', /^\/v1\/(reviewSubmissions|reviewSubmissionItems)$/)).toEqual([])
    expect(run.writes).toEqual([])
  })
})

describe('checks before the upload', () => {
  it('fails on a beta group name that does not exist before any upload request', async () => {
    const app = newApp()
    const ipa = await packageOf(app, '1.0.0', '200')
    const run = await submit(app, '1.0.0', '200', {
      upload_method: 'api',
      ipa_path: ipa,
      submit_to_app_store: 'false',
      beta_groups: 'Publc Beta',
    })
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain('beta_groups: no group named "Publc Beta"')
    expect(run.log).toContain('::group::Check before upload')
    expect(run.requests.filter((r) => r.path.startsWith('/v1/buildUploads'))).toEqual([])
    expect(run.writes).toEqual([])
  })

  it('fails on an App Store situation that cannot take the release before any upload request', async () => {
    const app = newApp({ releasedVersion: '1.0.0' })
    world.sim.store.createAppStoreVersion({
      appId: app.id,
      versionString: '1.1.0',
      platform: 'IOS',
      appStoreState: 'PENDING_DEVELOPER_RELEASE',
    })
    const ipa = await packageOf(app, '1.2.0', '201')
    const run = await submit(app, '1.2.0', '201', { upload_method: 'api', ipa_path: ipa, whats_new: 'New.' })
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain(
      'App Store version 1.1.0 is PENDING_DEVELOPER_RELEASE: Apple allows no new version',
    )
    expect(run.requests.filter((r) => r.path.startsWith('/v1/buildUploads'))).toEqual([])
    expect(run.writes).toEqual([])
  })
})

describe('phased release', () => {
  it('creates one when asked', async () => {
    const app = newApp()
    seedBuild(app, '1.0.0', '30')
    const run = await submit(app, '1.0.0', '30', { phased_release: 'true' })
    expect(run.exitCode).toBe(0)
    const [post] = calls(run, 'POST', '/v1/appStoreVersionPhasedReleases')
    expect(attributesSent(post)).toEqual({ phasedReleaseState: 'INACTIVE' })
    expect(run.summary).toContain('Phased release: over 7 days (turned on)')
  })

  it('keeps an existing one', async () => {
    const app = newApp()
    seedEditableVersion(app, '1.0.0', { phased: 'INACTIVE' })
    seedBuild(app, '1.0.0', '31')
    const run = await submit(app, '1.0.0', '31', { phased_release: 'true' })
    expect(run.exitCode).toBe(0)
    expect(calls(run, 'POST', '/v1/appStoreVersionPhasedReleases')).toEqual([])
    expect(run.summary).toContain('Phased release: over 7 days\n')
  })

  it('removes one that has not started when phased_release is false', async () => {
    const app = newApp()
    const versionId = seedEditableVersion(app, '1.0.0', { phased: 'INACTIVE' })
    seedBuild(app, '1.0.0', '32')
    const run = await submit(app, '1.0.0', '32')
    expect(run.exitCode).toBe(0)
    expect(calls(run, 'DELETE', /^\/v1\/appStoreVersionPhasedReleases\//)).toHaveLength(1)
    const version = world.sim.store.get('appStoreVersions', versionId)
    expect(version && world.sim.store.related(version, 'appStoreVersionPhasedRelease')).toEqual([])
    expect(run.summary).toContain('Phased release: to everyone at once (phased release removed)')
  })
})

describe('review submissions', () => {
  it('reuses an open draft instead of creating a submission', async () => {
    const app = newApp()
    const draft = world.sim.store.insert(
      'reviewSubmissions',
      { platform: 'IOS', state: 'READY_FOR_REVIEW' },
      { app: { type: 'apps', id: app.id }, appStoreVersionForReview: null },
    )
    seedBuild(app, '1.0.0', '40')
    const run = await submit(app, '1.0.0', '40', { release_type: 'AFTER_APPROVAL' })
    expect(run.exitCode).toBe(0)
    expect(attributesSent(calls(run, 'POST', '/v1/appStoreVersions')[0])).toMatchObject({
      releaseType: 'AFTER_APPROVAL',
      earliestReleaseDate: null,
    })
    expect(run.summary).toContain('Release: automatically, as soon as approved (AFTER\\_APPROVAL)')
    expect(calls(run, 'POST', '/v1/reviewSubmissions')).toEqual([])
    expect(run.outputs.review_submission_id).toBe(draft.id)
    expect(draft.attributes.state).toBe('WAITING_FOR_REVIEW')
  })

  it('resubmits a rejected submission (UNRESOLVED_ISSUES) that holds this version, with the new build', async () => {
    const app = newApp()
    seedBuild(app, '1.0.0', '42')
    const first = await submit(app, '1.0.0', '42')
    const submissionId = first.outputs.review_submission_id ?? '?'
    // App Review rejects it: the version follows into REJECTED, which is editable again.
    world.sim.store.update('reviewSubmissions', submissionId, { attributes: { state: 'UNRESOLVED_ISSUES' } })
    const buildId = seedBuild(app, '1.0.0', '43')
    const run = await submit(app, '1.0.0', '43')
    expect(run.exitCode).toBe(0)
    expect(run.outputs.review_submission_id).toBe(submissionId)
    expect(calls(run, 'POST', /^\/v1\/(reviewSubmissions|reviewSubmissionItems)$/)).toEqual([])
    expect(versionsOf(app)).toMatchObject([{ appVersionState: 'WAITING_FOR_REVIEW', buildId }])
  })

  const ALL_MISSING: MissingMetadata[] = [
    'screenshots',
    'privacyPolicyUrl',
    'ageRating',
    'contentRights',
    'exportCompliance',
    'appDataUsages',
    'pricing',
  ]

  it.each([409, 422] as const)(
    "turns Apple's %d refusal of the item into what is missing and where to fix it; a rerun after the fix reuses the empty draft",
    async (status) => {
      const app = newApp()
      seedBuild(app, '1.0.0', '41')
      world.sim.scenario.appStoreMissing = ALL_MISSING
      world.sim.scenario.appStoreMissingStatus = status
      const refused = await submit(app, '1.0.0', '41')
      world.sim.scenario.appStoreMissing = []
      world.sim.scenario.appStoreMissingStatus = 409
      expect(refused.exitCode).toBe(1)
      const shown = refused.log.replace(/%0A/g, '\n')
      for (const line of [
        'Screenshots (APP_IPHONE_67): fix in App Store Connect > Apps > your app > App Store > the version > Previews and Screenshots.',
        'Privacy Policy URL: fix in App Store Connect > Apps > your app > App Privacy > Privacy Policy.',
        'Age rating: fix in App Store Connect > Apps > your app > App Information > Age Rating.',
        'Content rights declaration: fix in App Store Connect > Apps > your app > App Information > Content Rights.',
        'Export compliance of the build: fix in the uses_non_exempt_encryption input',
        'App Privacy answers (data collection), published: fix in App Store Connect > Apps > your app > App Privacy > Data Types, then Publish.',
        'Price: fix in App Store Connect > Apps > your app > Pricing and Availability.',
      ]) {
        expect(shown).toContain(line)
      }
      // Apple refuses the item itself (A3), so the draft is left empty and nothing was submitted.
      expect(shown).toContain(
        `Apple answered ${status} STATE_ERROR.ENTITY_STATE_INVALID to POST /v1/reviewSubmissionItems`,
      )
      const [draft] = submissionsOf(app)
      expect(draft?.attributes.state).toBe('READY_FOR_REVIEW')
      expect(draft && world.sim.store.related(draft, 'items')).toEqual([])
      expect(calls(refused, 'PATCH', /^\/v1\/reviewSubmissions\//)).toEqual([])
      expect(shown).toContain(`review submission ${draft?.id ?? '?'} is kept unsubmitted`)

      const fixed = await submit(app, '1.0.0', '41')
      expect(fixed.exitCode).toBe(0)
      expect(fixed.outputs.review_submission_id).toBe(draft?.id)
      expect(calls(fixed, 'POST', '/v1/reviewSubmissions')).toEqual([])
      expect(calls(fixed, 'POST', '/v1/reviewSubmissionItems')).toHaveLength(1)
      expect(fixed.outputs.review_submission_state).toBe('WAITING_FOR_REVIEW')
    },
  )

  it('waits for a canceled submission through COMPLETING, and out the "still in progress" refusal after it', async () => {
    const app = newApp()
    const finishing = world.sim.store.insert(
      'reviewSubmissions',
      { platform: 'IOS', state: 'COMPLETING' },
      { app: { type: 'apps', id: app.id }, appStoreVersionForReview: null },
      { internal: { completingEndsAt: simNow() + 60_000 } },
    )
    seedBuild(app, '1.0.0', '45')
    world.sim.scenario.inProgressAfterCompleteMs = LONG_MS
    const from = world.sim.requests.length
    const running = submit(app, '1.0.0', '45')
    // Apple completes it once the run is waiting for it.
    await untilRequest(from, (r) => r.path === `/v1/reviewSubmissions/${finishing.id}`)
    finishing.internal['completingEndsAt'] = simNow()
    // The refusal after COMPLETE lasts until the run has met it.
    await untilRequest(
      from,
      (r) => r.method === 'POST' && r.path === '/v1/reviewSubmissions' && r.status === 409,
    )
    passTime(LONG_MS)
    const run = await running
    world.sim.scenario.inProgressAfterCompleteMs = 200
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain(
      `Waiting for review submission ${finishing.id} to finish canceling (COMPLETING)`,
    )
    // Apple still says so for a moment after COMPLETE (rorkai 21384c75): retried, not fatal.
    expect(run.log).toContain(
      `App Store Connect says review submission ${finishing.id} is still in progress; trying again`,
    )
    const refusedCreates = calls(run, 'POST', '/v1/reviewSubmissions').filter((r) => r.status === 409)
    expect(refusedCreates.length).toBeGreaterThan(0)
    expect(finishing.attributes.state).toBe('COMPLETE')
    expect(run.outputs.review_submission_state).toBe('WAITING_FOR_REVIEW')
  })

  it('waits out "Version is not ready to be submitted yet" after adding the version', async () => {
    const app = newApp()
    seedBuild(app, '1.0.0', '46')
    world.sim.scenario.submitNotReadyMs = LONG_MS
    const from = world.sim.requests.length
    const running = submit(app, '1.0.0', '46')
    // "Not ready" lasts until the run has met it.
    await untilRequest(
      from,
      (r) => r.method === 'PATCH' && r.path.startsWith('/v1/reviewSubmissions/') && r.status === 409,
    )
    passTime(LONG_MS)
    const run = await running
    world.sim.scenario.submitNotReadyMs = 300
    expect(run.exitCode).toBe(0)
    const submits = calls(run, 'PATCH', /^\/v1\/reviewSubmissions\//)
    expect(submits.map((r) => r.status).slice(-1)).toEqual([200])
    expect(submits.filter((r) => r.status === 409).length).toBeGreaterThan(0)
    expect(run.log).toContain(
      'App Store Connect says the version is not ready to be submitted yet; trying again',
    )
  })

  it('on a rerun after a refused submit, finishes the submission with the READY_FOR_REVIEW version in the draft', async () => {
    const app = newApp()
    const buildId = seedBuild(app, '1.0.0', '47')
    // Refused at submit, after the item went in: the version is READY_FOR_REVIEW in the open draft.
    world.sim.scenario.appStoreMissingAt = 'submit'
    world.sim.scenario.appStoreMissing = ['screenshots']
    const refused = await submit(app, '1.0.0', '47')
    world.sim.scenario.appStoreMissingAt = 'item'
    world.sim.scenario.appStoreMissing = []
    expect(refused.exitCode).toBe(1)
    const [version] = versionsOf(app)
    expect(version?.appVersionState).toBe('READY_FOR_REVIEW')
    const draftId = submissionsOf(app)[0]?.id

    const rerun = await submit(app, '1.0.0', '47')
    expect(rerun.exitCode).toBe(0)
    expect(rerun.log).toContain('already has this build and these settings')
    expect(
      calls(rerun, 'POST', /^\/v1\/(appStoreVersions|reviewSubmissions|reviewSubmissionItems)$/),
    ).toEqual([])
    expect(rerun.outputs).toMatchObject({
      app_store_version_id: version?.id,
      review_submission_id: draftId,
      review_submission_state: 'WAITING_FOR_REVIEW',
    })
    expect(versionsOf(app)).toMatchObject([{ appVersionState: 'WAITING_FOR_REVIEW', buildId }])
  })
})

describe('dry run', () => {
  it('checks the version and open submissions read-only', async () => {
    const app = newApp()
    seedBuild(app, '1.0.0', '50')
    expect((await submit(app, '1.0.0', '50')).exitCode).toBe(0)
    seedBuild(app, '1.1.0', '51')
    const conflicting = await submit(app, '1.1.0', '51', { dry_run: 'true' })
    expect(conflicting.exitCode).toBe(1)
    expect(conflicting.summary).toContain('cancel\\_previous\\_submissions')
    const canceling = await submit(app, '1.1.0', '51', {
      dry_run: 'true',
      cancel_previous_submissions: 'true',
    })
    expect(canceling.exitCode).toBe(0)
    expect(canceling.summary).toMatch(
      /version 1\.0\.0 \\\(WAITING\\_FOR\\_REVIEW\\\) would be renamed to 1\.1\.0/,
    )
    expect(canceling.summary).toMatch(/would cancel review submission/)
    const rerun = await submit(app, '1.0.0', '50', { dry_run: 'true' })
    expect(rerun.exitCode).toBe(0)
    expect(rerun.summary).toContain('already WAITING\\_FOR\\_REVIEW with this build')
    for (const run of [conflicting, canceling, rerun]) expect(run.writes).toEqual([])
  })
})

describe('App Store rules of the simulator', () => {
  it("refuses What's New on a first version", async () => {
    const call = client(world.sim, world.key)
    const app = newApp()
    const versionId = seedEditableVersion(app, '1.0.0')
    const locs = await call('GET', `/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`)
    const locId = pickString(locs.body, 'data.0.id')
    const whatsNew = await call('PATCH', `/v1/appStoreVersionLocalizations/${locId}`, {
      data: { type: 'appStoreVersionLocalizations', id: locId, attributes: { whatsNew: 'x' } },
    })
    expect(whatsNew.status).toBe(409)
    expect(pick(whatsNew.body, 'errors.0.detail')).toMatch(/'whatsNew' can not be edited at this time/)
  })

  /** A version of a new app with this build attached, and an empty draft submission, made the way a client does. */
  async function draftWithVersion(options: { releasedVersion?: string } = {}) {
    const call = client(world.sim, world.key)
    const app = newApp(options)
    const buildId = seedBuild(app, '2.0.0', '1')
    const created = await call('POST', '/v1/appStoreVersions', {
      data: {
        type: 'appStoreVersions',
        attributes: { platform: 'IOS', versionString: '2.0.0' },
        relationships: {
          app: { data: { type: 'apps', id: app.id } },
          build: { data: { type: 'builds', id: buildId } },
        },
      },
    })
    const versionId = pickString(created.body, 'data.id')
    const draft = await call('POST', '/v1/reviewSubmissions', {
      data: {
        type: 'reviewSubmissions',
        attributes: { platform: 'IOS' },
        relationships: { app: { data: { type: 'apps', id: app.id } } },
      },
    })
    const submissionId = pickString(draft.body, 'data.id')
    const addItem = (toSubmission = submissionId) =>
      call('POST', '/v1/reviewSubmissionItems', {
        data: {
          type: 'reviewSubmissionItems',
          relationships: {
            reviewSubmission: { data: { type: 'reviewSubmissions', id: toSubmission } },
            appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } },
          },
        },
      })
    const submitIt = () =>
      call('PATCH', `/v1/reviewSubmissions/${submissionId}`, {
        data: { type: 'reviewSubmissions', id: submissionId, attributes: { submitted: true } },
      })
    return { call, app, versionId, submissionId, addItem, submitIt }
  }

  it('refuses missing metadata when the item is added, as Apple does, and leaves the draft empty', async () => {
    const { app, versionId, submissionId, addItem } = await draftWithVersion()
    world.sim.scenario.appStoreMissing = ['contentRights']
    const refused = await addItem()
    world.sim.scenario.appStoreMissing = []
    expect(refused.status).toBe(409)
    expect(pick(refused.body, 'errors.0')).toMatchObject({
      status: '409',
      code: 'STATE_ERROR.ENTITY_STATE_INVALID',
      title: `appStoreVersions with id '${versionId}' is not in valid state.`,
      detail: 'This resource cannot be reviewed, please check associated errors to see why.',
      meta: {
        associatedErrors: {
          [`/v1/apps/${app.id}`]: [
            {
              code: 'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
              detail:
                "You must provide a value for the attribute 'contentRightsDeclaration' with this request",
              source: { pointer: '/data/attributes/contentRightsDeclaration' },
            },
          ],
        },
      },
    })
    const draft = world.sim.store.get('reviewSubmissions', submissionId)
    expect(draft && world.sim.store.related(draft, 'items')).toEqual([])
    expect(world.sim.store.get('appStoreVersions', versionId)?.attributes.appVersionState).toBe(
      'PREPARE_FOR_SUBMISSION',
    )
  })

  it("gives a new version the previous one's locales and refuses the item once per locale without What's New", async () => {
    const { versionId, addItem } = await draftWithVersion({ releasedVersion: '1.0.0' })
    expect(Object.keys(localizations(versionId))).toEqual(['en-US'])
    const refused = await addItem()
    expect(refused.status).toBe(409)
    const [localization] = Object.keys(
      pick(refused.body, 'errors.0.meta.associatedErrors') as Record<string, unknown>,
    )
    expect(localization).toMatch(/^\/v1\/appStoreVersionLocalizations\//)
    expect(pick(refused.body, 'errors.0.meta.associatedErrors')).toEqual({
      [localization ?? '']: [
        expect.objectContaining({
          detail: "You must provide a value for the attribute 'whatsNew' with this request",
          source: { pointer: '/data/attributes/whatsNew' },
        }),
      ],
    })
  })

  it('makes the version READY_FOR_REVIEW with the item, and refuses the submit for a moment after', async () => {
    const { versionId, addItem, submitIt } = await draftWithVersion()
    world.sim.scenario.submitNotReadyMs = LONG_MS
    expect((await addItem()).status).toBe(201)
    expect(world.sim.store.get('appStoreVersions', versionId)?.attributes).toMatchObject({
      appStoreState: 'READY_FOR_REVIEW',
      appVersionState: 'READY_FOR_REVIEW',
    })
    const early = await submitIt()
    expect(early.status).toBe(409)
    expect(pick(early.body, 'errors.0.detail')).toBe(
      'Version is not ready to be submitted yet, please try again later.',
    )
    passTime(world.sim.scenario.submitNotReadyMs)
    world.sim.scenario.submitNotReadyMs = 300
    expect((await submitIt()).status).toBe(200)
  })

  it('cancels through COMPLETING, refusing a new submission until then and an item of another one', async () => {
    const { call, app, submissionId, addItem } = await draftWithVersion()
    // Each step lasts until the test moves the clock past it, so every state is read on a slow machine too.
    Object.assign(world.sim.scenario, {
      reviewCancelMs: LONG_MS,
      reviewCompletingMs: LONG_MS,
      inProgressAfterCompleteMs: LONG_MS,
    })
    expect((await addItem()).status).toBe(201)
    const cancel = await call('PATCH', `/v1/reviewSubmissions/${submissionId}`, {
      data: { type: 'reviewSubmissions', id: submissionId, attributes: { canceled: true } },
    })
    expect(pick(cancel.body, 'data.attributes.state')).toBe('CANCELING')
    const create = () =>
      call('POST', '/v1/reviewSubmissions', {
        data: {
          type: 'reviewSubmissions',
          attributes: { platform: 'IOS' },
          relationships: { app: { data: { type: 'apps', id: app.id } } },
        },
      })
    const blocked = await create()
    expect(blocked.status).toBe(409)
    expect(pick(blocked.body, 'errors.0.detail')).toBe(
      `There is another reviewSubmissions with id ${submissionId} still in progress`,
    )
    const seen: string[] = []
    const read = async () => {
      const answer = await call('GET', `/v1/reviewSubmissions/${submissionId}`)
      seen.push(String(pick(answer.body, 'data.attributes.state')))
    }
    await read()
    passTime(LONG_MS)
    await read()
    passTime(LONG_MS)
    await read()
    expect(seen).toEqual(['CANCELING', 'COMPLETING', 'COMPLETE'])
    expect([...seen]).toEqual(expect.arrayContaining(['CANCELING', 'COMPLETING', 'COMPLETE']))
    expect((await create()).status).toBe(409)
    passTime(world.sim.scenario.inProgressAfterCompleteMs)
    Object.assign(world.sim.scenario, {
      reviewCancelMs: 300,
      reviewCompletingMs: 200,
      inProgressAfterCompleteMs: 200,
    })
    expect((await create()).status).toBe(201)
  })

  it('refuses to add a version that is an item of another unfinished submission', async () => {
    const { app, submissionId, addItem } = await draftWithVersion()
    expect((await addItem()).status).toBe(201)
    const other = world.sim.store.insert(
      'reviewSubmissions',
      { platform: 'IOS', state: 'READY_FOR_REVIEW' },
      { app: { type: 'apps', id: app.id }, appStoreVersionForReview: null },
    )
    const twice = await addItem(other.id)
    expect(twice.status).toBe(409)
    expect(pick(twice.body, 'errors.0.detail')).toMatch(
      new RegExp(`already added to another reviewSubmission with id ${submissionId}$`),
    )
  })

  it('refuses the first releaseType change of a version once, then takes it', async () => {
    const call = client(world.sim, world.key)
    const app = newApp()
    const versionId = seedEditableVersion(app, '1.0.0')
    const change = () =>
      call('PATCH', `/v1/appStoreVersions/${versionId}`, {
        data: { type: 'appStoreVersions', id: versionId, attributes: { releaseType: 'MANUAL' } },
      })
    const first = await change()
    expect(first.status).toBe(409)
    expect(pick(first.body, 'errors.0.detail')).toBe("The attribute 'releaseType' can not be modified.")
    expect((await change()).status).toBe(200)
  })
})

// Last in the file: every answer the simulator gave above matched Apple's OpenAPI spec.
it('kept every simulator response within the App Store Connect contract', () => {
  expect(world.sim.contractViolations).toEqual([])
})
