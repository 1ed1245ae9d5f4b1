import type { FoundApp } from '../asc/apps.js'
import type { AscClient } from '../asc/client.js'
import type { BetaGroup, BuildBetaDetail, Document } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import type { Settings } from '../settings/settings.js'
import type { TestFlightResult } from './types.js'

type GroupResult = TestFlightResult['groups'][number]

/**
 * Apple's beta group IDs are UUIDs (public workflows pin them, e.g. ASC_BETA_GROUP_ID=bd75f066-fd92-…); an
 * entry of that shape that matches no group name is taken as an ID.
 */
const GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The named groups as found, the names to create, or what is wrong with the entries. */
export interface GroupLookup {
  groups: BetaGroup[]
  /** Names that match no group, to create with create_missing_groups. */
  toCreate: string[]
  /** Set when an entry matches no group and is not to be created: names it and lists the app's groups. */
  problem?: string
}

export const GROUP_FIELDS =
  'name,isInternalGroup,hasAccessToAllBuilds,publicLinkEnabled,publicLinkLimitEnabled,publicLinkLimit,publicLink'

/**
 * The one group resolution, for the real run, the checks before the upload and the dry run. Each entry is
 * an exact name first (a group may be named like an ID), then an ID; a name that matches nothing is to be
 * created only with create_missing_groups, an ID never. Read-only.
 */
export async function lookUpGroups(
  client: AscClient,
  app: FoundApp,
  entries: string[],
  createMissing: Settings['testflight']['createMissingGroups'],
): Promise<GroupLookup> {
  if (entries.length === 0) return { groups: [], toCreate: [] }
  const { data: all } = await client.getAll<BetaGroup>('/v1/betaGroups', {
    'filter[app]': app.id,
    'fields[betaGroups]': GROUP_FIELDS,
  })
  const groups: BetaGroup[] = []
  const unknownIds: string[] = []
  const unknownNames: string[] = []
  for (const entry of entries) {
    const found =
      all.find((g) => g.attributes?.name === entry) ??
      (GROUP_ID.test(entry) ? all.find((g) => g.id.toLowerCase() === entry.toLowerCase()) : undefined)
    if (found) {
      if (!groups.includes(found)) groups.push(found)
    } else if (GROUP_ID.test(entry)) unknownIds.push(entry)
    else unknownNames.push(entry)
  }
  const problems: string[] = []
  if (unknownIds.length > 0) {
    problems.push(`no group with ID ${quoted(unknownIds)} in "${app.name}" (an ID is never created)`)
  }
  if (unknownNames.length > 0 && createMissing === undefined) {
    problems.push(`no group named ${quoted(unknownNames)} in "${app.name}"`)
  }
  if (problems.length === 0) return { groups, toCreate: createMissing === undefined ? [] : unknownNames }
  const known = all.map((g) => `"${g.attributes?.name ?? ''}"`).join(', ') || 'none'
  const create =
    unknownNames.length > 0 && createMissing === undefined
      ? '; set create_missing_groups to internal or external to create a missing group'
      : ''
  return {
    groups: [],
    toCreate: [],
    problem: `beta_groups: ${problems.join('; ')}. The app's groups are ${known} (names must match exactly${create}).`,
  }
}

const quoted = (items: string[]) => items.map((n) => `"${n}"`).join(', ')

/** Every named group, resolved before anything changes; an unknown entry fails with the app's groups listed. */
export async function resolveGroups(ctx: ReleaseContext): Promise<GroupLookup> {
  const tf = ctx.settings.testflight
  const lookup = await lookUpGroups(ctx.client, ctx.app, tf.groups, tf.createMissingGroups)
  if (lookup.problem !== undefined) throw new Error(lookup.problem)
  return lookup
}

/**
 * Creates the groups create_missing_groups asked for. An internal group gets no public-link attributes:
 * Apple refuses them there ("Public link limit cannot be applied to internal group", expo/eas-cli#2906).
 */
export async function createGroups(ctx: ReleaseContext, names: string[]): Promise<BetaGroup[]> {
  const internal = ctx.settings.testflight.createMissingGroups === 'internal'
  const created: BetaGroup[] = []
  for (const name of names) {
    const answer = await ctx.client.post<Document<BetaGroup>>('/v1/betaGroups', {
      data: {
        type: 'betaGroups',
        attributes: { name, isInternalGroup: internal },
        relationships: { app: { data: { type: 'apps', id: ctx.app.id } } },
      },
    })
    ctx.log.info(`Created the ${internal ? 'internal' : 'external'} group "${name}" (create_missing_groups).`)
    created.push(answer.data)
  }
  return created
}

/** The groups as they would be once created: for the checks made before anything changes. */
export function plannedGroups(
  lookup: GroupLookup,
  createMissing: 'internal' | 'external' | undefined,
): BetaGroup[] {
  return [
    ...lookup.groups,
    ...lookup.toCreate.map((name): BetaGroup => ({
      type: 'betaGroups',
      id: '',
      attributes: { name, isInternalGroup: createMissing === 'internal' },
    })),
  ]
}

export const isExternal = (group: BetaGroup): boolean => group.attributes?.isInternalGroup !== true

/**
 * What testers and public_link need from the named groups, judged before anything changes: an external
 * group among them (internal groups take App Store Connect users only, and have no public link).
 */
export function audienceProblem(settings: Settings, groups: BetaGroup[]): string | undefined {
  if (groups.some(isExternal)) return undefined
  const wanting = [
    ...(settings.testflight.testers.length > 0 ? ['testers'] : []),
    ...(settings.testflight.publicLink ? ['public_link'] : []),
  ]
  if (wanting.length === 0) return undefined
  return (
    `${wanting.join(' and ')} act on external groups, and beta_groups names only internal ones ` +
    `(${groups.map((g) => `"${g.attributes?.name ?? g.id}"`).join(', ')}): name an external group too`
  )
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
