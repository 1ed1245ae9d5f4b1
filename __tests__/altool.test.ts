import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeIpa } from '../scripts/make-package.js'
import { runAction, type ActionRun } from '../scripts/run-action.js'
import { AscClient } from '../src/asc/client.js'
import { parseApiKey } from '../src/asc/key.js'
import { TokenProvider } from '../src/asc/jwt.js'
import type { Clock } from '../src/shared/clock.js'
import type { ReleaseContext } from '../src/context.js'
import type { Logger } from '../src/shared/log.js'
import { readPackageMetadata } from '../src/package/index.js'
import type { Settings } from '../src/settings/settings.js'
import { runXcrun, type XcrunRunner } from '../src/upload/altool-command.js'
import { uploadWithAltool } from '../src/upload/altool.js'
import { BUNDLE_ID, secretLeaks, startWorld, visibleText, type World } from './helpers/world.js'

// upload_method altool, driven through dist/ as GitHub runs it, with a fake xcrun first on PATH that
// records what altool would have received and replays recorded outputs of Xcode 15.4, 16.4 and 26.0.
const FAKE_XCRUN_DIR = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/altool')
const PASSWORD = 'abcd-efgh-ijkl-mnop'
const APPLE_ID = 'release@example.com'
const DUPLICATE_HINT =
  'This build number is already used for this version: increase CFBundleVersion (build_number) and rebuild.'

/** What the fake altool recorded about one run of it. */
interface AltoolRecord {
  argv: string[]
  keysDir: string | null
  keysDirMode: string | null
  files: { name: string; mode: string }[]
  keyMatches: boolean | null
  passwordVar: string | null
  passwordMatches: boolean | null
  inputVariables: string[]
}

interface AltoolRun {
  run: ActionRun
  /** One entry per time altool ran. */
  altool: AltoolRecord[]
  /** What RUNNER_TEMP held once main and post had ended. */
  leftInRunnerTemp: string[]
}

let world: World
const runs: { run: ActionRun; pem: string }[] = []
let counter = 0

beforeAll(async () => {
  world = await startWorld()
})
afterAll(async () => {
  await world.close()
})

async function runAltool(
  options: {
    scenarios?: string[]
    inputs?: Record<string, string>
    env?: Record<string, string>
    /** Sends main this signal once altool runs: SIGKILL as a crashed runner, SIGINT/SIGTERM as a cancel. */
    stopWhenAltoolStarts?: NodeJS.Signals
    runPost?: boolean
    in?: World
  } = {},
): Promise<AltoolRun> {
  const w = options.in ?? world
  const n = ++counter
  const record = join(w.dir, `altool-${n}.json`)
  // Our own RUNNER_TEMP, so what is left in it can be read after the run.
  const runnerTemp = await mkdtemp(join(w.dir, `runner-temp-${n}-`))
  const run = await runAction({
    inputs: { ...w.inputs, upload_method: 'altool', wait_for_processing: 'false', ...options.inputs },
    env: {
      ...w.env,
      RUNNER_OS: 'macOS',
      RUNNER_TEMP: runnerTemp,
      PATH: `${FAKE_XCRUN_DIR}:${process.env.PATH ?? ''}`,
      FAKE_XCRUN_NODE: process.execPath,
      FAKE_ALTOOL_SCENARIOS: (options.scenarios ?? ['xcode26-success']).join(','),
      FAKE_ALTOOL_RECORD: record,
      FAKE_ALTOOL_EXPECTED_KEY: w.keyPath,
      FAKE_ALTOOL_EXPECTED_PASSWORD: PASSWORD,
      ...options.env,
    },
    runPost: options.runPost,
    killWhen: options.stopWhenAltoolStarts ? () => existsSync(record) : undefined,
    killSignal: options.stopWhenAltoolStarts,
  })
  runs.push({ run, pem: w.key.privateKeyPem })
  const altool = existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')) as AltoolRecord[]) : []
  return { run, altool, leftInRunnerTemp: await readdir(runnerTemp) }
}

/** The message main failed with (core.setFailed writes `::error::`, with newlines escaped). */
const errorOf = (run: ActionRun) =>
  (/^::error::(.*)$/m.exec(run.log)?.[1] ?? '').replace(/%0A/g, '\n').replace(/%0D/g, '\r')

const teamKeyArgs = () => [
  'altool',
  '--upload-app',
  '-f',
  world.ipaPath,
  '-t',
  'ios',
  '--apiKey',
  world.key.keyId,
  '--apiIssuer',
  world.key.issuerId ?? '',
  '--apple-id',
  world.appId,
  '--output-format',
  'json',
]

/** altool found the team key where API_PRIVATE_KEYS_DIR points: one file, the key, private to the user. */
function expectTeamKeyFile(record: AltoolRecord | undefined, runnerTemp: string) {
  expect(record?.keysDir?.startsWith(`${runnerTemp}/`)).toBe(true)
  expect(record?.keysDirMode).toBe('700')
  expect(record?.files).toEqual([{ name: `AuthKey_${world.key.keyId}.p8`, mode: '600' }])
  expect(record?.keyMatches).toBe(true)
  expect(record?.passwordVar).toBeNull()
  expect(record?.inputVariables).toEqual([])
}

describe('upload_method altool', () => {
  it.each([
    ['xcode15-success', '8d3e6c1a-52b4-4f6e-9a0c-2f1d7b5e9c41'],
    ['xcode16-success', '4b0f2d7e-1c9a-4e3b-8f65-0a7d2c9e1b53'],
    ['xcode26-success', '3d0e58d4-7b21-4c8a-9e3f-5a6b1c2d4e70'],
  ])(
    '%s: runs altool with the key in a private directory and reports the delivery UUID',
    async (scenario, uuid) => {
      // Without the post step: the key must already be gone when main ends.
      const { run, altool, leftInRunnerTemp } = await runAltool({ scenarios: [scenario], runPost: false })
      expect(run.exitCode).toBe(0)
      expect(altool).toHaveLength(1)
      expect(altool[0]?.argv).toEqual(teamKeyArgs())
      expectTeamKeyFile(altool[0], altool[0]?.keysDir?.replace(/\/[^/]+$/, '') ?? '')
      expect(leftInRunnerTemp).toEqual([])

      // altool's own lines stream into the Upload group.
      const group = run.log.slice(run.log.indexOf('::group::Upload'))
      expect(group).toMatch(/Running xcrun altool --upload-app -f \S+Demo\.ipa -t ios --apiKey/)
      expect(group).toContain(`Delivery UUID: ${uuid}`)
      expect(group).toMatch(
        new RegExp(`altool uploaded Demo\\.ipa in [\\d.]+ m?s \\(delivery UUID ${uuid}\\)`),
      )
      expect(run.summary).toMatch(/Sent \d+ bytes through xcrun altool in [\d.]+ m?s/)
      expect(run.summary).toContain(`- Delivery UUID: ${uuid}`)
      expect(run.summary).toMatch(/^## App Store Connect release ✅ done\n/)
      expect(run.outputs).toMatchObject({ app_id: world.appId, build_number: '1', platform: 'ios' })
    },
  )

  it('succeeds despite Xcode 26 ERROR: lines beside UPLOAD SUCCEEDED', async () => {
    const { run, altool, leftInRunnerTemp } = await runAltool({ scenarios: ['xcode26-success-with-errors'] })
    expect(run.exitCode).toBe(0)
    expect(altool).toHaveLength(1)
    expect(run.log).toContain('which did not stop the upload')
    expect(run.log).toContain('  - GET UPLOAD STATE (ASSET_DESCRIPTION): received status code 500')
    expect(run.log).not.toMatch(/^::(error|warning)::/m)
    expect(run.summary).toContain('- Delivery UUID: 9f1b7c3e-2a4d-4e5f-8a6b-7c8d9e0f1a2b')
    // Main wrote the summary, so the post step added none.
    expect(run.summary.match(/^## /gm)).toHaveLength(1)
    expect(run.postLog).not.toContain('without a summary')
    expect(leftInRunnerTemp).toEqual([])
  })

  it('shows lines of altool that look like workflow commands without running them', async () => {
    const { run } = await runAltool({ scenarios: ['xcode26-success-command-lines'] })
    expect(run.exitCode).toBe(0)
    expect(run.log).toContain(
      "[altool] ::error::a line in the tool's output that looks like a workflow command",
    )
    // The runner reads a legacy ##[ command anywhere in a line: report/untrusted.ts breaks it up too.
    expect(run.log).toContain('[altool] #\u200b#[set-output name=injected;]value')
    expect(run.log).not.toMatch(/^::error::a line/m)
    expect(run.outputs['injected']).toBeUndefined()
  })

  it.each([
    ['xcode15-duplicate', '1'],
    ['xcode16-duplicate', '1'],
    ['xcode26-duplicate-exit0', '0'],
  ])(
    '%s: fails on the duplicate build number (altool exit %s), once, with the reason and hint',
    async (scenario) => {
      const { run, altool, leftInRunnerTemp } = await runAltool({ scenarios: [scenario] })
      expect(run.exitCode).toBe(1)
      expect(altool).toHaveLength(1)
      expect(errorOf(run)).toBe(
        [
          'xcrun altool did not upload Demo.ipa:',
          '  - -19232: The provided entity includes an attribute with a value that has already been used — ' +
            'The bundle version must be higher than the previously uploaded version: ‘1’. (ID: 5c1f0e2a-8b3d-4a6e-9f70-1d2c3b4a5e6f)',
          DUPLICATE_HINT,
        ].join('\n'),
      )
      expect(run.log).not.toContain('retrying')
      expect(run.summary).toContain('What failed')
      expect(leftInRunnerTemp).toEqual([])
    },
  )

  it('does not retry a key altool cannot use (-26000), read from its ERROR: line', async () => {
    const { run, altool, leftInRunnerTemp } = await runAltool({ scenarios: ['xcode26-auth-26000'] })
    expect(run.exitCode).toBe(1)
    expect(altool).toHaveLength(1)
    expect(errorOf(run)).toMatch(
      /^xcrun altool did not upload Demo\.ipa:\n {2}- -26000: Unable to upload archive\. Failed to authenticate with errors: .*Failed to load AuthKey file/,
    )
    expect(leftInRunnerTemp).toEqual([])
  })

  it.each(['SIGKILL', 'SIGTERM', 'SIGINT'] as const)(
    'after %s to main mid-upload, the post step removes the key and writes the summary of what was done',
    async (signal) => {
      const { run, altool, leftInRunnerTemp } = await runAltool({
        scenarios: ['hang'],
        stopWhenAltoolStarts: signal,
      })
      expect(run.exitCode).toBeNull()
      expect(altool).toHaveLength(1)
      expect(altool[0]?.files).toHaveLength(1) // the key was there while altool ran
      expect(run.postExitCode).toBe(0)
      expect(run.postLog).toContain(`Removed ${altool[0]?.keysDir ?? '?'}`)
      expect(leftInRunnerTemp).toEqual([])

      // Main never got to its summary; the post step wrote it from what main had recorded.
      expect(run.postLog).toContain('The main step ended during "Upload" without a summary')
      expect(run.summary.match(/^## /gm)).toHaveLength(1)
      expect(run.summary).toMatch(/^## App Store Connect release ⏹ stopped before it finished\n/)
      expect(run.summary).toContain(
        '### Where it stopped\n\nThe run was cancelled or ended during **Upload**',
      )
      expect(run.summary).toContain(
        `| App | [Demo](https://appstoreconnect.apple.com/apps/${world.appId}) (com.example.demo) |`,
      )
      expect(run.summary).toContain('| Version | 1.0.0 (1) |')
      expect(run.summary).toMatch(/\| Package \| Demo\.ipa, \d+ bytes \|/)
      expect(run.summary).toMatch(
        /\| Check for altool \| ✅ \| [\d.]+ m?s \|\n\| Read the package \| ✅ \|.*\n\| Find the app \| ✅ \|.*\n\| Check before upload \| ✅ \|.*\n\| Upload \| ⏹ stopped \| \|\n/,
      )
      expect(run.summary).not.toContain('What failed')
    },
  )

  it('logs in with an Apple ID: the password only in altool’s environment, never on its command line', async () => {
    const inputs = { apple_id: APPLE_ID, app_specific_password: PASSWORD }
    const { run, altool, leftInRunnerTemp } = await runAltool({ scenarios: ['xcode16-success'], inputs })
    expect(run.exitCode).toBe(0)
    expect(altool[0]?.argv).toEqual([
      ...teamKeyArgs().slice(0, 6),
      '-u',
      APPLE_ID,
      '-p',
      '@env:ASC_RELEASE_ALTOOL_PASSWORD',
      '--apple-id',
      world.appId,
      '--output-format',
      'json',
    ])
    expect(altool[0]?.passwordVar).toBe('ASC_RELEASE_ALTOOL_PASSWORD')
    expect(altool[0]?.passwordMatches).toBe(true)
    expect(altool[0]?.keysDir).toBeNull() // no key file is written for an Apple ID login
    expect(altool[0]?.inputVariables).toEqual([])
    expect(leftInRunnerTemp).toEqual([])
  })

  it('shows no password even when altool dumps its environment', async () => {
    const inputs = { apple_id: APPLE_ID, app_specific_password: PASSWORD }
    const { run } = await runAltool({ scenarios: ['xcode16-env-dump'], inputs })
    expect(run.exitCode).toBe(1)
    expect(run.log).toContain('ENV: { API_PRIVATE_KEYS_DIR = ""; ASC_RELEASE_ALTOOL_PASSWORD = "***"; }')
    expect(errorOf(run)).toContain('-22014: Unable to validate your application.')
  })

  it('uploads with an individual key: ApiKey_<id>.p8 and --api-key-subject user, no issuer', async () => {
    const individual = await startWorld({ individualKey: true })
    try {
      const { run, altool, leftInRunnerTemp } = await runAltool({ in: individual })
      expect(run.exitCode).toBe(0)
      const record = altool[0]
      expect(record?.argv).toEqual([
        'altool',
        '--upload-app',
        '-f',
        individual.ipaPath,
        '-t',
        'ios',
        '--apiKey',
        individual.key.keyId,
        '--api-key-subject',
        'user',
        '--apple-id',
        individual.appId,
        '--output-format',
        'json',
      ])
      expect(record?.files).toEqual([{ name: `ApiKey_${individual.key.keyId}.p8`, mode: '600' }])
      expect(record?.keyMatches).toBe(true)
      expect(leftInRunnerTemp).toEqual([])
    } finally {
      await individual.close()
    }
  })

  it('does not run altool when the build is already in App Store Connect', async () => {
    const ipaPath = join(world.dir, 'Demo-77.ipa')
    await writeIpa(ipaPath, { bundleId: BUNDLE_ID, version: '1.0.0', buildNumber: '77' })
    const build = world.sim.store.createBuild({
      appId: world.appId,
      version: '1.0.0',
      buildNumber: '77',
      platform: 'IOS',
    })
    const { run, altool, leftInRunnerTemp } = await runAltool({ inputs: { ipa_path: ipaPath } })
    expect(run.exitCode).toBe(0)
    expect(altool).toEqual([])
    expect(run.outputs.build_id).toBe(build.id)
    expect(run.log).toContain('is already in App Store Connect (processing state VALID): nothing to upload.')
    expect(run.summary).toContain('nothing was sent again')
    expect(leftInRunnerTemp).toEqual([])
  })

  it.each([
    ['a Linux runner', { RUNNER_OS: 'Linux' }, /needs a macOS runner with Xcode, but this runner is Linux/],
    [
      'xcrun without altool',
      { FAKE_ALTOOL_MISSING: '1' },
      /'xcrun --find altool' failed: xcrun: error: unable to find utility "altool"/,
    ],
    [
      'no xcrun at all',
      { PATH: process.env.PATH ?? '' },
      /needs xcrun \(Xcode\), but it could not be run: spawn xcrun ENOENT/,
    ],
  ])('fails on %s before any request, suggesting upload_method api', async (_name, env, message) => {
    const before = world.sim.requests.length
    const { run, altool } = await runAltool({ env })
    expect(run.exitCode).toBe(1)
    expect(world.sim.requests.length).toBe(before)
    expect(altool).toEqual([])
    expect(errorOf(run)).toMatch(message)
    expect(errorOf(run)).toContain('Use upload_method: api instead, which uploads from any runner.')
  })

  it('never shows the key, a token or the app-specific password', () => {
    expect(runs.length).toBeGreaterThan(15)
    for (const { run, pem } of runs) {
      const text = visibleText(run)
      expect(secretLeaks(text, pem)).toEqual([])
      expect(text).not.toContain(PASSWORD)
    }
  })

  it('the simulator saw nothing outside Apple’s contract', () => {
    expect(world.sim.contractViolations).toEqual([])
  })
})

// Retries wait 15 s and more between attempts (real time would make each test a minute), so these run
// uploadWithAltool in process: the real runner on the same fake xcrun, the waits on a fake clock.
describe('upload_method altool, retries (in process)', () => {
  interface InProcessRun {
    result?: Awaited<ReturnType<typeof uploadWithAltool>>
    error?: string
    altool: AltoolRecord[]
    /** What the run waited between attempts, in ms. */
    waits: number[]
    log: string[]
  }
  const inProcessRuns: InProcessRun[] = []

  async function uploadInProcess(scenarios: string[]): Promise<InProcessRun> {
    const record = join(world.dir, `altool-in-process-${++counter}.json`)
    const xcrun: XcrunRunner = (args, options = {}) =>
      runXcrun(args, {
        ...options,
        env: {
          ...options.env,
          PATH: `${FAKE_XCRUN_DIR}:${process.env.PATH ?? ''}`,
          FAKE_XCRUN_NODE: process.execPath,
          FAKE_ALTOOL_SCENARIOS: scenarios.join(','),
          FAKE_ALTOOL_RECORD: record,
          FAKE_ALTOOL_EXPECTED_KEY: world.keyPath,
        },
      })
    const waits: number[] = []
    let now = 0
    const clock: Clock = {
      now: () => now,
      sleep: (ms) => {
        waits.push(ms)
        now += ms
        return Promise.resolve()
      },
    }
    const lines: string[] = []
    const log: Logger = {
      debug: (m) => lines.push(m),
      info: (m) => lines.push(m),
      notice: (m) => lines.push(m),
      warning: (m) => lines.push(`warning: ${m}`),
    }
    const apiKey = {
      keyId: world.key.keyId,
      issuerId: world.key.issuerId,
      ...parseApiKey(world.key.privateKeyPem, () => undefined),
    }
    const client = new AscClient({ baseUrl: world.sim.url, tokens: new TokenProvider(apiKey) })
    const ctx: ReleaseContext = {
      settings: { apiKey, upload: { method: 'altool', packagePath: world.ipaPath } } as Settings,
      client,
      app: { id: world.appId, name: 'Demo', bundleId: BUNDLE_ID },
      identity: { bundleId: BUNDLE_ID, version: '1.0.0', buildNumber: '1', platform: 'ios' },
      log,
      clock,
    }
    const run: InProcessRun = { altool: [], waits, log: lines }
    try {
      run.result = await uploadWithAltool(ctx, await readPackageMetadata(world.ipaPath), xcrun)
    } catch (error) {
      run.error = error instanceof Error ? error.message : String(error)
    } finally {
      await client.close()
    }
    run.altool = existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')) as AltoolRecord[]) : []
    inProcessRuns.push(run)
    return run
  }

  /** Backoff with jitter from 15 s, doubling: each wait between half and all of its ceiling. */
  function expectBackoff(waits: number[]) {
    waits.forEach((wait, i) => {
      const ceiling = 15_000 * 2 ** i
      expect(wait).toBeGreaterThanOrEqual(ceiling / 2)
      expect(wait).toBeLessThanOrEqual(ceiling)
    })
  }

  it('retries a part failure (504) that Xcode 26 reports with exit 0, then succeeds', async () => {
    const run = await uploadInProcess(['xcode26-part-504-exit0', 'xcode26-success'])
    expect(run.error).toBeUndefined()
    expect(run.result?.deliveryUuid).toBe('3d0e58d4-7b21-4c8a-9e3f-5a6b1c2d4e70')
    expect(run.altool).toHaveLength(2)
    expect(run.altool[1]?.argv).toEqual(teamKeyArgs())
    expect(run.altool[1]?.keysDir).toBe(run.altool[0]?.keysDir)
    expect(run.waits).toHaveLength(1)
    expectBackoff(run.waits)
    expect(run.log).toContainEqual(
      expect.stringMatching(
        /^warning: altool failed in a way that is often temporary \(504: Failed to upload part number 8\.\); retrying in [\d.]+ s \(attempt 2 of 3\)\.$/,
      ),
    )
    expect(existsSync(run.altool[0]?.keysDir ?? '')).toBe(false)
  })

  it('gives up after 3 attempts when authentication keeps failing (-19209)', async () => {
    const run = await uploadInProcess(['xcode16-auth-19209'])
    expect(run.altool).toHaveLength(3)
    expect(run.waits).toHaveLength(2)
    expectBackoff(run.waits)
    expect(run.error).toBe(
      [
        'xcrun altool did not upload Demo.ipa (after 3 attempts):',
        '  - -19209: Unable to authenticate. — The App Store Connect API did not accept the token. Please try your request again later.',
      ].join('\n'),
    )
    expect(existsSync(run.altool[0]?.keysDir ?? '')).toBe(false)
  })

  it('retries after altool crashes, then succeeds', async () => {
    const run = await uploadInProcess(['crash', 'xcode16-success'])
    expect(run.error).toBeUndefined()
    expect(run.altool).toHaveLength(2)
    expect(run.log).toContain('altool was killed by SIGSEGV.')
    expect(run.log).toContainEqual(
      expect.stringMatching(/killed by SIGSEGV\) before reporting a result\); retrying in/),
    )
    expect(run.result?.deliveryUuid).toBe('4b0f2d7e-1c9a-4e3b-8f65-0a7d2c9e1b53')
    expectBackoff(run.waits)
  })

  it('fails after 3 attempts when altool keeps crashing', async () => {
    const run = await uploadInProcess(['crash'])
    expect(run.altool).toHaveLength(3)
    expect(run.waits).toHaveLength(2)
    expect(run.error).toBe(
      'xcrun altool did not upload Demo.ipa (after 3 attempts):\n' +
        '  - altool stopped abnormally (killed by SIGSEGV) before reporting a result',
    )
  })

  it('never shows the key or a token in what it logs', () => {
    expect(inProcessRuns).toHaveLength(4)
    for (const run of inProcessRuns) {
      expect(secretLeaks([...run.log, run.error ?? ''].join('\n'), world.key.privateKeyPem)).toEqual([])
    }
  })
})
