import { extname } from 'node:path'
import { EMAIL, isWebUrl, LOCALE } from './fields.js'
import { readTextFile, textFileProblem } from '../shared/text-file.js'
import * as z from './zod.js'

/** The fields of a beta app localization (TestFlight > Test Information, per language). */
export interface BetaAppLocalizationFields {
  description?: string
  feedbackEmail?: string
  marketingUrl?: string
  privacyPolicyUrl?: string
}

/** The Beta App Review Information of the app; `demoAccountPassword` is a secret. */
export interface BetaAppReviewFields {
  contactFirstName?: string
  contactLastName?: string
  contactPhone?: string
  contactEmail?: string
  demoAccountName?: string
  demoAccountPassword?: string
  demoAccountRequired?: boolean
  notes?: string
}

/** TestFlight's Test Information, as a test_information_file gives it. */
export interface TestInformation {
  /** The file it came from, for messages. */
  file: string
  /** Per locale. */
  localizations: { locale: string; fields: BetaAppLocalizationFields }[]
  /**
   * fastlane pilot's default: localized_app_info's "default" entry, or beta_app_description and
   * beta_app_feedback_email. It fills every localization the file does not name.
   */
  defaultFields?: BetaAppLocalizationFields
  review: BetaAppReviewFields
}

/** A Test Information file is a page of text: anything larger is not one. */
export const MAX_TEST_INFORMATION_BYTES = 64 * 1024
/** The deepest a Test Information file nests (localized_app_info > locale > field). */
const MAX_DEPTH = 8
/** YAML aliases, bounded so that a "billion laughs" file cannot blow up. */
const MAX_YAML_ALIASES = 20
/** Apple's limit on the Beta App Description and on review notes, in characters (App Store Connect Help). */
export const MAX_BETA_DESCRIPTION = 4000
export const MAX_REVIEW_NOTES = 4000

const DEFAULT_ENTRY = 'default'

/** YAML reads an unquoted 4085550100 or 2026-01-01 as a number or a date. */
const TEXT_EXPECTED = 'must be a text (in YAML, quote a value that looks like a number, date or true/false)'

/** A text field: YAML's `|` and a file's last line end in a newline, which is not part of the text. */
const text = (max?: number) =>
  z
    .pipe(
      z.string({ error: TEXT_EXPECTED }),
      z.transform((v: string) => v.replace(/\r?\n$/, '')),
    )
    .check(
      z.refine((v) => v.trim() !== '', {
        error: 'must not be empty (leave the key out to leave the field as it is)',
      }),
      z.refine((v) => max === undefined || Array.from(v).length <= max, {
        error: (i) => `must be at most ${max} characters (got ${Array.from(String(i.input)).length})`,
      }),
    )

const email = text(254).check(
  z.refine((v) => EMAIL.test(v), {
    error: (i) => `must be an e-mail address such as beta@example.com (got '${String(i.input)}')`,
  }),
)

const url = text(2048).check(
  z.refine(isWebUrl, {
    error: (i) => `must be an http(s) URL such as https://example.com/beta (got '${String(i.input)}')`,
  }),
)

const phone = text(40).check(
  z.refine((v) => /^\+?[0-9 ().-]+$/.test(v) && v.replace(/\D/g, '').length >= 4, {
    error: (i) => `must be a phone number such as +1 408 555 0100 (got '${String(i.input)}')`,
  }),
)

const localizedInfo = z.strictObject(
  {
    description: z.optional(text(MAX_BETA_DESCRIPTION)),
    feedback_email: z.optional(email),
    marketing_url: z.optional(url),
    privacy_policy_url: z.optional(url),
  },
  { error: localizedKeysError },
)

function localizedKeysError(issue: { code?: string; keys?: string[] }): string {
  if (issue.code === 'unrecognized_keys') {
    return `unknown key ${(issue.keys ?? []).map((k) => `'${k}'`).join(', ')}; accepted: description, feedback_email, marketing_url, privacy_policy_url`
  }
  return 'must be a map of description, feedback_email, marketing_url, privacy_policy_url'
}

const reviewInfo = z.strictObject(
  {
    contact_first_name: z.optional(text(100)),
    contact_last_name: z.optional(text(100)),
    contact_phone: z.optional(phone),
    contact_email: z.optional(email),
    demo_account_name: z.optional(text(255)),
    // The password is never quoted in a message.
    demo_account_password: z.optional(
      z.string({ error: TEXT_EXPECTED }).check(z.minLength(1, { error: 'must not be empty' })),
    ),
    demo_account_required: z.optional(z.boolean({ error: 'must be true or false' })),
    notes: z.optional(text(MAX_REVIEW_NOTES)),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}; accepted: contact_first_name, contact_last_name, contact_phone, contact_email, demo_account_name, demo_account_password, demo_account_required, notes`
        : 'must be a map of contact_first_name, contact_last_name, contact_phone, contact_email, demo_account_name, demo_account_password, demo_account_required, notes',
  },
)

const fileSchema = z
  .strictObject(
    {
      beta_app_description: z.optional(text(MAX_BETA_DESCRIPTION)),
      beta_app_feedback_email: z.optional(email),
      localized_app_info: z.optional(
        z
          .record(z.string(), localizedInfo, {
            error: 'must be a map of locales (en-US: {...}) or "default"',
          })
          .check(
            z.superRefine((map, ctx) => {
              for (const locale of Object.keys(map)) {
                if (locale !== DEFAULT_ENTRY && !LOCALE.test(locale)) {
                  ctx.addIssue({
                    code: 'custom',
                    path: [locale],
                    message: `'${locale}' is not a locale: use names such as en-US, de-DE, ja (or "${DEFAULT_ENTRY}")`,
                  })
                }
              }
            }),
          ),
      ),
      beta_app_review_info: z.optional(reviewInfo),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}; accepted: beta_app_description, beta_app_feedback_email, localized_app_info, beta_app_review_info`
          : 'must be a map with beta_app_description, beta_app_feedback_email, localized_app_info, beta_app_review_info',
    },
  )
  .check(
    z.superRefine((f, ctx) => {
      const topLevel = f.beta_app_description !== undefined || f.beta_app_feedback_email !== undefined
      if (topLevel && f.localized_app_info?.[DEFAULT_ENTRY] !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['localized_app_info', DEFAULT_ENTRY],
          message:
            'cannot be combined with beta_app_description or beta_app_feedback_email: both give the text for ' +
            'the languages not named; give one of them',
        })
      }
    }),
  )

type TestInformationFile = z.output<typeof fileSchema>

/** A problem with the file, already naming the file and the key path. */
export class TestInformationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '))
    this.name = 'TestInformationError'
  }
}

/**
 * Reads a test_information_file: JSON (`.json`) or YAML (`.yml`, `.yaml`), bounded in size, depth and
 * aliases, checked key by key. Parser messages are not passed on: they quote the file, which may hold the
 * demo account password.
 */
export async function readTestInformationFile(path: string): Promise<TestInformation> {
  const format = formatOf(path)
  const data = await parseText(path, format, await readBounded(path))
  if (depthOf(data) > MAX_DEPTH) {
    throw new TestInformationError([`'${path}' nests deeper than a Test Information file does`])
  }
  const parsed = fileSchema.safeParse(data)
  if (!parsed.success) {
    throw new TestInformationError(
      parsed.error.issues.map((issue) => {
        const where = issue.path.length > 0 ? issue.path.join('.') : 'the file'
        return `'${path}' ${where}: ${issue.message}`
      }),
    )
  }
  return toTestInformation(path, parsed.data)
}

function formatOf(path: string): 'json' | 'yaml' {
  const ext = extname(path).toLowerCase()
  if (ext === '.json') return 'json'
  if (ext === '.yml' || ext === '.yaml') return 'yaml'
  throw new TestInformationError([`'${path}' must be a .json, .yml or .yaml file`])
}

async function readBounded(path: string): Promise<string> {
  const file = await readTextFile(path, MAX_TEST_INFORMATION_BYTES)
  if ('text' in file) return file.text
  throw new TestInformationError([
    textFileProblem(path, file, 'a Test Information file', MAX_TEST_INFORMATION_BYTES),
  ])
}

async function parseText(path: string, format: 'json' | 'yaml', source: string): Promise<unknown> {
  if (format === 'json') {
    try {
      return JSON.parse(source) as unknown
    } catch (error) {
      const at = /position (\d+)/.exec(error instanceof Error ? error.message : '')
      throw new TestInformationError([
        `'${path}' is not valid JSON${at ? ` (${lineAndColumn(source, Number(at[1]))})` : ''}`,
      ])
    }
  }
  // Loaded only for a YAML file: start-up reads only what the first request needs.
  const { parseDocument } = await import('yaml')
  let doc
  try {
    doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false, version: '1.2' })
  } catch {
    throw new TestInformationError([`'${path}' is not valid YAML`])
  }
  const first = doc.errors[0]
  if (first) {
    throw new TestInformationError([`'${path}' is not valid YAML (${lineAndColumn(source, first.pos[0])})`])
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown
  } catch {
    throw new TestInformationError([`'${path}' uses more YAML aliases than a Test Information file needs`])
  }
}

function lineAndColumn(source: string, offset: number): string {
  const before = source.slice(0, offset).split('\n')
  return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`
}

/** How deep a parsed value nests, without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 0]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number]
    deepest = Math.max(deepest, depth)
    if (deepest > MAX_DEPTH) return deepest
    if (v !== null && typeof v === 'object') {
      for (const child of Object.values(v)) stack.push([child, depth + 1])
    }
  }
  return deepest
}

function toTestInformation(file: string, f: TestInformationFile): TestInformation {
  const fields = (info: z.output<typeof localizedInfo>): BetaAppLocalizationFields =>
    withoutUndefined({
      description: info.description,
      feedbackEmail: info.feedback_email,
      marketingUrl: info.marketing_url,
      privacyPolicyUrl: info.privacy_policy_url,
    })
  const named = Object.entries(f.localized_app_info ?? {}).filter(([locale]) => locale !== DEFAULT_ENTRY)
  const fromTopLevel = withoutUndefined({
    description: f.beta_app_description,
    feedbackEmail: f.beta_app_feedback_email,
  })
  const defaultEntry = f.localized_app_info?.[DEFAULT_ENTRY]
  const defaultFields = defaultEntry
    ? fields(defaultEntry)
    : Object.keys(fromTopLevel).length > 0
      ? fromTopLevel
      : undefined
  const r = f.beta_app_review_info ?? {}
  return {
    file,
    localizations: named.map(([locale, info]) => ({ locale, fields: fields(info) })),
    ...(defaultFields ? { defaultFields } : {}),
    review: withoutUndefined({
      contactFirstName: r.contact_first_name,
      contactLastName: r.contact_last_name,
      contactPhone: r.contact_phone,
      contactEmail: r.contact_email,
      demoAccountName: r.demo_account_name,
      demoAccountPassword: r.demo_account_password,
      demoAccountRequired: r.demo_account_required,
      notes: r.notes,
    }),
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
