import type { BetaGroup, Document } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { isExternal } from './groups.js'

/**
 * public_link: enables the public link of each named external group (internal groups have none), with
 * the limit when one is given, once the group has the build: Apple allows no public link on a group
 * without a build (fastlane PR #17984). Returns the first external group's link, in the order named.
 */
export async function enablePublicLinks(
  ctx: ReleaseContext,
  groups: BetaGroup[],
): Promise<string | undefined> {
  const wanted = ctx.settings.testflight.publicLink
  if (!wanted) return undefined
  const links: string[] = []
  for (const group of groups.filter(isExternal)) {
    const a = group.attributes ?? {}
    const limit = wanted.limit
    const asked =
      a.publicLinkEnabled === true &&
      (limit === undefined || (a.publicLinkLimitEnabled === true && a.publicLinkLimit === limit))
    let link = a.publicLink ?? undefined
    if (!asked) {
      const answer = await ctx.client.patch<Document<BetaGroup>>(`/v1/betaGroups/${group.id}`, {
        data: {
          type: 'betaGroups',
          id: group.id,
          attributes: {
            publicLinkEnabled: true,
            ...(limit !== undefined ? { publicLinkLimitEnabled: true, publicLinkLimit: limit } : {}),
          },
        },
      })
      link = answer.data.attributes?.publicLink ?? undefined
    }
    const name = a.name ?? group.id
    ctx.log.info(
      `Public link of "${name}"${asked ? ' (already enabled)' : ''}: ${link ?? 'not given by App Store Connect'}` +
        `${limit !== undefined ? `, up to ${limit} testers` : ''}.`,
    )
    if (link) links.push(link)
  }
  return links[0]
}
