import type { FoundApp } from '../asc/apps.js'
import type { AscClient } from '../asc/client.js'
import type { BetaGroup, BuildBetaDetail } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import type { TestFlightResult } from './types.js'

type GroupResult = TestFlightResult['groups'][number]

/** The named groups as found, or what is wrong with the names. */
export interface GroupLookup {
  groups: BetaGroup[]
  /** Set when a name matches no group: names the unknown ones and lists the app's groups. */
  problem?: string
}

/**
 * The one group resolution, for the real run and the dry run: exact names only, and an unknown name is
 * reported with the app's groups listed. Read-only.
 */
export async function lookUpGroups(client: AscClient, app: FoundApp, names: string[]): Promise<GroupLookup> {
  if (names.length === 0) return { groups: [] }
  const { data: groups } = await client.getAll<BetaGroup>('/v1/betaGroups', {
    'filter[app]': app.id,
    'fields[betaGroups]': 'name,isInternalGroup,hasAccessToAllBuilds',
  })
  const unknown = names.filter((name) => !groups.some((g) => g.attributes?.name === name))
  if (unknown.length > 0) {
    const known = groups.map((g) => `"${g.attributes?.name ?? ''}"`).join(', ') || 'none'
    return {
      groups: [],
      problem:
        `beta_groups: no group named ${unknown.map((n) => `"${n}"`).join(', ')} in "${app.name}". ` +
        `The app's groups are ${known} (names must match exactly).`,
    }
  }
  return { groups: names.map((name) => groups.find((g) => g.attributes?.name === name) as BetaGroup) }
}

/** Every named group, resolved before anything changes; an unknown name fails with the app's groups listed. */
export async function resolveGroups(ctx: ReleaseContext): Promise<BetaGroup[]> {
  const { groups, problem } = await lookUpGroups(ctx.client, ctx.app, ctx.settings.testflight.groups)
  if (problem !== undefined) throw new Error(problem)
  return groups
}

/**
 * Sets whether testers hear about the build, before it reaches any group: with auto-notify on, adding
 * the build notifies them. A build that already sat in groups unannounced gets one notification.
 */
export async function setNotification(ctx: ReleaseContext, buildId: string): Promise<boolean> {
  const notify = ctx.settings.testflight.notifyTesters
  const detail = (await ctx.client.get<BuildBetaDetail>(`/v1/builds/${buildId}/buildBetaDetail`)).data
  const wasOn = detail.attributes?.autoNotifyEnabled === true
  if (wasOn !== notify) {
    await ctx.client.patch(`/v1/buildBetaDetails/${detail.id}`, {
      data: { type: 'buildBetaDetails', id: detail.id, attributes: { autoNotifyEnabled: notify } },
    })
    ctx.log.info(
      notify ? 'Testers will be notified of this build.' : 'Testers will not be notified of this build.',
    )
  }
  return notify && !wasOn
}

/** Adds the build to each group that does not already have it or get every build by itself. */
export async function addToGroups(
  ctx: ReleaseContext,
  buildId: string,
  groups: BetaGroup[],
): Promise<GroupResult[]> {
  if (groups.length === 0) return []
  const { data: holding } = await ctx.client.getAll<BetaGroup>('/v1/betaGroups', {
    'filter[app]': ctx.app.id,
    'filter[builds]': buildId,
    'fields[betaGroups]': 'name',
  })
  const results = groups.map((group): GroupResult => {
    const a = group.attributes
    const hasIt =
      holding.some((h) => h.id === group.id) ||
      (a?.isInternalGroup === true && a.hasAccessToAllBuilds === true)
    return { id: group.id, name: a?.name ?? '', isInternal: a?.isInternalGroup === true, added: !hasIt }
  })
  const toAdd = results.filter((g) => g.added)
  if (toAdd.length > 0) {
    // Adding to a to-many relationship is idempotent, so this request may be retried safely.
    await ctx.client.post(
      `/v1/builds/${buildId}/relationships/betaGroups`,
      { data: toAdd.map((g) => ({ type: 'betaGroups', id: g.id })) },
      { idempotent: true },
    )
  }
  for (const g of results) {
    ctx.log.info(
      `Group "${g.name}" (${g.isInternal ? 'internal' : 'external'}): ${g.added ? 'build added' : 'already has the build'}.`,
    )
  }
  return results
}
