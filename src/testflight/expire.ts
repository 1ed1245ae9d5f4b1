import type { Build } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { toAscPlatform } from '../shared/platform.js'

/** Expires the app's builds for this platform uploaded before this one; never this one, nor later ones. */
export async function expirePreviousBuilds(ctx: ReleaseContext, buildId: string): Promise<string[]> {
  const current = (await ctx.client.get<Build>(`/v1/builds/${buildId}`, { 'fields[builds]': 'uploadedDate' }))
    .data
  const uploadedAt = Date.parse(current.attributes?.uploadedDate ?? '')
  const { data: builds } = await ctx.client.getAll<Build>('/v1/builds', {
    'filter[app]': ctx.app.id,
    'filter[preReleaseVersion.platform]': toAscPlatform(ctx.identity.platform),
    'filter[expired]': 'false',
    'fields[builds]': 'version,uploadedDate,expired',
  })
  // A build whose date is unknown is left alone (NaN compares false).
  const earlier = builds.filter(
    (b) => b.id !== buildId && Date.parse(b.attributes?.uploadedDate ?? '') < uploadedAt,
  )
  for (const build of earlier) {
    await ctx.client.patch(`/v1/builds/${build.id}`, {
      data: { type: 'builds', id: build.id, attributes: { expired: true } },
    })
  }
  ctx.log.info(
    earlier.length === 0
      ? 'No earlier builds to expire.'
      : `Expired ${earlier.length} earlier build${earlier.length === 1 ? '' : 's'}: ${earlier.map((b) => b.attributes?.version ?? b.id).join(', ')}.`,
  )
  return earlier.map((b) => b.id)
}
