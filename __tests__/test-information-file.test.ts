import { afterAll, describe, expect, it, jest } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { quietPlainLog } from './helpers/quiet-log.js'

// The rules for test_information_file and Xcode Cloud's What to Test files, in process.
const masked: string[] = []
jest.unstable_mockModule('@actions/core', () => ({ debug: () => undefined, isDebug: () => false }))
jest.unstable_mockModule('../src/report/plain-log.js', () => quietPlainLog((secret) => masked.push(secret)))
const { readTestInformationFile, TestInformationError } = await import('../src/settings/test-information.js')
const { readXcodeCloudNotes } = await import('../src/settings/xcode-cloud-notes.js')
const { readSettings, INPUT_NAMES } = await import('../src/settings/inputs.js')

const dir = mkdtempSync(join(tmpdir(), 'test-information-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

async function problemsOf(path: string): Promise<string> {
  try {
    await readTestInformationFile(path)
  } catch (error) {
    expect(error).toBeInstanceOf(TestInformationError)
    return (error as Error).message
  }
  throw new Error('expected the file to be refused')
}

const FULL = {
  beta_app_description: 'A demo app.',
  beta_app_feedback_email: 'beta@example.com',
  localized_app_info: {
    'de-DE': { description: 'Eine Demo-App.', marketing_url: 'https://example.de/beta' },
  },
  beta_app_review_info: {
    contact_first_name: 'Ada',
    contact_last_name: 'Lovelace',
    contact_phone: '+44 20 7946 0018',
    contact_email: 'review@example.com',
    demo_account_name: 'demo',
    demo_account_password: 'hunter2-secret',
    demo_account_required: true,
    notes: 'Notes',
  },
}

describe('readTestInformationFile', () => {
  it('reads JSON and YAML alike, in the action’s terms', async () => {
    const yaml = `beta_app_description: |
  A demo app.
beta_app_feedback_email: beta@example.com
localized_app_info:
  de-DE:
    description: Eine Demo-App.
    marketing_url: https://example.de/beta
beta_app_review_info:
  contact_first_name: Ada
  contact_last_name: Lovelace
  contact_phone: "+44 20 7946 0018"
  contact_email: review@example.com
  demo_account_name: demo
  demo_account_password: hunter2-secret
  demo_account_required: true
  notes: Notes
`
    const fromJson = await readTestInformationFile(write('full.json', JSON.stringify(FULL)))
    const fromYaml = await readTestInformationFile(write('full.yaml', yaml))
    expect({ ...fromYaml, file: '' }).toEqual({ ...fromJson, file: '' })
    expect(fromJson).toEqual({
      file: join(dir, 'full.json'),
      localizations: [
        {
          locale: 'de-DE',
          fields: { description: 'Eine Demo-App.', marketingUrl: 'https://example.de/beta' },
        },
      ],
      defaultFields: { description: 'A demo app.', feedbackEmail: 'beta@example.com' },
      review: {
        contactFirstName: 'Ada',
        contactLastName: 'Lovelace',
        contactPhone: '+44 20 7946 0018',
        contactEmail: 'review@example.com',
        demoAccountName: 'demo',
        demoAccountPassword: 'hunter2-secret',
        demoAccountRequired: true,
        notes: 'Notes',
      },
    })
  })

  it('takes fastlane’s "default" entry as the text for the languages not named', async () => {
    const info = await readTestInformationFile(
      write('default.yml', 'localized_app_info:\n  default:\n    feedback_email: a@example.com\n'),
    )
    expect(info.localizations).toEqual([])
    expect(info.defaultFields).toEqual({ feedbackEmail: 'a@example.com' })
    expect(info.review).toEqual({})
  })

  const refusals: [string, string, string][] = [
    [
      'both-defaults.yml',
      'beta_app_description: x\nlocalized_app_info:\n  default:\n    description: y\n',
      'localized_app_info.default: cannot be combined with beta_app_description or beta_app_feedback_email',
    ],
    [
      'bad-locale.yml',
      'localized_app_info:\n  English:\n    description: y\n',
      "localized_app_info.English: 'English' is not a locale",
    ],
    [
      'unknown-field.yml',
      'localized_app_info:\n  en-US:\n    tv_os_privacy_policy_url: https://example.com\n',
      "localized_app_info.en-US: unknown key 'tv_os_privacy_policy_url'; accepted: description, feedback_email",
    ],
    [
      'unknown-review.yml',
      'beta_app_review_info:\n  contact_name: Ada\n',
      "beta_app_review_info: unknown key 'contact_name'; accepted: contact_first_name",
    ],
    [
      'long.json',
      JSON.stringify({ beta_app_description: 'é'.repeat(4001) }),
      'beta_app_description: must be at most 4000 characters (got 4001)',
    ],
    ['empty.yml', 'beta_app_description: "  "\n', 'beta_app_description: must not be empty'],
    [
      'yes.yml',
      'beta_app_review_info:\n  demo_account_required: yes\n',
      'beta_app_review_info.demo_account_required: must be true or false',
    ],
    [
      'number.yml',
      'beta_app_review_info:\n  contact_phone: 4085550100\n',
      'beta_app_review_info.contact_phone: must be a text (in YAML, quote a value',
    ],
    [
      'phone.yml',
      'beta_app_review_info:\n  contact_phone: call me\n',
      "beta_app_review_info.contact_phone: must be a phone number such as +1 408 555 0100 (got 'call me')",
    ],
    [
      'email.json',
      JSON.stringify({ beta_app_review_info: { contact_email: 'ada at example' } }),
      "beta_app_review_info.contact_email: must be an e-mail address such as beta@example.com (got 'ada at example')",
    ],
    [
      'url.json',
      JSON.stringify({ localized_app_info: { 'en-US': { privacy_policy_url: 'ftp://example.com/p' } } }),
      "localized_app_info.en-US.privacy_policy_url: must be an http(s) URL such as https://example.com/beta (got 'ftp://example.com/p')",
    ],
    ['list.yml', '- a\n- b\n', 'the file: must be a map with beta_app_description'],
    ['notes.txt', 'beta_app_description: x', 'must be a .json, .yml or .yaml file'],
    ['deep.json', '{"localized_app_info":' + '['.repeat(20) + ']'.repeat(20) + '}', 'nests deeper than'],
    [
      'aliases.yml',
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n',
      'uses more YAML aliases than a Test Information file needs',
    ],
    ['dup.yml', 'beta_app_description: a\nbeta_app_description: b\n', 'is not valid YAML (line 2'],
  ]
  it.each(refusals)('refuses %s, naming the file and the key path', async (name, content, words) => {
    const message = await problemsOf(write(name, content))
    expect(message).toContain(`'${join(dir, name)}'`)
    expect(message).toContain(words)
  })

  it('refuses a file too large, not UTF-8, or missing, before parsing it', async () => {
    expect(await problemsOf(write('big.json', ' '.repeat(64 * 1024 + 1)))).toContain(
      'a Test Information file is at most 65536',
    )
    expect(await problemsOf(write('latin1.json', Buffer.from([0x7b, 0xe9, 0x7d])))).toContain(
      'is not UTF-8 text',
    )
    expect(await problemsOf(join(dir, 'none.json'))).toContain('cannot read the file')
  })

  it('never quotes the file in a syntax error, which may hold the password', async () => {
    const json = await problemsOf(
      write('broken.json', '{"beta_app_review_info": {"demo_account_password": "hunter2-secret",}}'),
    )
    const yaml = await problemsOf(
      write('broken.yml', 'beta_app_review_info:\n  demo_account_password: "hunter2-secret\n'),
    )
    expect(json).toContain('is not valid JSON (line 1, column')
    expect(yaml).toContain('is not valid YAML')
    expect(json + yaml).not.toContain('hunter2')
  })
})

describe('test_information_file and demo_account_password in the settings', () => {
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString()
  const raw = (overrides: Partial<Record<(typeof INPUT_NAMES)[number], string>>) => ({
    ...(Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as Record<(typeof INPUT_NAMES)[number], string>),
    api_key: pem,
    key_id: 'ABC123DEFG',
    upload_method: 'none',
    bundle_id: 'com.example.demo',
    app_version: '1.0',
    build_number: '1',
    platform: 'ios',
    ...overrides,
  })
  const required = write(
    'required.yml',
    'beta_app_review_info:\n  demo_account_required: true\n  demo_account_name: demo\n',
  )

  it('refuses demo_account_required without a password, naming the input and the file', async () => {
    await expect(readSettings(raw({ test_information_file: required }))).rejects.toThrow(
      `'test_information_file' '${required}' beta_app_review_info.demo_account_required is true`,
    )
  })

  it('takes the password from demo_account_password, masked at once like the file’s', async () => {
    const settings = await readSettings(
      raw({ test_information_file: required, demo_account_password: 'from-a-secret' }),
    )
    expect(settings.demoAccountPassword).toBe('from-a-secret')
    expect(settings.testInformation?.review.demoAccountName).toBe('demo')
    expect(masked).toContain('from-a-secret')
    await readSettings(raw({ test_information_file: write('pw.json', JSON.stringify(FULL)) }))
    expect(masked).toContain('hunter2-secret')
  })

  it('uses Xcode Cloud’s files only when no release notes are given and processing is awaited', async () => {
    const workspace = mkdtempSync(join(dir, 'ws-'))
    mkdirSync(join(workspace, 'TestFlight'))
    writeFileSync(join(workspace, 'TestFlight', 'WhatToTest.en-US.txt'), 'Hello\n')
    const saved = process.env.GITHUB_WORKSPACE
    process.env.GITHUB_WORKSPACE = workspace
    try {
      const used = await readSettings(raw({}))
      expect(used.testflight.whatToTest).toEqual([{ language: 'en-US', text: 'Hello' }])
      expect(used.testflight.whatToTestFolder).toBe('TestFlight')
      expect(used.wait.forProcessing).toBe(true)
      const given = await readSettings(raw({ release_notes: 'Mine' }))
      expect(given.testflight.whatToTest).toEqual([{ text: 'Mine' }])
      expect(given.testflight.whatToTestFolder).toBeUndefined()
      const noWait = await readSettings(raw({ wait_for_processing: 'false' }))
      expect(noWait.testflight.whatToTest).toEqual([])
    } finally {
      if (saved === undefined) delete process.env.GITHUB_WORKSPACE
      else process.env.GITHUB_WORKSPACE = saved
    }
  })
})

describe('readXcodeCloudNotes', () => {
  const workspace = (files: Record<string, string | Buffer>) => {
    const root = mkdtempSync(join(dir, 'xc-'))
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(join(root, path, '..'), { recursive: true })
      writeFileSync(join(root, path), content)
    }
    return root
  }

  it('finds nothing in a workspace without the files', async () => {
    expect(await readXcodeCloudNotes(workspace({ 'README.md': 'hi' }))).toBeUndefined()
    expect(await readXcodeCloudNotes(join(dir, 'no-such-folder'))).toBeUndefined()
  })

  it('reads each language, trimmed of one trailing newline', async () => {
    const root = workspace({
      'TestFlight/WhatToTest.en-US.txt': 'Line one\nLine two\r\n',
      'TestFlight/WhatToTest.ja.txt': '新しいログイン\n\n',
      'TestFlight/BetaDescription.txt': 'not What to Test',
    })
    expect(await readXcodeCloudNotes(root)).toEqual({
      folder: 'TestFlight',
      texts: [
        { language: 'en-US', text: 'Line one\nLine two' },
        { language: 'ja', text: '新しいログイン\n' },
      ],
    })
  })

  it('finds the folder next to the Xcode project in a subfolder, and refuses two such folders', async () => {
    const root = workspace({
      'ios/App.xcodeproj/project.pbxproj': '',
      'ios/TestFlight/WhatToTest.en-US.txt': 'From ios',
      'android/build.gradle': '',
    })
    expect(await readXcodeCloudNotes(root)).toEqual({
      folder: join('ios', 'TestFlight'),
      texts: [{ language: 'en-US', text: 'From ios' }],
    })
    writeFileSync(join(root, 'android', 'x.xcworkspace'), '')
    mkdirSync(join(root, 'android', 'TestFlight'))
    writeFileSync(join(root, 'android', 'TestFlight', 'WhatToTest.en-US.txt'), 'Other')
    await expect(readXcodeCloudNotes(root)).rejects.toThrow('are in more than one folder')
  })

  it('refuses a file over 4000 bytes, not UTF-8, or empty', async () => {
    await expect(
      readXcodeCloudNotes(workspace({ 'TestFlight/WhatToTest.en-US.txt': 'é'.repeat(2001) })),
    ).rejects.toThrow(
      'TestFlight/WhatToTest.en-US.txt is 4002 bytes; What to Test is at most 4000 bytes of UTF-8',
    )
    await expect(
      readXcodeCloudNotes(workspace({ 'TestFlight/WhatToTest.en-US.txt': 'x'.repeat(10_000) })),
    ).rejects.toThrow('is 10000 bytes')
    await expect(
      readXcodeCloudNotes(workspace({ 'TestFlight/WhatToTest.en-US.txt': Buffer.from([0xff, 0xfe, 0x41]) })),
    ).rejects.toThrow('is not UTF-8 text')
    await expect(readXcodeCloudNotes(workspace({ 'TestFlight/WhatToTest.en-US.txt': '\n' }))).rejects.toThrow(
      'TestFlight/WhatToTest.en-US.txt is empty',
    )
  })
})
