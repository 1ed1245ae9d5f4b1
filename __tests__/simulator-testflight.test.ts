import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { startSimulator, type Simulator } from '../simulator/index.js'
import { client, pick, registerKey } from '../simulator/testing.js'

// The simulator's TestFlight defaults, as Apple behaves (real-apple-behaviour.md T1-T6), at the API.
let sim: Simulator
let call: ReturnType<typeof client>
let appId: string
// The simulator's clock runs ahead of the real one by this much: a test ends a delay by moving it on,
// so no delay can run out early on a slow machine. Tokens are signed on the real clock, and a few
// minutes ahead is still inside their lifetime.
let clockAhead = 0
const passTime = (ms: number) => {
  clockAhead += ms
}

beforeEach(async () => {
  clockAhead = 0
  sim = await startSimulator({
    now: () => Date.now() + clockAhead,
    scenario: { usesNonExemptEncryption: false },
  })
  call = client(sim, registerKey(sim))
  appId = sim.store.createApp({ bundleId: 'com.example.demo', name: 'Demo' }).id
  // An app whose Test Information was filled in: Beta App Review asks for it first.
  sim.store.fillTestInformation(appId)
})
afterEach(async () => {
  await sim.close()
  if (sim.contractViolations.length > 0)
    throw new Error(`contract violations:\n${sim.contractViolations.join('\n')}`)
})

const newBuild = (buildNumber: string, version = '1.0.0') =>
  sim.store.createBuild({ appId, version, buildNumber, platform: 'IOS' }).id
const submit = (buildId: string) =>
  call('POST', '/v1/betaAppReviewSubmissions', {
    data: {
      type: 'betaAppReviewSubmissions',
      relationships: { build: { data: { type: 'builds', id: buildId } } },
    },
  })

describe('simulator TestFlight defaults', () => {
  it('starts auto-notify on, and creates What to Test in the primary locale some time after the build', async () => {
    // A minute: the first requests come before it however slow the machine, and the test ends it.
    sim.scenario.whatToTestCreatedAfterMs = 60_000
    const buildId = newBuild('1')
    const detail = await call('GET', `/v1/builds/${buildId}/buildBetaDetail`)
    expect(pick(detail.body, 'data.attributes.autoNotifyEnabled')).toBe(true)
    expect(pick((await call('GET', `/v1/builds/${buildId}/betaBuildLocalizations`)).body, 'data')).toEqual([])
    passTime(60_000)
    const made = await call('GET', `/v1/builds/${buildId}/betaBuildLocalizations`)
    expect(pick(made.body, 'data.0.attributes.locale')).toBe('en-US')
    const again = await call('POST', '/v1/betaBuildLocalizations', {
      data: {
        type: 'betaBuildLocalizations',
        attributes: { locale: 'en-US', whatsNew: 'Ours' },
        relationships: { build: { data: { type: 'builds', id: buildId } } },
      },
    })
    expect(again.status).toBe(409)
    expect(pick(again.body, 'errors.0.detail')).toBe("There is an entity with same 'locale'.")
  })

  it('refuses Beta App Review right after compliance, then accepts one build of a version at a time', async () => {
    sim.scenario.usesNonExemptEncryption = null
    // A minute: the early submission comes inside it however slow the machine, and the test ends it.
    sim.scenario.betaReviewAfterComplianceMs = 60_000
    const first = newBuild('1')
    await call('PATCH', `/v1/builds/${first}`, {
      data: { type: 'builds', id: first, attributes: { usesNonExemptEncryption: false } },
    })
    const early = await submit(first)
    expect(early.status).toBe(422)
    expect(pick(early.body, 'errors.0.detail')).toBe(
      'The build is not in a valid processing state for this operation.',
    )
    passTime(sim.scenario.betaReviewAfterComplianceMs)
    expect((await submit(first)).status).toBe(201)

    sim.scenario.usesNonExemptEncryption = false
    const second = newBuild('2')
    const refused = await submit(second)
    expect(refused.status).toBe(409)
    expect(pick(refused.body, 'errors.0.title')).toBe('Another build is in review.')
    expect(
      (await submit(newBuild('1', '1.1.0'))).status, // another version is not blocked
    ).toBe(201)
    await call('PATCH', `/v1/builds/${first}`, {
      data: { type: 'builds', id: first, attributes: { expired: true } },
    })
    expect((await submit(second)).status).toBe(201)
  })

  it('keeps an internal-only build away from external testers', async () => {
    const buildId = newBuild('1')
    sim.store.update('builds', buildId, { attributes: { buildAudienceType: 'INTERNAL_ONLY' } })
    const external = sim.store.createBetaGroup({ appId, name: 'Public Beta' }).id
    const internal = sim.store.createBetaGroup({ appId, name: 'QA', isInternalGroup: true }).id
    const detail = await call('GET', `/v1/builds/${buildId}/buildBetaDetail`)
    expect(pick(detail.body, 'data.attributes.externalBuildState')).toBe('NOT_APPLICABLE')
    const link = (groupId: string) =>
      call('POST', `/v1/builds/${buildId}/relationships/betaGroups`, {
        data: [{ type: 'betaGroups', id: groupId }],
      })
    expect((await link(external)).status).toBe(409)
    expect((await link(internal)).status).toBe(204)
    expect((await submit(buildId)).status).toBe(409)
  })
})

describe('simulator Test Information', () => {
  const newApp = (bundleId: string) => sim.store.createApp({ bundleId, name: 'New' }).id
  const buildOf = (app: string) =>
    sim.store.createBuild({ appId: app, version: '1.0.0', buildNumber: '1', platform: 'IOS' }).id
  const localization = (app: string, attributes: Record<string, unknown>) =>
    call('POST', '/v1/betaAppLocalizations', {
      data: {
        type: 'betaAppLocalizations',
        attributes,
        relationships: { app: { data: { type: 'apps', id: app } } },
      },
    })

  it('refuses a new app’s first build for Beta App Review, naming each missing piece, until it is filled in', async () => {
    const app = newApp('com.example.new')
    const buildId = buildOf(app)
    const refused = await submit(buildId)
    expect(refused.status).toBe(422)
    expect((pick(refused.body, 'errors') as { detail: string }[]).map((e) => e.detail)).toEqual([
      'Beta App Description is required to submit a build for external testing.',
      'Feedback Email is required to submit a build for external testing.',
      "You must provide a value for the attribute 'contactFirstName' with this request",
      "You must provide a value for the attribute 'contactLastName' with this request",
      "You must provide a value for the attribute 'contactEmail' with this request",
      "You must provide a value for the attribute 'contactPhone' with this request",
    ])

    const detail = await call('GET', `/v1/apps/${app}/betaAppReviewDetail`)
    expect(pick(detail.body, 'data.attributes')).toEqual({ demoAccountRequired: false })
    const detailId = String(pick(detail.body, 'data.id'))
    const patched = await call('PATCH', `/v1/betaAppReviewDetails/${detailId}`, {
      data: {
        type: 'betaAppReviewDetails',
        id: detailId,
        attributes: {
          contactFirstName: 'Ada',
          contactLastName: 'Lovelace',
          contactEmail: 'ada@example.com',
          contactPhone: '+1 408 555 0100',
          demoAccountRequired: true,
        },
      },
    })
    expect(patched.status).toBe(200)
    expect(
      (await localization(app, { locale: 'en-US', description: 'Hi', feedbackEmail: 'b@example.com' }))
        .status,
    ).toBe(201)
    const demo = await submit(buildId)
    expect((pick(demo.body, 'errors') as { detail: string }[]).map((e) => e.detail)).toEqual([
      "You must provide a value for the attribute 'demoAccountName' with this request",
      "You must provide a value for the attribute 'demoAccountPassword' with this request",
    ])
    await call('PATCH', `/v1/betaAppReviewDetails/${detailId}`, {
      data: { type: 'betaAppReviewDetails', id: detailId, attributes: { demoAccountRequired: false } },
    })
    expect((await submit(buildId)).status).toBe(201)
  })

  it('checks what App Store Connect checks on beta app localizations', async () => {
    const app = newApp('com.example.checks')
    expect((await localization(app, { locale: 'en-US', description: 'x'.repeat(4001) })).status).toBe(409)
    const email = await localization(app, { locale: 'en-US', feedbackEmail: 'nobody' })
    expect(pick(email.body, 'errors.0.source.pointer')).toBe('/data/attributes/feedbackEmail')
    expect((await localization(app, { locale: 'English' })).status).toBe(409)
    const made = await localization(app, { locale: 'en-US', marketingUrl: 'https://example.com' })
    expect(made.status).toBe(201)
    const again = await localization(app, { locale: 'en-US' })
    expect(pick(again.body, 'errors.0.detail')).toBe("There is an entity with same 'locale'.")
    const id = String(pick(made.body, 'data.id'))
    const cleared = await call('PATCH', `/v1/betaAppLocalizations/${id}`, {
      data: { type: 'betaAppLocalizations', id, attributes: { marketingUrl: null, description: 'Hi' } },
    })
    expect(pick(cleared.body, 'data.attributes')).toEqual({ locale: 'en-US', description: 'Hi' })
    const listed = await call('GET', `/v1/betaAppLocalizations?filter[app]=${app}`)
    expect(pick(listed.body, 'data.0.id')).toBe(id)
    expect((await call('DELETE', `/v1/betaAppLocalizations/${id}`)).status).toBe(204)
  })
})
