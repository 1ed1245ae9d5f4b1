import { readFile, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { z } from 'zod'
import {
  apiKeySettings,
  appIdField,
  bundleIdField,
  checkKey,
  keyFields,
  platformField,
} from './credentials.js'
import { bool, inputError, number, oneOf, optional, pattern, readInput, versionInput } from './fields.js'
import { inputsNeedingProcessedBuild } from './processed-build.js'
import { registerSecret } from '../report/log.js'
import type { LocalizedText, Settings } from './settings.js'

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
  'dry_run',
  'apple_id',
  'app_specific_password',
] as const
export type InputName = (typeof INPUT_NAMES)[number]
export type RawInputs = Record<InputName, string>
export { InputError, readInput } from './fields.js'

/** Apple's limit on "What to Test" and "What's New" is 4000 bytes of UTF-8, not characters. */
const MAX_NOTES_BYTES = 4000

const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/

const notesText = z.string().refine((t) => Buffer.byteLength(t, 'utf8') <= MAX_NOTES_BYTES, {
  error: (i) =>
    `must be at most ${MAX_NOTES_BYTES} bytes of UTF-8 (got ${Buffer.byteLength(String(i.input), 'utf8')})`,
})

/** whats_new_file: the text for every language the file gives no text for (an update needs it in every language: fastlane#20612, asc#836). */
const DEFAULT_LANGUAGE = 'default'

const notesFileEntries = z
  .array(
    z.object({
      language: z.string().refine((l) => LOCALE.test(l) || l === DEFAULT_LANGUAGE, {
        error: `language must be a locale such as en-US (or "${DEFAULT_LANGUAGE}" in whats_new_file)`,
      }),
      text: z
        .string()
        .refine((t) => t.trim() !== '', { error: 'text must not be empty' })
        .pipe(notesText),
    }),
    { error: 'must be a JSON array of {"language": "en-US", "text": "..."}' },
  )
  .min(1, { error: 'must hold at least one {"language", "text"} entry' })
  .refine((entries) => new Set(entries.map((e) => e.language)).size === entries.length, {
    error: 'names a language more than once',
  })

const notesFile = z.string().transform(async (path, ctx): Promise<LocalizedText[] | undefined> => {
  if (path === '') return undefined
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch {
    ctx.addIssue({ code: 'custom', message: `cannot read the file '${path}'` })
    return z.NEVER
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: `'${path}' is not valid JSON: expected [{"language": "en-US", "text": "..."}]`,
    })
    return z.NEVER
  }
  const parsed = notesFileEntries.safeParse(json)
  // The "default" entry becomes the text without a language.
  if (parsed.success) return parsed.data.map((e) => (e.language === DEFAULT_LANGUAGE ? { text: e.text } : e))
  for (const issue of parsed.error.issues) {
    const where = issue.path.length ? ` (entry ${issue.path.join('.')})` : ''
    ctx.addIssue({ code: 'custom', message: `'${path}'${where}: ${issue.message}` })
  }
  return z.NEVER
})

const PACKAGE_EXTENSION = /\.(ipa|pkg)$/i

/**
 * Resolves ipa_path to exactly one existing .ipa or .pkg. A path that exists is taken as it is before it is read
 * as a glob (`Sample [prod].ipa` is also a pattern, matching `Sample p.ipa`); a leading `~/` is the home folder.
 */
const packagePath = z.string().transform(async (given, ctx): Promise<string | undefined> => {
  if (given === '') return undefined
  const expanded = given.startsWith('~/') ? join(homedir(), given.slice(2)) : given
  const matches = (await isFile(expanded)) ? [resolve(expanded)] : await globFiles(expanded)
  if (matches.length !== 1) {
    const found =
      matches.length === 0
        ? `no file (looked for ${resolve(expanded)})`
        : `${matches.length} files: ${matches.slice(0, 5).join(', ')}`
    ctx.addIssue({
      code: 'custom',
      message: `must match exactly one .ipa or .pkg file; '${given}' matches ${found}`,
    })
    return z.NEVER
  }
  const [path] = matches as [string]
  if (!PACKAGE_EXTENSION.test(path) || !(await isFile(path))) {
    ctx.addIssue({ code: 'custom', message: `must name an .ipa or .pkg file (got '${path}')` })
    return z.NEVER
  }
  return path
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
  return globber.glob()
}

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
    z.string().transform((v, ctx) => {
      const instant = releaseInstant(v)
      if (typeof instant === 'string') {
        ctx.addIssue({ code: 'custom', message: `must be ${RELEASE_DATE_FORMAT}; ${instant} (got '${v}')` })
        return z.NEVER
      }
      if (instant.getTime() <= now()) {
        ctx.addIssue({
          code: 'custom',
          message: `must be in the future (got '${v}', which is ${instant.toISOString()})`,
        })
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

/** Group names, each once: a name given twice would add the build to its group twice. */
const groupList = z.string().transform((v) => [
  ...new Set(
    v
      .split(/[\n,]/)
      .map((g) => g.trim())
      .filter((g) => g !== ''),
  ),
])

function inputSchema(now: () => number, mask: (secret: string) => void) {
  return z
    .object({
      ...keyFields(mask),
      ipa_path: packagePath,
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
      uses_non_exempt_encryption: optional(z.string().pipe(bool(false))),
      release_notes: optional(notesText),
      release_notes_file: notesFile,
      locale: optional(pattern(LOCALE, 'a locale such as en-US')),
      submit_to_testflight: bool(false),
      beta_groups: groupList,
      expire_previous_builds: bool(false),
      notify_testers: bool(true),
      replace_build_in_beta_review: bool(false),
      submit_to_app_store: bool(false),
      cancel_previous_submissions: bool(false),
      release_type: oneOf(['MANUAL', 'AFTER_APPROVAL', 'SCHEDULED'], 'MANUAL', true),
      earliest_release_date: releaseDate(now),
      copyright: optional(z.string().max(200, { error: 'must be at most 200 characters' })),
      whats_new: optional(notesText),
      whats_new_file: notesFile,
      phased_release: bool(false),
      dry_run: bool(false),
      apple_id: optional(pattern(/^[^@\s]+@[^@\s]+$/, 'the e-mail address of an Apple ID')),
      app_specific_password: z.string(),
    } satisfies Record<InputName, z.ZodType>)
    .superRefine((i, ctx) => {
      const problem = (input: InputName, message: string) =>
        ctx.addIssue({ code: 'custom', path: [input], message })
      const uploading = i.upload_method !== 'none'

      checkKey(i, problem)

      if (uploading && i.ipa_path === undefined) {
        problem('ipa_path', `is required with upload_method ${i.upload_method}: the .ipa or .pkg to upload`)
      }
      if (!uploading && i.ipa_path === undefined) {
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
      if (!i.submit_to_app_store) {
        const appStoreOnly: [InputName, boolean][] = [
          ['release_type', i.release_type !== 'MANUAL'],
          ['copyright', i.copyright !== undefined],
          ['whats_new', i.whats_new !== undefined],
          ['whats_new_file', i.whats_new_file !== undefined],
          ['phased_release', i.phased_release],
          ['cancel_previous_submissions', i.cancel_previous_submissions],
        ]
        for (const [input, used] of appStoreOnly) {
          if (used) problem(input, 'is only used with submit_to_app_store: true')
        }
      }
    })
    .transform((i, ctx): Settings => {
      const withLocale = (text: string | undefined): LocalizedText[] =>
        text === undefined ? [] : [i.locale === undefined ? { text } : { language: i.locale, text }]
      const settings: Settings = {
        apiKey: apiKeySettings(i),
        upload: {
          method: i.upload_method,
          packagePath: i.ipa_path,
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
          whatToTest: i.release_notes_file ?? withLocale(i.release_notes),
          submitForReview: i.submit_to_testflight,
          groups: i.beta_groups,
          expirePreviousBuilds: i.expire_previous_builds,
          notifyTesters: i.notify_testers,
          replaceBuildInBetaReview: i.replace_build_in_beta_review,
        },
        appStore: {
          submit: i.submit_to_app_store,
          cancelPreviousSubmissions: i.cancel_previous_submissions,
          releaseType: i.release_type,
          earliestReleaseDate: i.earliest_release_date,
          copyright: i.copyright,
          // whats_new fills every language (the locale input's first); a text for one language comes from whats_new_file.
          whatsNew: i.whats_new_file ?? (i.whats_new === undefined ? [] : [{ text: i.whats_new }]),
          phasedRelease: i.phased_release,
        },
        locale: i.locale,
        dryRun: i.dry_run,
      }
      // The one list of what needs a processed build decides both auto and what false refuses.
      const needing = inputsNeedingProcessedBuild(settings)
      if (i.wait_for_processing === 'false') {
        for (const { input } of needing) {
          const named =
            input === 'release_notes' && i.release_notes_file !== undefined ? 'release_notes_file' : input
          ctx.addIssue({
            code: 'custom',
            path: [named],
            message: 'needs a processed build, so it cannot be used with wait_for_processing false',
          })
        }
      }
      const auto = i.wait_for_processing === 'auto' && needing.length > 0
      return auto ? { ...settings, wait: { ...settings.wait, forProcessing: true } } : settings
    })
}

/** Inputs whose values are secret: masked at once and never quoted in an error. */
const SECRET_INPUTS: InputName[] = ['api_key', 'app_specific_password']

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
  const parsed = await inputSchema(now, registerSecret).safeParseAsync(raw)
  if (parsed.success) return parsed.data
  throw inputError(parsed.error.issues)
}
