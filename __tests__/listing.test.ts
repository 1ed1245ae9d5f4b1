import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeIpa } from '../scripts/make-package.js'
import { runAction, type ActionRun } from '../scripts/run-action.js'
import type { RecordedRequest } from '../simulator/index.js'
import { startWorld, visibleText, type World } from './helpers/world.js'

// The store listing from a fastlane deliver metadata folder, through dist/ against the simulator, with
// App Review refusing an item whose listing is incomplete, as Apple does (the simulator's default).
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures')
const METADATA = join(fixtures, 'metadata')
const LONG_KEYWORDS = join(fixtures, 'metadata-long-keywords')
const DEMO_PASSWORD = 'Secret-Demo-Pa55word!'
const FILE_PASSWORD = 'file-password-never-shown'

let world: World
beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world.close()
})

interface TestApp {
  id: string
  bundleId: string
}
let apps = 0

/** An app whose live version 1.0.0 has a complete listing in en-US and de-DE (and its app info too). */
function liveApp(): { app: TestApp; liveVersionId: string } {
  const store = world.sim.store
  const bundleId = `com.example.listing${++apps}`
  const { id } = store.createApp({ bundleId, name: `Listing ${apps}` })
  const live = store.createAppStoreVersion({
    appId: id,
    versionString: '1.0.0',
    platform: 'IOS',
    appStoreState: 'READY_FOR_SALE',
  })
  const version = store.get('appStoreVersions', live.id)
  if (!version) throw new Error('no version')
  const [enUS] = store.related(version, 'appStoreVersionLocalizations')
  Object.assign(enUS?.attributes ?? {}, complete('en-US'))
  store.insert('appStoreVersionLocalizations', complete('de-DE'), {
    appStoreVersion: { type: 'appStoreVersions', id: live.id },
  })
  const info = store.list('appInfos', (i) => store.linkages(i, 'app')[0]?.id === id)[0]
  if (!info) throw new Error('no app info')
  store.insert(
    'appInfoLocalizations',
    { locale: 'de-DE', name: `Listing ${apps}` },
    {
      appInfo: { type: 'appInfos', id: info.id },
    },
  )
  store.insert(
    'appStoreReviewDetails',
    {
      contactFirstName: 'Old',
      contactLastName: 'Contact',
      contactPhone: '+1 555 0100',
      contactEmail: 'old@example.com',
    },
    { appStoreVersion: { type: 'appStoreVersions', id: live.id } },
  )
  return { app: { id, bundleId }, liveVersionId: live.id }
}

function complete(locale: string) {
  return {
    locale,
    description: `Old description (${locale})`,
    keywords: 'old,keywords',
    supportUrl: 'https://old.example.com/support',
    promotionalText: `Old promotion (${locale})`,
  }
}

function seedBuild(app: TestApp, version: string, buildNumber: string): void {
  world.sim.store.createBuild({
    appId: app.id,
    version,
    buildNumber,
    platform: 'IOS',
    processingState: 'VALID',
    usesNonExemptEncryption: false,
  })
}

interface Run extends ActionRun {
  requests: RecordedRequest[]
  writes: RecordedRequest[]
}

async function release(app: TestApp, version: string, buildNumber: string, inputs: Record<string, string>) {
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

function versionOf(app: TestApp, versionString: string) {
  const store = world.sim.store
  const version = store.list(
    'appStoreVersions',
    (v) => store.linkages(v, 'app')[0]?.id === app.id && v.attributes.versionString === versionString,
  )[0]
  if (!version) throw new Error(`no version ${versionString}`)
  return version
}

function versionTexts(app: TestApp, versionString: string) {
  const store = world.sim.store
  const version = versionOf(app, versionString)
  return Object.fromEntries(
    store
      .related(version, 'appStoreVersionLocalizations')
      .map((l) => [String(l.attributes['locale']), l.attributes]),
  )
}

function appInfoTexts(app: TestApp, state: string) {
  const store = world.sim.store
  const info = store.list(
    'appInfos',
    (i) => store.linkages(i, 'app')[0]?.id === app.id && i.attributes.state === state,
  )[0]
  if (!info) throw new Error(`no app info ${state}`)
  return Object.fromEntries(
    store.related(info, 'appInfoLocalizations').map((l) => [String(l.attributes['locale']), l.attributes]),
  )
}

function reviewDetailOf(app: TestApp, versionString: string) {
  return world.sim.store.related(versionOf(app, versionString), 'appStoreReviewDetail')[0]?.attributes
}

describe('store listing from metadata_path with the App Store submission (through dist/index.js)', () => {
  let app: TestApp
  let run: Run

  beforeAll(async () => {
    ;({ app } = liveApp())
    seedBuild(app, '1.1.0', '2')
    run = await release(app, '1.1.0', '2', {
      submit_to_app_store: 'true',
      metadata_path: METADATA,
      demo_account_password: DEMO_PASSWORD,
    })
  })

  it('writes three locales (fr-FR new to the version) to the version and the app info, then submits', () => {
    expect(run.log).not.toContain('::error')
    expect(run.exitCode).toBe(0)
    const texts = versionTexts(app, '1.1.0')
    expect(Object.keys(texts).sort()).toEqual(['de-DE', 'en-US', 'fr-FR'])
    expect(texts['en-US']).toMatchObject({
      description: 'Demo plans your day.\n\nOffline, private, fast.',
      keywords: 'planner,calendar,todo,offline',
      promotionalText: 'Now with widgets.',
      supportUrl: 'https://example.com/support',
      marketingUrl: 'https://example.com',
      whatsNew: 'Widgets and a faster start.',
    })
    // de-DE gives no promotional text: the one copied from the live version stays.
    expect(texts['de-DE']).toMatchObject({
      description: 'Demo plant deinen Tag.',
      keywords: 'Planer,Kalender,Aufgaben,Straße',
      promotionalText: 'Old promotion (de-DE)',
      whatsNew: 'Widgets und ein schnellerer Start.',
    })
    expect(texts['fr-FR']).toMatchObject({
      description: 'Demo planifie votre journée.',
      keywords: 'agenda,calendrier,tâches',
      supportUrl: 'https://example.com/fr/support',
      whatsNew: 'Widgets et démarrage plus rapide.',
    })
    expect(versionOf(app, '1.1.0').attributes.copyright).toBe('2026 Example Ltd')

    const info = appInfoTexts(app, 'PREPARE_FOR_SUBMISSION')
    expect(info['en-US']).toMatchObject({
      name: 'Demo Planner',
      subtitle: 'Plan your day offline',
      privacyPolicyUrl: 'https://example.com/privacy',
    })
    expect(info['de-DE']).toMatchObject({
      name: expect.stringMatching(/^Listing/),
      subtitle: 'Tagesplaner offline',
    })
    expect(info['fr-FR']).toMatchObject({ name: 'Demo Agenda' })
    expect(versionOf(app, '1.1.0').attributes.appVersionState).toBe('WAITING_FOR_REVIEW')
    // The new version's editable app info shows a moment after the version (editAppInfoLagMs): waited for.
    expect(run.log).toContain('Store listing: no editable app info yet')
  })

  it('leaves the live version alone, its promotional text included', () => {
    expect(versionTexts(app, '1.0.0')['en-US']).toMatchObject(complete('en-US'))
    expect(appInfoTexts(app, 'READY_FOR_DISTRIBUTION')['en-US']?.['name']).toMatch(/^Listing/)
  })

  it('sets App Review details with the demo password from the secret, shown nowhere', () => {
    expect(reviewDetailOf(app, '1.1.0')).toMatchObject({
      contactFirstName: 'Ada',
      contactLastName: 'Lovelace',
      contactPhone: '+44 20 7946 0000',
      contactEmail: 'review@example.com',
      demoAccountName: 'reviewer@example.com',
      demoAccountPassword: DEMO_PASSWORD,
      demoAccountRequired: true,
      notes: 'Sign in with the demo account; the Plans tab holds sample data.',
    })
    const shown = visibleText(run)
    expect(shown).not.toContain(DEMO_PASSWORD)
    expect(shown).not.toContain(FILE_PASSWORD)
    expect(run.summary).toContain('### Store listing')
    expect(run.summary).toContain('| App Review demoAccountPassword | (empty) | \\(set\\) |')
    expect(run.summary).toMatch(/en-US keywords \| old,keywords \| planner,calendar,todo,offline/)
    expect(world.sim.contractViolations).toEqual([])
  })
  it('on a rerun finds the version in review, writes nothing, and says the listing waits', async () => {
    const rerun = await release(app, '1.1.0', '2', {
      submit_to_app_store: 'true',
      metadata_path: METADATA,
      demo_account_password: DEMO_PASSWORD,
    })
    expect(rerun.exitCode).toBe(0)
    expect(rerun.writes).toEqual([])
    expect(rerun.log).toContain('metadata_path was left for the next version')
  })
})

describe('store listing without the App Store submission (through dist/index.js)', () => {
  it('writes to the version being prepared, and a rerun sends no write at all', async () => {
    const { app } = liveApp()
    world.sim.store.createAppStoreVersion({ appId: app.id, versionString: '1.2.0', platform: 'IOS' })
    seedBuild(app, '1.2.0', '5')
    const inputs = { metadata_path: METADATA, demo_account_password: DEMO_PASSWORD }
    const first = await release(app, '1.2.0', '5', inputs)
    expect(first.log).not.toContain('::error')
    expect(first.exitCode).toBe(0)
    expect(first.writes.length).toBeGreaterThan(0)
    expect(versionTexts(app, '1.2.0')['fr-FR']?.['description']).toBe('Demo planifie votre journée.')
    expect(versionTexts(app, '1.2.0')['de-DE']?.['whatsNew']).toBe('Widgets und ein schnellerer Start.')
    expect(versionOf(app, '1.2.0').attributes.copyright).toBe('2026 Example Ltd')
    expect(reviewDetailOf(app, '1.2.0')?.['demoAccountPassword']).toBe(DEMO_PASSWORD)
    expect(visibleText(first)).not.toContain(DEMO_PASSWORD)

    const rerun = await release(app, '1.2.0', '5', inputs)
    expect(rerun.exitCode).toBe(0)
    expect(rerun.writes.map((w) => `${w.method} ${w.path}`)).toEqual([])
    expect(rerun.summary).toContain('was already as given: nothing changed')
    expect(world.sim.contractViolations).toEqual([])
  })

  it('on the live version changes only the promotional text, and says what it left', async () => {
    const { app } = liveApp()
    seedBuild(app, '1.0.0', '1')
    const run = await release(app, '1.0.0', '1', { metadata_path: METADATA })
    expect(run.exitCode).toBe(0)
    expect(run.writes.map((w) => `${w.method} ${w.path.replace(/[^/]+$/, '{id}')}`)).toEqual([
      'PATCH /v1/appStoreVersionLocalizations/{id}',
    ])
    const texts = versionTexts(app, '1.0.0')
    expect(texts['en-US']).toMatchObject({ ...complete('en-US'), promotionalText: 'Now with widgets.' })
    expect(texts['fr-FR']).toBeUndefined()
    expect(run.log).toContain('only the promotional text of the live version can change')
    expect(run.summary).toContain('Live version 1.0.0')
  })

  it('fails before the upload naming the version when it does not exist', async () => {
    const { app } = liveApp()
    const ipa = join(world.dir, `${app.bundleId}.ipa`)
    await writeIpa(ipa, { bundleId: app.bundleId, version: '3.0.0', buildNumber: '9' })
    const run = await release(app, '3.0.0', '9', {
      metadata_path: METADATA,
      upload_method: 'api',
      ipa_path: ipa,
    })
    expect(run.exitCode).not.toBe(0)
    expect(run.log).toContain('Checked before the upload, so nothing was uploaded')
    expect(run.log).toContain('App Store version 3.0.0 does not exist yet')
    expect(run.writes).toEqual([])
  })
})

describe('store listing in the dry run (through dist/index.js)', () => {
  it('fails on a keyword list over 100 bytes before any request, naming the file and the limit', async () => {
    const { app } = liveApp()
    const run = await release(app, '1.1.0', '2', { metadata_path: LONG_KEYWORDS, dry_run: 'true' })
    expect(run.exitCode).not.toBe(0)
    expect(run.log).toContain("'en-US/keywords.txt' is 104 bytes long; Apple takes at most 100 bytes")
    expect(run.log).toContain('metadata_path')
    expect(run.requests).toEqual([])
  })

  it('lists per field what would change, with the demo password as (set), and changes nothing', async () => {
    const { app } = liveApp()
    seedBuild(app, '1.1.0', '2')
    const run = await release(app, '1.1.0', '2', {
      metadata_path: METADATA,
      demo_account_password: DEMO_PASSWORD,
      submit_to_app_store: 'true',
      dry_run: 'true',
    })
    expect(run.log).not.toContain('::error')
    expect(run.exitCode).toBe(0)
    expect(run.writes).toEqual([])
    expect(run.log).toContain("en-US keywords 'old,keywords' → 'planner,calendar,todo,offline'")
    expect(run.log).toMatch(/and 12 more; would add fr-FR/)
    expect(visibleText(run)).not.toContain(DEMO_PASSWORD)
    // The App Store line and the listing line share one read of the versions and open submissions.
    const reads = (path: string) => run.requests.filter((r) => r.method === 'GET' && r.path === path)
    expect(reads('/v1/reviewSubmissions')).toHaveLength(1)
    expect(reads(`/v1/apps/${app.id}/appStoreVersions`)).toHaveLength(1)
  })
})

describe('App Review refuses an incomplete listing (simulator default)', () => {
  it('refuses the item naming the missing description, keywords, support URL and contact', async () => {
    const store = world.sim.store
    const bundleId = `com.example.listing${++apps}`
    const { id } = store.createApp({ bundleId, name: 'Bare' })
    const app = { id, bundleId }
    seedBuild(app, '1.0.0', '1')
    const run = await release(app, '1.0.0', '1', { submit_to_app_store: 'true' })
    expect(run.exitCode).not.toBe(0)
    for (const what of ["version's description", "version's keywords", "version's supportUrl"])
      expect(run.log).toContain(`${what}: fix in metadata_path (<locale>/description.txt`)
    expect(run.log).toContain("App Review contact information: fix in metadata_path's review_information/")
  })
})
