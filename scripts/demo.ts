/**
 * The demo: starts the App Store Connect simulator with a generated key and a sample app, then runs
 * dist/index.js and its post step exactly as GitHub does, and prints the outputs and the job summary.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateApiKey, seedSampleApp, startSimulator } from '../simulator/index.js'
import { writeIpa } from './make-package.js'
import { defaultNode, runAction } from './run-action.js'

const bundleId = 'com.example.demo'

const sim = await startSimulator({ scenario: { uploadProcessingMs: 500, buildProcessingMs: 1500 } })
const key = generateApiKey()
sim.addApiKey({ keyId: key.keyId, issuerId: key.issuerId, publicKey: key.publicKeyPem })
const app = seedSampleApp(sim.store, { bundleId, name: 'Demo App' })
// The app is already on the App Store in three languages, so its next version takes What's New in each:
// Apple gives the new version the released one's languages, and whats_new fills them all.
const released = sim.store.createAppStoreVersion({
  appId: app.id,
  versionString: '0.9.0',
  platform: 'IOS',
  appStoreState: 'READY_FOR_SALE',
})
for (const locale of ['de-DE', 'ja'])
  sim.store.insert(
    'appStoreVersionLocalizations',
    { locale },
    { appStoreVersion: { type: 'appStoreVersions', id: released.id } },
  )
// Its listing is complete in every language, as App Review required to release it (and requires again).
sim.store.fillListing(released.id)

const work = await mkdtemp(join(tmpdir(), 'asc-demo-'))
const keyPath = join(work, `AuthKey_${key.keyId}.p8`)
await writeFile(keyPath, key.privateKeyPem, { mode: 0o600 })
const ipaPath = join(work, 'DemoApp.ipa')
await writeIpa(ipaPath, { bundleId, version: '1.0.0', buildNumber: '1', padBytes: 24 * 1024 * 1024 })

const node = defaultNode()

console.log(`App Store Connect simulator at ${sim.url}; app "Demo App" (${bundleId}), app_id ${app.id}`)
console.log(`Running dist/index.js with Node 24 (${node})\n`)

/** The log as the runner shows it: commands consumed, groups as headings, %-escapes undone. */
const asShown = (log: string) =>
  log
    .split('\n')
    .filter(
      (line) => !line.startsWith('::add-mask::') && !line.startsWith('::debug::') && line !== '::endgroup::',
    )
    .map((line) =>
      line
        .replace(/^::group::/, '▶ ')
        .replace(/^::(error|warning|notice)[^:]*::/, (_, level: string) => `${level.toUpperCase()}: `),
    )
    .map((line) => line.replace(/%0A/g, '\n   ').replace(/%0D/g, '').replace(/%25/g, '%'))
    .join('\n')

/** Three days ahead, on the hour (Apple schedules releases by the hour). */
function releaseDate(): string {
  const date = new Date(Date.now() + 3 * 24 * 3600_000)
  date.setUTCMinutes(0, 0, 0)
  return date.toISOString().replace('.000Z', '+00:00')
}

const baseInputs = {
  api_key: keyPath,
  key_id: key.keyId,
  issuer_id: key.issuerId ?? '',
  ipa_path: join(work, '*.ipa'),
}
const testflight = {
  ...baseInputs,
  uses_non_exempt_encryption: 'false',
  beta_groups: 'Team, Public Beta',
  submit_to_testflight: 'true',
  release_notes: 'Try the new onboarding flow.',
  poll_interval: '0.5',
}
const steps: [string, Record<string, string>][] = [
  ['Dry run: the plan of a TestFlight release, checked read-only', { ...testflight, dry_run: 'true' }],
  ['TestFlight release: upload, wait for processing, groups, notes, Beta App Review', testflight],
  ['Rerun of the same release: it finds everything done and changes nothing', testflight],
  [
    "App Store submission of that build: scheduled release, phased, What's New in every language",
    {
      ...baseInputs,
      ipa_path: '',
      upload_method: 'none',
      bundle_id: bundleId,
      app_version: '1.0.0',
      build_number: '1',
      platform: 'ios',
      submit_to_app_store: 'true',
      release_type: 'SCHEDULED',
      earliest_release_date: releaseDate(),
      whats_new: 'A faster start and a new onboarding flow.',
      phased_release: 'true',
      copyright: `${new Date().getUTCFullYear()} Example Ltd`,
      poll_interval: '0.5',
    },
  ],
]
let exitCode: number | null = 0
for (const [title, inputs] of steps) {
  const requestsBefore = sim.requests.length
  const result = await runAction({ inputs, env: { APP_STORE_CONNECT_API_BASE_URL: sim.url }, node })
  console.log(`\n════════ ${title} ════════`)
  console.log('──── action log ────')
  console.log(asShown(result.log))
  console.log('──── post step ────')
  console.log(asShown(result.postLog) || '(nothing to clean up)')
  console.log('──── outputs ────')
  for (const [name, value] of Object.entries(result.outputs)) console.log(`${name}=${value}`)
  console.log('──── job summary ────')
  console.log(result.summary)
  console.log(
    `──── ${sim.requests.length - requestsBefore} requests reached the simulator; exit code ${result.exitCode} ────`,
  )
  exitCode = exitCode === 0 ? result.exitCode : exitCode
}

// Every request and answer of the demo must hold to Apple's spec, as in the tests.
if (sim.contractViolations.length > 0) {
  console.log(
    `\n──── the simulator saw requests or answers outside the spec ────\n${sim.contractViolations.join('\n')}`,
  )
  exitCode = 1
}
await sim.close()
await rm(work, { recursive: true, force: true })
process.exitCode = exitCode ?? 1
