import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createPrivateKey, generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { quietPlainLog } from './helpers/quiet-log.js'

jest.unstable_mockModule('../src/report/plain-log.js', () => quietPlainLog())
const { readSettings, INPUT_NAMES } = await import('../src/settings/inputs.js')
const { planWhatsNew } = await import('../src/appstore/whats-new.js')
const {
  reviewRefusal,
  inProgressSubmissionId,
  alreadyAddedSubmissionId,
  isNotReadyYet,
  isReleaseTypeLocked,
} = await import('../src/appstore/errors.js')
const { AscApiError } = await import('../src/asc/errors.js')
const { AscClient } = await import('../src/asc/client.js')
const { TokenProvider } = await import('../src/asc/jwt.js')
const { realClock } = await import('../src/shared/clock.js')
const { submitForReview } = await import('../src/appstore/submission.js')
const { generateApiKey, startSimulator } = await import('../simulator/index.js')
type Simulator = Awaited<ReturnType<typeof startSimulator>>

const dir = mkdtempSync(join(tmpdir(), 'appstore-rules-'))
const pem = String(
  generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
)
beforeAll(() => writeFileSync(join(dir, 'App.ipa'), 'x'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

async function settingsWith(inputs: Record<string, string>) {
  const base = Object.fromEntries(INPUT_NAMES.map((n) => [n, '']))
  return readSettings(
    { ...base, api_key: pem, key_id: 'ABC123DEFG', ipa_path: join(dir, 'App.ipa'), ...inputs } as Parameters<
      typeof readSettings
    >[0],
    () => Date.parse('2026-11-21T10:00:00Z'),
  )
}

function file(name: string, entries: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(entries))
  return path
}

describe("What's New inputs", () => {
  it('takes a "default" entry in whats_new_file as the text without a language', async () => {
    const settings = await settingsWith({
      submit_to_app_store: 'true',
      whats_new_file: file('wn.json', [
        { language: 'de-DE', text: 'Neu.' },
        { language: 'default', text: 'New.' },
      ]),
    })
    expect(settings.appStore.whatsNew).toEqual([{ language: 'de-DE', text: 'Neu.' }, { text: 'New.' }])
  })

  it('refuses a "default" entry in release_notes_file, naming the input', async () => {
    await expect(
      settingsWith({ release_notes_file: file('rn.json', [{ language: 'default', text: 'x' }]) }),
    ).rejects.toThrow(`'release_notes_file' a "default" entry is only taken in whats_new_file`)
  })

  it('makes whats_new the text for every language, the locale input deciding only where it goes first', async () => {
    const settings = await settingsWith({ submit_to_app_store: 'true', whats_new: 'New.', locale: 'de-DE' })
    expect(settings.appStore.whatsNew).toEqual([{ text: 'New.' }])
  })
})

describe('planWhatsNew', () => {
  const localizations = [
    { id: '1', locale: 'en-US', whatsNew: null },
    { id: '2', locale: 'de-DE', whatsNew: 'Handgeschrieben.' },
    { id: '3', locale: 'ja', whatsNew: '  ' },
  ]

  it('fills every language without text from the default, keeping texts of their own', () => {
    expect(planWhatsNew([{ text: 'New.' }], 'en-US', localizations)).toEqual({
      writes: [
        { locale: 'en-US', text: 'New.' },
        { locale: 'ja', text: 'New.' },
      ],
      missing: [],
    })
  })

  it('writes per-language texts, and the default to the home locale even over its old text', () => {
    const plan = planWhatsNew([{ language: 'ja', text: '新しい' }, { text: 'Neu.' }], 'de-DE', localizations)
    expect(plan.writes).toEqual([
      { locale: 'ja', text: '新しい' },
      { locale: 'de-DE', text: 'Neu.' },
      { locale: 'en-US', text: 'Neu.' },
    ])
    expect(plan.missing).toEqual([])
  })

  it('lists the languages left without text when there is no default', () => {
    expect(planWhatsNew([{ language: 'en-US', text: 'New.' }], undefined, localizations).missing).toEqual([
      'ja',
    ])
  })
})

describe("Apple's App Store refusals", () => {
  const refusal = (status: number, detail: string, meta?: Record<string, unknown>) =>
    new AscApiError('POST', '/v1/reviewSubmissionItems', status, [
      {
        status: String(status),
        code: 'STATE_ERROR.ENTITY_STATE_INVALID',
        title: 'x',
        detail,
        ...(meta ? { meta } : {}),
      },
    ])

  it("names the locale and the inputs for each localization Apple finds without What's New", () => {
    const required = (id: string) => ({
      code: 'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
      status: '409',
      title: 'The provided entity is missing a required attribute',
      detail: "You must provide a value for the attribute 'whatsNew' with this request",
      source: { pointer: '/data/attributes/whatsNew' },
      id,
    })
    const error = refusal(
      409,
      'This resource cannot be reviewed, please check associated errors to see why.',
      {
        associatedErrors: {
          '/v1/appStoreVersionLocalizations/L1': [required('a')],
          '/v1/appStoreVersionLocalizations/L2': [required('b')],
        },
      },
    )
    const names = new Map([
      ['/v1/appStoreVersionLocalizations/L1', 'de-DE'],
      ['/v1/appStoreVersionLocalizations/L2', 'ja'],
    ])
    const message = (reviewRefusal(error, 'App Store version 1.1.0', 'S1', names) as Error).message
    for (const locale of ['de-DE', 'ja'])
      expect(message).toContain(
        `What's New (${locale}): fix in the whats_new input (one text for every language) or whats_new_file`,
      )
    expect(message).toContain('review submission S1 is kept unsubmitted')
  })

  it('recognises the refusals Apple answers for a while, by their words', () => {
    expect(
      isNotReadyYet(refusal(409, 'Version is not ready to be submitted yet, please try again later.')),
    ).toBe(true)
    expect(
      isNotReadyYet(refusal(422, 'Version is not ready to be submitted yet, please try again later.')),
    ).toBe(false)
    expect(isReleaseTypeLocked(refusal(409, "The attribute 'releaseType' can not be modified."))).toBe(true)
    expect(
      inProgressSubmissionId(
        refusal(409, 'There is another reviewSubmissions with id 7a1b-9c still in progress'),
      ),
    ).toBe('7a1b-9c')
    expect(
      alreadyAddedSubmissionId(
        refusal(
          409,
          "appStoreVersions with id 'v1' was already added to another reviewSubmission with id abc-1",
        ),
      ),
    ).toBe('abc-1')
    expect(
      inProgressSubmissionId(new Error('There is another reviewSubmissions with id x still in progress')),
    ).toBe(undefined)
  })
})

describe('submitForReview, when Apple says the version is already in another submission', () => {
  let sim: Simulator
  const key = generateApiKey()
  beforeAll(async () => {
    sim = await startSimulator({
      scenario: { submitNotReadyMs: 0, reviewCancelMs: 150, reviewCompletingMs: 150 },
    })
    sim.addApiKey({ keyId: key.keyId, issuerId: key.issuerId, publicKey: key.publicKeyPem })
  })
  afterAll(async () => {
    await sim.close()
  })

  let apps = 0
  /** A version with its build, already an item of submission `holderState`, and an empty draft of ours. */
  async function world(holderState: string) {
    const bundleId = `com.example.held${++apps}`
    const app = sim.store.createApp({ bundleId, name: 'Held' })
    sim.store.keepListing(app.id) // App Review needs the store listing
    const build = sim.store.createBuild({
      appId: app.id,
      version: '1.0.0',
      buildNumber: '1',
      platform: 'IOS',
      processingState: 'VALID',
    })
    const { id: versionId } = sim.store.createAppStoreVersion({
      appId: app.id,
      versionString: '1.0.0',
      platform: 'IOS',
      buildId: build.id,
    })
    const submission = (state: string, internal: Record<string, unknown> = {}) =>
      sim.store.insert(
        'reviewSubmissions',
        { platform: 'IOS', state },
        { app: { type: 'apps', id: app.id }, appStoreVersionForReview: null },
        { internal },
      )
    const holder = submission(holderState, {
      cancelCompletesAt: Date.now() + 150,
      completingEndsAt: Date.now() + 300,
    })
    sim.store.insert(
      'reviewSubmissionItems',
      { state: 'READY_FOR_REVIEW' },
      {
        reviewSubmission: { type: 'reviewSubmissions', id: holder.id },
        appStoreVersion: { type: 'appStoreVersions', id: versionId },
      },
    )
    sim.store.update('appStoreVersions', versionId, {
      attributes: { appStoreState: 'READY_FOR_REVIEW', appVersionState: 'READY_FOR_REVIEW' },
    })
    const ours = submission('READY_FOR_REVIEW')
    const lines: string[] = []
    const client = new AscClient({
      baseUrl: sim.url,
      tokens: new TokenProvider({
        keyId: key.keyId,
        issuerId: key.issuerId,
        privateKey: createPrivateKey(key.privateKeyPem),
      }),
    })
    const ctx = {
      settings: await settingsWith({ poll_interval: '0.1' }),
      client,
      app: { id: app.id, name: 'Held', bundleId },
      identity: { bundleId, version: '1.0.0', buildNumber: '1', platform: 'ios' as const },
      log: {
        debug: () => undefined,
        info: (m: string) => lines.push(m),
        notice: () => undefined,
        warning: () => undefined,
      },
      clock: realClock,
    }
    const version = {
      type: 'appStoreVersions' as const,
      id: versionId,
      attributes: { versionString: '1.0.0' },
    }
    const submit = () =>
      submitForReview(ctx, version, 'IOS', {
        type: 'reviewSubmissions',
        id: ours.id,
        attributes: { state: 'READY_FOR_REVIEW' },
      })
    return { holder, ours, lines, submit, close: () => client.close() }
  }

  it('submits the draft that holds the version instead', async () => {
    const { holder, lines, submit, close } = await world('READY_FOR_REVIEW')
    const submitted = await submit()
    await close()
    expect(submitted.id).toBe(holder.id)
    expect(holder.attributes.state).toBe('WAITING_FOR_REVIEW')
    expect(lines).toContain(
      `Version 1.0.0 is already in draft review submission ${holder.id}: using that one.`,
    )
  })

  it('waits until a canceled one that holds it is COMPLETE, then adds it to ours', async () => {
    const { holder, ours, lines, submit, close } = await world('CANCELING')
    const submitted = await submit()
    await close()
    expect(holder.attributes.state).toBe('COMPLETE')
    expect(submitted.id).toBe(ours.id)
    expect(ours.attributes.state).toBe('WAITING_FOR_REVIEW')
    expect(lines.some((l) => l.includes(`is still held by canceled review submission ${holder.id}`))).toBe(
      true,
    )
  })

  it('stops, naming the submission, when one in review holds it', async () => {
    const { holder, submit, close } = await world('IN_REVIEW')
    await expect(submit()).rejects.toThrow(
      `App Store version 1.0.0 is already in review submission ${holder.id}, which is IN_REVIEW. Set cancel_previous_submissions: true`,
    )
    await close()
  })

  it("kept every simulator answer within Apple's contract", () => {
    expect(sim.contractViolations).toEqual([])
  })
})
