import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startSimulator, type Simulator } from '../simulator/index.js'
import { client, pick, pickString, registerKey } from '../simulator/testing.js'

let sim: Simulator
let call: ReturnType<typeof client>
let appId: string

beforeEach(async () => {
  // The walk-through submits right after adding the item; Apple's moment of "not ready yet" is tested in appstore.test.ts.
  sim = await startSimulator({ scenario: { usesNonExemptEncryption: false, submitNotReadyMs: 0 } })
  call = client(sim, registerKey(sim))
  appId = sim.store.createApp({ bundleId: 'com.example.demo', name: 'Demo' }).id
  sim.store.fillTestInformation(appId) // Beta App Review needs the app's Test Information
  sim.store.keepListing(appId) // and App Review the store listing
})

afterEach(async () => {
  await sim.close()
  if (sim.contractViolations.length > 0)
    throw new Error(`contract violations:\n${sim.contractViolations.join('\n')}`)
})

describe('routing and validation', () => {
  it('answers 404 NOT_FOUND for a path that is not in the spec', async () => {
    const res = await call('GET', '/v1/buildUploads/x/build')
    expect(res.status).toBe(404)
    expect(pick(res.body, 'errors.0.code')).toBe('NOT_FOUND')
    expect((await call('GET', '/v1/builds/x/buildUpload')).status).toBe(404)
    // The path exists (POST) but not for GET.
    const wrongMethod = await call('GET', '/v1/buildUploads')
    expect(wrongMethod.status).toBe(405)
    expect(pick(wrongMethod.body, 'errors.0.code')).toBe('METHOD_NOT_ALLOWED')
  })

  it('answers 404 for an unknown id and 501 naming the operationId for unimplemented operations', async () => {
    expect((await call('GET', '/v1/builds/nope')).status).toBe(404)
    const res = await call('GET', '/v1/apps/1/customerReviews')
    expect(res.status).toBe(501)
    expect(pickString(res.body, 'errors.0.detail')).toContain('apps_customerReviews_getToManyRelated')
  })

  it('rejects unknown query parameters, bad enums, bad limits and missing required filters', async () => {
    const unknown = await call('GET', '/v1/apps?filter[bundleIdentifier]=x')
    expect(unknown.status).toBe(400)
    expect(pick(unknown.body, 'errors.0.source.parameter')).toBe('filter[bundleIdentifier]')

    const badEnum = await call('GET', '/v1/builds?filter[processingState]=VALID,DONE')
    expect(badEnum.status).toBe(400)
    expect(pick(badEnum.body, 'errors.0.code')).toBe('PARAMETER_ERROR.INVALID')
    expect(pick(badEnum.body, 'errors.0.source.parameter')).toBe('filter[processingState]')

    const badLimit = await call('GET', '/v1/builds?limit=201')
    expect(badLimit.status).toBe(400)
    expect(pick(badLimit.body, 'errors.0.source.parameter')).toBe('limit')

    const required = await call('GET', '/v1/betaAppReviewSubmissions')
    expect(required.status).toBe(400)
    expect(pick(required.body, 'errors.0.code')).toBe('PARAMETER_ERROR.REQUIRED')
    expect(pick(required.body, 'errors.0.source.parameter')).toBe('filter[build]')
    const requiredApp = await call('GET', '/v1/reviewSubmissions')
    expect(pick(requiredApp.body, 'errors.0.source.parameter')).toBe('filter[app]')
  })

  it('rejects invalid bodies with 409 and a pointer, unparsable JSON with 400', async () => {
    const badEnum = await call('POST', '/v1/buildUploads', {
      data: {
        type: 'buildUploads',
        attributes: { cfBundleShortVersionString: '1.0', cfBundleVersion: '1', platform: 'ANDROID' },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    })
    expect(badEnum.status).toBe(409)
    expect(pick(badEnum.body, 'errors.0.source.pointer')).toBe('/data/attributes/platform')

    const missing = await call('POST', '/v1/buildUploads', {
      data: { type: 'buildUploads', attributes: { cfBundleShortVersionString: '1.0', platform: 'IOS' } },
    })
    expect(missing.status).toBe(409)
    expect(pick(missing.body, 'errors.0.code')).toMatch(/^ENTITY_ERROR\..*REQUIRED$/)

    const wrongType = await call('POST', '/v1/buildUploads', { data: { type: 'builds' } })
    expect(wrongType.status).toBe(409)
    expect(pick(wrongType.body, 'errors.0.source.pointer')).toBe('/data/type')

    const unparsable = await call('POST', '/v1/buildUploads', '{"data":')
    expect(unparsable.status).toBe(400)

    const build = sim.store.createBuild({ appId, version: '1.0', buildNumber: '1', platform: 'IOS' })
    const idMismatch = await call('PATCH', `/v1/builds/${build.id}`, {
      data: { type: 'builds', id: 'other', attributes: { usesNonExemptEncryption: false } },
    })
    expect(idMismatch.status).toBe(409)
    expect(pick(idMismatch.body, 'errors.0.source.pointer')).toBe('/data/id')
  })

  it('filters apps by exact bundleId and sends X-Rate-Limit', async () => {
    sim.store.createApp({ bundleId: 'com.example.demo.widget' })
    const res = await call('GET', '/v1/apps?filter[bundleId]=com.example.demo')
    expect(res.status).toBe(200)
    expect(pick(res.body, 'data.length')).toBe(1)
    expect(pick(res.body, 'data.0.id')).toBe(appId)
    expect(res.headers.get('x-rate-limit')).toMatch(/^user-hour-lim:3600;user-hour-rem:\d+;$/)
    const byId = await call('GET', `/v1/apps?filter[id]=${appId}`)
    expect(pick(byId.body, 'data.0.attributes.bundleId')).toBe('com.example.demo')
  })

  it('pages with links.next and a cursor, capped by scenario.pageSizeCap', async () => {
    for (let i = 1; i <= 7; i++) {
      sim.store.createBuild({ appId, version: '1.0', buildNumber: String(i), platform: 'IOS' })
    }
    sim.scenario.pageSizeCap = 3
    const seen: string[] = []
    let next: string | undefined = `/v1/builds?filter[app]=${appId}&limit=50&sort=-version`
    let pages = 0
    const cursors: (string | null)[] = []
    while (next) {
      const res = await call('GET', next)
      expect(res.status).toBe(200)
      expect(pick(res.body, 'meta.paging')).toEqual({ total: 7, limit: 3 })
      for (const b of pick(res.body, 'data') as { attributes: { version: string } }[])
        seen.push(b.attributes.version)
      next = pick(res.body, 'links.next') as string | undefined
      if (next) cursors.push(new URL(next).searchParams.get('cursor'))
      pages++
    }
    expect(pages).toBe(3)
    expect(cursors).toHaveLength(2)
    expect(cursors.every((c) => typeof c === 'string' && c.length > 0)).toBe(true)
    expect(seen).toEqual(['7', '6', '5', '4', '3', '2', '1'])
    expect((await call('GET', '/v1/builds?cursor=garbage')).status).toBe(400)
  })
})

describe('faults', () => {
  it('answers 429 with Retry-After, 5xx Apple errors, drops and delays', async () => {
    sim.faults.add({
      method: 'GET',
      path: '/v1/apps',
      action: { type: 'status', status: 429, retryAfterSeconds: 7 },
    })
    const limited = await call('GET', '/v1/apps')
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBe('7')
    expect(pick(limited.body, 'errors.0.code')).toBe('RATE_LIMIT_EXCEEDED')
    expect((await call('GET', '/v1/apps')).status).toBe(200)

    sim.faults.add({ path: /^\/v1\/apps/, times: 2, action: { type: 'status', status: 503 } })
    const unavailable = await call('GET', '/v1/apps')
    expect(unavailable.status).toBe(503)
    expect(pick(unavailable.body, 'errors.0.status')).toBe('503')
    expect((await call('GET', `/v1/apps/${appId}`)).status).toBe(503)
    expect((await call('GET', '/v1/apps')).status).toBe(200)
    sim.faults.add({ action: { type: 'status', status: 500 } })
    expect(pick((await call('GET', '/v1/apps')).body, 'errors.0.code')).toBe('UNEXPECTED_ERROR')

    sim.faults.add({ path: '/v1/apps', action: { type: 'drop' } })
    await expect(call('GET', '/v1/apps')).rejects.toThrow()
    expect(sim.requests.at(-1)?.status).toBe(0)

    sim.faults.add({ path: '/v1/apps', action: { type: 'delay', ms: 120 } })
    const started = Date.now()
    expect((await call('GET', '/v1/apps')).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(100)

    sim.faults.add({ path: '/v1/never', action: { type: 'status', status: 500 } })
    sim.faults.clear()
    const last = sim.requests.at(-1)
    expect(last).toMatchObject({ method: 'GET', path: '/v1/apps', status: 200, hadBearer: true })
    expect(last && last.endedAt >= last.startedAt).toBe(true)
  })
})

describe('TestFlight and App Store flow', () => {
  it('runs steps 8-23 against a processed build', async () => {
    const internal = sim.store.createBetaGroup({
      appId,
      name: 'Team',
      isInternalGroup: true,
      hasAccessToAllBuilds: true,
    })
    const external = sim.store.createBetaGroup({ appId, name: 'Public Beta' })
    sim.scenario.usesNonExemptEncryption = null
    // This walk-through takes each step once; Apple's own What to Test and its pause after export
    // compliance are covered in testflight.test.ts.
    sim.scenario.whatToTestCreatedAfterMs = null
    sim.scenario.betaReviewAfterComplianceMs = 0
    const { id: buildId } = sim.store.createBuild({
      appId,
      version: '1.2.3',
      buildNumber: '45',
      platform: 'IOS',
    })

    // 9-10: export compliance, beta detail
    let detail = await call('GET', `/v1/builds/${buildId}/buildBetaDetail`)
    expect(pick(detail.body, 'data.attributes.internalBuildState')).toBe('MISSING_EXPORT_COMPLIANCE')
    const patched = await call('PATCH', `/v1/builds/${buildId}`, {
      data: { type: 'builds', id: buildId, attributes: { usesNonExemptEncryption: false } },
    })
    expect(patched.status).toBe(200)
    detail = await call('GET', `/v1/builds/${buildId}/buildBetaDetail`)
    expect(pick(detail.body, 'data.attributes.internalBuildState')).toBe('IN_BETA_TESTING')
    expect(pick(detail.body, 'data.attributes.externalBuildState')).toBe('READY_FOR_BETA_SUBMISSION')
    const detailId = pickString(detail.body, 'data.id')
    const autoNotify = await call('PATCH', `/v1/buildBetaDetails/${detailId}`, {
      data: { type: 'buildBetaDetails', id: detailId, attributes: { autoNotifyEnabled: true } },
    })
    expect(pick(autoNotify.body, 'data.attributes.autoNotifyEnabled')).toBe(true)

    // 11: What to Test
    const noLoc = await call(
      'GET',
      `/v1/betaBuildLocalizations?filter[build]=${buildId}&filter[locale]=en-US`,
    )
    expect(pick(noLoc.body, 'data')).toEqual([])
    const loc = await call('POST', '/v1/betaBuildLocalizations', {
      data: {
        type: 'betaBuildLocalizations',
        attributes: { locale: 'en-US', whatsNew: 'First' },
        relationships: { build: { data: { type: 'builds', id: buildId } } },
      },
    })
    expect(loc.status).toBe(201)
    const locId = pickString(loc.body, 'data.id')
    const locPatch = await call('PATCH', `/v1/betaBuildLocalizations/${locId}`, {
      data: { type: 'betaBuildLocalizations', id: locId, attributes: { whatsNew: 'Second' } },
    })
    expect(pick(locPatch.body, 'data.attributes.whatsNew')).toBe('Second')

    // 12-13: groups
    const groups = await call('GET', `/v1/betaGroups?filter[app]=${appId}&filter[name]=Public Beta`)
    expect(pick(groups.body, 'data.0.id')).toBe(external.id)
    expect(pick(groups.body, 'data.0.attributes.isInternalGroup')).toBe(false)
    const internals = await call('GET', `/v1/betaGroups?filter[app]=${appId}&filter[isInternalGroup]=true`)
    expect(pick(internals.body, 'data.0.id')).toBe(internal.id)
    const link = await call('POST', `/v1/builds/${buildId}/relationships/betaGroups`, {
      data: [{ type: 'betaGroups', id: external.id }],
    })
    expect(link.status).toBe(204)
    const inGroup = await call('GET', `/v1/builds?filter[betaGroups]=${external.id}&include=betaGroups`)
    expect(pick(inGroup.body, 'data.0.id')).toBe(buildId)

    // 14: beta review
    const noSub = await call('GET', `/v1/betaAppReviewSubmissions?filter[build]=${buildId}`)
    expect(pick(noSub.body, 'data')).toEqual([])
    const submit = (): Promise<{ status: number; body: unknown }> =>
      call('POST', '/v1/betaAppReviewSubmissions', {
        data: {
          type: 'betaAppReviewSubmissions',
          relationships: { build: { data: { type: 'builds', id: buildId } } },
        },
      })
    const sub = await submit()
    expect(sub.status).toBe(201)
    expect(pick(sub.body, 'data.attributes.betaReviewState')).toBe('WAITING_FOR_REVIEW')
    expect((await submit()).status).toBe(409)
    detail = await call('GET', `/v1/builds/${buildId}/buildBetaDetail`)
    expect(pick(detail.body, 'data.attributes.externalBuildState')).toBe('WAITING_FOR_BETA_REVIEW')

    // 15: notify
    const notify = await call('POST', '/v1/buildBetaNotifications', {
      data: {
        type: 'buildBetaNotifications',
        relationships: { build: { data: { type: 'builds', id: buildId } } },
      },
    })
    expect(notify.status).toBe(201)

    // 16-17: App Store version and build (after a released one: Apple takes no What's New on a first version)
    sim.store.createAppStoreVersion({
      appId,
      versionString: '1.0.0',
      platform: 'IOS',
      appStoreState: 'READY_FOR_SALE',
    })
    const noVersion = await call(
      'GET',
      `/v1/apps/${appId}/appStoreVersions?filter[versionString]=1.2.3&filter[platform]=IOS`,
    )
    expect(pick(noVersion.body, 'data')).toEqual([])
    const version = await call('POST', '/v1/appStoreVersions', {
      data: {
        type: 'appStoreVersions',
        attributes: { platform: 'IOS', versionString: '1.2.3', releaseType: 'MANUAL' },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    })
    expect(version.status).toBe(201)
    const versionId = pickString(version.body, 'data.id')
    expect(pick(version.body, 'data.attributes.appStoreState')).toBe('PREPARE_FOR_SUBMISSION')
    const update = await call('PATCH', `/v1/appStoreVersions/${versionId}`, {
      data: { type: 'appStoreVersions', id: versionId, attributes: { copyright: '2025 Example' } },
    })
    expect(pick(update.body, 'data.attributes.copyright')).toBe('2025 Example')
    const attach = await call('PATCH', `/v1/appStoreVersions/${versionId}/relationships/build`, {
      data: { type: 'builds', id: buildId },
    })
    expect(attach.status).toBe(204)
    const withBuild = await call('GET', `/v1/appStoreVersions/${versionId}?include=build`)
    expect(pick(withBuild.body, 'data.relationships.build.data.id')).toBe(buildId)

    // 18: localizations (the primary locale exists already)
    const locs = await call(
      'GET',
      `/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations?filter[locale]=en-US`,
    )
    const versionLocId = pickString(locs.body, 'data.0.id')
    const locUpdate = await call('PATCH', `/v1/appStoreVersionLocalizations/${versionLocId}`, {
      data: { type: 'appStoreVersionLocalizations', id: versionLocId, attributes: { whatsNew: 'Bug fixes' } },
    })
    expect(pick(locUpdate.body, 'data.attributes.whatsNew')).toBe('Bug fixes')
    const de = await call('POST', '/v1/appStoreVersionLocalizations', {
      data: {
        type: 'appStoreVersionLocalizations',
        attributes: {
          locale: 'de-DE',
          whatsNew: 'Fehlerbehebungen',
          // App Review refuses the item without the listing (fastlane#20009).
          description: 'Eine Demo-App.',
          keywords: 'demo',
          supportUrl: 'https://example.com/support',
        },
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
      },
    })
    expect(de.status).toBe(201)

    // 19: phased release
    expect((await call('GET', `/v1/appStoreVersions/${versionId}/appStoreVersionPhasedRelease`)).status).toBe(
      404,
    )
    const phased = await call('POST', '/v1/appStoreVersionPhasedReleases', {
      data: {
        type: 'appStoreVersionPhasedReleases',
        attributes: { phasedReleaseState: 'INACTIVE' },
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
      },
    })
    expect(phased.status).toBe(201)
    const phasedId = pickString(phased.body, 'data.id')
    const gotPhased = await call('GET', `/v1/appStoreVersions/${versionId}/appStoreVersionPhasedRelease`)
    expect(pick(gotPhased.body, 'data.id')).toBe(phasedId)
    const pause = await call('PATCH', `/v1/appStoreVersionPhasedReleases/${phasedId}`, {
      data: {
        type: 'appStoreVersionPhasedReleases',
        id: phasedId,
        attributes: { phasedReleaseState: 'PAUSED' },
      },
    })
    // A phased release that has not started (the version is not released) cannot be paused.
    expect(pause.status).toBe(409)
    expect(pick(pause.body, 'errors.0.detail')).toBe(
      'The phased release is INACTIVE and cannot be changed to PAUSED.',
    )
    expect((await call('DELETE', `/v1/appStoreVersionPhasedReleases/${phasedId}`)).status).toBe(204)

    // 20-22: review submission
    const open = await call(
      'GET',
      `/v1/reviewSubmissions?filter[app]=${appId}&filter[platform]=IOS&filter[state]=READY_FOR_REVIEW`,
    )
    expect(pick(open.body, 'data')).toEqual([])
    const submission = await call('POST', '/v1/reviewSubmissions', {
      data: {
        type: 'reviewSubmissions',
        attributes: { platform: 'IOS' },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    })
    expect(submission.status).toBe(201)
    const submissionId = pickString(submission.body, 'data.id')
    const item = await call('POST', '/v1/reviewSubmissionItems', {
      data: {
        type: 'reviewSubmissionItems',
        relationships: {
          reviewSubmission: { data: { type: 'reviewSubmissions', id: submissionId } },
          appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } },
        },
      },
    })
    expect(item.status).toBe(201)
    const submitted = await call('PATCH', `/v1/reviewSubmissions/${submissionId}`, {
      data: { type: 'reviewSubmissions', id: submissionId, attributes: { submitted: true } },
    })
    expect(submitted.status).toBe(200)
    expect(pick(submitted.body, 'data.attributes.state')).toBe('WAITING_FOR_REVIEW')
    const read = await call(
      'GET',
      `/v1/reviewSubmissions/${submissionId}?include=items,appStoreVersionForReview`,
    )
    expect(pick(read.body, 'data.relationships.appStoreVersionForReview.data.id')).toBe(versionId)
    expect((pick(read.body, 'included') as unknown[]).length).toBe(2)
    const versionNow = await call('GET', `/v1/appStoreVersions/${versionId}`)
    expect(pick(versionNow.body, 'data.attributes.appStoreState')).toBe('WAITING_FOR_REVIEW')

    // 23: release only after approval
    const release = await call('POST', '/v1/appStoreVersionReleaseRequests', {
      data: {
        type: 'appStoreVersionReleaseRequests',
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
      },
    })
    expect(release.status).toBe(409)
    sim.store.update('appStoreVersions', versionId, {
      attributes: {
        appStoreState: 'PENDING_DEVELOPER_RELEASE',
        appVersionState: 'PENDING_DEVELOPER_RELEASE',
      },
    })
    const released = await call('POST', '/v1/appStoreVersionReleaseRequests', {
      data: {
        type: 'appStoreVersionReleaseRequests',
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
      },
    })
    expect(released.status).toBe(201)
    const cancel = await call('PATCH', `/v1/reviewSubmissions/${submissionId}`, {
      data: { type: 'reviewSubmissions', id: submissionId, attributes: { canceled: true } },
    })
    expect(pick(cancel.body, 'data.attributes.state')).toBe('CANCELING')
  })

  it('refuses to attach a build that is still processing or of another version', async () => {
    sim.scenario.buildProcessingMs = 60_000
    const processing = sim.store.createBuild({
      appId,
      version: '2.0',
      buildNumber: '1',
      platform: 'IOS',
      processingState: 'PROCESSING',
    })
    const other = sim.store.createBuild({ appId, version: '1.9', buildNumber: '2', platform: 'IOS' })
    const { id: versionId } = sim.store.createAppStoreVersion({
      appId,
      versionString: '2.0',
      platform: 'IOS',
    })
    for (const id of [processing.id, other.id]) {
      const res = await call('PATCH', `/v1/appStoreVersions/${versionId}/relationships/build`, {
        data: { type: 'builds', id },
      })
      expect(res.status).toBe(409)
    }
    const link = await call('POST', `/v1/builds/${processing.id}/relationships/betaGroups`, {
      data: [{ type: 'betaGroups', id: 'missing' }],
    })
    expect(link.status).toBe(409)
    const dupVersion = await call('POST', '/v1/appStoreVersions', {
      data: {
        type: 'appStoreVersions',
        attributes: { platform: 'IOS', versionString: '2.0' },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    })
    expect(dupVersion.status).toBe(409)
  })
})
