import { relative } from 'node:path'
import { findApp, type FoundApp } from './asc/apps.js'
import type { AscClient } from './asc/client.js'
import { createClient } from './connect.js'
import { realClock } from './shared/clock.js'
import type { ReleaseContext } from './context.js'
import { checkPackagesTogether, resolveIdentity, type PackageRelease } from './identity.js'
import { readPackageMetadata, type PackageMetadata } from './package/index.js'
import { readSettings } from './settings/inputs.js'
import { wantsTestFlight } from './settings/processed-build.js'
import { wantsListing } from './settings/metadata.js'
import { runLogger, failRun, phase } from './report/log.js'
import { RunReport, type PlanItem } from './report/model.js'
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
    const packages = await readPackages(settings, report)
    const failedChecks: PlanItem[] = []
    for (const release of await findApps(settings, client, report, packages)) {
      if (packages.length > 1 && release.pkg)
        report.startPackage(packageLabel(release.pkg, packages), release.pkg.fileSize)
      failedChecks.push(...(await releasePackage(releaseContext(settings, client, report, release), report)))
    }
    if (failedChecks.length > 0) {
      report.currentPackage = undefined // the failed checks name their packages
      const named = (i: PlanItem) => `${i.package ? `${i.package} ` : ''}${i.step}: ${i.check?.detail ?? ''}`
      throw new Error(`Dry run: ${failedChecks.map(named).join('; ')}`)
    }
  } catch (error) {
    await failRun(report.fail(error))
  } finally {
    report.rateLimit = client?.rateLimit
    await client?.close()
    await (await import('./report/write.js')).writeReport(report)
  }
}

/**
 * One package's release, the same story for each package of the run: upload, wait, TestFlight and App
 * Store. A dry run returns the checks that failed instead.
 */
async function releasePackage(ctx: ReleaseContext, report: RunReport): Promise<PlanItem[]> {
  const { settings } = ctx
  if (settings.dryRun) return dryRun(ctx, report)

  await phase(report, 'Check before upload', async () => (await import('./preflight.js')).preflight(ctx))
  const { uploadBuild } = await import('./upload/index.js')
  const upload = await phase(report, 'Upload', () => uploadBuild(ctx))
  report.upload = upload
  await writeWhatNeedsNoBuild(ctx, report)
  if (!settings.wait.forProcessing) {
    if (!upload.buildId && upload.method === 'none')
      throw new Error(`No build ${describe(ctx)} in App Store Connect.`)
    return []
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
    if (appStore.media) report.media = appStore.media
  }
  await waitForReviews(ctx, report, build.buildId)
  return []
}

/**
 * Reads every package and settles each one's identity before any request, so a package that disagrees
 * with the inputs (or with another package) fails the run before anything is uploaded.
 */
async function readPackages(settings: Settings, report: RunReport): Promise<PackageRelease[]> {
  const paths = settings.packagePaths
  if (paths.length === 0) return [{ pkg: undefined, identity: resolveIdentity(settings.release, undefined) }]
  return phase(report, paths.length > 1 ? 'Read the packages' : 'Read the package', async () => {
    const packages: PackageRelease[] = []
    for (const path of paths) {
      const pkg = await readPackageMetadata(path)
      packages.push({ pkg, identity: resolveIdentity(settings.release, pkg) })
      // One package is the run's record from here on; each of several starts its own (report.startPackage).
      if (paths.length === 1) report.packageFile = { name: pkg.fileName, sizeBytes: pkg.fileSize }
    }
    checkPackagesTogether(settings.release, packages)
    return packages
  })
}

/** The name a package goes by in the log, summary and results: its file name, or its path when two share it. */
function packageLabel(pkg: PackageMetadata, packages: PackageRelease[]): string {
  const shared = packages.filter((p) => p.pkg?.fileName === pkg.fileName).length > 1
  return shared ? relative(process.cwd(), pkg.path) : pkg.fileName
}

/** A package to release, and its app. */
type AppRelease = PackageRelease & { app: FoundApp }

/**
 * Finds every package's app (or the app of the build the inputs name) before the first package is released,
 * so that an app App Store Connect does not have fails the run before anything is uploaded. Each app is
 * looked up once, however many of its packages the run releases.
 */
async function findApps(
  settings: Settings,
  client: AscClient,
  report: RunReport,
  packages: PackageRelease[],
): Promise<AppRelease[]> {
  return phase(report, packages.length > 1 ? 'Find the apps' : 'Find the app', async () => {
    const found = new Map<string, FoundApp>()
    const withApps: AppRelease[] = []
    for (const release of packages) {
      const query = { appId: settings.release.appId, bundleId: release.identity.bundleId || undefined }
      const key = `${query.appId ?? ''} ${query.bundleId ?? ''}`
      const app = found.get(key) ?? (await findApp(client, query))
      found.set(key, app)
      const of = release.pkg && packages.length > 1 ? ` for ${packageLabel(release.pkg, packages)}` : ''
      runLogger.info(`App${of}: "${app.name}" (${app.bundleId}), app_id ${app.id}`)
      withApps.push({ ...release, app })
    }
    return withApps
  })
}

/** What each step of one package's release is given: the settings, the client, the app, the package. */
function releaseContext(
  settings: Settings,
  client: AscClient,
  report: RunReport,
  { pkg, identity, app }: AppRelease,
): ReleaseContext {
  identity.bundleId = app.bundleId
  report.app = app
  report.identity = identity
  return { settings, client, app, identity, pkg, log: runLogger, clock: realClock }
}

/**
 * What the run writes that needs no processed build, right after the upload: TestFlight's Test Information
 * (the app's, before the TestFlight step submits for review), and, when the run does not submit to the App
 * Store (whose step writes them to the version it prepares), the screenshots and the store listing of the
 * version that is there.
 */
async function writeWhatNeedsNoBuild(ctx: ReleaseContext, report: RunReport): Promise<void> {
  const { settings } = ctx
  if (settings.testInformation) {
    const { writeTestInformation } = await import('./testflight/test-information.js')
    report.testInformation = await phase(report, 'Test Information', () => writeTestInformation(ctx))
  }
  if (settings.appStore.submit) return
  if (settings.media.screenshots ?? settings.media.previews) {
    const { syncMedia } = await import('./media/index.js')
    report.media = await phase(report, 'Screenshots', () => syncMedia(ctx))
  }
  if (wantsListing(settings)) {
    const { updateStoreListing } = await import('./listing/index.js')
    report.listing = await phase(report, 'Store listing', () => updateStoreListing(ctx))
  }
}

/** Checks every precondition read-only and records the plan; returns the checks that failed. */
async function dryRun(ctx: ReleaseContext, report: RunReport): Promise<PlanItem[]> {
  const plan = await phase(report, 'Plan (dry run)', async () => {
    const { planRelease } = await import('./plan.js')
    const items = await planRelease(ctx)
    for (const item of items) {
      const check = item.check ? ` [${item.check.ok ? 'ok' : 'FAILED'}: ${item.check.detail}]` : ''
      runLogger.info(`- ${item.step}: ${item.action}${check}`)
    }
    return items
  })
  const labelled = plan.map((item) => ({ ...item, ...report.packageLabel() }))
  report.plan.push(...labelled)
  return labelled.filter((item) => item.check && !item.check.ok)
}

/**
 * wait_for_beta_review and wait_for_app_review, after both submissions so the two reviews run at once;
 * each records the states it reads, so the outputs hold the last one even when the wait fails.
 */
async function waitForReviews(ctx: ReleaseContext, report: RunReport, buildId: string): Promise<void> {
  const { testflight, appStore } = report
  if (ctx.settings.testflight.waitForReviewMs > 0 && testflight?.betaReviewState !== undefined) {
    const { waitForBetaReview } = await import('./testflight/review-wait.js')
    await phase(report, 'Wait for Beta App Review', () =>
      waitForBetaReview(ctx, buildId, (state) => {
        testflight.betaReviewState = state
      }),
    )
  }
  if (ctx.settings.appStore.waitForReviewMs > 0 && appStore) {
    const { waitForAppReview } = await import('./appstore/review-wait.js')
    await phase(report, 'Wait for App Review', () =>
      waitForAppReview(ctx, appStore, ({ submissionState, versionState }) => {
        if (submissionState !== undefined) appStore.reviewSubmissionState = submissionState
        if (versionState !== undefined) appStore.appVersionState = versionState
      }),
    )
  }
}

function describe(ctx: ReleaseContext): string {
  return `${ctx.identity.version} (${ctx.identity.buildNumber}) for ${ctx.identity.platform}`
}
