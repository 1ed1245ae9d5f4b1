import { relatedId, type Document } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { retryWhile } from '../shared/poll.js'
import { appleBackoff } from './backoff.js'
import { isReleaseTypeLocked } from './errors.js'
import type { AppStoreVersion } from './resources.js'
import { creationBlocker, editableVersion, stateOf, type Situation } from './situation.js'

/** A few tries over a minute: the refusal passes within seconds when it comes at all. */
const RELEASE_TYPE_RETRY_MS = 60_000

export interface PreparedVersion {
  version: AppStoreVersion
  /** created: new; updated: an editable version took this version string; reused: it already had it. */
  action: 'created' | 'updated' | 'reused'
  /** The version string the editable version carried before, when it was changed. */
  previousVersionString?: string
}

/**
 * The editable App Store version for this release, with release type, date, copyright and the build set.
 * Apple allows one editable version per platform, so one that carries another version string is renamed
 * rather than a second one created.
 */
export async function prepareVersion(
  ctx: ReleaseContext,
  situation: Situation,
  buildId: string,
): Promise<PreparedVersion> {
  const { identity, log } = ctx
  const wanted = wantedAttributes(ctx)
  const editable = editableVersion(situation)

  if (!editable) {
    const blocker = creationBlocker(situation, identity.version)
    if (blocker) throw new Error(blocker)
    const doc = await ctx.client.post<Document<AppStoreVersion>>('/v1/appStoreVersions', {
      data: {
        type: 'appStoreVersions',
        attributes: { platform: situation.platform, versionString: identity.version, ...wanted },
        relationships: {
          app: { data: { type: 'apps', id: ctx.app.id } },
          build: { data: { type: 'builds', id: buildId } },
        },
      },
    })
    log.info(`Created App Store version ${identity.version} (${doc.data.id}) with build ${buildId}.`)
    return { version: doc.data, action: 'created' }
  }

  const current = editable.attributes ?? {}
  const changes: Record<string, unknown> = {}
  if (current.versionString !== identity.version) changes['versionString'] = identity.version
  if (current.releaseType !== wanted.releaseType) changes['releaseType'] = wanted.releaseType
  if (!sameInstant(current.earliestReleaseDate, wanted.earliestReleaseDate))
    changes['earliestReleaseDate'] = wanted.earliestReleaseDate
  if (wanted.copyright !== undefined && current.copyright !== wanted.copyright)
    changes['copyright'] = wanted.copyright
  const attachBuild = relatedId(editable, 'build') !== buildId
  const name = `App Store version ${current.versionString ?? editable.id} (${editable.id}, ${stateOf(editable)})`

  if (Object.keys(changes).length === 0 && !attachBuild) {
    log.info(`${name} already has this build and these settings.`)
    return { version: editable, action: 'reused' }
  }
  // Apple intermittently refuses a releaseType change on a new version; fastlane sleeps around this PATCH
  // (fastlane#16679, #16911, deliver upload_metadata.rb). Sending it again is harmless: it sets, not adds.
  const doc = await retryWhile(
    {
      ...appleBackoff(ctx, RELEASE_TYPE_RETRY_MS, 15_000),
      retryable: (e) =>
        isReleaseTypeLocked(e) ? "App Store Connect says 'releaseType' can not be modified yet" : undefined,
    },
    () =>
      ctx.client.patch<Document<AppStoreVersion>>(`/v1/appStoreVersions/${editable.id}`, {
        data: {
          type: 'appStoreVersions',
          id: editable.id,
          attributes: changes,
          ...(attachBuild ? { relationships: { build: { data: { type: 'builds', id: buildId } } } } : {}),
        },
      }),
  )
  const what = [...Object.keys(changes), ...(attachBuild ? [`build ${buildId}`] : [])].join(', ')
  log.info(`Updated ${name}: ${what}.`)
  const renamed = 'versionString' in changes
  return {
    version: doc.data,
    action: renamed ? 'updated' : 'reused',
    ...(renamed && current.versionString ? { previousVersionString: current.versionString } : {}),
  }
}

/**
 * The release settings as Apple takes them. earliestReleaseDate is the given instant exactly (as UTC);
 * it is cleared for other release types, which Apple would otherwise keep from an earlier schedule.
 */
function wantedAttributes(ctx: ReleaseContext): {
  releaseType: string
  earliestReleaseDate: string | null
  copyright?: string
} {
  const { releaseType, earliestReleaseDate, copyright } = ctx.settings.appStore
  return {
    releaseType,
    earliestReleaseDate:
      releaseType === 'SCHEDULED' && earliestReleaseDate ? earliestReleaseDate.toISOString() : null,
    ...(copyright !== undefined ? { copyright } : {}),
  }
}

function sameInstant(a: string | null | undefined, b: string | null): boolean {
  if (!a || !b) return !a && !b
  return Date.parse(a) === Date.parse(b)
}
