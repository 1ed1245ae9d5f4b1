import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ActionRun } from '../scripts/run-action.js'
import { testflightHelpers } from './helpers/testflight.js'
import { secretLeaks, startWorld, visibleText, type World } from './helpers/world.js'

// TestFlight's Test Information from test_information_file, and What to Test from Xcode Cloud's
// TestFlight/WhatToTest.<locale>.txt files, through dist/index.js against the simulator. The app starts
// with no Test Information at all, as a new app does, so Beta App Review refuses its first external build.
let world: World
const runs: ActionRun[] = []
let nextBuild = 700

const FILE_PASSWORD = 'file-Pa55word-3x!'
const SECRET_PASSWORD = 'secret-Pa55word-9q?'
const DESCRIPTION = 'A demo app for trying things out.'

beforeAll(async () => {
  world = await startWorld({
    testInformation: false,
    scenario: { partSize: 1024 * 1024, uploadProcessingMs: 50, buildProcessingMs: 100 },
  })
})
afterAll(async () => {
  await world.close()
})

function seedBuild(version = '3.0.0') {
  const buildNumber = String(nextBuild++)
  const { id } = world.sim.store.createBuild({
    appId: world.appId,
    version,
    buildNumber,
    platform: 'IOS',
    processingState: 'VALID',
    usesNonExemptEncryption: false,
  })
  return { id, buildNumber }
}

const { release, writesSince, localesOf } = testflightHelpers(() => world, runs)
const reviewStateOf = (buildId: string) => {
  const build = world.sim.store.get('builds', buildId)
  return build && world.sim.store.related(build, 'betaAppReviewSubmission')[0]?.attributes['betaReviewState']
}
const reviewDetail = () => world.sim.store.list('betaAppReviewDetails')[0]?.attributes
const betaLocalizations = () =>
  world.sim.store
    .list('betaAppLocalizations')
    .map((l) => ({ ...l.attributes }))
    .sort((a, b) => a.locale.localeCompare(b.locale))
const testInformationWrites = (start: number) =>
  writesSince(start).filter((r) => /^\/v1\/beta(AppReviewDetails|AppLocalizations)/.test(r.path))

async function file(name: string, content: string): Promise<string> {
  const path = join(world.dir, name)
  await writeFile(path, content)
  return path
}

const YAML_FILE = `# TestFlight Test Information, as fastlane pilot takes it
beta_app_description: |
  A demo app for trying things out.
beta_app_feedback_email: beta@example.com
beta_app_review_info:
  contact_first_name: Ada
  contact_last_name: Lovelace
  contact_phone: "+1 408 555 0100"
  contact_email: review@example.com
  demo_account_required: true
  demo_account_name: demo@example.com
  demo_account_password: "${FILE_PASSWORD}"
  notes: Sign in with the demo account.
`

describe('Beta App Review of a first external build', () => {
  it('is refused without Test Information, with a hint that names test_information_file', async () => {
    const { id, buildNumber } = seedBuild()
    const result = await release(buildNumber, { submit_to_testflight: 'true' })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('Beta App Description is missing.')
    expect(result.log).toContain('Feedback Email is missing.')
    expect(result.log).toContain('Give them in a test_information_file')
    expect(reviewStateOf(id)).toBeUndefined()
  })

  it('is refused with a file that lacks part of it, naming the file', async () => {
    const { id, buildNumber } = seedBuild()
    const path = await file('description-only.json', JSON.stringify({ beta_app_description: DESCRIPTION }))
    const result = await release(buildNumber, { submit_to_testflight: 'true', test_information_file: path })
    expect(result.exitCode).toBe(1)
    expect(result.log).not.toContain('Beta App Description is missing.')
    expect(result.log).toContain('Feedback Email is missing.')
    expect(result.log).toContain(
      `Add what is missing to ${path} (beta_app_description, beta_app_feedback_email`,
    )
    expect(reviewStateOf(id)).toBeUndefined()
  })

  it('passes with a YAML test_information_file, the demo password from the secret input', async () => {
    const { id, buildNumber } = seedBuild()
    const path = await file('test-information.yml', YAML_FILE)
    const result = await release(buildNumber, {
      submit_to_testflight: 'true',
      test_information_file: path,
      demo_account_password: SECRET_PASSWORD,
    })
    expect(result.exitCode).toBe(0)
    expect(reviewStateOf(id)).toBe('WAITING_FOR_REVIEW')
    expect(betaLocalizations()).toEqual([
      {
        locale: 'en-US',
        description: 'A demo app for trying things out.',
        feedbackEmail: 'beta@example.com',
      },
    ])
    expect(reviewDetail()).toMatchObject({
      contactFirstName: 'Ada',
      contactLastName: 'Lovelace',
      contactPhone: '+1 408 555 0100',
      contactEmail: 'review@example.com',
      demoAccountRequired: true,
      demoAccountName: 'demo@example.com',
      // The input overrides the file.
      demoAccountPassword: SECRET_PASSWORD,
      notes: 'Sign in with the demo account.',
    })
    // Test Information is written before the TestFlight step submits the build.
    const steps = result.summary.indexOf('| Test Information | ✅')
    expect(steps).toBeGreaterThan(-1)
    expect(steps).toBeLessThan(result.summary.indexOf('| TestFlight | ✅'))
    expect(result.summary).toContain('### TestFlight Test Information')
    expect(result.summary).toContain('| Beta App Review | demo account password |  | \\(hidden\\) |')
    expect(result.log).toContain('Test Information: en-US: Feedback Email empty → "beta@example.com"')
  })

  it('changes nothing on a rerun', async () => {
    const path = join(world.dir, 'test-information.yml')
    const { buildNumber } = seedBuild('3.0.1')
    const first = await release(
      buildNumber,
      { submit_to_testflight: 'true', test_information_file: path, demo_account_password: SECRET_PASSWORD },
      '3.0.1',
    )
    expect(first.exitCode).toBe(0)
    const start = world.sim.requests.length
    const again = await release(
      buildNumber,
      { submit_to_testflight: 'true', test_information_file: path, demo_account_password: SECRET_PASSWORD },
      '3.0.1',
    )
    expect(again.exitCode).toBe(0)
    expect(writesSince(start)).toEqual([])
    expect(again.log).toContain('Test Information: already as in')
  })
})

describe('a JSON test_information_file in several languages', () => {
  const json = {
    localized_app_info: {
      'en-US': {
        marketing_url: 'https://example.com/beta',
        privacy_policy_url: 'https://example.com/privacy',
      },
      'de-DE': {
        description: 'Eine Demo-App.',
        feedback_email: 'beta@example.de',
      },
    },
    beta_app_review_info: { notes: 'Sign in with the demo account, then tap Start.' },
  }

  it('shows per field what would change in a dry run, and changes nothing', async () => {
    const path = await file('test-information.json', JSON.stringify(json, null, 2))
    const { buildNumber } = seedBuild()
    const start = world.sim.requests.length
    const result = await release(buildNumber, { test_information_file: path, dry_run: 'true' })
    expect(result.exitCode).toBe(0)
    expect(writesSince(start)).toEqual([])
    expect(result.log).toContain(
      '- Test Information: set en-US: Marketing URL empty → "https://example.com/beta"',
    )
    expect(result.log).toContain(
      '- Test Information: set de-DE: Beta App Description empty → "Eine Demo-App." (new localization)',
    )
    expect(result.log).toContain(
      '- Test Information: set Beta App Review: review notes "Sign in with the demo account." → "Sign in with the demo account, then tap…"',
    )
    expect(result.summary).toContain('Test Information')
  })

  it('creates the missing language and patches only the fields that differ, without waiting for processing', async () => {
    const path = join(world.dir, 'test-information.json')
    const { buildNumber } = seedBuild()
    const start = world.sim.requests.length
    const result = await release(buildNumber, { test_information_file: path })
    expect(result.exitCode).toBe(0)
    const writes = testInformationWrites(start).map(
      (r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, '{id}')}`,
    )
    // One PATCH of en-US's two fields, one POST creating de-DE with both of its fields.
    expect(writes.sort()).toEqual([
      'PATCH /v1/betaAppLocalizations/{id}',
      'PATCH /v1/betaAppReviewDetails/{id}',
      'POST /v1/betaAppLocalizations',
    ])
    const reads = world.sim.requests
      .slice(start)
      .filter((r) => r.method === 'GET' && /\/betaAppLocalizations$/.test(r.path))
    expect(reads).toHaveLength(2) // the plan's read, and the upsert's
    expect(betaLocalizations()).toEqual([
      { locale: 'de-DE', description: 'Eine Demo-App.', feedbackEmail: 'beta@example.de' },
      {
        locale: 'en-US',
        description: 'A demo app for trying things out.',
        feedbackEmail: 'beta@example.com',
        marketingUrl: 'https://example.com/beta',
        privacyPolicyUrl: 'https://example.com/privacy',
      },
    ])
    // Fields the file leaves out are left as they are.
    expect(reviewDetail()).toMatchObject({ contactFirstName: 'Ada', demoAccountPassword: SECRET_PASSWORD })
    expect(result.summary).toContain('| de-DE (new) | Beta App Description |  | Eine Demo-App. |')

    const dry = await release(buildNumber, { test_information_file: path, dry_run: 'true' })
    expect(dry.log).toContain(`- Test Information: nothing to change: already as in ${path}`)
  })
})

describe('a bad test_information_file', () => {
  const cases: [string, string, string][] = [
    [
      'bad.json',
      JSON.stringify({ localized_app_info: { 'en-US': { feedback_email: 'not-an-address' } } }),
      "localized_app_info.en-US.feedback_email: must be an e-mail address such as beta@example.com (got 'not-an-address')",
    ],
    [
      'bad-url.yaml',
      'localized_app_info:\n  en-US:\n    marketing_url: example.com\n',
      'localized_app_info.en-US.marketing_url: must be an http(s) URL',
    ],
    [
      'no-password.yml',
      'beta_app_review_info:\n  demo_account_required: true\n  demo_account_name: demo\n',
      'beta_app_review_info.demo_account_required is true: give demo_account_name and demo_account_password',
    ],
    [
      'typo.yml',
      'beta_app_desciption: Hi\n',
      "unknown key 'beta_app_desciption'; accepted: beta_app_description",
    ],
  ]
  it.each(cases)('%s fails before any request, naming the file and the key', async (name, content, words) => {
    const path = await file(name, content)
    const start = world.sim.requests.length
    const result = await release('1', { test_information_file: path })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain(`'test_information_file' '${path}'`)
    expect(result.log).toContain(words)
    expect(world.sim.requests.length).toBe(start)
  })
})

describe("Xcode Cloud's TestFlight/WhatToTest.<locale>.txt", () => {
  let workspace: string
  beforeAll(async () => {
    workspace = await mkdtemp(join(world.dir, 'workspace-'))
    await mkdir(join(workspace, 'TestFlight'))
    await writeFile(join(workspace, 'TestFlight', 'WhatToTest.en-US.txt'), 'Try the new login.\n')
    await writeFile(join(workspace, 'TestFlight', 'WhatToTest.de-DE.txt'), 'Probiere die neue Anmeldung.\n')
  })

  it('set What to Test in each language when no release_notes are given, and a rerun changes nothing', async () => {
    const { id, buildNumber } = seedBuild()
    const result = await runIn(workspace, buildNumber, {})
    expect(result.exitCode).toBe(0)
    expect(result.log).toContain("What to Test: from Xcode Cloud's TestFlight/WhatToTest.<locale>.txt files")
    expect(localesOf(id)).toEqual([
      ['de-DE', 'Probiere die neue Anmeldung.'],
      ['en-US', 'Try the new login.'],
    ])
    const start = world.sim.requests.length
    expect((await runIn(workspace, buildNumber, {})).exitCode).toBe(0)
    expect(writesSince(start)).toEqual([])
    const dry = await runIn(workspace, buildNumber, { dry_run: 'true' })
    expect(dry.log).toContain(
      "- What to Test: set the notes for de-DE, en-US from Xcode Cloud's TestFlight/WhatToTest.<locale>.txt",
    )
  })

  it('give way to release_notes', async () => {
    const { id, buildNumber } = seedBuild()
    const result = await runIn(workspace, buildNumber, { release_notes: 'Only this.' })
    expect(result.exitCode).toBe(0)
    expect(result.log).not.toContain('Xcode Cloud')
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(localesOf(id)).toEqual([['en-US', 'Only this.']])
  })

  it('fail before any request when a file name is not a locale', async () => {
    const bad = await mkdtemp(join(world.dir, 'workspace-'))
    await mkdir(join(bad, 'TestFlight'))
    await writeFile(join(bad, 'TestFlight', 'WhatToTest.english.txt'), 'Hi\n')
    const start = world.sim.requests.length
    const result = await runIn(bad, '1', {})
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain("TestFlight/WhatToTest.english.txt: 'english' is not a locale")
    expect(world.sim.requests.length).toBe(start)
  })

  async function runIn(cwd: string, buildNumber: string, inputs: Record<string, string>) {
    const { runAction } = await import('../scripts/run-action.js')
    const w = world
    const result = await runAction({
      inputs: {
        ...w.inputs,
        upload_method: 'none',
        ipa_path: '',
        bundle_id: 'com.example.demo',
        app_version: '3.0.0',
        build_number: buildNumber,
        platform: 'ios',
        poll_interval: '0.1',
        ...inputs,
      },
      env: w.env,
      cwd,
    })
    runs.push(result)
    return result
  }
})

describe('every run', () => {
  it('never shows a demo account password, the key or a token', () => {
    expect(runs.length).toBeGreaterThan(5)
    for (const result of runs) {
      const shown = visibleText(result)
      expect(shown).not.toContain(FILE_PASSWORD)
      expect(shown).not.toContain(SECRET_PASSWORD)
      expect(secretLeaks(shown, world.key.privateKeyPem)).toEqual([])
    }
  })

  it('the simulator saw nothing outside Apple’s contract', () => {
    expect(world.sim.contractViolations).toEqual([])
  })
})
