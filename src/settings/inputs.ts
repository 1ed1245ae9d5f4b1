import { stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  apiKeySettings,
  appIdField,
  bundleIdField,
  checkKey,
  keyFields,
  platformField,
} from './credentials.js'
import {
  addProblem,
  bool,
  fromString,
  inputError,
  InputError,
  LOCALE,
  number,
  oneOf,
  optional,
  pattern,
  readInput,
  versionInput,
} from './fields.js'
import { inputsNeedingProcessedBuild } from './processed-build.js'
import { registerSecret } from '../report/log.js'
import type { LocalMedia, MediaKind } from '../media/types.js'
import { listingWhatsNew, metadataFolder } from './metadata.js'
import type { LocalizedText, Settings } from './settings.js'
import { parseTesters, type TesterEntry } from './testers.js'
import type { TestInformation } from './test-information.js'
import { readXcodeCloudNotes, type XcodeCloudNotes } from './xcode-cloud-notes.js'
import { readTextFile, textFileProblem } from '../shared/text-file.js'
import * as z from './zod.js'

/** Every input of action.yml. A test keeps this list, action.yml and the README in step. */
export const INPUT_NAMES = [
  'api_key',
  'key_id',
  'issuer_id',
  'ipa_path',
  'upload_method',
  'app_id',
  'bundle_id',
  'app_version',
  'build_number',
  'platform',
  'wait_for_processing',
  'build_appear_timeout',
  'processing_timeout',
  'poll_interval',
  'uses_non_exempt_encryption',
  'release_notes',
  'release_notes_file',
  'locale',
  'submit_to_testflight',
  'beta_groups',
  'create_missing_groups',
  'testers',
  'public_link',
  'public_link_limit',
  'wait_for_beta_review',
  'expire_previous_builds',
  'notify_testers',
  'replace_build_in_beta_review',
  'submit_to_app_store',
  'cancel_previous_submissions',
  'release_type',
  'earliest_release_date',
  'copyright',
  'whats_new',
  'whats_new_file',
  'phased_release',
  'screenshots_path',
  'screenshots_mode',
  'app_previews_path',
  'wait_for_app_review',
  'dry_run',
  'apple_id',
  'app_specific_password',
  'test_information_file',
  'metadata_path',
  'demo_account_password',
] as const
export type InputName = (typeof INPUT_NAMES)[number]
export type RawInputs = Record<InputName, string>
export { InputError, readInput } from './fields.js'

/** Apple's limit on "What to Test" and "What's New" is 4000 bytes of UTF-8, not characters. */
const MAX_NOTES_BYTES = 4000

const notesText = z.string().check(
  z.refine((t) => Buffer.byteLength(t, 'utf8') <= MAX_NOTES_BYTES, {
    error: (i) =>
      `must be at most ${MAX_NOTES_BYTES} bytes of UTF-8 (got ${Buffer.byteLength(String(i.input), 'utf8')})`,
  }),
)

/** whats_new_file: the text for every language the file gives no text for (an update needs it in every language: fastlane#20612, asc#836). */
const DEFAULT_LANGUAGE = 'default'

const notesFileEntries = z
  .array(
    z.object({
      language: z.string().check(
        z.refine((l) => LOCALE.test(l) || l === DEFAULT_LANGUAGE, {
          error: `language must be a locale such as en-US (or "${DEFAULT_LANGUAGE}" in whats_new_file)`,
        }),
      ),
      text: z.pipe(
        z.string().check(z.refine((t) => t.trim() !== '', { error: 'text must not be empty' })),
        notesText,
      ),
    }),
    { error: 'must be a JSON array of {"language": "en-US", "text": "..."}' },
  )
  .check(
    z.minLength(1, { error: 'must hold at least one {"language", "text"} entry' }),
    z.refine((entries) => new Set(entries.map((e) => e.language)).size === entries.length, {
      error: 'names a language more than once',
    }),
  )

const MAX_NOTES_FILE_BYTES = 1024 * 1024

const notesFile = fromString(async (path, ctx): Promise<LocalizedText[] | undefined> => {
  if (path === '') return undefined
  // Every language's text at 4000 bytes fits many times over; the bound keeps a wrong path from filling memory.
  const file = await readTextFile(path, MAX_NOTES_FILE_BYTES)
  if (!('text' in file)) {
    addProblem(ctx, textFileProblem(path, file, 'a notes file', MAX_NOTES_FILE_BYTES))
    return z.NEVER
  }
  const text = file.text
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    addProblem(ctx, `'${path}' is not valid JSON: expected [{"language": "en-US", "text": "..."}]`)
    return z.NEVER
  }
  const parsed = notesFileEntries.safeParse(json)
  // The "default" entry becomes the text without a language.
  if (parsed.success) return parsed.data.map((e) => (e.language === DEFAULT_LANGUAGE ? { text: e.text } : e))
  for (const issue of parsed.error.issues) {
    const where = issue.path.length ? ` (entry ${issue.path.join('.')})` : ''
    addProblem(ctx, `'${path}'${where}: ${issue.message}`)
  }
  return z.NEVER
})

/** test_information_file: read and checked here, its demo account password masked as soon as it is read. */
const testInformationFile = (mask: (secret: string) => void) =>
  fromString(async (path, ctx): Promise<TestInformation | undefined> => {
    if (path === '') return undefined
    // Loaded only when a file is given: its schemas are built when the module loads.
    const { readTestInformationFile, TestInformationError } = await import('./test-information.js')
    try {
      const info = await readTestInformationFile(path)
      if (info.review.demoAccountPassword !== undefined) mask(info.review.demoAccountPassword)
      return info
    } catch (error) {
      if (!(error instanceof TestInformationError)) throw error
      for (const message of error.problems) addProblem(ctx, message)
      return z.NEVER
    }
  })

const PACKAGE_EXTENSION = /\.(ipa|pkg)$/i

/**
 * Resolves ipa_path to the .ipa and .pkg files it names, one path or glob a line, in order and each file once.
 * Every line must match at least one file. A path that exists is taken as it is before it is read as a glob
 * (`Sample [prod].ipa` is also a pattern, matching `Sample p.ipa`); a leading `~/` is the home folder.
 */
const packagePaths = fromString(async (given, ctx): Promise<string[]> => {
  const paths: string[] = []
  const problems: string[] = []
  for (const line of given.split('\n').map((l) => l.trim())) {
    if (line === '') continue
    const expanded = line.startsWith('~/') ? join(homedir(), line.slice(2)) : line
    const matches = (await isFile(expanded)) ? [resolve(expanded)] : await globFiles(expanded)
    if (matches.length === 0) {
      problems.push(
        `must match at least one .ipa or .pkg file; '${line}' matches no file (looked for ${resolve(expanded)})`,
      )
      continue
    }
    for (const path of matches) {
      if (!PACKAGE_EXTENSION.test(path) || !(await isFile(path))) {
        problems.push(`must name only .ipa or .pkg files (got '${path}')`)
      } else if (!paths.includes(path)) paths.push(path)
    }
  }
  for (const message of problems) addProblem(ctx, message)
  return problems.length > 0 ? z.NEVER : paths
})

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  )
}

async function globFiles(pattern: string): Promise<string[]> {
  // Loaded only for a pattern: @actions/glob brings @actions/core, which start-up does without (plain-log.ts).
  const glob = await import('@actions/glob')
  const globber = await glob.create(pattern, { matchDirectories: false, implicitDescendants: false })
  // Sorted, so a glob's packages are released in the same order on every runner.
  return (await globber.glob()).sort()
}

/**
 * screenshots_path and app_previews_path: the folder read and every file checked here, before any request;
 * each problem names its file. The reader is loaded only when the input is given.
 */
const mediaFolder = (kind: MediaKind) =>
  fromString(async (path, ctx): Promise<LocalMedia | undefined> => {
    if (path === '') return undefined
    const { MediaFolderError, readMediaFolder } = await import('../media/folder.js')
    try {
      return await readMediaFolder(path, kind)
    } catch (error) {
      if (!(error instanceof MediaFolderError)) throw error
      for (const message of error.problems) addProblem(ctx, message)
      return z.NEVER
    }
  })

const RELEASE_DATE_FORMAT =
  'an ISO 8601 date and time with a timezone that falls on a whole hour of UTC, e.g. 2027-01-01T14:00:00+00:00 or 2027-01-01T14:30:00+05:30'
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:Z|([+-])(\d{2}):?(\d{2}))$/

/**
 * One rule whatever the offset: the instant must fall on a whole hour of UTC, as App Store Connect schedules
 * releases by the hour (fastlane deliver truncates auto_release_date to the UTC hour: upload_metadata.rb
 * convert_ms_to_iso8601). A day or time that does not exist (2027-02-29, 24:00, +25:00) is refused, never rolled
 * over.
 */
const releaseDate = (now: () => number) =>
  optional(
    fromString((v, ctx) => {
      const instant = releaseInstant(v)
      if (typeof instant === 'string') {
        addProblem(ctx, `must be ${RELEASE_DATE_FORMAT}; ${instant} (got '${v}')`)
        return z.NEVER
      }
      if (instant.getTime() <= now()) {
        addProblem(ctx, `must be in the future (got '${v}', which is ${instant.toISOString()})`)
        return z.NEVER
      }
      return instant
    }),
  )

/** The instant an earliest_release_date names, or why it names none on the hour. */
function releaseInstant(text: string): Date | string {
  const match = ISO_DATE_TIME.exec(text)
  if (!match) return 'this is not one'
  const part = (index: number): number => Number(match[index] ?? 0)
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map(part) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const calendarDay = new Date(Date.UTC(year, month - 1, day))
  if (calendarDay.getUTCMonth() !== month - 1 || calendarDay.getUTCDate() !== day) {
    return `${text.slice(0, 10)} is not a day of the calendar`
  }
  if (hour > 23 || minute > 59 || second > 59) return `${text.slice(11, 19)} is not a time of day`
  const [offsetHours, offsetMinutes] = [9, 10].map(part) as [number, number]
  if (offsetHours > 14 || offsetMinutes > 59) return 'its timezone offset does not exist'
  const offsetMs = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000
  const instant = new Date(Date.UTC(year, month - 1, day, hour, minute, second) - offsetMs)
  if (part(7) !== 0 || instant.getTime() % 3_600_000 !== 0) {
    return `it is ${instant.toISOString().slice(11, 19)} UTC`
  }
  return instant
}

/** `testers`: every bad entry is named before any request. */
const testerList = fromString((v, ctx): TesterEntry[] => {
  const { testers, problems } = parseTesters(v)
  for (const message of problems) addProblem(ctx, message)
  return problems.length > 0 ? z.NEVER : testers
})

/** A whole number in a range, for counts such as public_link_limit. */
const wholeNumber = (min: number, max: number) =>
  optional(
    fromString((v, ctx) => {
      const n = /^\d+$/.test(v) ? Number(v) : NaN
      if (n >= min && n <= max) return n
      addProblem(ctx, `must be a whole number from ${min} to ${max} (got '${v}')`)
      return z.NEVER
    }),
  )

/** Minutes to wait for a review verdict; 0 (the default) does not wait. Up to a week: reviews can take days. */
const reviewWait = () => number('minutes', 0, 0, 7 * 24 * 60, true)

/** Group names, each once: a name given twice would add the build to its group twice. */
const groupList = fromString((v) => [
  ...new Set(
    v
      .split(/[\n,]/)
      .map((g) => g.trim())
      .filter((g) => g !== ''),
  ),
])

function inputSchema(
  now: () => number,
  mask: (secret: string) => void,
  xcodeCloudNotes: XcodeCloudNotes | undefined,
) {
  return z.pipe(
    z
      .object({
        ...keyFields(mask),
        ipa_path: packagePaths,
        upload_method: oneOf(['api', 'altool', 'none'], 'api'),
        app_id: appIdField,
        bundle_id: bundleIdField,
        app_version: optional(versionInput('app_version')),
        build_number: optional(versionInput('build_number')),
        platform: platformField,
        wait_for_processing: oneOf(['true', 'false', 'auto'], 'auto'),
        build_appear_timeout: number('minutes', 15, 0, 24 * 60, false),
        processing_timeout: number('minutes', 120, 0, 24 * 60, false),
        poll_interval: number('seconds', 30, 0.1, 3600, true),
        uses_non_exempt_encryption: optional(z.pipe(z.string(), bool(false))),
        release_notes: optional(notesText),
        release_notes_file: notesFile,
        locale: optional(pattern(LOCALE, 'a locale such as en-US')),
        submit_to_testflight: bool(false),
        beta_groups: groupList,
        create_missing_groups: oneOf(['false', 'internal', 'external'], 'false'),
        testers: testerList,
        public_link: bool(false),
        // Apple's limit on a public link's testers (App Store Connect's TestFlight page: 1 to 10,000).
        public_link_limit: wholeNumber(1, 10_000),
        wait_for_beta_review: reviewWait(),
        expire_previous_builds: bool(false),
        notify_testers: bool(true),
        replace_build_in_beta_review: bool(false),
        submit_to_app_store: bool(false),
        cancel_previous_submissions: bool(false),
        release_type: oneOf(['MANUAL', 'AFTER_APPROVAL', 'SCHEDULED'], 'MANUAL', true),
        earliest_release_date: releaseDate(now),
        copyright: optional(z.string().check(z.maxLength(200, { error: 'must be at most 200 characters' }))),
        whats_new: optional(notesText),
        whats_new_file: notesFile,
        phased_release: bool(false),
        screenshots_path: mediaFolder('screenshot'),
        screenshots_mode: oneOf(['sync', 'append', 'replace'], 'sync'),
        app_previews_path: mediaFolder('preview'),
        wait_for_app_review: reviewWait(),
        dry_run: bool(false),
        apple_id: optional(pattern(/^[^@\s]+@[^@\s]+$/, 'the e-mail address of an Apple ID')),
        app_specific_password: z.string(),
        test_information_file: testInformationFile(mask),
        metadata_path: metadataFolder(mask),
        demo_account_password: optional(z.string()),
      } satisfies Record<InputName, z.ZodMiniType>)
      .check(
        z.superRefine((i, ctx) => {
          const problem = (input: InputName, message: string) =>
            ctx.addIssue({ code: 'custom', path: [input], message })
          const uploading = i.upload_method !== 'none'

          checkKey(i, problem)

          if (uploading && i.ipa_path.length === 0) {
            problem(
              'ipa_path',
              `is required with upload_method ${i.upload_method}: the .ipa or .pkg to upload`,
            )
          }
          if (!uploading && i.ipa_path.length === 0) {
            // Without a package nothing tells which build to act on: every part of its identity must be given.
            if (i.app_id === undefined && i.bundle_id === undefined) {
              problem(
                'bundle_id',
                'is required with upload_method none when no ipa_path is given (or give app_id)',
              )
            }
            if (i.app_version === undefined) {
              problem('app_version', 'is required with upload_method none when no ipa_path is given')
            }
            if (i.build_number === undefined) {
              problem('build_number', 'is required with upload_method none when no ipa_path is given')
            }
            if (i.platform === undefined) {
              problem('platform', 'is required with upload_method none when no ipa_path is given')
            }
          }
          if (i.upload_method !== 'altool') {
            if (i.apple_id !== undefined) problem('apple_id', 'is only used with upload_method altool')
            if (i.app_specific_password !== '') {
              problem('app_specific_password', 'is only used with upload_method altool')
            }
          } else if ((i.apple_id === undefined) !== (i.app_specific_password === '')) {
            problem(
              i.apple_id === undefined ? 'apple_id' : 'app_specific_password',
              'apple_id and app_specific_password go together: give both or neither',
            )
          }

          if (i.release_notes !== undefined && i.release_notes_file !== undefined) {
            problem('release_notes_file', 'cannot be combined with release_notes: give one of them')
          }
          if (i.release_notes_file?.some((e) => e.language === undefined)) {
            problem('release_notes_file', `a "${DEFAULT_LANGUAGE}" entry is only taken in whats_new_file`)
          }
          if (i.whats_new !== undefined && i.whats_new_file !== undefined) {
            problem('whats_new_file', 'cannot be combined with whats_new: give one of them')
          }

          const review = i.test_information_file?.review
          const password = i.demo_account_password ?? review?.demoAccountPassword
          if (
            review?.demoAccountRequired === true &&
            (review.demoAccountName === undefined || password === undefined)
          ) {
            problem(
              'test_information_file',
              `'${i.test_information_file?.file ?? ''}' beta_app_review_info.demo_account_required is true: give ` +
                'demo_account_name and demo_account_password (the password may come from the demo_account_password input)',
            )
          }

          if (i.release_type === 'SCHEDULED' && i.earliest_release_date === undefined) {
            problem('earliest_release_date', 'is required with release_type SCHEDULED')
          }
          if (i.release_type !== 'SCHEDULED' && i.earliest_release_date !== undefined) {
            problem(
              'earliest_release_date',
              `is only used with release_type SCHEDULED (release_type is ${i.release_type})`,
            )
          }
          if (i.replace_build_in_beta_review && !i.submit_to_testflight) {
            problem('replace_build_in_beta_review', 'is only used with submit_to_testflight: true')
          }
          if (i.wait_for_beta_review > 0 && !i.submit_to_testflight) {
            problem('wait_for_beta_review', 'is only used with submit_to_testflight: true')
          }
          const groupOnly: [InputName, boolean][] = [
            ['create_missing_groups', i.create_missing_groups !== 'false'],
            ['testers', i.testers.length > 0],
            ['public_link', i.public_link],
          ]
          for (const [input, used] of groupOnly) {
            if (used && i.beta_groups.length === 0) problem(input, 'needs beta_groups: the groups it acts on')
          }
          if (i.public_link_limit !== undefined && !i.public_link) {
            problem('public_link_limit', 'is only used with public_link: true')
          }
          if (!i.submit_to_app_store) {
            const appStoreOnly: [InputName, boolean][] = [
              ['release_type', i.release_type !== 'MANUAL'],
              ['copyright', i.copyright !== undefined],
              ['whats_new', i.whats_new !== undefined],
              ['whats_new_file', i.whats_new_file !== undefined],
              ['phased_release', i.phased_release],
              ['cancel_previous_submissions', i.cancel_previous_submissions],
              ['wait_for_app_review', i.wait_for_app_review > 0],
            ]
            for (const [input, used] of appStoreOnly) {
              if (used) problem(input, 'is only used with submit_to_app_store: true')
            }
          }
        }),
      ),
    z.transform((i, ctx): Settings => {
      const withLocale = (text: string | undefined): LocalizedText[] =>
        text === undefined ? [] : [i.locale === undefined ? { text } : { language: i.locale, text }]
      const settings: Settings = {
        apiKey: apiKeySettings(i),
        upload: {
          method: i.upload_method,
          packagePath: i.ipa_path[0],
          appleIdLogin:
            i.apple_id !== undefined
              ? { appleId: i.apple_id, appSpecificPassword: i.app_specific_password }
              : undefined,
        },
        release: {
          appId: i.app_id,
          bundleId: i.bundle_id,
          version: i.app_version,
          buildNumber: i.build_number,
          platform: i.platform,
        },
        wait: {
          forProcessing: i.wait_for_processing === 'true',
          buildAppearTimeoutMs: i.build_appear_timeout * 60_000,
          processingTimeoutMs: i.processing_timeout * 60_000,
          pollIntervalMs: i.poll_interval * 1000,
        },
        testflight: {
          usesNonExemptEncryption: i.uses_non_exempt_encryption,
          whatToTest: i.release_notes_file ?? xcodeCloudNotes?.texts ?? withLocale(i.release_notes),
          ...(xcodeCloudNotes && !i.release_notes_file ? { whatToTestFolder: xcodeCloudNotes.folder } : {}),
          submitForReview: i.submit_to_testflight,
          groups: i.beta_groups,
          expirePreviousBuilds: i.expire_previous_builds,
          notifyTesters: i.notify_testers,
          replaceBuildInBetaReview: i.replace_build_in_beta_review,
          createMissingGroups: i.create_missing_groups === 'false' ? undefined : i.create_missing_groups,
          testers: i.testers,
          publicLink: i.public_link ? { limit: i.public_link_limit } : undefined,
          waitForReviewMs: i.wait_for_beta_review * 60_000,
        },
        appStore: {
          submit: i.submit_to_app_store,
          cancelPreviousSubmissions: i.cancel_previous_submissions,
          releaseType: i.release_type,
          earliestReleaseDate: i.earliest_release_date,
          // An input wins over metadata_path's copyright.txt and release_notes.txt.
          copyright: i.copyright ?? i.metadata_path?.copyright?.value,
          // whats_new fills every language (the locale input's first); a text for one language comes from whats_new_file.
          whatsNew:
            i.whats_new_file ??
            (i.whats_new === undefined ? listingWhatsNew(i.metadata_path) : [{ text: i.whats_new }]),
          phasedRelease: i.phased_release,
          waitForReviewMs: i.wait_for_app_review * 60_000,
        },
        media: {
          ...(i.screenshots_path ? { screenshots: i.screenshots_path } : {}),
          ...(i.app_previews_path ? { previews: i.app_previews_path } : {}),
          mode: i.screenshots_mode,
        },
        ...(i.metadata_path ? { listing: i.metadata_path } : {}),
        locale: i.locale,
        packagePaths: i.ipa_path,
        dryRun: i.dry_run,
        ...(i.test_information_file ? { testInformation: i.test_information_file } : {}),
        ...(i.demo_account_password !== undefined ? { demoAccountPassword: i.demo_account_password } : {}),
      }
      // The one list of what needs a processed build decides both auto and what false refuses.
      const needing = inputsNeedingProcessedBuild(settings)
      if (i.wait_for_processing === 'false') {
        for (const { input } of needing) {
          const named =
            input === 'release_notes' && i.release_notes_file !== undefined ? 'release_notes_file' : input
          addProblem(ctx, 'needs a processed build, so it cannot be used with wait_for_processing false', [
            named,
          ])
        }
      }
      const auto = i.wait_for_processing === 'auto' && needing.length > 0
      return auto ? { ...settings, wait: { ...settings.wait, forProcessing: true } } : settings
    }),
  )
}

/** Inputs whose values are secret: masked at once and never quoted in an error. */
const SECRET_INPUTS: InputName[] = ['api_key', 'app_specific_password', 'demo_account_password']

export function readRawInputs(getInput: (name: string) => string = readInput): RawInputs {
  return Object.fromEntries(INPUT_NAMES.map((name) => [name, getInput(name)])) as RawInputs
}

/**
 * Turns the raw inputs into Settings, checking every rule before any request is sent.
 * Secrets are masked before anything else happens, so no later log line can show them.
 */
export async function readSettings(
  raw: RawInputs = readRawInputs(),
  now: () => number = Date.now,
): Promise<Settings> {
  for (const name of SECRET_INPUTS) registerSecret(raw[name])
  let xcodeCloudNotes: XcodeCloudNotes | undefined
  // Xcode Cloud's What to Test files stand in for release_notes when neither is given (not without processing).
  if (raw.release_notes === '' && raw.release_notes_file === '' && raw.wait_for_processing !== 'false') {
    try {
      xcodeCloudNotes = await readXcodeCloudNotes(process.env.GITHUB_WORKSPACE || process.cwd())
    } catch (error) {
      throw new InputError([
        `Xcode Cloud What to Test files: ${error instanceof Error ? error.message : String(error)}`,
      ])
    }
  }
  const parsed = await inputSchema(now, registerSecret, xcodeCloudNotes).safeParseAsync(raw)
  if (parsed.success) return parsed.data
  throw inputError(parsed.error.issues, INPUT_NAMES)
}
