import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startSimulator, type Simulator } from '../simulator/index.js'
import { client, pick, pickString, registerKey } from '../simulator/testing.js'

// The simulator's store listing resources, straight through its HTTP API: what it stores, and what it
// refuses as Apple does.
let sim: Simulator
let call: ReturnType<typeof client>
let appId: string

beforeEach(async () => {
  sim = await startSimulator()
  call = client(sim, registerKey(sim))
  appId = sim.store.createApp({ bundleId: 'com.example.listing', name: 'Listing' }).id
})

afterEach(async () => {
  await sim.close()
  if (sim.contractViolations.length > 0)
    throw new Error(`contract violations:\n${sim.contractViolations.join('\n')}`)
})

async function editableAppInfo(): Promise<string> {
  const infos = await call('GET', `/v1/apps/${appId}/appInfos`)
  expect(pick(infos.body, 'data.0.attributes.state')).toBe('PREPARE_FOR_SUBMISSION')
  return pickString(infos.body, 'data.0.id')
}

describe('app infos and their localizations', () => {
  it('a new app has one editable app info named in its primary locale; localizations are created and patched', async () => {
    const infoId = await editableAppInfo()
    const list = await call('GET', `/v1/appInfos/${infoId}/appInfoLocalizations`)
    expect(pick(list.body, 'data.0.attributes')).toMatchObject({ locale: 'en-US', name: 'Listing' })

    const created = await call('POST', '/v1/appInfoLocalizations', {
      data: {
        type: 'appInfoLocalizations',
        attributes: { locale: 'de-DE', name: 'Liste', subtitle: 'Untertitel' },
        relationships: { appInfo: { data: { type: 'appInfos', id: infoId } } },
      },
    })
    expect(created.status).toBe(201)
    const id = pickString(created.body, 'data.id')
    const again = await call('POST', '/v1/appInfoLocalizations', {
      data: {
        type: 'appInfoLocalizations',
        attributes: { locale: 'de-DE', name: 'Liste' },
        relationships: { appInfo: { data: { type: 'appInfos', id: infoId } } },
      },
    })
    expect(again.status).toBe(409)
    expect(pick(again.body, 'errors.0.code')).toBe('ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE')

    const patched = await call('PATCH', `/v1/appInfoLocalizations/${id}`, {
      data: { type: 'appInfoLocalizations', id, attributes: { privacyPolicyUrl: 'https://example.com/p' } },
    })
    expect(patched.status).toBe(200)
    expect(pick(patched.body, 'data.attributes')).toMatchObject({
      subtitle: 'Untertitel',
      privacyPolicyUrl: 'https://example.com/p',
    })
    expect((await call('GET', `/v1/appInfoLocalizations/${id}`)).status).toBe(200)
    expect(pick((await call('GET', `/v1/appInfos/${infoId}`)).body, 'data.id')).toBe(infoId)
  })

  it("refuses a subtitle over 30 characters and a URL that is not one, in Apple's words", async () => {
    const infoId = await editableAppInfo()
    const list = await call('GET', `/v1/appInfos/${infoId}/appInfoLocalizations`)
    const id = pickString(list.body, 'data.0.id')
    const long = await call('PATCH', `/v1/appInfoLocalizations/${id}`, {
      data: { type: 'appInfoLocalizations', id, attributes: { subtitle: 's'.repeat(31) } },
    })
    expect(long.status).toBe(409)
    expect(pick(long.body, 'errors.0')).toMatchObject({
      code: 'ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG',
      title: 'An attribute value is too long.',
      detail: "'subtitle' cannot be longer than '30' characters.",
      source: { pointer: '/data/attributes/subtitle' },
    })
    const url = await call('PATCH', `/v1/appInfoLocalizations/${id}`, {
      data: { type: 'appInfoLocalizations', id, attributes: { privacyPolicyUrl: 'example dot com' } },
    })
    expect(url.status).toBe(409)
    expect(pick(url.body, 'errors.0.code')).toBe('ENTITY_ERROR.ATTRIBUTE.INVALID')
  })

  it('locks the live app info, and gives a version in preparation a new editable copy of it', async () => {
    sim.store.createAppStoreVersion({
      appId,
      versionString: '1.0.0',
      platform: 'IOS',
      appStoreState: 'READY_FOR_SALE',
    })
    const live = await call('GET', `/v1/apps/${appId}/appInfos`)
    expect(pick(live.body, 'data.0.attributes.state')).toBe('READY_FOR_DISTRIBUTION')
    const liveId = pickString(live.body, 'data.0.id')
    const localization = pickString(
      (await call('GET', `/v1/appInfos/${liveId}/appInfoLocalizations`)).body,
      'data.0.id',
    )
    const locked = await call('PATCH', `/v1/appInfoLocalizations/${localization}`, {
      data: { type: 'appInfoLocalizations', id: localization, attributes: { name: 'New' } },
    })
    expect(locked.status).toBe(409)
    expect(pickString(locked.body, 'errors.0.detail')).toContain(
      "The attribute 'name' can not be edited at this time.",
    )

    sim.store.createAppStoreVersion({ appId, versionString: '1.1.0', platform: 'IOS' })
    const infos = await call('GET', `/v1/apps/${appId}/appInfos`)
    expect(pick(infos.body, 'data.1.attributes.state')).toBe('PREPARE_FOR_SUBMISSION')
    const copy = await call('GET', `/v1/appInfos/${pickString(infos.body, 'data.1.id')}/appInfoLocalizations`)
    expect(pick(copy.body, 'data.0.attributes')).toMatchObject({ locale: 'en-US', name: 'Listing' })
  })
})

describe('version texts', () => {
  it('counts keywords in bytes, and takes only promotional text once the version is live', async () => {
    const { id: versionId } = sim.store.createAppStoreVersion({
      appId,
      versionString: '1.0.0',
      platform: 'IOS',
    })
    const list = await call('GET', `/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`)
    const id = pickString(list.body, 'data.0.id')
    const patch = (attributes: Record<string, string>) =>
      call('PATCH', `/v1/appStoreVersionLocalizations/${id}`, {
        data: { type: 'appStoreVersionLocalizations', id, attributes },
      })
    expect((await patch({ keywords: 'ß'.repeat(50) })).status).toBe(200)
    const over = await patch({ keywords: 'ß'.repeat(50) + 'x' })
    expect(over.status).toBe(409)
    expect(pick(over.body, 'errors.0.code')).toBe('ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG')
    expect((await patch({ promotionalText: 'p'.repeat(171) })).status).toBe(409)

    sim.store.update('appStoreVersions', versionId, {
      attributes: { appStoreState: 'READY_FOR_SALE', appVersionState: 'READY_FOR_DISTRIBUTION' },
    })
    expect((await patch({ promotionalText: 'Still editable' })).status).toBe(200)
    const locked = await patch({ description: 'Not any more' })
    expect(locked.status).toBe(409)
    expect(pickString(locked.body, 'errors.0.detail')).toContain(
      "The attribute 'description' can not be edited",
    )
    const added = await call('POST', '/v1/appStoreVersionLocalizations', {
      data: {
        type: 'appStoreVersionLocalizations',
        attributes: { locale: 'fr-FR' },
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
      },
    })
    expect(added.status).toBe(409)
  })
})

describe('App Review details', () => {
  it('answers 404 while a version has none, is created once, read through the version and patched', async () => {
    const { id: versionId } = sim.store.createAppStoreVersion({
      appId,
      versionString: '1.0.0',
      platform: 'IOS',
    })
    expect((await call('GET', `/v1/appStoreVersions/${versionId}/appStoreReviewDetail`)).status).toBe(404)
    const body = {
      data: {
        type: 'appStoreReviewDetails',
        attributes: { contactFirstName: 'Ada', demoAccountRequired: false },
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
      },
    }
    const created = await call('POST', '/v1/appStoreReviewDetails', body)
    expect(created.status).toBe(201)
    expect((await call('POST', '/v1/appStoreReviewDetails', body)).status).toBe(409)
    const id = pickString(created.body, 'data.id')
    const read = await call('GET', `/v1/appStoreVersions/${versionId}/appStoreReviewDetail`)
    expect(pick(read.body, 'data.id')).toBe(id)
    const patched = await call('PATCH', `/v1/appStoreReviewDetails/${id}`, {
      data: {
        type: 'appStoreReviewDetails',
        id,
        attributes: { notes: 'n'.repeat(4000), demoAccountRequired: true },
      },
    })
    expect(pick(patched.body, 'data.attributes')).toMatchObject({
      contactFirstName: 'Ada',
      demoAccountRequired: true,
    })
    const tooLong = await call('PATCH', `/v1/appStoreReviewDetails/${id}`, {
      data: { type: 'appStoreReviewDetails', id, attributes: { notes: 'n'.repeat(4001) } },
    })
    expect(tooLong.status).toBe(409)
    expect((await call('GET', `/v1/appStoreReviewDetails/${id}`)).status).toBe(200)
  })
})

describe('a team kept listing (store.keepListing, seedSampleApp)', () => {
  it("fills the app's first version on each platform in; a later version made through the API copies it", async () => {
    sim.store.keepListing(appId)
    const live = sim.store.createAppStoreVersion({
      appId,
      versionString: '1.0.0',
      platform: 'IOS',
      appStoreState: 'READY_FOR_SALE',
    }).id
    const texts = await call('GET', `/v1/appStoreVersions/${live}/appStoreVersionLocalizations`)
    expect(pick(texts.body, 'data.0.attributes')).toMatchObject({
      locale: 'en-US',
      description: expect.any(String),
      keywords: expect.any(String),
      supportUrl: expect.stringMatching(/^https:/),
    })
    const contact = await call('GET', `/v1/appStoreVersions/${live}/appStoreReviewDetail`)
    expect(pick(contact.body, 'data.attributes.contactEmail')).toBe('review@example.com')

    const made = await call('POST', '/v1/appStoreVersions', {
      data: {
        type: 'appStoreVersions',
        attributes: { platform: 'IOS', versionString: '1.1.0' },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    })
    const next = pickString(made.body, 'data.id')
    const copied = await call('GET', `/v1/appStoreVersions/${next}/appStoreVersionLocalizations`)
    expect(pick(copied.body, 'data.0.attributes.description')).toBe(
      pick(texts.body, 'data.0.attributes.description'),
    )
  })

  it("leaves a bare app's first version with an empty listing, as Apple makes it", async () => {
    const made = await call('POST', '/v1/appStoreVersions', {
      data: {
        type: 'appStoreVersions',
        attributes: { platform: 'IOS', versionString: '1.0.0' },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    })
    const id = pickString(made.body, 'data.id')
    const texts = await call('GET', `/v1/appStoreVersions/${id}/appStoreVersionLocalizations`)
    expect(pick(texts.body, 'data.0.attributes.description')).toBeUndefined()
    sim.store.fillListing(id)
    const filled = await call('GET', `/v1/appStoreVersions/${id}/appStoreVersionLocalizations`)
    expect(pick(filled.body, 'data.0.attributes.keywords')).toBe('demo,planner')
  })
})
