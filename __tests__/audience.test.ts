import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ActionRun } from '../scripts/run-action.js'
import { testflightHelpers } from './helpers/testflight.js'
import { secretLeaks, startWorld, visibleText, type World } from './helpers/world.js'

// TestFlight's audience through dist/index.js against the simulator: group IDs, groups created when
// asked, testers added to external groups, the public link, and the key's hourly budget.
let world: World
const runs: ActionRun[] = []
const { release, writesSince } = testflightHelpers(() => world, runs)

beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world.close()
})

let builds = 0
/** A processed, compliant build of its own version, so Beta App Review rules never meet another test's. */
function seedBuild(): { version: string; buildNumber: string; id: string } {
  const version = `7.${++builds}.0`
  const { id } = world.sim.store.createBuild({
    appId: world.appId,
    version,
    buildNumber: '1',
    platform: 'IOS',
    processingState: 'VALID',
    usesNonExemptEncryption: false,
  })
  return { version, buildNumber: '1', id }
}
const groupNamed = (name: string) =>
  world.sim.store.list('betaGroups').find((g) => g.attributes['name'] === name)
const groupsOf = (buildId: string) => {
  const build = world.sim.store.get('builds', buildId)
  return build ? world.sim.store.related(build, 'betaGroups').map((g) => g.attributes['name']) : []
}
const testersIn = (groupId: string) => {
  const group = world.sim.store.get('betaGroups', groupId)
  return group
    ? world.sim.store
        .related(group, 'betaTesters')
        .map((t) => t.attributes['email'])
        .sort()
    : []
}

describe('beta groups', () => {
  it('refuses a missing group unless create_missing_groups asks, before anything changes', async () => {
    const build = seedBuild()
    const start = world.sim.requests.length
    const run = await release(build.buildNumber, { beta_groups: 'Friends' }, build.version)
    expect(run.exitCode).not.toBe(0)
    expect(run.log).toContain('no group named "Friends" in "Demo"')
    expect(run.log).toContain('set create_missing_groups to internal or external')
    expect(writesSince(start)).toEqual([])
    expect(groupNamed('Friends')).toBeUndefined()
  })

  it('creates a missing group when asked, as the kind asked for, and a rerun creates nothing', async () => {
    const build = seedBuild()
    const run = await release(
      build.buildNumber,
      { beta_groups: 'Public Beta\nFriends', create_missing_groups: 'external' },
      build.version,
    )
    expect(run.exitCode).toBe(0)
    const friends = groupNamed('Friends')
    expect(friends?.attributes['isInternalGroup']).toBe(false)
    expect(groupsOf(build.id)).toEqual(expect.arrayContaining(['Public Beta', 'Friends']))
    expect(run.log).toContain('Created the external group "Friends" (create_missing_groups)')
    expect(run.outputs['beta_groups']?.split(',')).toContain(friends?.id)

    const start = world.sim.requests.length
    const again = await release(
      build.buildNumber,
      { beta_groups: 'Public Beta\nFriends', create_missing_groups: 'external' },
      build.version,
    )
    expect(again.exitCode).toBe(0)
    expect(writesSince(start).filter((r) => r.path === '/v1/betaGroups')).toEqual([])
    expect(world.sim.store.list('betaGroups').filter((g) => g.attributes['name'] === 'Friends')).toHaveLength(
      1,
    )
  })

  it('creates an internal group without public-link attributes', async () => {
    const build = seedBuild()
    const start = world.sim.requests.length
    const run = await release(
      build.buildNumber,
      { beta_groups: 'Staff', create_missing_groups: 'internal' },
      build.version,
    )
    expect(run.exitCode).toBe(0)
    expect(groupNamed('Staff')?.attributes['isInternalGroup']).toBe(true)
    const create = writesSince(start).find((r) => r.method === 'POST' && r.path === '/v1/betaGroups')
    expect((create?.body as { data: { attributes: unknown } }).data.attributes).toEqual({
      name: 'Staff',
      isInternalGroup: true,
    })
  })

  it('accepts a group ID, and matches a name that looks like an ID as a name first', async () => {
    const publicBeta = groupNamed('Public Beta')
    if (!publicBeta) throw new Error('no Public Beta group')
    // A group whose name is another group's ID: the name wins.
    const { id: trickyId } = world.sim.store.createBetaGroup({
      appId: world.appId,
      name: publicBeta.id,
      isInternalGroup: false,
    })
    const build = seedBuild()
    const byId = await release(build.buildNumber, { beta_groups: publicBeta.id }, build.version)
    expect(byId.exitCode).toBe(0)
    expect(byId.outputs['beta_groups']).toBe(trickyId)

    const other = seedBuild()
    const qa = world.sim.store.createBetaGroup({
      appId: world.appId,
      name: 'QA Crew',
      isInternalGroup: false,
    })
    const run = await release(other.buildNumber, { beta_groups: qa.id }, other.version)
    expect(run.exitCode).toBe(0)
    expect(run.outputs['beta_groups']).toBe(qa.id)
    expect(groupsOf(other.id)).toContain('QA Crew')

    const unknown = '00000000-1111-2222-3333-444444444444'
    const missing = await release(
      other.buildNumber,
      { beta_groups: unknown, create_missing_groups: 'external' },
      other.version,
    )
    expect(missing.exitCode).not.toBe(0)
    expect(missing.log).toContain(`no group with ID "${unknown}" in "Demo" (an ID is never created)`)
  })
})

describe('testers', () => {
  it('adds testers to the named external groups, finding known ones by e-mail; a rerun adds nothing', async () => {
    const publicBeta = groupNamed('Public Beta')
    if (!publicBeta) throw new Error('no Public Beta group')
    // Bob is already a tester of the team (in no group of this app yet).
    const bob = world.sim.store.insert(
      'betaTesters',
      { email: 'bob@example.com', inviteType: 'EMAIL', state: 'INVITED' },
      { betaGroups: [] },
    )
    const build = seedBuild()
    const inputs = { beta_groups: 'Team, Public Beta', testers: 'Ann Lee <ann@example.com>, bob@example.com' }
    const start = world.sim.requests.length
    const run = await release(build.buildNumber, inputs, build.version)
    expect(run.exitCode).toBe(0)
    expect(testersIn(publicBeta.id)).toEqual(['ann@example.com', 'bob@example.com'])
    // Internal groups take App Store Connect users only: the testers are not sent there.
    const team = groupNamed('Team')
    expect(team && testersIn(team.id)).toEqual([])
    const ann = world.sim.store.list('betaTesters').find((t) => t.attributes['email'] === 'ann@example.com')
    expect(ann?.attributes).toMatchObject({ firstName: 'Ann', lastName: 'Lee' })
    const writes = writesSince(start)
    expect(writes.filter((r) => r.path === '/v1/betaTesters')).toHaveLength(1)
    const link = writes.find((r) => r.path === `/v1/betaGroups/${publicBeta.id}/relationships/betaTesters`)
    expect(link?.body).toEqual({ data: [{ type: 'betaTesters', id: bob.id }] })
    expect(run.summary).toContain('Testers added')

    const again = world.sim.requests.length
    const rerun = await release(build.buildNumber, inputs, build.version)
    expect(rerun.exitCode).toBe(0)
    expect(writesSince(again).filter((r) => /betaTesters/.test(r.path))).toEqual([])
    expect(rerun.log).toContain('Testers: all 2 already in "Public Beta"')
  })

  it('refuses a bad entry before any request, naming it', async () => {
    const start = world.sim.requests.length
    const run = await release('1', { beta_groups: 'Public Beta', testers: 'ann@example.com\nnot-an-email' })
    expect(run.exitCode).not.toBe(0)
    expect(run.log).toContain(`'testers' 'not-an-email' is not an e-mail address or "First Last <email>"`)
    expect(world.sim.requests.length).toBe(start)
  })

  it('refuses testers when only internal groups are named, before the upload', async () => {
    const build = seedBuild()
    const start = world.sim.requests.length
    const run = await release(
      build.buildNumber,
      { beta_groups: 'Team', testers: 'ann@example.com' },
      build.version,
    )
    expect(run.exitCode).not.toBe(0)
    expect(run.log).toContain(
      'testers act on external groups, and beta_groups names only internal ones ("Team")',
    )
    expect(writesSince(start)).toEqual([])
  })
})

describe('public link', () => {
  it('enables the external group’s link once it has the build and gives the URL', async () => {
    const group = world.sim.store.createBetaGroup({
      appId: world.appId,
      name: 'Link Beta',
      isInternalGroup: false,
    })
    const build = seedBuild()
    const run = await release(
      build.buildNumber,
      { beta_groups: 'Team\nLink Beta', public_link: 'true', public_link_limit: '50' },
      build.version,
    )
    expect(run.exitCode).toBe(0)
    const attributes = world.sim.store.get('betaGroups', group.id)?.attributes
    expect(attributes).toMatchObject({
      publicLinkEnabled: true,
      publicLinkLimitEnabled: true,
      publicLinkLimit: 50,
    })
    expect(run.outputs['public_link']).toMatch(/^https:\/\/testflight\.apple\.com\/join\/[0-9a-f]+$/)
    expect(run.outputs['public_link']).toBe(attributes?.['publicLink'])

    const start = world.sim.requests.length
    const rerun = await release(
      build.buildNumber,
      { beta_groups: 'Team\nLink Beta', public_link: 'true', public_link_limit: '50' },
      build.version,
    )
    expect(rerun.outputs['public_link']).toBe(attributes?.['publicLink'])
    expect(
      writesSince(start).filter((r) => r.method === 'PATCH' && r.path.startsWith('/v1/betaGroups')),
    ).toEqual([])
  })
})

describe('public link already there', () => {
  it('keeps a link that is already enabled, and gives its URL', async () => {
    const { id } = world.sim.store.createBetaGroup({
      appId: world.appId,
      name: 'Open Beta',
      isInternalGroup: false,
    })
    const group = world.sim.store.get('betaGroups', id)
    if (!group) throw new Error('no group')
    Object.assign(group.attributes, {
      publicLinkEnabled: true,
      publicLinkId: 'abcd1234',
      publicLink: 'https://testflight.apple.com/join/abcd1234',
    })
    const build = seedBuild()
    const start = world.sim.requests.length
    const run = await release(
      build.buildNumber,
      { beta_groups: 'Open Beta', public_link: 'true' },
      build.version,
    )
    expect(run.exitCode).toBe(0)
    expect(run.outputs['public_link']).toBe('https://testflight.apple.com/join/abcd1234')
    expect(run.log).toContain('Public link of "Open Beta" (already enabled)')
    expect(
      writesSince(start).filter((r) => r.method === 'PATCH' && r.path.startsWith('/v1/betaGroups')),
    ).toEqual([])
  })
})

describe('rate limit', () => {
  it('reports rate_limit_remaining, and warns before any change when the hour runs low', async () => {
    const build = seedBuild()
    const plenty = await release(build.buildNumber, {}, build.version)
    expect(Number(plenty.outputs['rate_limit_remaining'])).toBeGreaterThan(3000)
    expect(plenty.log).not.toContain('requests per hour left')

    world.sim.scenario.rateLimitSpent = 3400
    try {
      const low = await release(build.buildNumber, { beta_groups: 'Public Beta' }, build.version)
      expect(low.exitCode).toBe(0)
      const remaining = Number(low.outputs['rate_limit_remaining'])
      expect(remaining).toBeLessThan(200)
      const warning = low.log.indexOf('requests per hour left')
      expect(warning).toBeGreaterThan(-1)
      expect(low.log).toMatch(/::warning::The API key has \d+ of its 3600 requests per hour left/)
      // Warned after the checks before the upload, before the TestFlight step changes anything.
      expect(warning).toBeLessThan(low.log.indexOf('Group "Public Beta"'))
      expect(low.summary).toContain(`API requests left this hour for the key: ${remaining} of 3600`)
    } finally {
      world.sim.scenario.rateLimitSpent = 0
    }
  })
})

describe('dry run', () => {
  it('plans the groups to create, the testers and the public link with GET requests only', async () => {
    const build = seedBuild()
    const start = world.sim.requests.length
    const run = await release(
      build.buildNumber,
      {
        dry_run: 'true',
        beta_groups: 'Public Beta\nNewcomers',
        create_missing_groups: 'external',
        testers: 'ann@example.com',
        public_link: 'true',
        submit_to_testflight: 'true',
        wait_for_beta_review: '120',
      },
      build.version,
    )
    expect(run.exitCode).toBe(0)
    expect(world.sim.requests.slice(start).filter((r) => r.method !== 'GET')).toEqual([])
    expect(run.log).toContain(
      '- Beta groups: add the build to Public Beta, Newcomers [ok: all groups exist; would create "Newcomers"]',
    )
    expect(run.log).toContain('- Testers: add ann@example.com to "Public Beta", "Newcomers" where missing')
    expect(run.log).toContain('- Public link: enable the public link of "Public Beta", "Newcomers"')
    expect(run.log).toContain('and wait up to 120 min for the verdict')
    expect(run.log).toMatch(
      /- Rate limit: send about \d+ requests \[ok: \d+ of 3600 requests per hour left\]/,
    )
    expect(groupNamed('Newcomers')).toBeUndefined()
  })
})

describe('every run above', () => {
  it('never shows the key or a token, and the simulator saw nothing outside Apple’s contract', () => {
    // Run alone (-t), this test would scan nothing and pass: it needs the runs of the tests above.
    expect(runs.length).toBeGreaterThanOrEqual(12)
    for (const run of runs) expect(secretLeaks(visibleText(run), world.key.privateKeyPem)).toEqual([])
    expect(world.sim.contractViolations).toEqual([])
  })
})
