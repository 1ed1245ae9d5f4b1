import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// Capture masking instead of printing ::add-mask:: lines.
const masked: string[] = []
jest.unstable_mockModule('@actions/core', () => ({
  setSecret: (secret: string) => masked.push(secret),
  getInput: () => '',
  debug: () => undefined,
  info: () => undefined,
  isDebug: () => false,
}))
const { readSettings, INPUT_NAMES, InputError } = await import('../src/inputs.js')
type RawInputs = Parameters<typeof readSettings>[0]

const dir = mkdtempSync(join(tmpdir(), 'inputs-test-'))
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
})
const pem = typeof ecKey === 'string' ? ecKey : ecKey.toString()
const ipa = join(dir, 'App.ipa')
const NOW = Date.parse('2026-11-21T10:00:00Z')

function raw(overrides: Partial<Record<(typeof INPUT_NAMES)[number], string>> = {}): RawInputs {
  const base = Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as NonNullable<RawInputs>
  return { ...base, api_key: pem, key_id: 'ABC123DEFG', ipa_path: ipa, ...overrides }
}

async function problems(overrides: Parameters<typeof raw>[0]): Promise<string> {
  try {
    await readSettings(raw(overrides), () => NOW)
  } catch (error) {
    expect(error).toBeInstanceOf(InputError)
    return (error as Error).message
  }
  throw new Error('expected the inputs to be rejected')
}

beforeAll(() => {
  writeFileSync(ipa, 'not really a zip; settings do not open it')
  writeFileSync(join(dir, 'Other.ipa'), 'x')
  writeFileSync(
    join(dir, 'notes.json'),
    JSON.stringify([
      { language: 'en-US', text: 'Try the new login' },
      { language: 'de-DE', text: 'Neue Anmeldung' },
    ]),
  )
  writeFileSync(
    join(dir, 'dup.json'),
    JSON.stringify([
      { language: 'en-US', text: 'a' },
      { language: 'en-US', text: 'b' },
    ]),
  )
  writeFileSync(join(dir, 'empty-text.json'), JSON.stringify([{ language: 'en-US', text: '  ' }]))
  writeFileSync(join(dir, 'long.json'), JSON.stringify([{ language: 'ja', text: 'あ'.repeat(1334) }]))
  writeFileSync(join(dir, 'broken.json'), '[{"language": "en-US"')
  writeFileSync(join(dir, 'AuthKey_ABC123DEFG.p8'), pem)
  writeFileSync(
    join(dir, 'rsa.p8'),
    generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
  )
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('readSettings', () => {
  it('applies the documented defaults', async () => {
    const settings = await readSettings(raw(), () => NOW)
    expect(settings.upload).toEqual({ method: 'api', packagePath: ipa, appleIdLogin: undefined })
    expect(settings.wait).toEqual({
      forProcessing: false,
      buildAppearTimeoutMs: 15 * 60_000,
      processingTimeoutMs: 120 * 60_000,
      pollIntervalMs: 30_000,
    })
    expect(settings.testflight).toMatchObject({
      notifyTesters: true,
      submitForReview: false,
      groups: [],
      whatToTest: [],
    })
    expect(settings.appStore).toMatchObject({ submit: false, releaseType: 'MANUAL', phasedRelease: false })
    expect(settings.apiKey.issuerId).toBeUndefined()
    expect(settings.dryRun).toBe(false)
  })

  it('reads the key as PEM, as PEM with escaped newlines, as base64 and as a path, and masks every form', async () => {
    const forms = [
      pem,
      pem.replace(/\n/g, '\\n'),
      Buffer.from(pem).toString('base64'),
      join(dir, 'AuthKey_ABC123DEFG.p8'),
    ]
    for (const api_key of forms) {
      masked.length = 0
      const settings = await readSettings(raw({ api_key }), () => NOW)
      expect(settings.apiKey.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
      expect(masked).toContain(api_key)
      for (const line of pem.split('\n').filter((l) => l && !l.startsWith('-----')))
        expect(masked).toContain(line)
    }
  })

  it('rejects keys that are not EC P-256 private keys without echoing them', async () => {
    const rsa = await problems({ api_key: join(dir, 'rsa.p8') })
    expect(rsa).toContain("'api_key' must be an EC P-256 private key")
    const garbage = 'definitely-not-a-key-value'
    const message = await problems({ api_key: garbage })
    expect(message).toContain("'api_key' is neither a PEM private key")
    expect(message).not.toContain(garbage)
    expect(await problems({ api_key: '/nope/AuthKey.p8' })).toContain("'api_key' is not a readable file")
  })

  it('resolves a glob to exactly one package', async () => {
    const settings = await readSettings(raw({ ipa_path: join(dir, 'A*.ipa') }), () => NOW)
    expect(settings.upload.packagePath).toBe(ipa)
    expect(await problems({ ipa_path: join(dir, '*.ipa') })).toMatch(
      /'ipa_path' must match exactly one .* matches 2 files/,
    )
    expect(await problems({ ipa_path: join(dir, 'missing-*.ipa') })).toContain('matches no file')
    expect(await problems({ ipa_path: join(dir, 'notes.json') })).toContain(
      "'ipa_path' must name an .ipa or .pkg file",
    )
  })

  it('parses GitHub booleans, enums and numbers, and names the input when one is wrong', async () => {
    const settings = await readSettings(
      raw({
        submit_to_testflight: 'True',
        poll_interval: '0.1',
        processing_timeout: '0.5',
        platform: 'tvOS',
        beta_groups: 'QA, Beta\nFriends',
      }),
      () => NOW,
    )
    expect(settings.testflight.submitForReview).toBe(true)
    expect(settings.wait.pollIntervalMs).toBe(100)
    expect(settings.wait.processingTimeoutMs).toBe(30_000)
    expect(settings.release.platform).toBe('tvos')
    expect(settings.testflight.groups).toEqual(['QA', 'Beta', 'Friends'])
    expect(settings.wait.forProcessing).toBe(true) // auto: groups need a processed build

    expect(await problems({ dry_run: 'yes' })).toContain("'dry_run' must be true or false (got 'yes')")
    expect(await problems({ upload_method: 'ftp' })).toContain(
      "'upload_method' must be one of api, altool, none",
    )
    expect(await problems({ poll_interval: '0.05' })).toContain(
      "'poll_interval' must be a number of seconds, at least 0.1",
    )
    expect(await problems({ build_appear_timeout: 'soon' })).toContain(
      "'build_appear_timeout' must be a number of minutes",
    )
    expect(await problems({ processing_timeout: '0' })).toContain(
      "'processing_timeout' must be a number of minutes, more than 0",
    )
    expect(await problems({ platform: 'watchos' })).toContain(
      "'platform' must be one of ios, macos, tvos, visionos",
    )
    expect(await problems({ app_id: 'com.example' })).toContain("'app_id' must be the app's numeric Apple ID")
    expect(await problems({ build_number: '1.2.3.4' })).toContain("'build_number' must be one to three")
    expect(await problems({ issuer_id: 'team' })).toContain("'issuer_id' must be a UUID")
    expect(await problems({ key_id: '' })).toContain("'key_id'")
  })

  it('takes the earliest release date at the exact instant, in any timezone, on the hour and in the future', async () => {
    const base = { submit_to_app_store: 'true', release_type: 'SCHEDULED' }
    for (const [given, instant] of [
      ['2027-01-01T14:00:00+00:00', '2027-01-01T14:00:00.000Z'],
      ['2027-01-01T14:00:00+05:30', '2027-01-01T08:30:00.000Z'],
      ['2027-01-01T09:00-0800', '2027-01-01T17:00:00.000Z'],
      ['2027-06-30T23:00:00Z', '2027-06-30T23:00:00.000Z'],
    ] as const) {
      const settings = await readSettings(raw({ ...base, earliest_release_date: given }), () => NOW)
      expect(settings.appStore.earliestReleaseDate?.toISOString()).toBe(instant)
    }
    expect(await problems({ ...base, earliest_release_date: '2027-01-01T14:30:00+00:00' })).toContain(
      'on the hour with a timezone',
    )
    expect(await problems({ ...base, earliest_release_date: '2027-01-01T14:00:00' })).toContain(
      'with a timezone',
    )
    expect(await problems({ ...base, earliest_release_date: '2026-01-01T14:00:00Z' })).toContain(
      'must be in the future',
    )
    expect(await problems(base)).toContain("'earliest_release_date' is required with release_type SCHEDULED")
    expect(
      await problems({ submit_to_app_store: 'true', earliest_release_date: '2027-01-01T14:00:00Z' }),
    ).toContain("'earliest_release_date' is only used with release_type SCHEDULED")
  })

  it('reads notes files and checks them', async () => {
    const settings = await readSettings(raw({ release_notes_file: join(dir, 'notes.json') }), () => NOW)
    expect(settings.testflight.whatToTest).toEqual([
      { language: 'en-US', text: 'Try the new login' },
      { language: 'de-DE', text: 'Neue Anmeldung' },
    ])
    const single = await readSettings(raw({ release_notes: 'Hello', locale: 'fr-FR' }), () => NOW)
    expect(single.testflight.whatToTest).toEqual([{ language: 'fr-FR', text: 'Hello' }])

    expect(await problems({ release_notes_file: join(dir, 'dup.json') })).toContain(
      'names a language more than once',
    )
    expect(await problems({ release_notes_file: join(dir, 'empty-text.json') })).toContain(
      'text must not be empty',
    )
    // 1334 three-byte characters: 4002 bytes although under 4000 characters.
    expect(await problems({ release_notes_file: join(dir, 'long.json') })).toContain(
      'at most 4000 bytes of UTF-8 (got 4002)',
    )
    expect(await problems({ release_notes_file: join(dir, 'broken.json') })).toContain("'release_notes_file'")
    expect(await problems({ release_notes_file: join(dir, 'broken.json') })).toContain('is not valid JSON')
    expect(await problems({ whats_new_file: join(dir, 'none.json'), submit_to_app_store: 'true' })).toContain(
      'cannot read the file',
    )
    expect(await problems({ release_notes: 'a', release_notes_file: join(dir, 'notes.json') })).toContain(
      "'release_notes_file' cannot be combined with release_notes",
    )
  })

  it('rejects impossible combinations', async () => {
    for (const input of ['beta_groups', 'submit_to_testflight', 'submit_to_app_store'] as const) {
      const value = input === 'beta_groups' ? 'QA' : 'true'
      expect(await problems({ wait_for_processing: 'false', [input]: value })).toContain(
        `'${input}' needs a processed build, so it cannot be used with wait_for_processing false`,
      )
    }
    expect(
      await problems({ apple_id: 'dev@example.com', app_specific_password: 'abcd-efgh-ijkl-mnop' }),
    ).toContain("'apple_id' is only used with upload_method altool")
    expect(await problems({ upload_method: 'altool', apple_id: 'dev@example.com' })).toContain(
      'apple_id and app_specific_password go together',
    )
    const none = await problems({ upload_method: 'none', ipa_path: '' })
    for (const input of ['bundle_id', 'app_version', 'build_number', 'platform'])
      expect(none).toContain(`'${input}' is required`)
    expect(await problems({ ipa_path: '' })).toContain("'ipa_path' is required with upload_method api")
    expect(await problems({ whats_new: 'New!' })).toContain(
      "'whats_new' is only used with submit_to_app_store: true",
    )
  })

  it('never quotes the app-specific password', async () => {
    const password = 'abcd-efgh-ijkl-mnop'
    const message = await problems({ apple_id: 'dev@example.com', app_specific_password: password })
    expect(message).not.toContain(password)
    expect(masked).toContain(password)
  })
})
