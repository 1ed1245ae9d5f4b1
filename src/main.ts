import * as core from '@actions/core'
import { basename } from 'node:path'
import { findApp } from './asc/apps.js'
import { findBuild } from './asc/builds.js'
import { AscClient, DEFAULT_BASE_URL } from './asc/client.js'
import { TokenProvider } from './asc/jwt.js'
import { resolveIdentity } from './identity.js'
import { readSettings } from './inputs.js'
import { readPackageMetadata } from './package/index.js'
import { planRelease } from './plan.js'
import { coreLogger, phase } from './report/log.js'
import { RunReport } from './report/model.js'
import { writeReport } from './report/summary.js'
import type { Settings } from './settings.js'
import { uploadWithApi } from './upload/api.js'

/** The action: read settings, read the package, find the app, then upload, wait, distribute and report. */
export async function run(): Promise<void> {
  const report = new RunReport()
  let client: AscClient | undefined
  try {
    const settings = await readSettings()
    report.dryRun = settings.dryRun

    const { packagePath } = settings.upload
    const pkg = packagePath
      ? await phase(report, 'Read the package', () => readPackageMetadata(packagePath))
      : undefined
    if (pkg) report.packageFile = { name: basename(pkg.path), sizeBytes: pkg.fileSize }
    const identity = resolveIdentity(settings.release, pkg)

    const tokens = new TokenProvider(settings.apiKey, { onNewToken: (token) => core.setSecret(token) })
    client = new AscClient({
      baseUrl: process.env.APP_STORE_CONNECT_API_BASE_URL || DEFAULT_BASE_URL,
      tokens,
      log: coreLogger,
    })
    const apiClient = client
    const app = await phase(report, 'Find the app', async () => {
      const found = await findApp(apiClient, {
        appId: settings.release.appId,
        bundleId: identity.bundleId || undefined,
      })
      core.info(`App: "${found.name}" (${found.bundleId}), app_id ${found.id}`)
      return found
    })
    identity.bundleId = app.bundleId
    report.app = app
    report.identity = identity
    report.setOutput('app_id', app.id)
    report.setOutput('bundle_id', app.bundleId)
    report.setOutput('app_version', identity.version)
    report.setOutput('build_number', identity.buildNumber)
    report.setOutput('platform', identity.platform)

    if (settings.dryRun) {
      const plan = await phase(report, 'Plan (dry run)', async () => {
        const items = await planRelease(apiClient, settings, identity, app, pkg)
        for (const item of items) {
          const check = item.check ? ` [${item.check.ok ? 'ok' : 'FAILED'}: ${item.check.detail}]` : ''
          core.info(`- ${item.step}: ${item.action}${check}`)
        }
        return items
      })
      report.plan.push(...plan)
      const failed = plan.filter((item) => item.check && !item.check.ok)
      if (failed.length > 0) {
        throw new Error(`Dry run: ${failed.map((i) => `${i.step}: ${i.check?.detail ?? ''}`).join('; ')}`)
      }
      return
    }

    const missing = notYetAvailable(settings)
    if (missing.length > 0) {
      throw new Error(
        `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not available in this version yet. ` +
          'Nothing was changed in App Store Connect.',
      )
    }

    if (settings.upload.method === 'api' && pkg) {
      const uploaded = await phase(report, 'Upload', () =>
        uploadWithApi(apiClient, {
          appId: app.id,
          identity,
          pkg,
          log: coreLogger,
          pollIntervalMs: settings.wait.pollIntervalMs,
          buildAppearTimeoutMs: settings.wait.buildAppearTimeoutMs,
        }),
      )
      report.upload = { method: 'api', ...uploaded }
      report.setOutput('build_upload_id', uploaded.buildUploadId)
      report.setOutput('build_id', uploaded.buildId)
    } else {
      const build = await phase(report, 'Find the build', () => findBuild(apiClient, app.id, identity))
      if (!build) {
        throw new Error(
          `No build ${identity.version} (${identity.buildNumber}) for ${identity.platform} in App Store Connect.`,
        )
      }
      report.setOutput('build_id', build.id)
      report.setOutput('processing_state', build.attributes?.processingState)
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    report.failure ??= { step: 'Settings', message }
    core.setFailed(message)
  } finally {
    await client?.close()
    await writeReport(report)
  }
}

/** Steps whose issues have not landed yet: refused up front, before anything changes. */
function notYetAvailable(settings: Settings): string[] {
  const { testflight: tf, appStore } = settings
  const steps: [string, boolean][] = [
    ['upload_method altool', settings.upload.method === 'altool'],
    ['wait_for_processing', settings.wait.forProcessing],
    [
      'TestFlight distribution',
      tf.groups.length > 0 || tf.submitForReview || tf.expirePreviousBuilds || tf.whatToTest.length > 0,
    ],
    ['uses_non_exempt_encryption', tf.usesNonExemptEncryption !== undefined],
    ['submit_to_app_store', appStore.submit],
  ]
  return steps.filter(([, wanted]) => wanted).map(([name]) => name)
}
