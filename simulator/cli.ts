// Starts the App Store Connect simulator on a port, seeds one app with two beta groups and writes
// credentials for it. Usage:
//   npx tsx simulator/cli.ts --port 4010 --bundle-id com.example.demo --credentials-out creds.json \
//     [--platform IOS] [--build-processing-ms N] [--upload-processing-ms N] [--host 127.0.0.1]
//     [--storage-counts-only]   (benchmarks: parts are counted, not stored)
//     [--build VERSION:BUILD ...] (a build of the app another job uploaded, still processing, on --platform)
//     [--app-review approved|rejected] [--app-review-after-ms N]   (App Review decides on each submission)
import { chmodSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { generateApiKey, seedSampleApp, startSimulator, type Scenario } from './index.js'
import type { Platform } from './store.js'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'bundle-id': { type: 'string', default: 'com.example.demo' },
      'credentials-out': { type: 'string' },
      platform: { type: 'string', default: 'IOS' },
      'build-processing-ms': { type: 'string' },
      'upload-processing-ms': { type: 'string' },
      'storage-counts-only': { type: 'boolean', default: false },
      build: { type: 'string', multiple: true, default: [] },
      'app-review': { type: 'string' },
      'app-review-after-ms': { type: 'string', default: '1000' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(
      'Usage: tsx simulator/cli.ts --port 4010 --bundle-id com.example.demo --credentials-out creds.json ' +
        '[--platform IOS] [--build-processing-ms N] [--upload-processing-ms N] [--storage-counts-only] ' +
        '[--build VERSION:BUILD ...] ' +
        '[--app-review approved|rejected] [--app-review-after-ms N]\n',
    )
    return
  }
  const scenario: Partial<Scenario> = {}
  if (values['build-processing-ms'] !== undefined)
    scenario.buildProcessingMs = toInt(values['build-processing-ms'])
  if (values['upload-processing-ms'] !== undefined)
    scenario.uploadProcessingMs = toInt(values['upload-processing-ms'])
  if (values['storage-counts-only']) scenario.storageCountsOnly = true
  const verdict = values['app-review']
  if (verdict !== undefined) {
    if (verdict !== 'approved' && verdict !== 'rejected')
      throw new Error(`--app-review must be approved or rejected, not ${verdict}`)
    scenario.appReviewVerdict = { verdict, afterMs: toInt(values['app-review-after-ms']) }
  }
  const platform = values.platform
  if (!['IOS', 'MAC_OS', 'TV_OS', 'VISION_OS'].includes(platform))
    throw new Error(`unknown --platform ${platform}`)

  const sim = await startSimulator({ port: toInt(values.port), host: values.host, scenario })
  const key = generateApiKey()
  sim.addApiKey({ keyId: key.keyId, issuerId: key.issuerId, publicKey: key.publicKeyPem })
  const bundleId = values['bundle-id']
  const app = seedSampleApp(sim.store, { bundleId })
  for (const build of values.build) {
    const [version, buildNumber] = build.split(':')
    if (!version || !buildNumber) throw new Error(`--build takes VERSION:BUILD, got ${build}`)
    sim.store.createBuild({
      appId: app.id,
      version,
      buildNumber,
      platform: platform as Platform,
      processingState: 'PROCESSING',
    })
  }

  const credentials = {
    baseUrl: sim.url,
    keyId: key.keyId,
    issuerId: key.issuerId,
    privateKey: key.privateKeyPem,
    appId: app.id,
    bundleId,
    platform,
  }
  if (values['credentials-out']) {
    writeFileSync(values['credentials-out'], JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 })
    chmodSync(values['credentials-out'], 0o600)
  }
  process.stdout.write(`${sim.url}\n`)

  const stop = (): void => {
    sim
      .close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

function toInt(text: string): number {
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a non-negative integer: ${text}`)
  return n
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
