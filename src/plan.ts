import { planAppStore } from './appstore/plan.js'
import { situationOnce } from './appstore/situation.js'
import type { FoundApp } from './asc/apps.js'
import { findBuild } from './asc/builds.js'
import { formatBytes } from './shared/format.js'
import { toAscPlatform } from './shared/platform.js'
import { wantsListing } from './settings/metadata.js'
import type { AscClient } from './asc/client.js'
import type { ReleaseContext } from './context.js'
import type { PlanItem } from './report/model.js'
import type { Settings } from './settings/settings.js'
import { estimateRequests, rateLimitWarning } from './asc/rate-limit.js'
import { audienceProblem, isExternal, lookUpGroups, plannedGroups } from './testflight/groups.js'
import { whatToTestTexts } from './testflight/notes.js'
import { describeChange, planTestInformation } from './testflight/test-information.js'

/**
 * The dry run: what a real run would do, each step with a read-only check of what it depends on.
 * Only GET requests are sent.
 */
export async function planRelease(ctx: ReleaseContext): Promise<PlanItem[]> {
  const { client, settings, identity, app, pkg } = ctx
  // The App Store and store listing lines start from the same versions and submissions: read once.
  const situation = situationOnce(client, app.id, toAscPlatform(identity.platform))
  const plan: PlanItem[] = [
    {
      step: 'Authenticate',
      action: `sign App Store Connect tokens with key ${settings.apiKey.keyId}`,
      check: { ok: true, detail: 'the key was accepted' },
    },
    {
      step: 'Find the app',
      action: `act on "${app.name}" (${app.bundleId})`,
      check: { ok: true, detail: `app_id ${app.id}` },
    },
  ]

  const build = await findBuild(client, app.id, identity)
  const existing = build?.attributes?.processingState
  const what = `${identity.version} (${identity.buildNumber}) for ${identity.platform}`
  if (settings.upload.method === 'none') {
    plan.push({
      step: 'Use the uploaded build',
      action: `act on build ${what}`,
      check: existing
        ? { ok: true, detail: `found, processing state ${existing}` }
        : { ok: false, detail: 'no such build in App Store Connect' },
    })
  } else {
    const size = pkg ? ` (${formatBytes(pkg.fileSize)})` : ''
    const via = settings.upload.method === 'api' ? 'the App Store Connect build upload API' : 'xcrun altool'
    plan.push({
      step: 'Upload',
      action: `upload ${pkg?.fileName ?? 'the package'}${size} as ${what} through ${via}`,
      check: existing
        ? { ok: true, detail: `already uploaded (processing state ${existing}): the upload is skipped` }
        : { ok: true, detail: 'build number not used yet' },
    })
  }

  if (settings.wait.forProcessing) {
    const { buildAppearTimeoutMs, processingTimeoutMs, pollIntervalMs } = settings.wait
    plan.push({
      step: 'Wait for processing',
      action:
        `wait up to ${buildAppearTimeoutMs / 60_000} min for the build to appear and ` +
        `${processingTimeoutMs / 60_000} min for processing, polling every ${pollIntervalMs / 1000} s`,
    })
  }

  const testInformation = await planTestInformation(client, app, settings)
  if (testInformation && settings.testInformation) {
    const { file } = settings.testInformation
    if (testInformation.changes.length === 0)
      plan.push({ step: 'Test Information', action: `nothing to change: already as in ${file}` })
    for (const change of testInformation.changes)
      plan.push({ step: 'Test Information', action: `set ${describeChange(change)}` })
  }

  const tf = settings.testflight
  if (tf.usesNonExemptEncryption !== undefined) {
    plan.push({
      step: 'Export compliance',
      action: `set usesNonExemptEncryption to ${tf.usesNonExemptEncryption} unless the package declares it`,
    })
  }
  if (tf.whatToTest.length > 0) {
    const locales = whatToTestTexts(ctx).map((t) => t.locale)
    const from = tf.whatToTestFolder
      ? ` from Xcode Cloud's ${tf.whatToTestFolder}/WhatToTest.<locale>.txt`
      : ''
    plan.push({ step: 'What to Test', action: `set the notes for ${locales.join(', ')}${from}` })
  }
  if (tf.groups.length > 0) plan.push(...(await planGroups(client, app, settings)))
  if (tf.submitForReview) {
    const wait =
      tf.waitForReviewMs > 0 ? `, and wait up to ${tf.waitForReviewMs / 60_000} min for the verdict` : ''
    plan.push({ step: 'Beta App Review', action: `submit the build for Beta App Review${wait}` })
  }
  if (tf.expirePreviousBuilds) {
    plan.push({
      step: 'Expire previous builds',
      action: `expire earlier ${identity.platform} builds of the app`,
    })
  }

  if (settings.media.screenshots ?? settings.media.previews) {
    const { planMediaItems } = await import('./media/plan.js')
    plan.push(...(await planMediaItems(ctx)))
  }
  if (settings.appStore.submit) {
    plan.push(await planAppStore(client, settings, identity, app, build, await situation()))
    if (settings.appStore.waitForReviewMs > 0) {
      plan.push({
        step: 'App Review',
        action: `wait up to ${settings.appStore.waitForReviewMs / 60_000} min for the App Store review verdict`,
      })
    }
    const date = planReleaseDate(settings, ctx.clock.now())
    if (date) plan.push(date)
  }
  if (wantsListing(settings))
    plan.push(await (await import('./listing/plan.js')).planStoreListing(ctx, await situation()))
  plan.push(planRateLimit(ctx))
  return plan
}

/** The key's hourly budget, as the reads so far saw it; a low budget is a warning, not a failed check. */
function planRateLimit(ctx: ReleaseContext): PlanItem {
  const seen = ctx.client.rateLimit
  const needed = estimateRequests(ctx.settings)
  const warning = rateLimitWarning(seen, needed)
  if (warning !== undefined) ctx.log.warning(warning)
  return {
    step: 'Rate limit',
    action: `send about ${needed} requests`,
    check: {
      ok: true,
      detail: seen
        ? `${seen.remaining} of ${seen.limit} requests per hour left${warning !== undefined ? ' (low)' : ''}`
        : 'App Store Connect sent no X-Rate-Limit header',
    },
  }
}

/**
 * The release date check of the dry run and of the checks before the upload: the settings already refused
 * a date that is not on the hour; whether it is still ahead is judged at `now`.
 */
export function planReleaseDate(settings: Settings, now: number): PlanItem | undefined {
  const date = settings.appStore.earliestReleaseDate
  if (!date) return undefined
  const item = { step: 'Release date', action: `release not before ${date.toISOString()}` }
  if (date.getTime() <= now)
    return {
      ...item,
      check: {
        ok: false,
        detail: 'earliest_release_date has passed: set a later date (on the hour, UTC offset allowed)',
      },
    }
  return { ...item, check: { ok: true, detail: 'in the future, on the hour, with release_type SCHEDULED' } }
}

async function planGroups(client: AscClient, app: FoundApp, settings: Settings): Promise<PlanItem[]> {
  const tf = settings.testflight
  const lookup = await lookUpGroups(client, app, tf.groups, tf.createMissingGroups)
  const planned = plannedGroups(lookup, tf.createMissingGroups)
  const problem = lookup.problem ?? audienceProblem(settings, planned)
  const created =
    lookup.toCreate.length > 0 ? `; would create ${lookup.toCreate.map((n) => `"${n}"`).join(', ')}` : ''
  const items: PlanItem[] = [
    {
      step: 'Beta groups',
      action: `add the build to ${tf.groups.join(', ')}`,
      check:
        problem === undefined
          ? { ok: true, detail: `all groups exist${created}` }
          : { ok: false, detail: problem },
    },
  ]
  const external = planned
    .filter(isExternal)
    .map((g) => `"${g.attributes?.name ?? g.id}"`)
    .join(', ')
  if (tf.testers.length > 0)
    items.push({
      step: 'Testers',
      action: `add ${tf.testers.map((t) => t.email).join(', ')} to ${external} where missing`,
    })
  if (tf.publicLink) {
    const limit = tf.publicLink.limit !== undefined ? ` limited to ${tf.publicLink.limit} testers` : ''
    items.push({ step: 'Public link', action: `enable the public link of ${external}${limit}` })
  }
  return items
}
