import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeIpa, writePkg } from '../scripts/make-package.js'
import { runAction } from '../scripts/run-action.js'
import type { RecordedRequest } from '../simulator/index.js'
import { client, pick, pickString } from '../simulator/testing.js'
import { solidPng } from './helpers/png.js'
import { startWorld, type World } from './helpers/world.js'

// Screenshots synced into the App Store version by checksum, through dist/ against the simulator.
let world: World
beforeAll(async () => {
  world = await startWorld({ scenario: { mediaProcessingMs: 100 } })
})
afterAll(async () => {
  await world.close()
})

const IPHONE_67: [number, number] = [1290, 2796]
const IPAD_13: [number, number] = [2064, 2752]

let apps = 0
/** An app with a build and an editable version 1.0.0 localized in en-US and de-DE; its own folder. */
async function newApp(): Promise<{ bundleId: string; versionId: string; folder: string }> {
  const bundleId = `com.example.shots${++apps}`
  const { id } = world.sim.store.createApp({ bundleId, name: `Shots ${apps}` })
  world.sim.store.createBuild({
    appId: id,
    version: '1.0.0',
    buildNumber: '1',
    platform: 'IOS',
    processingState: 'VALID',
    usesNonExemptEncryption: false,
  })
  const versionId = world.sim.store.createAppStoreVersion({
    appId: id,
    versionString: '1.0.0',
    platform: 'IOS',
  }).id
  world.sim.store.insert(
    'appStoreVersionLocalizations',
    { locale: 'de-DE' },
    {
      appStoreVersion: { type: 'appStoreVersions', id: versionId },
    },
  )
  world.sim.store.fillListing(versionId) // App Review needs the listing in both languages
  const folder = join(world.dir, `shots${apps}`)
  await mkdir(folder, { recursive: true })
  return { bundleId, versionId, folder }
}

async function put(folder: string, path: string, size: [number, number], shade: number, alpha = false) {
  await mkdir(join(folder, path, '..'), { recursive: true })
  await writeFile(join(folder, path), solidPng(size[0], size[1], [shade, 40, 90], alpha))
}

async function sync(app: { bundleId: string; folder: string }, inputs: Record<string, string> = {}) {
  const from = world.sim.requests.length
  const run = await runAction({
    inputs: {
      ...world.inputs,
      ipa_path: '',
      upload_method: 'none',
      bundle_id: app.bundleId,
      app_version: '1.0.0',
      build_number: '1',
      platform: 'ios',
      poll_interval: '0.1',
      screenshots_path: app.folder,
      ...inputs,
    },
    env: world.env,
    runPost: false,
  })
  const requests = world.sim.requests.slice(from)
  return {
    ...run,
    // The summary escapes Markdown (APP\_IPHONE\_67); the tests read it as shown.
    summary: run.summary.replace(/\\(.)/g, '$1'),
    requests,
    storagePuts: requests.filter(
      (r: RecordedRequest) => r.method === 'PUT' && r.path.startsWith('/storage/'),
    ),
    writes: requests.filter((r) => r.method !== 'GET' && !r.path.startsWith('/storage/')),
  }
}

/** Each set of the version as the simulator holds it: locale/displayType → file names in order, with states. */
function setsOf(versionId: string): Record<string, string[]> {
  const store = world.sim.store
  const version = store.get('appStoreVersions', versionId)
  const result: Record<string, string[]> = {}
  if (!version) return result
  for (const localization of store.related(version, 'appStoreVersionLocalizations')) {
    for (const set of store.related(localization, 'appScreenshotSets')) {
      const shots = store
        .list('appScreenshots', (s) => store.linkages(s, 'appScreenshotSet')[0]?.id === set.id)
        .sort((a, b) => a.seq - b.seq) // the order the API lists them in
        .map((s) => `${s.attributes.fileName}:${s.attributes.assetDeliveryState.state}`)
      const { locale } = localization.attributes as { locale: string }
      const { screenshotDisplayType } = set.attributes as { screenshotDisplayType: string }
      result[`${locale}/${screenshotDisplayType}`] = shots
    }
  }
  return result
}

describe('screenshots_path', () => {
  it('makes each locale and display type a set in the order of the file names; a rerun sends nothing; one changed image is the one upload', async () => {
    const app = await newApp()
    await put(app.folder, 'en-US/02_list.png', IPHONE_67, 2)
    await put(app.folder, 'en-US/01_home.png', IPHONE_67, 1)
    await put(app.folder, 'en-US/03_tablet.png', IPAD_13, 3)
    await put(app.folder, 'de-DE/01_start.png', IPHONE_67, 4)
    await put(app.folder, 'de-DE/APP_IPAD_PRO_3GEN_129/01_tablet.png', IPAD_13, 5)

    const first = await sync(app)
    expect(first.log).not.toContain('::error::')
    expect(first.exitCode).toBe(0)
    expect(setsOf(app.versionId)).toEqual({
      'en-US/APP_IPHONE_67': ['01_home.png:COMPLETE', '02_list.png:COMPLETE'],
      'en-US/APP_IPAD_PRO_129': ['03_tablet.png:COMPLETE'],
      'de-DE/APP_IPHONE_67': ['01_start.png:COMPLETE'],
      'de-DE/APP_IPAD_PRO_3GEN_129': ['01_tablet.png:COMPLETE'],
    })
    expect(first.storagePuts).toHaveLength(5)
    // The wait reads each set's list, not each asset: one request per set and poll.
    expect(
      first.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/appScreenshots/')),
    ).toEqual([])
    // Committed with the file's MD5, as fastlane's spaceship does.
    const commits = first.writes.filter(
      (r) => r.method === 'PATCH' && r.path.startsWith('/v1/appScreenshots/'),
    )
    expect(commits.map((c) => JSON.stringify(c.body))).toEqual(
      expect.arrayContaining([expect.stringMatching(/"uploaded":true,"sourceFileChecksum":"[0-9a-f]{32}"/)]),
    )
    expect(first.summary).toContain('### Screenshots (sync)')
    expect(first.summary).toMatch(
      /\| en-US \| APP_IPHONE_67 \| 01_home\.png, 02_list\.png \| – \| no \| 0 \|/,
    )

    const rerun = await sync(app)
    expect(rerun.exitCode).toBe(0)
    expect(rerun.storagePuts).toHaveLength(0)
    expect(rerun.writes).toEqual([])
    expect(rerun.summary).toMatch(/\| en-US \| APP_IPHONE_67 \| – \| – \| no \| 2 \|/)

    await put(app.folder, 'en-US/02_list.png', IPHONE_67, 9)
    const changed = await sync(app)
    expect(changed.exitCode).toBe(0)
    expect(changed.storagePuts).toHaveLength(1)
    expect(setsOf(app.versionId)['en-US/APP_IPHONE_67']).toEqual([
      '01_home.png:COMPLETE',
      '02_list.png:COMPLETE',
    ])
    expect(world.sim.contractViolations).toEqual([])
  })

  it('sync removes a screenshot that left the folder and follows a new order; append only adds; replace sends all again', async () => {
    const app = await newApp()
    await put(app.folder, 'en-US/a.png', IPHONE_67, 1)
    await put(app.folder, 'en-US/b.png', IPHONE_67, 2)
    await put(app.folder, 'en-US/c.png', IPHONE_67, 3)
    expect((await sync(app)).exitCode).toBe(0)

    await rm(join(app.folder, 'en-US/b.png'))
    await rm(join(app.folder, 'en-US/a.png'))
    await put(app.folder, 'en-US/d.png', IPHONE_67, 1) // a's image under a name that sorts after c
    const synced = await sync(app)
    expect(synced.exitCode).toBe(0)
    expect(synced.storagePuts).toHaveLength(0)
    // The kept asset keeps its file name in App Store Connect; only the order and b's removal change.
    expect(setsOf(app.versionId)['en-US/APP_IPHONE_67']).toEqual(['c.png:COMPLETE', 'a.png:COMPLETE'])
    expect(synced.writes.filter((w) => w.method === 'DELETE')).toHaveLength(1)
    expect(synced.summary).toMatch(/\| en-US \| APP_IPHONE_67 \| – \| b\.png \| yes \| 2 \|/)

    await put(app.folder, 'en-US/e.png', IPHONE_67, 5)
    await rm(join(app.folder, 'en-US/c.png'))
    const appended = await sync(app, { screenshots_mode: 'append' })
    expect(appended.exitCode).toBe(0)
    expect(appended.storagePuts).toHaveLength(1)
    expect(setsOf(app.versionId)['en-US/APP_IPHONE_67']).toEqual([
      'c.png:COMPLETE',
      'a.png:COMPLETE',
      'e.png:COMPLETE',
    ])

    const replaced = await sync(app, { screenshots_mode: 'replace' })
    expect(replaced.exitCode).toBe(0)
    expect(replaced.storagePuts).toHaveLength(2)
    expect(setsOf(app.versionId)['en-US/APP_IPHONE_67']).toEqual(['d.png:COMPLETE', 'e.png:COMPLETE'])
    expect(world.sim.contractViolations).toEqual([])
  })

  it('a file of a size no display type takes fails the dry run naming it, before any request', async () => {
    const app = await newApp()
    await put(app.folder, 'en-US/01_good.png', IPHONE_67, 1)
    await put(app.folder, 'en-US/02_odd.png', [1000, 2000], 2)
    await put(app.folder, 'de-DE/APP_IPHONE_67/01_tablet.png', IPAD_13, 3)
    await put(app.folder, 'de-DE/02_clear.png', IPHONE_67, 4, true)
    const run = await sync(app, { dry_run: 'true' })
    expect(run.exitCode).not.toBe(0)
    expect(run.log).toContain('en-US/02_odd.png is 1000×2000, which fits no App Store display type')
    expect(run.log).toContain(
      'de-DE/APP_IPHONE_67/01_tablet.png is 2064×2752, which APP_IPHONE_67 does not take',
    )
    expect(run.log).toContain('de-DE/02_clear.png has an alpha channel')
    expect(run.log).toContain('screenshots_path')
    expect(run.requests).toEqual([])
  })

  it('the dry run shows per locale and display type what would be added, removed and kept', async () => {
    const app = await newApp()
    await put(app.folder, 'en-US/01.png', IPHONE_67, 1)
    expect((await sync(app)).exitCode).toBe(0)
    await put(app.folder, 'en-US/02.png', IPHONE_67, 2)
    const run = await sync(app, { dry_run: 'true' })
    expect(run.exitCode).toBe(0)
    expect(run.writes).toEqual([])
    expect(run.summary).toContain('en-US APP_IPHONE_67: add 02.png; 1 unchanged')
  })

  it("shows Apple's asset error for a bad image with its file name", async () => {
    const app = await newApp()
    // The right header size for its folder, but the header lies: 1290×2796 in APP_IPHONE_65's folder is
    // refused before any request, so the simulator's processing is made to fail instead.
    await put(app.folder, 'en-US/01_broken.png', IPHONE_67, 1)
    world.sim.scenario.mediaErrors = [
      {
        code: 'IMAGE_INCORRECT_DIMENSIONS',
        description: 'The dimensions of one or more screenshots are wrong.',
      },
    ]
    try {
      const run = await sync(app)
      expect(run.exitCode).not.toBe(0)
      expect(run.log).toContain(
        'en-US/01_broken.png: IMAGE_INCORRECT_DIMENSIONS: The dimensions of one or more screenshots are wrong.',
      )
    } finally {
      world.sim.scenario.mediaErrors = []
    }
    // The rerun takes the failed asset out and uploads the file again.
    const rerun = await sync(app)
    expect(rerun.exitCode).toBe(0)
    expect(rerun.storagePuts).toHaveLength(1)
    expect(setsOf(app.versionId)['en-US/APP_IPHONE_67']).toEqual(['01_broken.png:COMPLETE'])
  })

  it('checks before the upload that the version and a localization for each locale folder are there', async () => {
    const app = await newApp()
    await put(app.folder, 'fr-FR/01.png', IPHONE_67, 1)
    const noLocalization = await sync(app)
    expect(noLocalization.exitCode).not.toBe(0)
    expect(noLocalization.log).toContain('Checked before the upload, so nothing was uploaded')
    expect(noLocalization.log).toContain(
      'screenshots_path has folders for fr-FR, but the App Store version has no such localization (it has en-US, de-DE)',
    )
    expect(noLocalization.writes).toEqual([])

    const bundleId = `com.example.shots${++apps}`
    const { id } = world.sim.store.createApp({ bundleId, name: 'No version' })
    world.sim.store.createBuild({
      appId: id,
      version: '1.0.0',
      buildNumber: '1',
      platform: 'IOS',
      processingState: 'VALID',
    })
    const noVersion = await sync({ bundleId, folder: app.folder })
    expect(noVersion.exitCode).not.toBe(0)
    expect(noVersion.log).toContain('There is no App Store version 1.0.0 for IOS')
    expect(noVersion.writes).toEqual([])
  })

  it('leaves a released version alone, saying its screenshots can no longer change', async () => {
    const app = await newApp()
    await put(app.folder, 'en-US/01.png', IPHONE_67, 1)
    expect((await sync(app)).exitCode).toBe(0)
    world.sim.store.update('appStoreVersions', app.versionId, {
      attributes: { appVersionState: 'READY_FOR_DISTRIBUTION', appStoreState: 'READY_FOR_SALE' },
    })
    await rm(join(app.folder, 'en-US/01.png'))
    await put(app.folder, 'en-US/02.png', IPHONE_67, 2)
    const live = await sync(app)
    expect(live.exitCode).not.toBe(0)
    expect(live.log).toContain('App Store version 1.0.0 for IOS is READY_FOR_DISTRIBUTION')
    expect(live.writes).toEqual([])
    expect(setsOf(app.versionId)).toEqual({ 'en-US/APP_IPHONE_67': ['01.png:COMPLETE'] })
  })

  it('sends a screenshot part again when the storage refuses it for a while, as the build upload does', async () => {
    const app = await newApp()
    await put(app.folder, 'en-US/01.png', IPHONE_67, 1)
    world.sim.faults.add({
      method: 'PUT',
      path: /^\/storage\//,
      times: 2,
      action: { type: 'status', status: 503 },
    })
    const run = await sync(app)
    expect(run.exitCode).toBe(0)
    expect(run.storagePuts.map((p) => p.status)).toEqual([503, 503, 200])
    expect(setsOf(app.versionId)).toEqual({ 'en-US/APP_IPHONE_67': ['01.png:COMPLETE'] })
  })

  it('names the file App Store Connect could not read when its bytes arrived damaged', async () => {
    const app = await newApp()
    await put(app.folder, 'en-US/01_damaged.png', IPHONE_67, 1)
    world.sim.faults.add({ method: 'PUT', path: /^\/storage\//, action: { type: 'corrupt' } })
    const run = await sync(app)
    expect(run.exitCode).not.toBe(0)
    expect(run.log).toContain('Screenshots: App Store Connect refused 1 file:')
    expect(run.log).toContain(
      'en-US/01_damaged.png: IMAGE_TOOL_FAILURE: The file could not be read as an image.',
    )
  })

  it('stops before the first change when the hourly quota would run out', async () => {
    const app = await newApp()
    for (const name of ['a', 'b', 'c'])
      await put(app.folder, `en-US/${name}.png`, IPHONE_67, name.charCodeAt(0))
    // What the simulator has answered so far plus a few: enough to read, not enough to upload three files.
    const answered = world.sim.requests.filter((r) => !r.path.startsWith('/storage/')).length
    world.sim.scenario.rateLimitPerHour = answered + 12
    try {
      const run = await sync(app)
      expect(run.exitCode).not.toBe(0)
      expect(run.log).toMatch(
        /takes about \d+ requests, but the API key has \d+ of its \d+ requests for this hour left/,
      )
      expect(run.writes).toEqual([])
    } finally {
      world.sim.scenario.rateLimitPerHour = 3600
    }
  })

  it('with submit_to_app_store, syncs the screenshots into the prepared version before submitting it', async () => {
    const app = await newApp()
    await put(app.folder, 'en-US/01.png', IPHONE_67, 1)
    const run = await sync(app, { submit_to_app_store: 'true' })
    expect(run.exitCode).toBe(0)
    expect(setsOf(app.versionId)).toEqual({ 'en-US/APP_IPHONE_67': ['01.png:COMPLETE'] })
    const lastCommit = run.writes.findLastIndex((w) => w.path.startsWith('/v1/appScreenshots/'))
    const submitted = run.writes.findIndex((w) => w.path.startsWith('/v1/reviewSubmission'))
    expect(lastCommit).toBeGreaterThan(-1)
    expect(submitted).toBeGreaterThan(lastCommit)
    expect(run.summary).toContain('### Screenshots (sync)')
    expect(world.sim.contractViolations).toEqual([])
  })
})

describe('screenshots_path with an .ipa and a .pkg', () => {
  it("gives each package's version only its platform's display types and skips the others, saying so", async () => {
    const store = world.sim.store
    const bundleId = `com.example.shots${++apps}`
    const { id } = store.createApp({ bundleId, name: `Shots ${apps}` })
    store.keepListing(id)
    const folder = join(world.dir, `shots${apps}`)
    await put(folder, 'en-US/01_iphone.png', IPHONE_67, 1)
    await put(folder, 'en-US/02_mac.png', [2880, 1800], 2)
    const ipa = join(world.dir, `shots${apps}.ipa`)
    const pkg = join(world.dir, `shots${apps}.pkg`)
    await writeIpa(ipa, { bundleId, version: '1.0.0', buildNumber: '1' })
    await writePkg(pkg, { bundleId, version: '1.0.0', buildNumber: '1' })
    const run = await runAction({
      inputs: {
        ...world.inputs,
        ipa_path: `${ipa}\n${pkg}`,
        uses_non_exempt_encryption: 'false',
        submit_to_app_store: 'true',
        screenshots_path: folder,
        poll_interval: '0.1',
      },
      env: world.env,
      runPost: false,
    })
    expect(run.exitCode).toBe(0)
    const versionOf = (platform: string) =>
      store.list(
        'appStoreVersions',
        (v) => v.attributes.platform === platform && store.linkages(v, 'app')[0]?.id === id,
      )[0]?.id ?? '?'
    // Apple refuses another platform's display type on a version (security-union/remote-shutter#147).
    expect(setsOf(versionOf('IOS'))).toEqual({ 'en-US/APP_IPHONE_67': ['01_iphone.png:COMPLETE'] })
    expect(setsOf(versionOf('MAC_OS'))).toEqual({ 'en-US/APP_DESKTOP': ['02_mac.png:COMPLETE'] })
    expect(run.log).toContain('screenshots_path: skipped APP_DESKTOP for this IOS version')
    expect(run.log).toContain('screenshots_path: skipped APP_IPHONE_67 for this MAC_OS version')
    expect(world.sim.contractViolations).toEqual([])
  })
})

describe('app_previews_path', () => {
  it('uploads a preview with its poster frame time, once', async () => {
    const app = await newApp()
    await mkdir(join(app.folder, 'en-US/IPHONE_67'), { recursive: true })
    await writeFile(join(app.folder, 'en-US/IPHONE_67/01_demo.mp4'), Buffer.alloc(3000, 7))
    await writeFile(join(app.folder, 'en-US/IPHONE_67/01_demo.timecode.txt'), '00:00:05:00\n')
    const inputs = { screenshots_path: '', app_previews_path: app.folder }
    const run = await sync(app, inputs)
    expect(run.exitCode).toBe(0)
    expect(run.storagePuts).toHaveLength(1)
    const previews = world.sim.store.list('appPreviews', (p) => p.attributes.fileName === '01_demo.mp4')
    expect(
      previews.map((p) => [p.attributes.previewFrameTimeCode, p.attributes.videoDeliveryState?.state]),
    ).toEqual([['00:00:05:00', 'COMPLETE']])
    expect(run.summary).toMatch(/### App previews \(sync\)[\s\S]*\| en-US \| IPHONE_67 \| 01_demo\.mp4 \|/)

    const rerun = await sync(app, inputs)
    expect(rerun.exitCode).toBe(0)
    expect(rerun.storagePuts).toHaveLength(0)
    expect(rerun.writes).toEqual([])
    expect(world.sim.contractViolations).toEqual([])
  })

  it("reads the version's localizations once for screenshots and previews together, in each step", async () => {
    const app = await newApp()
    await put(app.folder, 'en-US/01_home.png', IPHONE_67, 9)
    await mkdir(join(app.folder, 'en-US/IPHONE_67'), { recursive: true })
    await writeFile(join(app.folder, 'en-US/IPHONE_67/01_demo.mp4'), Buffer.alloc(3000, 8))
    const run = await sync(app, { screenshots_path: app.folder, app_previews_path: app.folder })
    expect(run.exitCode).toBe(0)
    const localizationReads = run.requests.filter(
      (r) =>
        r.method === 'GET' && r.path === `/v1/appStoreVersions/${app.versionId}/appStoreVersionLocalizations`,
    )
    // One in the checks before the upload, one in the step: not one per kind in each.
    expect(localizationReads).toHaveLength(2)
  })

  it('refuses a preview whose type is not known, naming it', async () => {
    const app = await newApp()
    await mkdir(join(app.folder, 'en-US'), { recursive: true })
    await writeFile(join(app.folder, 'en-US/demo.mp4'), Buffer.alloc(100, 1))
    const run = await sync(app, { screenshots_path: '', app_previews_path: app.folder, dry_run: 'true' })
    expect(run.exitCode).not.toBe(0)
    expect(run.log).toContain(
      "app_previews_path' en-US/demo.mp4: put it in a folder named after its preview type",
    )
  })
})

describe('the simulated App Store Connect', () => {
  it('fails a screenshot whose real size its set does not take, with IMAGE_INCORRECT_DIMENSIONS', async () => {
    const app = await newApp()
    const call = client(world.sim, world.key)
    const version = world.sim.store.get('appStoreVersions', app.versionId)
    const localization = version && world.sim.store.related(version, 'appStoreVersionLocalizations')[0]
    const set = await call('POST', '/v1/appScreenshotSets', {
      data: {
        type: 'appScreenshotSets',
        attributes: { screenshotDisplayType: 'APP_IPHONE_65' },
        relationships: {
          appStoreVersionLocalization: {
            data: { type: 'appStoreVersionLocalizations', id: localization?.id },
          },
        },
      },
    })
    expect(set.status).toBe(201)
    const image = solidPng(IPHONE_67[0], IPHONE_67[1], [1, 2, 3])
    const reserved = await call('POST', '/v1/appScreenshots', {
      data: {
        type: 'appScreenshots',
        attributes: { fileName: 'wrong.png', fileSize: image.length },
        relationships: {
          appScreenshotSet: { data: { type: 'appScreenshotSets', id: pickString(set.body, 'data.id') } },
        },
      },
    })
    expect(reserved.status).toBe(201)
    const id = pickString(reserved.body, 'data.id')
    const op = pick(reserved.body, 'data.attributes.uploadOperations.0') as {
      method: string
      url: string
      requestHeaders: { name: string; value: string }[]
    }
    expect(Object.keys(op).sort()).toEqual(['length', 'method', 'offset', 'requestHeaders', 'url'])
    const headers = Object.fromEntries(op.requestHeaders.map((h) => [h.name, h.value]))
    expect((await fetch(op.url, { method: op.method, headers, body: image })).status).toBe(200)
    const commit = await call('PATCH', `/v1/appScreenshots/${id}`, {
      data: { type: 'appScreenshots', id, attributes: { uploaded: true, sourceFileChecksum: 'abc' } },
    })
    expect(pick(commit.body, 'data.attributes.assetDeliveryState.state')).toBe('UPLOAD_COMPLETE')
    await new Promise((resolve) => setTimeout(resolve, 150))
    const read = await call('GET', `/v1/appScreenshots/${id}`)
    expect(pick(read.body, 'data.attributes.assetDeliveryState.state')).toBe('FAILED')
    expect(pick(read.body, 'data.attributes.assetDeliveryState.errors.0.code')).toBe(
      'IMAGE_INCORRECT_DIMENSIONS',
    )
    expect(world.sim.contractViolations).toEqual([])
  })
})
