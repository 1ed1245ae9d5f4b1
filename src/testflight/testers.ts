import type { BetaGroup, BetaTester, Document } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import type { TesterEntry } from '../settings/testers.js'
import { isExternal } from './groups.js'
import type { TestFlightResult } from './types.js'

const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase()

/**
 * Adds each tester to every named external group that does not have them yet, and never removes one. The
 * groups' testers are read first, so a rerun sends nothing. A known tester is found by e-mail and linked
 * to the groups; a new one is created with them, as fastlane pilot does (tester_manager.rb: BetaTester.find
 * by email, then add to groups, or create with betaGroups).
 */
export async function addTesters(
  ctx: ReleaseContext,
  groups: BetaGroup[],
): Promise<TestFlightResult['testersAdded']> {
  const testers = ctx.settings.testflight.testers
  const external = groups.filter(isExternal)
  if (testers.length === 0 || external.length === 0) return []

  const members = new Map<string, string[]>()
  for (const group of external) {
    const { data } = await ctx.client.getAll<BetaTester>(`/v1/betaGroups/${group.id}/betaTesters`, {
      'fields[betaTesters]': 'email',
    })
    members.set(
      group.id,
      data.map((t) => (t.attributes?.email ?? '').toLowerCase()),
    )
  }
  const added: TestFlightResult['testersAdded'] = []
  const linkByGroup = new Map<string, string[]>()
  for (const tester of testers) {
    const lacking = external.filter((g) => !members.get(g.id)?.includes(tester.email.toLowerCase()))
    if (lacking.length === 0) continue
    const existing = await findTester(ctx, tester.email)
    if (existing) {
      for (const group of lacking)
        linkByGroup.set(group.id, [...(linkByGroup.get(group.id) ?? []), existing.id])
    } else {
      await createTester(ctx, tester, lacking)
    }
    for (const group of lacking)
      added.push({ email: tester.email, group: group.attributes?.name ?? group.id })
  }
  for (const [groupId, testerIds] of linkByGroup) {
    // Adding to a to-many relationship is idempotent, so this request may be retried safely.
    await ctx.client.post(
      `/v1/betaGroups/${groupId}/relationships/betaTesters`,
      { data: testerIds.map((id) => ({ type: 'betaTesters', id })) },
      { idempotent: true },
    )
  }
  const names = external.map((g) => `"${g.attributes?.name ?? g.id}"`).join(', ')
  ctx.log.info(
    added.length === 0
      ? `Testers: all ${testers.length} already in ${names}.`
      : `Testers: added ${added.map((a) => `${a.email} to "${a.group}"`).join(', ')}.`,
  )
  return added
}

async function findTester(ctx: ReleaseContext, email: string): Promise<BetaTester | undefined> {
  const { data } = await ctx.client.get<BetaTester[]>('/v1/betaTesters', {
    'filter[email]': email,
    'fields[betaTesters]': 'email',
  })
  return data.find((t) => same(t.attributes?.email, email))
}

async function createTester(ctx: ReleaseContext, tester: TesterEntry, groups: BetaGroup[]): Promise<void> {
  await ctx.client.post<Document<BetaTester>>('/v1/betaTesters', {
    data: {
      type: 'betaTesters',
      attributes: {
        email: tester.email,
        ...(tester.firstName !== undefined ? { firstName: tester.firstName } : {}),
        ...(tester.lastName !== undefined ? { lastName: tester.lastName } : {}),
      },
      relationships: { betaGroups: { data: groups.map((g) => ({ type: 'betaGroups', id: g.id })) } },
    },
  })
}
