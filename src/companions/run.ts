import { findApp, type FoundApp } from '../asc/apps.js'
import type { AscClient } from '../asc/client.js'
import { createClient } from '../connect.js'
import { CompanionReport, writeCompanionReport } from '../report/companion.js'
import { failRun, runLogger } from '../report/log.js'
import { realClock, type Clock } from '../shared/clock.js'
import type { Logger } from '../shared/log.js'
import type { CompanionSettings } from './settings.js'

/** What a companion's work gets: its settings, the client, the app, the log and the clock. */
export interface CompanionContext<S extends CompanionSettings> {
  settings: S
  client: AscClient
  app: FoundApp
  log: Logger
  clock: Clock
}

/**
 * The story of a companion run: read the inputs (a bad one fails before any request), create the client,
 * find the app, do the work, and always write the outputs and the job summary; a failure fails the step.
 */
export async function runCompanion<S extends CompanionSettings>(
  title: string,
  readSettings: () => S,
  work: (ctx: CompanionContext<S>, report: CompanionReport) => Promise<void>,
): Promise<void> {
  const report = new CompanionReport(title)
  let client: AscClient | undefined
  try {
    const settings = readSettings()
    report.dryRun = settings.dryRun
    client = createClient(settings.apiKey)
    const app = await findApp(client, { appId: settings.appId, bundleId: settings.bundleId })
    runLogger.info(`App: "${app.name}" (${app.bundleId}), app_id ${app.id}, platform ${settings.platform}`)
    report.app = app
    await work({ settings, client, app, log: runLogger, clock: realClock }, report)
  } catch (error) {
    await failRun(report.fail(error))
  } finally {
    await client?.close()
    await writeCompanionReport(report)
  }
}
