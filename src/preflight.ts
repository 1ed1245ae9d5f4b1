import { planAppStore } from './appstore/plan.js'
import { situationOnce } from './appstore/situation.js'
import { findBuild } from './asc/builds.js'
import type { ReleaseContext } from './context.js'
import { planReleaseDate } from './plan.js'
import { estimateRequests, rateLimitWarning } from './asc/rate-limit.js'
import { wantsListing } from './settings/metadata.js'
import { toAscPlatform } from './shared/platform.js'
import { audienceProblem, plannedGroups, resolveGroups } from './testflight/groups.js'

/**
 * The read-only checks of the steps after processing, run right after the app is found: a typo in a group
 * name, an App Store version situation that cannot take this release, a missing What's New or a release
 * date already past fail in seconds instead of after the upload and up to hours of processing. They are
 * the dry run's checks; the steps themselves still decide on what they find then.
 */
export async function preflight(ctx: ReleaseContext): Promise<void> {
  const problems: string[] = []
  const checked: string[] = []
  // The App Store and store listing checks start from the same versions and submissions: read once.
  const situation = situationOnce(ctx.client, ctx.app.id, toAscPlatform(ctx.identity.platform))
  if (ctx.settings.testflight.groups.length > 0) {
    try {
      const lookup = await resolveGroups(ctx)
      const problem = audienceProblem(
        ctx.settings,
        plannedGroups(lookup, ctx.settings.testflight.createMissingGroups),
      )
      if (problem !== undefined) throw new Error(problem)
      checked.push(
        lookup.toCreate.length > 0
          ? `the beta groups exist or will be created (${lookup.toCreate.map((n) => `"${n}"`).join(', ')})`
          : 'the beta groups exist',
      )
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error))
    }
  }
  if (ctx.settings.appStore.submit) {
    const build = await findBuild(ctx.client, ctx.app.id, ctx.identity)
    const items = [
      await planAppStore(ctx.client, ctx.settings, ctx.identity, ctx.app, build, await situation()),
      planReleaseDate(ctx.settings, ctx.clock.now()),
    ]
    for (const item of items) {
      if (!item?.check) continue
      if (item.check.ok) checked.push(`${item.step}: ${item.check.detail}`)
      else problems.push(`${item.step}: ${item.check.detail}`)
    }
  }
  if (ctx.settings.media.screenshots ?? ctx.settings.media.previews) {
    // The version, its localizations for every locale folder, and the quota, before the upload.
    const { planMediaItems } = await import('./media/plan.js')
    const failed = (await planMediaItems(ctx)).filter((item) => item.check && !item.check.ok)
    for (const item of failed) problems.push(`${item.step}: ${item.check?.detail ?? ''}`)
    if (failed.length === 0) checked.push('the App Store version takes the screenshots')
  }
  if (wantsListing(ctx.settings)) {
    // Where the listing goes, and whether it can be written there (e.g. a new app info locale needs a name).
    const { check } = await (await import('./listing/plan.js')).planStoreListing(ctx, await situation())
    if (check && !check.ok) problems.push(`Store listing: ${check.detail}`)
    else checked.push('the store listing can be written')
  }
  if (problems.length > 0) {
    throw new Error(
      `Checked before the upload, so nothing was uploaded:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    )
  }
  ctx.log.info(checked.length > 0 ? `Checked: ${checked.join('; ')}.` : 'Nothing to check before the upload.')
  // The checks above are the last reads before the run starts changing things: judge the budget now.
  const warning = rateLimitWarning(ctx.client.rateLimit, estimateRequests(ctx.settings))
  if (warning !== undefined) ctx.log.warning(warning)
}
