import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { startSimulator, type Simulator } from '../simulator/index.js'
import { client, registerKey } from '../simulator/testing.js'
import { quietPlainLog } from './helpers/quiet-log.js'

// The pure rules of issue 15's main-action part: the testers input, the inputs' rules, the rate budget,
// and what a review's states mean. The behaviour itself is tested through dist/ (audience, review-wait).
jest.unstable_mockModule('@actions/core', () => ({ debug: () => undefined, isDebug: () => false }))
jest.unstable_mockModule('../src/report/plain-log.js', () => quietPlainLog(() => undefined))
const { readSettings, INPUT_NAMES } = await import('../src/settings/inputs.js')
const { parseTesters } = await import('../src/settings/testers.js')
const { estimateRequests, parseRateLimit, rateLimitWarning } = await import('../src/asc/rate-limit.js')
const { appReviewReading } = await import('../src/appstore/review-wait.js')
const { betaReviewReading } = await import('../src/testflight/review-wait.js')

const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
})
const pem = typeof ecKey === 'string' ? ecKey : ecKey.toString()
type Inputs = Partial<Record<(typeof INPUT_NAMES)[number], string>>
const settingsOf = (overrides: Inputs) =>
  readSettings({
    ...(Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as Record<(typeof INPUT_NAMES)[number], string>),
    api_key: pem,
    key_id: 'ABC123DEFG',
    upload_method: 'none',
    bundle_id: 'com.example.demo',
    app_version: '1.0.0',
    build_number: '1',
    platform: 'ios',
    ...overrides,
  })
const refusal = async (overrides: Inputs) =>
  settingsOf(overrides).then(
    () => 'accepted',
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  )

describe('testers', () => {
  it('reads addresses and "First Last <email>", newline or comma separated, each address once', () => {
    expect(parseTesters('ann@example.com, Bob van Dam <bob@example.org>\nANN@example.com\n\n')).toEqual({
      testers: [
        { email: 'ann@example.com' },
        { email: 'bob@example.org', firstName: 'Bob', lastName: 'van Dam' },
      ],
      problems: [],
    })
    expect(parseTesters('Cleo <cleo@example.com>').testers).toEqual([
      { email: 'cleo@example.com', firstName: 'Cleo' },
    ])
  })

  it('names every bad entry', () => {
    expect(parseTesters('ann@example.com, not-an-email, Bob <bob@>').problems).toEqual([
      `'not-an-email' is not an e-mail address or "First Last <email>"`,
      `'Bob <bob@>' is not an e-mail address or "First Last <email>"`,
    ])
  })

  it('are refused as an input, naming the entry, and need beta_groups', async () => {
    expect(
      await refusal({ beta_groups: 'Public Beta', testers: 'ann@example.com;bob@example.com' }),
    ).toContain("'testers' 'ann@example.com;bob@example.com' is not an e-mail address")
    expect(await refusal({ testers: 'ann@example.com' })).toContain("'testers' needs beta_groups")
  })
})

describe('input rules', () => {
  it('keeps each new input to what it acts on', async () => {
    expect(await refusal({ public_link: 'true' })).toContain("'public_link' needs beta_groups")
    expect(await refusal({ create_missing_groups: 'external' })).toContain(
      "'create_missing_groups' needs beta_groups",
    )
    expect(await refusal({ create_missing_groups: 'yes', beta_groups: 'A' })).toContain(
      "'create_missing_groups' must be one of false, internal, external (got 'yes')",
    )
    expect(await refusal({ beta_groups: 'A', public_link_limit: '5' })).toContain(
      "'public_link_limit' is only used with public_link: true",
    )
    expect(await refusal({ beta_groups: 'A', public_link: 'true', public_link_limit: '10001' })).toContain(
      "'public_link_limit' must be a whole number from 1 to 10000 (got '10001')",
    )
    expect(await refusal({ wait_for_beta_review: '30' })).toContain(
      "'wait_for_beta_review' is only used with submit_to_testflight: true",
    )
    expect(await refusal({ wait_for_app_review: '30' })).toContain(
      "'wait_for_app_review' is only used with submit_to_app_store: true",
    )
    expect(await refusal({ submit_to_app_store: 'true', wait_for_app_review: 'soon' })).toContain(
      "'wait_for_app_review' must be a number of minutes",
    )
    expect(
      await refusal({ beta_groups: 'A', testers: 'a@example.com', wait_for_processing: 'false' }),
    ).toContain("'testers' needs a processed build")
  })

  it('turns the new inputs into settings', async () => {
    const s = await settingsOf({
      beta_groups: 'A',
      create_missing_groups: 'external',
      testers: 'a@example.com',
      public_link: 'true',
      public_link_limit: '25',
      submit_to_testflight: 'true',
      wait_for_beta_review: '90',
      submit_to_app_store: 'true',
      wait_for_app_review: '1.5',
    })
    expect(s.testflight).toMatchObject({
      createMissingGroups: 'external',
      testers: [{ email: 'a@example.com' }],
      publicLink: { limit: 25 },
      waitForReviewMs: 90 * 60_000,
    })
    expect(s.appStore.waitForReviewMs).toBe(90_000)
    const plain = await settingsOf({})
    expect(plain.testflight).toMatchObject({ testers: [], waitForReviewMs: 0 })
    expect(plain.testflight.createMissingGroups).toBeUndefined()
    expect(plain.testflight.publicLink).toBeUndefined()
  })
})

describe('rate limit', () => {
  it("reads Apple's header", () => {
    expect(parseRateLimit('user-hour-lim:3500;user-hour-rem:500;')).toEqual({ limit: 3500, remaining: 500 })
    expect(parseRateLimit('something else')).toBeUndefined()
    expect(parseRateLimit(undefined)).toBeUndefined()
  })

  it('warns below 10 % of the hour or below what the run needs, not otherwise', () => {
    expect(rateLimitWarning({ limit: 3600, remaining: 3000 }, 100)).toBeUndefined()
    expect(rateLimitWarning({ limit: 3600, remaining: 359 }, 10)).toContain(
      '359 of its 3600 requests per hour left',
    )
    expect(rateLimitWarning({ limit: 3600, remaining: 1000 }, 1200)).toContain('needs about 1200')
    expect(rateLimitWarning(undefined, 100)).toBeUndefined()
  })

  it('estimates more for more work, and counts a review wait for its first hour at most', async () => {
    const small = estimateRequests(await settingsOf({}))
    const groups = estimateRequests(await settingsOf({ beta_groups: 'A,B', testers: 'a@example.com' }))
    const waitHour = estimateRequests(
      await settingsOf({ submit_to_app_store: 'true', wait_for_app_review: '60', poll_interval: '60' }),
    )
    const waitDay = estimateRequests(
      await settingsOf({ submit_to_app_store: 'true', wait_for_app_review: '1440', poll_interval: '60' }),
    )
    expect(groups).toBeGreaterThan(small)
    expect(waitDay).toBe(waitHour)
  })
})

describe('review states', () => {
  it('Beta App Review ends APPROVED or REJECTED', () => {
    expect(betaReviewReading('APPROVED').verdict).toBe('approved')
    expect(betaReviewReading('REJECTED').verdict).toBe('rejected')
    expect(betaReviewReading('IN_REVIEW').verdict).toBe('pending')
    expect(betaReviewReading(undefined)).toEqual({ state: 'WAITING_FOR_REVIEW', verdict: 'pending' })
  })

  it('App Review: COMPLETE with an approved version passes, UNRESOLVED_ISSUES or a rejected version fails', () => {
    expect(appReviewReading('COMPLETE', 'PENDING_DEVELOPER_RELEASE').verdict).toBe('approved')
    expect(appReviewReading('COMPLETE', 'READY_FOR_DISTRIBUTION').verdict).toBe('approved')
    expect(appReviewReading(undefined, 'PENDING_APPLE_RELEASE').verdict).toBe('approved')
    expect(appReviewReading('UNRESOLVED_ISSUES', 'REJECTED')).toEqual({
      state: 'UNRESOLVED_ISSUES (version REJECTED)',
      verdict: 'rejected',
    })
    expect(appReviewReading('COMPLETE', 'METADATA_REJECTED').verdict).toBe('rejected')
    expect(appReviewReading('COMPLETE', 'DEVELOPER_REJECTED').verdict).toBe('rejected')
    expect(appReviewReading('IN_REVIEW', 'IN_REVIEW').verdict).toBe('pending')
    // Read one after the other, the version may be ahead of its submission: wait for both.
    expect(appReviewReading('IN_REVIEW', 'REJECTED').verdict).toBe('pending')
    expect(appReviewReading(undefined, 'REJECTED').verdict).toBe('rejected')
    expect(appReviewReading('COMPLETING', 'PENDING_DEVELOPER_RELEASE').verdict).toBe('pending')
  })
})

describe('simulator rate budget', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator({ scenario: { rateLimitPerHour: 5, rateLimitSpent: 2 } })
  })
  afterAll(async () => {
    await sim.close()
  })

  it('counts down per key over the hour and answers 429 once the key has used it up', async () => {
    const first = registerKey(sim)
    const second = registerKey(sim)
    const call = client(sim, first)
    const seen: (string | null)[] = []
    for (let i = 0; i < 3; i++) seen.push((await call('GET', '/v1/apps')).headers.get('x-rate-limit'))
    expect(seen).toEqual([
      'user-hour-lim:5;user-hour-rem:2;',
      'user-hour-lim:5;user-hour-rem:1;',
      'user-hour-lim:5;user-hour-rem:0;',
    ])
    const refused = await call('GET', '/v1/apps')
    expect(refused.status).toBe(429)
    // Another key has its own hour.
    expect((await client(sim, second)('GET', '/v1/apps')).headers.get('x-rate-limit')).toBe(
      'user-hour-lim:5;user-hour-rem:2;',
    )
    expect(sim.contractViolations).toEqual([])
  })
})

describe('a long review wait', () => {
  it('logs each state change and otherwise one line every five minutes', async () => {
    const { waitForVerdict } = await import('../src/shared/review-wait.js')
    let now = 0
    const clock = {
      now: () => now,
      sleep: (ms: number) => {
        now += ms
        return Promise.resolve()
      },
    }
    const lines: string[] = []
    const log = {
      info: (m: string) => lines.push(m),
      notice: () => undefined,
      warning: () => undefined,
      debug: () => undefined,
    }
    const states: string[] = []
    const reading = await waitForVerdict({
      clock,
      log,
      intervalMs: 30_000,
      timeoutMs: 24 * 3600_000,
      what: 'test review',
      input: 'wait_for_app_review',
      onState: (s) => states.push(s),
      // Two hours waiting, one in review, then approved.
      read: () =>
        Promise.resolve(
          now < 2 * 3600_000
            ? { state: 'WAITING_FOR_REVIEW', verdict: 'pending' as const }
            : now < 3 * 3600_000
              ? { state: 'IN_REVIEW', verdict: 'pending' as const }
              : { state: 'APPROVED', verdict: 'approved' as const },
        ),
    })
    expect(reading.state).toBe('APPROVED')
    expect(states).toHaveLength(3 * 120 + 1)
    // 3 hours at one line per 5 minutes, plus the end: far fewer than the 361 polls.
    expect(lines.length).toBeLessThanOrEqual(38)
    expect(lines).toContain('Waiting for the test review: IN_REVIEW, 120 min 0 s elapsed')
    expect(lines).not.toContain('Waiting for the test review: WAITING_FOR_REVIEW, 0 min 30 s elapsed')
    expect(lines.at(-1)).toBe('The test review ended: APPROVED.')
  })
})

describe('simulator audience rules', () => {
  let sim: Simulator
  beforeAll(async () => {
    sim = await startSimulator()
  })
  afterAll(async () => {
    await sim.close()
  })

  it('enables a public link only on an external group with a build, and keeps one tester per address', async () => {
    const call = client(sim, registerKey(sim))
    const appId = sim.store.createApp({ bundleId: 'com.example.link', name: 'Link' }).id
    const external = sim.store.createBetaGroup({ appId, name: 'Ext', isInternalGroup: false }).id
    const internal = sim.store.createBetaGroup({ appId, name: 'Int', isInternalGroup: true }).id
    const enable = (id: string, attributes: Record<string, unknown> = { publicLinkEnabled: true }) =>
      call('PATCH', `/v1/betaGroups/${id}`, { data: { type: 'betaGroups', id, attributes } })
    const noBuild = await enable(external)
    expect(noBuild.status).toBe(409)
    expect(JSON.stringify(noBuild.body)).toContain('only be enabled for a group that has a build')
    const onInternal = await enable(internal)
    expect(onInternal.status).toBe(409)
    expect(JSON.stringify(onInternal.body)).toContain('cannot be applied to internal group')
    const buildId = sim.store.createBuild({ appId, version: '1.0', buildNumber: '1', platform: 'IOS' }).id
    sim.store.linkBuildToGroup(buildId, external)
    expect((await enable(external, { publicLinkEnabled: true, publicLinkLimit: 0 })).status).toBe(409)
    const enabled = await enable(external, {
      publicLinkEnabled: true,
      publicLinkLimitEnabled: true,
      publicLinkLimit: 9,
    })
    expect(enabled.status).toBe(200)
    expect(JSON.stringify(enabled.body)).toMatch(/https:\/\/testflight\.apple\.com\/join\/[0-9a-f]+/)

    const tester = (email: string) =>
      call('POST', '/v1/betaTesters', {
        data: {
          type: 'betaTesters',
          attributes: { email },
          relationships: { betaGroups: { data: [{ type: 'betaGroups', id: external }] } },
        },
      })
    expect((await tester('ann@example.com')).status).toBe(201)
    expect((await tester('ANN@example.com')).status).toBe(409)
    const found = await call('GET', '/v1/betaTesters?filter[email]=ann@example.com')
    expect(JSON.stringify(found.body)).toContain('ann@example.com')
    const unknownGroup = await call('POST', '/v1/betaGroups/' + external + '/relationships/betaTesters', {
      data: [{ type: 'betaTesters', id: 'nobody' }],
    })
    expect(unknownGroup.status).toBe(409)
    expect(sim.contractViolations).toEqual([])
  })
})
