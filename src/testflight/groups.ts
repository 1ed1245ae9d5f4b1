import type { BetaGroup, BuildBetaDetail } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import type { TestFlightResult } from './index.js'

type GroupResult = TestFlightResult['groups'][number]

/**
 * Every named group, resolved before anything changes: exact names only, and an unknown name fails
 * with the app's groups listed.
 */
export async function resolveGroups(ctx: ReleaseContext): Promise<BetaGroup[]> {
  const names = ctx.settings.testflight.groups
  if (names.length === 0) return []
  const { data: groups } = await ctx.client.getAll<BetaGroup>('/v1/betaGroups', {
    'filter[app]': ctx.app.id,
    'fields[betaGroups]': 'name,isInternalGroup,hasAccessToAllBuilds',
  })
  const unknown = names.filter((name) => !groups.some((g) => g.attributes?.name === name))
  if (unknown.length > 0) {
    const known = groups.map((g) => `"${g.attributes?.name ?? ''}"`).join(', ') || 'none'
    throw new Error(
      `beta_groups: no group named ${unknown.map((n) => `"${n}"`).join(', ')} in "${ctx.app.name}". ` +
        `The app's groups are ${known} (names must match exactly).`,
    )
  }
  return names.map((name) => groups.find((g) => g.attributes?.name === name) as BetaGroup)
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
