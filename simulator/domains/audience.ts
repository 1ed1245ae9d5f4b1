// TestFlight's audience as Apple keeps it: beta testers (found by e-mail, created into groups, added to
// groups, never duplicated) and a group's public link, which Apple enables only on an external group
// that has a build.
import { randomBytes } from 'node:crypto'
import { conflict } from '../errors.js'
import type { Linkage } from '../store.js'
import {
  attrs,
  getCollection,
  getInstance,
  getToMany,
  mustGet,
  noContent,
  ok,
  type Handler,
  type HandlerContext,
  type HandlerResult,
} from './generic.js'

/** The betaGroups a new tester joins, each checked to exist. */
function groupLinkages(ctx: HandlerContext): Linkage[] {
  const data = ctx.body?.data
  const rel =
    data && !Array.isArray(data) && 'relationships' in data ? data.relationships?.['betaGroups'] : undefined
  const list = Array.isArray(rel?.data) ? rel.data : []
  list.forEach((l, i) => {
    if (!ctx.store.get('betaGroups', l.id)) {
      throw conflict(
        'ENTITY_ERROR.RELATIONSHIP.INVALID',
        `There is no resource of type 'betaGroups' with id '${l.id}'.`,
        `/data/relationships/betaGroups/data/${i}/id`,
      )
    }
  })
  return list
}

function createBetaTester(ctx: HandlerContext): HandlerResult {
  const a = attrs(ctx)
  const email = String(a['email'])
  // A tester is one per e-mail address in the team: a second one is refused, so clients look it up first.
  if (
    ctx.store.list('betaTesters', (t) => t.attributes.email.toLowerCase() === email.toLowerCase()).length > 0
  ) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      `A beta tester with the email '${email}' already exists.`,
      '/data/attributes/email',
    )
  }
  const groups = groupLinkages(ctx)
  const tester = ctx.store.insert(
    'betaTesters',
    {
      email,
      ...(typeof a['firstName'] === 'string' ? { firstName: a['firstName'] } : {}),
      ...(typeof a['lastName'] === 'string' ? { lastName: a['lastName'] } : {}),
      inviteType: 'EMAIL',
      state: 'INVITED',
    },
    { betaGroups: groups.map((g) => ({ type: 'betaGroups', id: g.id })) },
  )
  return ok(ctx, tester, 201)
}

function addTestersToGroup(ctx: HandlerContext): HandlerResult {
  const group = mustGet(ctx, 'betaGroups', ctx.params['id'] ?? '')
  const data = (ctx.body?.data ?? []) as Linkage[]
  data.forEach((l, i) => {
    const tester = ctx.store.get('betaTesters', l.id)
    if (!tester) {
      throw conflict(
        'ENTITY_ERROR.RELATIONSHIP.INVALID',
        `There is no resource of type 'betaTesters' with id '${l.id}'.`,
        `/data/${i}/id`,
      )
    }
  })
  for (const l of data) {
    const tester = mustGet(ctx, 'betaTesters', l.id)
    ctx.store.link(tester, 'betaGroups', [{ type: 'betaGroups', id: group.id }])
  }
  return noContent()
}

/** The public link's parts as Apple shows them (fastlane fixture testflight/beta_groups.json). */
function publicLinkOf(id: string): { publicLinkId: string; publicLink: string } {
  return { publicLinkId: id, publicLink: `https://testflight.apple.com/join/${id}` }
}

function updateBetaGroup(ctx: HandlerContext): HandlerResult {
  const group = mustGet(ctx, 'betaGroups', ctx.params['id'] ?? '')
  const a = attrs(ctx)
  const g = group.attributes
  const touchesLink = ['publicLinkEnabled', 'publicLinkLimitEnabled', 'publicLinkLimit'].some((k) => k in a)
  if (touchesLink && g.isInternalGroup) {
    // expo/eas-cli#2906: "Public link limit cannot be applied to internal group".
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'Public link cannot be applied to internal group',
      '/data/attributes/publicLinkEnabled',
    )
  }
  if (
    a['publicLinkEnabled'] === true &&
    !g.publicLinkEnabled &&
    ctx.store.linkages(group, 'builds').length === 0
  ) {
    // fastlane PR #17984: Apple allows no public link on a group without a build (wording assumed).
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'A public link can only be enabled for a group that has a build.',
      '/data/attributes/publicLinkEnabled',
    )
  }
  const limit = a['publicLinkLimit']
  if (typeof limit === 'number' && (limit < 1 || limit > 10_000)) {
    throw conflict(
      'ENTITY_ERROR.ATTRIBUTE.INVALID',
      'The public link limit must be between 1 and 10000.',
      '/data/attributes/publicLinkLimit',
    )
  }
  if (typeof a['name'] === 'string') g.name = a['name']
  if (typeof a['publicLinkEnabled'] === 'boolean') {
    g.publicLinkEnabled = a['publicLinkEnabled']
    if (a['publicLinkEnabled'] && g.publicLink === undefined)
      Object.assign(g, publicLinkOf(randomBytes(4).toString('hex')))
  }
  if (typeof a['publicLinkLimitEnabled'] === 'boolean') g.publicLinkLimitEnabled = a['publicLinkLimitEnabled']
  if (typeof limit === 'number') g.publicLinkLimit = limit
  if (typeof a['feedbackEnabled'] === 'boolean') g.feedbackEnabled = a['feedbackEnabled']
  return ok(ctx, group)
}

export const AUDIENCE_HANDLERS: Record<string, Handler> = {
  betaTesters_getCollection: getCollection('betaTesters'),
  betaTesters_getInstance: getInstance('betaTesters'),
  betaTesters_createInstance: createBetaTester,
  betaGroups_betaTesters_getToManyRelated: getToMany('betaGroups', 'betaTesters'),
  betaGroups_betaTesters_createToManyRelationship: addTestersToGroup,
  betaGroups_updateInstance: updateBetaGroup,
}
