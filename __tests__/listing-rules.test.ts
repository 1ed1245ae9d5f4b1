import { afterAll, describe, expect, it, jest } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { quietPlainLog } from './helpers/quiet-log.js'

const masked: string[] = []
jest.unstable_mockModule('@actions/core', () => ({ debug: () => undefined, isDebug: () => false }))
jest.unstable_mockModule('../src/report/plain-log.js', () => quietPlainLog((secret) => masked.push(secret)))
const { readSettings, INPUT_NAMES } = await import('../src/settings/inputs.js')
const { APP_INFO_FIELDS, REVIEW_FIELDS, VERSION_FIELDS, ruleProblem } =
  await import('../src/listing/fields.js')
const { MAX_LISTING_FILE_BYTES, readListingFile, readMetadataFolder } = await import('../src/listing/read.js')
const { brief, planListingWrites } = await import('../src/listing/writes.js')
const { chooseListingTarget } = await import('../src/listing/target.js')
const { describeChanges } = await import('../src/listing/plan.js')
const { listingSection } = await import('../src/report/sections/listing.js')
type StoreListing = import('../src/listing/types.js').StoreListing
type ListingState = import('../src/listing/state.js').ListingState

const METADATA = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'metadata')
const dir = mkdtempSync(join(tmpdir(), 'listing-rules-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function folder(files: Record<string, string | Buffer>): string {
  const root = mkdtempSync(join(dir, 'meta-'))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

describe("Apple's limits on listing fields", () => {
  it('counts keywords in UTF-8 bytes, and names the file and the limit', () => {
    const ascii = 'a'.repeat(100)
    expect(ruleProblem(VERSION_FIELDS.keywords, 'en-US/keywords.txt', ascii)).toBeUndefined()
    // 50 "ß" are 50 characters but 100 bytes; one more is over.
    expect(ruleProblem(VERSION_FIELDS.keywords, 'de-DE/keywords.txt', 'ß'.repeat(50))).toBeUndefined()
    expect(ruleProblem(VERSION_FIELDS.keywords, 'de-DE/keywords.txt', 'ß'.repeat(50) + 'x')).toBe(
      "'de-DE/keywords.txt' is 101 bytes long; Apple takes at most 100 bytes of UTF-8",
    )
  })

  it('counts name, subtitle, promotional text and description in characters', () => {
    expect(ruleProblem(APP_INFO_FIELDS.name, 'ja/name.txt', '日'.repeat(30))).toBeUndefined()
    expect(ruleProblem(APP_INFO_FIELDS.subtitle, 'ja/subtitle.txt', '日'.repeat(31))).toBe(
      "'ja/subtitle.txt' is 31 characters long; Apple takes at most 30 characters",
    )
    expect(ruleProblem(VERSION_FIELDS.promotionalText, 'x', 'p'.repeat(170))).toBeUndefined()
    expect(ruleProblem(VERSION_FIELDS.promotionalText, 'x', 'p'.repeat(171))).toContain(
      'at most 170 characters',
    )
    expect(ruleProblem(VERSION_FIELDS.description, 'x', 'd'.repeat(4001))).toContain(
      'at most 4000 characters',
    )
    expect(ruleProblem(REVIEW_FIELDS.notes, 'x', 'n'.repeat(4000))).toBeUndefined()
  })

  it('takes only well-formed http and https URLs', () => {
    const url = VERSION_FIELDS.supportUrl
    expect(ruleProblem(url, 'en-US/support_url.txt', 'https://example.com/help')).toBeUndefined()
    expect(ruleProblem(url, 'en-US/support_url.txt', 'http://example.com')).toBeUndefined()
    for (const bad of [
      'example.com',
      'ftp://example.com',
      'https://exa mple.com',
      'https://localhost',
      'mailto:a@b.c',
    ])
      expect(ruleProblem(url, 'en-US/support_url.txt', bad)).toContain(
        "'en-US/support_url.txt' must hold one http or https URL",
      )
  })
})

describe('reading a listing file', () => {
  it('takes off one trailing newline (LF or CRLF) and a byte order mark, and keeps the rest', async () => {
    const root = folder({
      'a.txt': 'Line one\nLine two\n\n',
      'b.txt': 'Windows\r\n',
      'c.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Mit BOM')]),
    })
    expect(await readListingFile(join(root, 'a.txt'))).toEqual({ value: 'Line one\nLine two\n' })
    expect(await readListingFile(join(root, 'b.txt'))).toEqual({ value: 'Windows' })
    expect(await readListingFile(join(root, 'c.txt'))).toEqual({ value: 'Mit BOM' })
  })

  it('means "leave as is" when missing, and refuses a file too large or not UTF-8', async () => {
    const root = folder({
      'big.txt': 'x'.repeat(MAX_LISTING_FILE_BYTES + 1),
      'latin1.txt': Buffer.from([0x53, 0x74, 0x72, 0x61, 0xdf, 0x65]),
    })
    expect(await readListingFile(join(root, 'missing.txt'))).toEqual({})
    expect((await readListingFile(join(root, 'big.txt'))).problem).toContain('at most 65536')
    expect(await readListingFile(join(root, 'latin1.txt'))).toEqual({ problem: 'is not UTF-8 text' })
    expect(await readListingFile(root)).toEqual({ problem: 'is not a file' })
  })
})

describe('reading a metadata folder', () => {
  it("reads fastlane deliver's layout, masking the demo password as soon as it is read", async () => {
    const mask = jest.fn<(secret: string) => void>()
    const read = await readMetadataFolder(METADATA, mask)
    expect(read.problems).toEqual([])
    const listing = read.listing
    expect(listing?.locales.map((l) => l.locale)).toEqual(['de-DE', 'en-US', 'fr-FR'])
    expect(listing?.copyright).toEqual({ value: '2026 Example Ltd', file: 'copyright.txt' })
    expect(listing?.locales[1]?.version.keywords).toEqual({
      value: 'planner,calendar,todo,offline',
      file: 'en-US/keywords.txt',
    })
    expect(listing?.locales[1]?.whatsNew?.value).toBe('Widgets and a faster start.')
    expect(listing?.locales[0]?.appInfo).toEqual({
      subtitle: { value: 'Tagesplaner offline', file: 'de-DE/subtitle.txt' },
    })
    expect(listing?.review.contactFirstName?.value).toBe('Ada')
    expect(mask).toHaveBeenCalledWith('file-password-never-shown')
  })

  it('leaves out empty files, and ignores files beside the folders and the folders deliver has for other things', async () => {
    const root = folder({
      'en-US/description.txt': '\n',
      'en-US/keywords.txt': 'a,b',
      'screenshots/en-US/1.png': 'png',
      'trade_representative_contact_information/first_name.txt': 'Ada',
      'primary_category.txt': 'PRODUCTIVITY',
    })
    const read = await readMetadataFolder(root, () => undefined)
    expect(read.problems).toEqual([])
    expect(read.listing?.locales).toEqual([
      { locale: 'en-US', version: { keywords: { value: 'a,b', file: 'en-US/keywords.txt' } }, appInfo: {} },
    ])
  })

  it('names an unknown locale folder, the default folder, and every file over its limit', async () => {
    const root = folder({
      'english/description.txt': 'x',
      'default/description.txt': 'x',
      'en-US/name.txt': 'A name that is much too long for the App Store',
      'en-US/marketing_url.txt': 'not a url',
      'review_information/notes.txt': 'n'.repeat(4001),
    })
    const read = await readMetadataFolder(root, () => undefined)
    expect(read.listing).toBeUndefined()
    expect(read.problems).toEqual([
      expect.stringContaining(
        `the folder 'default' is not one of App Store Connect's locales (the "default" folder`,
      ),
      expect.stringMatching(/^'en-US\/marketing_url.txt' must hold one http or https URL/),
      "'en-US/name.txt' is 46 characters long; Apple takes at most 30 characters",
      expect.stringMatching(
        /^the folder 'english' is not one of App Store Connect's locales; accepted: ar-SA, /,
      ),
      "'review_information/notes.txt' is 4001 characters long; Apple takes at most 4000 characters",
    ])
  })

  it('says when the path is no folder', async () => {
    const root = folder({ 'file.txt': 'x' })
    expect((await readMetadataFolder(join(root, 'file.txt'), () => undefined)).problems).toEqual([
      'this is not a folder',
    ])
    expect((await readMetadataFolder(join(root, 'nope'), () => undefined)).problems).toEqual([
      'this folder cannot be read',
    ])
  })
})

describe('the writes a listing needs', () => {
  const text = (value: string, file = 'f') => ({ value, file })
  const listing: StoreListing = {
    path: '/m',
    locales: [
      {
        locale: 'en-US',
        version: { description: text('New description'), promotionalText: text('New promo') },
        appInfo: { subtitle: text('New subtitle') },
      },
      { locale: 'fr-FR', version: { keywords: text('a,b') }, appInfo: { subtitle: text('Sous-titre') } },
    ],
    review: { demoAccountName: text('reviewer'), contactEmail: text('a@example.com') },
  }
  const state: ListingState = {
    versionLocalizations: [
      {
        type: 'appStoreVersionLocalizations',
        id: 'v-en',
        attributes: { locale: 'en-US', description: 'New description', keywords: 'kept' },
      },
    ],
    appInfo: {
      id: 'info',
      localizations: [
        { type: 'appInfoLocalizations', id: 'i-en', attributes: { locale: 'en-US', name: 'App' } },
      ],
    },
    reviewDetail: { id: 'rd', attributes: { contactEmail: 'a@example.com', demoAccountPassword: 'old' } },
  }

  it('patches only fields a file gives that differ, creates missing locales, and never blanks', () => {
    const writes = planListingWrites(listing, state, { live: false, demoAccountPassword: 'pw' })
    expect(writes.version).toEqual([
      { locale: 'en-US', id: 'v-en', attributes: { promotionalText: 'New promo' } },
      { locale: 'fr-FR', attributes: { keywords: 'a,b' } },
    ])
    expect(writes.appInfo).toEqual([
      { locale: 'en-US', id: 'i-en', attributes: { subtitle: 'New subtitle' } },
    ])
    // fr-FR has no app info localization and no name.txt: Apple needs a name to create one.
    expect(writes.problems).toEqual([
      'the app info has no fr-FR localization yet, and Apple needs a name to create one: add fr-FR/name.txt',
    ])
    expect(writes.review).toEqual({
      id: 'rd',
      attributes: { demoAccountName: 'reviewer', demoAccountPassword: 'pw', demoAccountRequired: true },
    })
    expect(writes.changes).toContainEqual({
      field: 'App Review demoAccountPassword',
      from: '(set)',
      to: '(set)',
    })
    expect(JSON.stringify(writes.changes)).not.toContain('pw')
    expect(writes.createdLocales).toEqual(['fr-FR'])
  })

  it('finds nothing to write when App Store Connect already holds the listing', () => {
    const same: StoreListing = {
      ...listing,
      locales: [listing.locales[0] ?? { locale: '', version: {}, appInfo: {} }],
    }
    const held: ListingState = {
      versionLocalizations: [
        {
          type: 'appStoreVersionLocalizations',
          id: 'v',
          attributes: { locale: 'en-US', description: 'New description', promotionalText: 'New promo' },
        },
      ],
      appInfo: {
        id: 'i',
        localizations: [
          {
            type: 'appInfoLocalizations',
            id: 'l',
            attributes: { locale: 'en-US', subtitle: 'New subtitle' },
          },
        ],
      },
      reviewDetail: { id: 'rd', attributes: { demoAccountName: 'reviewer', contactEmail: 'a@example.com' } },
    }
    const writes = planListingWrites(same, held, { live: false })
    expect(writes).toMatchObject({ version: [], appInfo: [], changes: [], problems: [], createdLocales: [] })
    expect(writes.review).toBeUndefined()
  })

  it('on the live version writes only promotional text, and says what it leaves', () => {
    const writes = planListingWrites(
      listing,
      { versionLocalizations: state.versionLocalizations },
      { live: true },
    )
    expect(writes.version).toEqual([
      { locale: 'en-US', id: 'v-en', attributes: { promotionalText: 'New promo' } },
    ])
    expect(writes.appInfo).toEqual([])
    expect(writes.review).toBeUndefined()
    expect(writes.notes).toEqual([
      'en-US: only the promotional text of the live version can change without a new version; the rest is left as is',
      'fr-FR: only the promotional text of the live version can change without a new version; the rest is left as is',
      'fr-FR: the live version has no such localization; a new version can add it',
      'name, subtitle and privacy policy URL change only with a new version; left as is',
      'App Review information goes with a new version; left as is',
    ])
  })

  it('needs an editable app info for name, subtitle and privacy policy URL', () => {
    const writes = planListingWrites(listing, { versionLocalizations: [] }, { live: false })
    expect(writes.problems).toEqual([expect.stringContaining('the app has no editable app info')])
  })

  it('shortens texts to one line', () => {
    expect(brief('a\n\nb')).toBe('a ⏎ b')
    expect(brief('x'.repeat(50))).toBe(`${'x'.repeat(39)}…`)
    expect(
      describeChanges([
        { field: 'en-US keywords', to: 'a' },
        { field: 'App Review demoAccountPassword', from: '(set)', to: '(set)' },
      ]),
    ).toBe("en-US keywords (empty) → 'a', App Review demoAccountPassword '(set)' → '(set)'")
  })
})

describe('which version the listing goes to without the App Store step', () => {
  const version = (id: string, versionString: string, appVersionState: string) => ({
    type: 'appStoreVersions' as const,
    id,
    attributes: { versionString, appVersionState },
  })
  const situation = (...versions: ReturnType<typeof version>[]) => ({
    platform: 'IOS' as const,
    versions,
    included: [],
    submissions: [],
  })

  it('takes the editable version of this release, else the live one (promotional text only)', () => {
    const s = situation(
      version('live', '1.0.0', 'READY_FOR_DISTRIBUTION'),
      version('next', '1.1.0', 'PREPARE_FOR_SUBMISSION'),
    )
    expect(chooseListingTarget(s, '1.1.0')).toMatchObject({ version: { id: 'next' }, live: false })
    expect(chooseListingTarget(s, '1.0.0')).toMatchObject({ version: { id: 'live' }, live: true })
  })

  it('refuses a version in review, and one that does not exist, saying what to do', () => {
    const s = situation(
      version('rev', '2.0.0', 'WAITING_FOR_REVIEW'),
      version('next', '2.1.0', 'PREPARE_FOR_SUBMISSION'),
    )
    expect(chooseListingTarget(s, '2.0.0').problem).toContain(
      'is WAITING_FOR_REVIEW: its store listing cannot change now',
    )
    expect(chooseListingTarget(s, '3.0.0').problem).toContain(
      'App Store version 3.0.0 does not exist yet (the editable version is 2.1.0)',
    )
  })
})

describe('the store listing in the job summary', () => {
  it('escapes the texts and shows notes and new locales', () => {
    const lines = listingSection({
      versionString: '1.0.0',
      live: true,
      changes: [{ field: 'en-US promotionalText', from: '**old**', to: '<b>new</b>' }],
      createdLocales: [],
      notes: ['fr-FR: left as is'],
    })
    expect(lines.join('\n')).toContain('| en-US promotionalText | \\*\\*old\\*\\* | &lt;b&gt;new&lt;/b&gt; |')
    expect(lines).toContain('- fr-FR: left as is')
  })
})

describe('metadata_path and demo_account_password among the inputs', () => {
  const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
    type: 'pkcs8',
    format: 'pem',
  })
  const ipa = join(dir, 'App.ipa')
  writeFileSync(ipa, 'x')
  const raw = (overrides: Record<string, string>) => ({
    ...(Object.fromEntries(INPUT_NAMES.map((n) => [n, ''])) as Record<(typeof INPUT_NAMES)[number], string>),
    api_key: String(pem),
    key_id: 'ABC123DEFG',
    ipa_path: ipa,
    ...overrides,
  })

  it("feeds release_notes.txt to What's New and copyright.txt to the copyright, below the inputs", async () => {
    const fromFiles = await readSettings(raw({ metadata_path: METADATA, submit_to_app_store: 'true' }))
    expect(fromFiles.appStore.copyright).toBe('2026 Example Ltd')
    expect(fromFiles.appStore.whatsNew).toEqual([
      { language: 'de-DE', text: 'Widgets und ein schnellerer Start.' },
      { language: 'en-US', text: 'Widgets and a faster start.' },
      { language: 'fr-FR', text: 'Widgets et démarrage plus rapide.' },
    ])
    const inputsWin = await readSettings(
      raw({
        metadata_path: METADATA,
        submit_to_app_store: 'true',
        whats_new: 'Fixes.',
        copyright: '2027 Other',
      }),
    )
    expect(inputsWin.appStore.copyright).toBe('2027 Other')
    expect(inputsWin.appStore.whatsNew).toEqual([{ text: 'Fixes.' }])
  })

  it('masks demo_account_password before anything else and keeps it in the settings', async () => {
    const settings = await readSettings(raw({ demo_account_password: 'pa55-secret' }))
    expect(settings.demoAccountPassword).toBe('pa55-secret')
    expect(settings.listing).toBeUndefined()
    expect(masked).toContain('pa55-secret')
  })

  it('names metadata_path, its folder and the file in an error', async () => {
    const root = folder({ 'en-US/keywords.txt': 'k'.repeat(101) })
    await expect(readSettings(raw({ metadata_path: root }))).rejects.toThrow(
      `'metadata_path' (${root}): 'en-US/keywords.txt' is 101 bytes long; Apple takes at most 100 bytes of UTF-8`,
    )
  })
})
