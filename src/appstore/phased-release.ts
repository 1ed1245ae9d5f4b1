import type { ReleaseContext } from '../context.js'
import type { PhasedRelease } from './resources.js'
import type { PhasedReleaseOutcome } from './types.js'

/** Makes the version's phased release match phased_release; one that has started is never removed. */
export async function setPhasedRelease(
  ctx: ReleaseContext,
  versionId: string,
  current: PhasedRelease | undefined,
): Promise<PhasedReleaseOutcome> {
  const state = current?.attributes?.phasedReleaseState ?? 'INACTIVE'
  if (ctx.settings.appStore.phasedRelease) {
    if (current) {
      ctx.log.info(`Phased release already set (${state}).`)
      return 'kept'
    }
    await ctx.client.post('/v1/appStoreVersionPhasedReleases', {
      data: {
        type: 'appStoreVersionPhasedReleases',
        attributes: { phasedReleaseState: 'INACTIVE' },
        relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
      },
    })
    ctx.log.info('Phased release set: the update reaches users over 7 days after release.')
    return 'created'
  }
  if (!current) return 'none'
  if (state !== 'INACTIVE') {
    ctx.log.warning(`phased_release is false, but the version's phased release is ${state} and is kept.`)
    return 'kept'
  }
  await ctx.client.delete(`/v1/appStoreVersionPhasedReleases/${current.id}`)
  ctx.log.info('Phased release removed: the update reaches all users at release.')
  return 'removed'
}
