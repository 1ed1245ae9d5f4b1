import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { quietPlainLog } from './helpers/quiet-log.js'

// Capture masking instead of printing ::add-mask:: lines.
const masked: string[] = []
// @actions/glob (for a pattern) logs through @actions/core.
jest.unstable_mockModule('@actions/core', () => ({ debug: () => undefined, isDebug: () => false }))
jest.unstable_mockModule('../src/report/plain-log.js', () => quietPlainLog((secret) => masked.push(secret)))
const { readSettings, INPUT_NAMES, InputError } = await import('../src/settings/inputs.js')
const { checkPackagesTogether, resolveIdentity } = await import('../src/identity.js')
const { writeKeyFile } = await import('../src/upload/keyfile.js')
const { PROCESSED_BUILD_INPUTS } = await import('../src/settings/processed-build.js')
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

  it('resolves a glob to the packages it matches', async () => {
    const settings = await readSettings(raw({ ipa_path: join(dir, 'A*.ipa') }), () => NOW)
    expect(settings.upload.packagePath).toBe(ipa)
    expect(settings.packagePaths).toEqual([ipa])
    const both = await readSettings(raw({ ipa_path: join(dir, '*.ipa') }), () => NOW)
    expect(both.packagePaths).toEqual([ipa, join(dir, 'Other.ipa')])
    expect(both.upload.packagePath).toBe(ipa)
    expect(await problems({ ipa_path: join(dir, 'missing-*.ipa') })).toContain('matches no file')
    expect(await problems({ ipa_path: join(dir, 'notes.json') })).toContain(
      "'ipa_path' must name only .ipa or .pkg files",
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
      ['2027-01-01T14:30:00+05:30', '2027-01-01T09:00:00.000Z'],
      ['2027-01-01T09:00:00+00:00', '2027-01-01T09:00:00.000Z'],
      ['2027-01-01T09:00-0800', '2027-01-01T17:00:00.000Z'],
      ['2027-06-30T23:00:00Z', '2027-06-30T23:00:00.000Z'],
    ] as const) {
      const settings = await readSettings(raw({ ...base, earliest_release_date: given }), () => NOW)
      expect(settings.appStore.earliestReleaseDate?.toISOString()).toBe(instant)
    }
    // One rule for every offset, stated in the message: the instant falls on a whole hour of UTC.
    const rule =
      "'earliest_release_date' must be an ISO 8601 date and time with a timezone that falls on a whole hour of UTC"
    for (const [given, why] of [
      ['2027-01-01T14:00:00+05:30', 'it is 08:30:00 UTC'],
      ['2027-01-01T08:30:00+00:00', 'it is 08:30:00 UTC'],
      ['2027-01-01T14:30:00+00:00', 'it is 14:30:00 UTC'],
      ['2027-01-01T14:00:00.5Z', 'it is 14:00:00 UTC'],
      ['2027-01-01T14:00:00', 'this is not one'],
    ]) {
      const message = await problems({ ...base, earliest_release_date: given })
      expect(message).toContain(rule)
      expect(message).toContain(`; ${why} (got '${given}')`)
    }
    expect(await problems({ ...base, earliest_release_date: '2026-01-01T14:00:00Z' })).toContain(
      'must be in the future',
    )
    expect(await problems(base)).toContain("'earliest_release_date' is required with release_type SCHEDULED")
    expect(
      await problems({ submit_to_app_store: 'true', earliest_release_date: '2027-01-01T14:00:00Z' }),
    ).toContain("'earliest_release_date' is only used with release_type SCHEDULED")
  })

  it('refuses days and times that do not exist instead of rolling them over', async () => {
    const base = { submit_to_app_store: 'true', release_type: 'SCHEDULED' }
    for (const [given, why] of [
      ['2027-02-29T14:00:00Z', '2027-02-29 is not a day of the calendar'],
      ['2027-02-31T14:00:00Z', '2027-02-31 is not a day of the calendar'],
      ['2027-13-01T14:00:00Z', '2027-13-01 is not a day of the calendar'],
      ['2027-04-00T14:00:00Z', '2027-04-00 is not a day of the calendar'],
      ['2027-01-01T24:00:00Z', '24:00:00 is not a time of day'],
      ['2027-01-01T14:00:00+15:00', 'its timezone offset does not exist'],
    ]) {
      expect(await problems({ ...base, earliest_release_date: given })).toContain(`${why} (got '${given}')`)
    }
    const leap = await readSettings(
      raw({ ...base, earliest_release_date: '2028-02-29T14:00:00Z' }),
      () => NOW,
    )
    expect(leap.appStore.earliestReleaseDate?.toISOString()).toBe('2028-02-29T14:00:00.000Z')
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
    // A file far larger than any notes (a wrong path, say) is refused before it is read into memory.
    writeFileSync(join(dir, 'huge.json'), Buffer.alloc(1024 * 1024 + 1, 0x20))
    expect(await problems({ release_notes_file: join(dir, 'huge.json') })).toContain(
      "huge.json' is 1048577 bytes; a notes file is at most 1048576",
    )
    expect(await problems({ release_notes_file: dir })).toContain(`'${dir}' is not a file`)
  })

  it("says what a notes file entry lacks in zod's English words (zod/mini has none of its own)", async () => {
    writeFileSync(join(dir, 'shapeless.json'), JSON.stringify([{ text: 'x' }, 'x']))
    const message = await problems({ release_notes_file: join(dir, 'shapeless.json') })
    expect(message).toContain('(entry 0.language): Invalid input: expected string, received undefined')
    expect(message).toContain('(entry 1): Invalid input: expected object, received string')
  })

  it('generates no code to parse the inputs: each schema is parsed once, so compiling it is only start-up cost', async () => {
    const { config } = await import('../src/settings/zod.js')
    expect(config().jitless).toBe(true)
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

describe('api_key forms', () => {
  const keyLines = pem.split('\n').filter((l) => l.length >= 8 && !l.startsWith('-----'))

  it('accepts a fastlane API key JSON, as text or as a file, taking key_id and issuer_id from it', async () => {
    const issuer = '69a6de70-03db-47e3-e053-5b8c7c11a4d1'
    const json = JSON.stringify({
      key_id: 'JSONKEY123',
      issuer_id: issuer,
      key: pem,
      duration: 1200,
      in_house: false,
    })
    writeFileSync(join(dir, 'fastlane-key.json'), json)
    for (const api_key of [json, join(dir, 'fastlane-key.json')]) {
      masked.length = 0
      const settings = await readSettings(raw({ api_key, key_id: '' }), () => NOW)
      expect(settings.apiKey).toMatchObject({ keyId: 'JSONKEY123', issuerId: issuer })
      expect(settings.apiKey.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
      // The key inside the JSON is a secret like the key itself: masked whole and line by line.
      expect(masked).toContain(api_key)
      expect(masked).toContain(pem)
      for (const line of keyLines) expect(masked).toContain(line)
    }
    const base64Key = JSON.stringify({
      key_id: 'B64KEY',
      key: Buffer.from(pem).toString('base64'),
      is_key_content_base64: true,
    })
    expect((await readSettings(raw({ api_key: base64Key, key_id: '' }), () => NOW)).apiKey.keyId).toBe(
      'B64KEY',
    )
  })

  it('says what is wrong with a fastlane JSON, without quoting the key', async () => {
    expect(await problems({ api_key: JSON.stringify({ key_id: 'K1' }), key_id: '' })).toContain(
      `'api_key' is a JSON object without a "key" string`,
    )
    expect(await problems({ api_key: '{"key_id": ', key_id: '' })).toContain(
      "'api_key' looks like JSON but is not valid JSON",
    )
    const mismatch = await problems({
      api_key: JSON.stringify({ key_id: 'FROMFILE', key: pem }),
      key_id: 'FROMINPUT',
    })
    expect(mismatch).toContain("'key_id' is FROMINPUT, but the api_key JSON file says FROMFILE")
    expect(mismatch).not.toContain(keyLines[1] ?? 'never')
    expect(await problems({ api_key: JSON.stringify({ key: pem }), key_id: '' })).toContain(
      `'key_id' is required: the App Store Connect API key ID, e.g. 2X9R4HXF34 (or give a fastlane API key JSON with "key_id" as api_key)`,
    )
    expect(await problems({ api_key: JSON.stringify({ key: pem, issuer_id: 'team' }) })).toContain(
      "'api_key' holds issuer_id 'team', which is not a UUID issuer ID",
    )
  })

  it('accepts a PEM whose newlines became spaces, and names what is wrong with a broken one', async () => {
    masked.length = 0
    const flattened = pem.trim().replace(/\n/g, ' ')
    const settings = await readSettings(raw({ api_key: flattened }), () => NOW)
    expect(settings.apiKey.privateKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1')
    for (const line of keyLines) expect(masked).toContain(line)

    const noEnd = pem.replace('-----END PRIVATE KEY-----', '')
    expect(await problems({ api_key: noEnd })).toContain(
      "'api_key' has a -----BEGIN PRIVATE KEY----- line but no -----END PRIVATE KEY----- line",
    )
    const notBase64 = pem.replace(
      keyLines[1] ?? '',
      `${(keyLines[1] ?? '').slice(0, 10)}!!${(keyLines[1] ?? '').slice(12)}`,
    )
    expect(await problems({ api_key: notBase64 })).toContain(
      "'api_key' has a PEM block whose body is not base64",
    )
    const truncated = pem.replace(keyLines[1] ?? '', '')
    expect(await problems({ api_key: truncated })).toContain(
      "'api_key' holds a PEM block that is not a valid private key",
    )
  })

  it('keeps the key bytes as given, so altool reads the key exactly as Apple issued it', async () => {
    // Apple's .p8 holds the curve inside the EC key too ([0] parameters); Node's own PKCS#8 export leaves it out.
    const { d, x, y } = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      format: 'jwk',
    })
    const hex = (b64url: string | undefined) => Buffer.from(b64url ?? '', 'base64url').toString('hex')
    const appleDer = Buffer.from(
      '308193020100301306072a8648ce3d020106082a8648ce3d030107047930770201010420' +
        hex(d) +
        'a00a06082a8648ce3d030107a144034200' +
        '04' +
        hex(x) +
        hex(y),
      'hex',
    )
    const applePem = `-----BEGIN PRIVATE KEY-----\n${
      appleDer
        .toString('base64')
        .match(/.{1,64}/g)
        ?.join('\n') ?? ''
    }\n-----END PRIVATE KEY-----`
    const settings = await readSettings(raw({ api_key: applePem }), () => NOW)
    expect(settings.apiKey.pkcs8Der.equals(appleDer)).toBe(true)

    const before = process.env.RUNNER_TEMP
    process.env.RUNNER_TEMP = dir
    try {
      const file = await writeKeyFile(settings.apiKey.pkcs8Der, 'AuthKey_ABC123DEFG.p8')
      const written = readFileSync(file.path, 'utf8')
      const body = written.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')
      expect(Buffer.from(body, 'base64').equals(appleDer)).toBe(true)
      expect(written).toBe(`${applePem}\n`)
      rmSync(file.dir, { recursive: true, force: true })
    } finally {
      process.env.RUNNER_TEMP = before
    }
  })
})

describe('ipa_path and beta_groups', () => {
  it('takes a path that exists as that path before reading it as a glob', async () => {
    const literal = join(dir, 'Sample [prod].ipa')
    writeFileSync(literal, 'x')
    writeFileSync(join(dir, 'Sample p.ipa'), 'x') // what the glob [prod] would match
    const settings = await readSettings(raw({ ipa_path: literal }), () => NOW)
    expect(settings.upload.packagePath).toBe(literal)
  })

  it('expands a leading ~/ to the home folder', async () => {
    const home = mkdtempSync(join(homedir(), '.asc-inputs-test-'))
    try {
      const file = join(home, 'Home.ipa')
      writeFileSync(file, 'x')
      const relative = `~/${basename(home)}`
      expect(
        (await readSettings(raw({ ipa_path: `${relative}/Home.ipa` }), () => NOW)).upload.packagePath,
      ).toBe(file)
      expect(
        (await readSettings(raw({ ipa_path: `${relative}/H*.ipa` }), () => NOW)).upload.packagePath,
      ).toBe(file)
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  it('takes several paths and globs, one a line, in order and each file once', async () => {
    const settings = await readSettings(
      raw({ ipa_path: `${join(dir, 'Other.ipa')}\n\n  ${join(dir, '[AO]*.ipa')}  ` }),
      () => NOW,
    )
    expect(settings.packagePaths).toEqual([join(dir, 'Other.ipa'), ipa])
    expect(settings.upload.packagePath).toBe(join(dir, 'Other.ipa'))
  })

  it('names each line of several that matches nothing, and each file that is not a package', async () => {
    const message = await problems({ ipa_path: `${ipa}\nbuild/none-*.pkg\n${join(dir, 'notes.json')}` })
    expect(message).toContain(
      "'ipa_path' must match at least one .ipa or .pkg file; 'build/none-*.pkg' matches no file",
    )
    expect(message).toContain(
      `'ipa_path' must name only .ipa or .pkg files (got '${join(dir, 'notes.json')}')`,
    )
  })

  it('says where a glob that matches nothing looked', async () => {
    const message = await problems({ ipa_path: 'build/missing-*.ipa' })
    expect(message).toContain(
      `'ipa_path' must match at least one .ipa or .pkg file; 'build/missing-*.ipa' matches no file (looked for ${join(process.cwd(), 'build/missing-*.ipa')})`,
    )
  })

  it('removes duplicate beta_groups names', async () => {
    const settings = await readSettings(raw({ beta_groups: 'QA, Beta\nQA\n Beta ,Friends' }), () => NOW)
    expect(settings.testflight.groups).toEqual(['QA', 'Beta', 'Friends'])
  })
})

describe('every input rule, with the words the error must say (in process; action.test.ts runs a few through dist/)', () => {
  beforeAll(() => {
    writeFileSync(join(dir, 'notes.txt'), 'x')
  })
  const appStore = { submit_to_app_store: 'true' }
  const scheduled = { ...appStore, release_type: 'SCHEDULED' }
  const cases: [string, () => Partial<Record<(typeof INPUT_NAMES)[number], string>>, string][] = [
    ['missing key', () => ({ api_key: '' }), "'api_key' is required"],
    ['key not EC', () => ({ api_key: 'bm90IGEga2V5' }), "'api_key' is neither a PEM private key"],
    [
      'key file missing',
      () => ({ api_key: join(dir, 'AuthKey_NOPE.p8') }),
      "'api_key' is not a readable file",
    ],
    ['key not P-256', () => ({ api_key: join(dir, 'rsa.p8') }), "'api_key' must be an EC P-256 private key"],
    ['missing key id', () => ({ key_id: '' }), "'key_id' is required"],
    ['key id malformed', () => ({ key_id: 'AB-12' }), "'key_id' must be the App Store Connect API key ID"],
    ['issuer not a UUID', () => ({ issuer_id: 'my-team' }), "'issuer_id' must be a UUID issuer ID"],
    [
      'upload method unknown',
      () => ({ upload_method: 'ftp' }),
      "'upload_method' must be one of api, altool, none",
    ],
    ['no package with api', () => ({ ipa_path: '' }), "'ipa_path' is required with upload_method api"],
    [
      'no package found',
      () => ({ ipa_path: '/nowhere/*.ipa' }),
      "'ipa_path' must match at least one .ipa or .pkg file",
    ],
    [
      'not a package',
      () => ({ ipa_path: join(dir, 'notes.txt') }),
      "'ipa_path' must name only .ipa or .pkg files",
    ],
    [
      'app id not numeric',
      () => ({ app_id: 'com.example.demo' }),
      "'app_id' must be the app's numeric Apple ID",
    ],
    ['bundle id malformed', () => ({ bundle_id: 'com example' }), "'bundle_id' must be a bundle ID"],
    [
      'version malformed',
      () => ({ app_version: '1.0-beta' }),
      "'app_version' must be one to three dot-separated integers",
    ],
    [
      'version with four parts',
      () => ({ app_version: '1.2.3.4.5' }),
      "'app_version' must be one to three dot-separated integers, e.g. 1.4.2 (got '1.2.3.4.5')",
    ],
    [
      'build number malformed',
      () => ({ build_number: '1.2.3.4' }),
      "'build_number' must be one to three dot-separated integers",
    ],
    [
      'build number with a space',
      () => ({ build_number: '4 5' }),
      "'build_number' must be one to three dot-separated integers, e.g. 1042 (got '4 5')",
    ],
    [
      'platform unknown',
      () => ({ platform: 'watchos' }),
      "'platform' must be one of ios, macos, tvos, visionos",
    ],
    [
      'wait mode unknown',
      () => ({ wait_for_processing: 'sometimes' }),
      "'wait_for_processing' must be one of true, false, auto",
    ],
    [
      'appear timeout not a number',
      () => ({ build_appear_timeout: 'soon' }),
      "'build_appear_timeout' must be a number of minutes",
    ],
    [
      'processing timeout zero',
      () => ({ processing_timeout: '0' }),
      "'processing_timeout' must be a number of minutes, more than 0",
    ],
    [
      'poll interval too small',
      () => ({ poll_interval: '0' }),
      "'poll_interval' must be a number of seconds, at least 0.1",
    ],
    [
      'encryption answer not boolean',
      () => ({ uses_non_exempt_encryption: 'maybe' }),
      "'uses_non_exempt_encryption' must be true or false",
    ],
    ['bad boolean', () => ({ submit_to_testflight: 'yes' }), "'submit_to_testflight' must be true or false"],
    [
      'notes too long',
      () => ({ release_notes: 'é'.repeat(2001) }),
      "'release_notes' must be at most 4000 bytes of UTF-8 (got 4002)",
    ],
    ['notes file broken', () => ({ release_notes_file: join(dir, 'broken.json') }), 'is not valid JSON'],
    [
      'notes twice',
      () => ({ release_notes: 'a', release_notes_file: join(dir, 'notes.json') }),
      "'release_notes_file' cannot be combined",
    ],
    ['locale malformed', () => ({ locale: 'English' }), "'locale' must be a locale such as en-US"],
    [
      'groups without waiting',
      () => ({ beta_groups: 'Team', wait_for_processing: 'false' }),
      "'beta_groups' needs a processed build",
    ],
    [
      'notify without waiting',
      () => ({ notify_testers: 'false', wait_for_processing: 'false' }),
      "'notify_testers' needs a processed build",
    ],
    [
      'expire flag not boolean',
      () => ({ expire_previous_builds: 'yes' }),
      "'expire_previous_builds' must be true or false",
    ],
    [
      'App Store input without submitting',
      () => ({ phased_release: 'true' }),
      "'phased_release' is only used with submit_to_app_store: true",
    ],
    [
      'cancel without submitting',
      () => ({ cancel_previous_submissions: 'true' }),
      "'cancel_previous_submissions' is only used with submit_to_app_store: true",
    ],
    [
      "What's New without submitting",
      () => ({ whats_new: 'New' }),
      "'whats_new' is only used with submit_to_app_store: true",
    ],
    ['release type unknown', () => ({ ...appStore, release_type: 'LATER' }), "'release_type' must be one of"],
    [
      'scheduled without a date',
      () => scheduled,
      "'earliest_release_date' is required with release_type SCHEDULED",
    ],
    [
      'date in the past',
      () => ({ ...scheduled, earliest_release_date: '2020-01-01T10:00:00Z' }),
      "'earliest_release_date' must be in the future",
    ],
    [
      'date not on the hour',
      () => ({ ...scheduled, earliest_release_date: '2030-01-01T10:30:00Z' }),
      'falls on a whole hour of UTC',
    ],
    [
      'date without timezone',
      () => ({ ...scheduled, earliest_release_date: '2030-01-01T10:00:00' }),
      'with a timezone',
    ],
    [
      'date without SCHEDULED',
      () => ({ ...appStore, earliest_release_date: '2030-01-01T10:00:00Z' }),
      "'earliest_release_date' is only used with release_type SCHEDULED",
    ],
    [
      'copyright too long',
      () => ({ ...appStore, copyright: 'c'.repeat(201) }),
      "'copyright' must be at most 200 characters",
    ],
    [
      "What's New file unreadable",
      () => ({ ...appStore, whats_new_file: join(dir, 'none.json') }),
      'cannot read the file',
    ],
    [
      'apple id without altool',
      () => ({ apple_id: 'dev@example.com', app_specific_password: 'abcd-efgh-ijkl-mnop' }),
      "'apple_id' is only used with upload_method altool",
    ],
    [
      'password without apple id',
      () => ({ upload_method: 'altool', app_specific_password: 'abcd-efgh-ijkl-mnop' }),
      'apple_id and app_specific_password go together',
    ],
    [
      'none without identity',
      () => ({ upload_method: 'none', ipa_path: '' }),
      "'build_number' is required with upload_method none",
    ],
    ['dry run not boolean', () => ({ dry_run: 'y' }), "'dry_run' must be true or false"],
  ]
  it.each(cases)('%s', async (_, inputs, expected) => {
    expect(await problems(inputs())).toContain(expected)
  })
})

describe('the list of inputs that need a processed build', () => {
  it('names only real inputs (processed-build.ts spells them out to stay out of an import cycle)', () => {
    // Compile-time too: a name that is not an input fails typecheck here.
    const names: (typeof INPUT_NAMES)[number][] = PROCESSED_BUILD_INPUTS.map((use) => use.input)
    expect(names.filter((name) => !INPUT_NAMES.includes(name))).toEqual([])
    expect(new Set(names).size).toBe(names.length)
  })
})

describe('resolveIdentity', () => {
  const pkg = {
    kind: 'ipa' as const,
    path: '/x/Demo.ipa',
    fileName: 'Demo.ipa',
    fileSize: 1,
    bundleId: 'com.example.demo',
    version: '1.0.0',
    buildNumber: '1',
    platform: 'ios' as const,
  }

  it('refuses inputs that disagree with the package, naming both', () => {
    expect(() => resolveIdentity({ buildNumber: '2' }, pkg)).toThrow(
      "'build_number' is 2, but the package's CFBundleVersion is 1",
    )
    expect(resolveIdentity({ buildNumber: '1' }, pkg)).toEqual({
      bundleId: 'com.example.demo',
      version: '1.0.0',
      buildNumber: '1',
      platform: 'ios',
    })
  })
})

describe('several packages together', () => {
  const release = (bundleId: string, platform: 'ios' | 'macos', fileName: string) => ({
    pkg: {
      kind: 'ipa' as const,
      path: `/x/${fileName}`,
      fileName,
      fileSize: 1,
      bundleId,
      version: '1.0',
      buildNumber: '1',
      platform,
    },
    identity: { bundleId, version: '1.0', buildNumber: '1', platform },
  })

  it('takes an .ipa and a .pkg of one app, and several apps', () => {
    const ios = release('com.example.a', 'ios', 'A.ipa')
    expect(() =>
      checkPackagesTogether({ appId: '1' }, [ios, release('com.example.a', 'macos', 'A.pkg')]),
    ).not.toThrow()
    expect(() => checkPackagesTogether({}, [ios, release('com.example.b', 'ios', 'B.ipa')])).not.toThrow()
  })

  it('refuses app_id with packages of several apps, naming it', () => {
    expect(() =>
      checkPackagesTogether({ appId: '1' }, [
        release('com.example.a', 'ios', 'A.ipa'),
        release('com.example.b', 'ios', 'B.ipa'),
      ]),
    ).toThrow("'app_id' names one app, but the packages are of com.example.a, com.example.b")
  })

  it('refuses two packages of one app and platform, naming both', () => {
    expect(() =>
      checkPackagesTogether({}, [
        release('com.example.a', 'ios', 'A.ipa'),
        release('com.example.a', 'ios', 'Old.ipa'),
      ]),
    ).toThrow(/'ipa_path' names two packages of one app and platform: A\.ipa .* and Old\.ipa/)
  })
})

describe('several bad inputs', () => {
  it('are listed in the order of the inputs, whether their checks read a file or not', async () => {
    // ipa_path is checked on disk (its problem settles last); poll_interval and platform are not.
    const message = await problems({
      ipa_path: join(dir, 'missing.ipa'),
      platform: 'android',
      poll_interval: 'soon',
    })
    const at = (input: string) => message.indexOf(`'${input}'`)
    expect(at('ipa_path')).toBeGreaterThanOrEqual(0)
    expect(at('ipa_path')).toBeLessThan(at('platform'))
    expect(at('platform')).toBeLessThan(at('poll_interval'))
  })
})
