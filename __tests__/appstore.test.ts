import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { runAction, type ActionRun } from '../scripts/run-action.js'
import type { MissingMetadata } from '../simulator/appstore.js'
import type { RecordedRequest } from '../simulator/index.js'
import { client, pick, pickString } from '../simulator/testing.js'
import { startWorld, type World } from './helpers/world.js'

// Each test works on its own app, so versions and submissions never leak from one test into another.
let world: World
beforeAll(async () => {
  world = await startWorld({ scenario: { reviewCancelMs: 300, refuseFirstVersionWhatsNew: true } })
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
  if (options.phased) {
    world.sim.store.insert(
      'appStoreVersionPhasedReleases',
      { phasedReleaseState: options.phased, totalPauseDuration: 0, currentDayNumber: 0 },
      { appStoreVersion: { type: 'appStoreVersions', id } },
    )
  }
  return id
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
    const run = await submit(app, '1.1.0', '3', { cancel_previous_submissions: 'true' })
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
    const run = await submit(app, '1.1.0', '10')
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
    const run = await submit(app, '2.0.0', '11', { copyright: '2026 Other' })
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
    seedBuild(app, '1.1.0', '20')
    const file = join(world.dir, 'whats-new.json')
    const texts = [
      { language: 'en-US', text: 'Faster sync.' },
      { language: 'de-DE', text: 'Schnellere Synchronisierung.' },
      { language: 'fr-FR', text: 'Synchronisation plus rapide.' },
    ]
    await writeFile(file, JSON.stringify(texts))
    const run = await submit(app, '1.1.0', '20', { whats_new_file: file })
    expect(run.exitCode).toBe(0)
    expect(localizations(versionId)).toEqual({
      'en-US': 'Faster sync.',
      'de-DE': 'Schnellere Synchronisierung.',
      'fr-FR': 'Synchronisation plus rapide.',
    })
    expect(calls(run, 'PATCH', /^\/v1\/appStoreVersionLocalizations\//)).toHaveLength(2)
    expect(calls(run, 'POST', '/v1/appStoreVersionLocalizations')).toHaveLength(1)
    expect(run.summary).toContain("What's New: en-US, de-DE, fr-FR")
  })

  it('puts whats_new in the locale input', async () => {
    const app = newApp({ releasedVersion: '1.0.0' })
    seedBuild(app, '1.1.0', '21')
    const run = await submit(app, '1.1.0', '21', { whats_new: 'Neu: Dunkelmodus.', locale: 'de-DE' })
    expect(run.exitCode).toBe(0)
    expect(localizations(run.outputs.app_store_version_id ?? '')).toEqual({
      'en-US': undefined,
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
    "turns Apple's %d refusal into what is missing and where to fix it; a rerun after the fix reuses the submission",
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
      const submissionId = submissionsOf(app)[0]?.id ?? '?'
      expect(shown).toContain(`review submission ${submissionId} is kept unsubmitted`)
      expect(shown).toContain(`Apple answered ${status} STATE_ERROR.ENTITY_STATE_INVALID`)

      const fixed = await submit(app, '1.0.0', '41')
      expect(fixed.exitCode).toBe(0)
      expect(fixed.outputs.review_submission_id).toBe(submissionId)
      expect(calls(fixed, 'POST', '/v1/reviewSubmissions')).toEqual([])
      expect(calls(fixed, 'POST', '/v1/reviewSubmissionItems')).toEqual([])
      expect(calls(fixed, 'PATCH', `/v1/reviewSubmissions/${submissionId}`)).toHaveLength(1)
    },
  )
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

  it('answers a submit with missing metadata as Apple does: reasons in meta.associatedErrors', async () => {
    const app = newApp()
    seedBuild(app, '1.0.0', '60')
    world.sim.scenario.appStoreMissing = ['screenshots', 'contentRights']
    const run = await submit(app, '1.0.0', '60')
    world.sim.scenario.appStoreMissing = []
    expect(run.exitCode).toBe(1)
    const versionId = versionsOf(app)[0]?.id ?? '?'
    const call = client(world.sim, world.key)
    const submissionId = submissionsOf(app)[0]?.id ?? '?'
    world.sim.scenario.appStoreMissing = ['contentRights']
    const refused = await call('PATCH', `/v1/reviewSubmissions/${submissionId}`, {
      data: { type: 'reviewSubmissions', id: submissionId, attributes: { submitted: true } },
    })
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
            },
          ],
        },
      },
    })
  })
})

// Last in the file: every answer the simulator gave above matched Apple's OpenAPI spec.
it('kept every simulator response within the App Store Connect contract', () => {
  expect(world.sim.contractViolations).toEqual([])
})
