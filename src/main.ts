import { basename } from 'node:path'
import { findApp } from './asc/apps.js'
import type { AscClient } from './asc/client.js'
import { createClient } from './connect.js'
import { realClock } from './shared/clock.js'
import type { ReleaseContext } from './context.js'
import { resolveIdentity } from './identity.js'
import { readSettings } from './settings/inputs.js'
import { wantsTestFlight } from './settings/processed-build.js'
import { preflight } from './preflight.js'
import { runLogger, failRun, phase } from './report/log.js'
import { RunReport } from './report/model.js'
import type { Settings } from './settings/settings.js'

/**
 * The action: read settings, find the app, upload, wait, distribute, submit, report. Each step's code is
 * imported when the step runs (ncc emits it as a chunk), so start-up reads only what the first request needs.
 */
export async function run(): Promise<void> {
  const report = new RunReport()
  let client: AscClient | undefined
  try {
    const settings = await readSettings()
    report.dryRun = settings.dryRun
    if (settings.upload.method === 'altool')
      await phase(report, 'Check for altool', async () =>
        (await import('./upload/altool.js')).assertAltoolAvailable(),
      )

    client = createClient(settings.apiKey)
    const ctx = await prepare(settings, client, report)
    if (settings.dryRun) {
      await dryRun(ctx, report)
      return
    }

    await phase(report, 'Check before upload', () => preflight(ctx))
    const { uploadBuild } = await import('./upload/index.js')
    const upload = await phase(report, 'Upload', () => uploadBuild(ctx))
    report.upload = upload
    if (!settings.wait.forProcessing) {
      if (!upload.buildId && upload.method === 'none')
        throw new Error(`No build ${describe(ctx)} in App Store Connect.`)
      return
    }

    const { waitForProcessing } = await import('./wait/index.js')
    const build = await phase(report, 'Wait for processing', () => waitForProcessing(ctx, upload))
    report.processing = build

    if (wantsTestFlight(settings)) {
      const { distributeInTestFlight } = await import('./testflight/index.js')
      const testflight = await phase(report, 'TestFlight', () => distributeInTestFlight(ctx, build))
      report.testflight = testflight
    }
    if (settings.appStore.submit) {
      const { submitToAppStore } = await import('./appstore/index.js')
      const appStore = await phase(report, 'App Store', () => submitToAppStore(ctx, build))
      report.appStore = appStore
    }
  } catch (error) {
    await failRun(report.fail(error))
  } finally {
    await client?.close()
    await (await import('./report/write.js')).writeReport(report)
  }
}

/** Reads the package, settles which build this is about, and finds the app. */
async function prepare(settings: Settings, client: AscClient, report: RunReport): Promise<ReleaseContext> {
  const { packagePath } = settings.upload
  const pkg = packagePath
    ? await phase(report, 'Read the package', async () =>
        (await import('./package/index.js')).readPackageMetadata(packagePath),
      )
    : undefined
  if (pkg) report.packageFile = { name: basename(pkg.path), sizeBytes: pkg.fileSize }
  const identity = resolveIdentity(settings.release, pkg)

  const app = await phase(report, 'Find the app', async () => {
    const found = await findApp(client, {
      appId: settings.release.appId,
      bundleId: identity.bundleId || undefined,
    })
    runLogger.info(`App: "${found.name}" (${found.bundleId}), app_id ${found.id}`)
    return found
  })
  identity.bundleId = app.bundleId
  report.app = app
  report.identity = identity
  return { settings, client, app, identity, pkg, log: runLogger, clock: realClock }
}

/** Checks every precondition read-only and records the plan; fails when a check fails. */
async function dryRun(ctx: ReleaseContext, report: RunReport): Promise<void> {
  const plan = await phase(report, 'Plan (dry run)', async () => {
    const { planRelease } = await import('./plan.js')
    const items = await planRelease(ctx)
    for (const item of items) {
      const check = item.check ? ` [${item.check.ok ? 'ok' : 'FAILED'}: ${item.check.detail}]` : ''
      runLogger.info(`- ${item.step}: ${item.action}${check}`)
    }
    return items
  })
  report.plan.push(...plan)
  const failed = plan.filter((item) => item.check && !item.check.ok)
  if (failed.length > 0) {
    throw new Error(`Dry run: ${failed.map((i) => `${i.step}: ${i.check?.detail ?? ''}`).join('; ')}`)
  }
}

function describe(ctx: ReleaseContext): string {
  return `${ctx.identity.version} (${ctx.identity.buildNumber}) for ${ctx.identity.platform}`
}
