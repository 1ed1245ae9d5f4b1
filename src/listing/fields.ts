// The files of fastlane deliver's metadata folder and the App Store Connect attribute each one fills,
// with the limit Apple enforces on it. Sources: fastlane deliver (upload_metadata.rb LOCALISED_VERSION_VALUES,
// LOCALISED_APP_VALUES, REVIEW_INFORMATION_VALUES), fastlane#20581 (subtitle 30), wikimedia-ios#4726
// (keywords 100), rorkai/App-Store-Connect-CLI#1385 (keywords counted in UTF-8 bytes).
import { isWebUrl } from '../settings/fields.js'

export interface FieldLimit {
  max: number
  unit: 'characters' | 'bytes'
}

export interface FieldRule {
  /** The file in a locale folder (or in review_information/). */
  file: string
  limit?: FieldLimit
  /** An http or https URL. */
  url?: boolean
  /** Never shown: the summary and the log say "(set)". */
  secret?: boolean
}

/** appStoreVersionLocalizations attributes (What's New goes through the What's New step). */
export const VERSION_FIELDS = {
  description: { file: 'description.txt', limit: { max: 4000, unit: 'characters' } },
  keywords: { file: 'keywords.txt', limit: { max: 100, unit: 'bytes' } },
  promotionalText: { file: 'promotional_text.txt', limit: { max: 170, unit: 'characters' } },
  supportUrl: { file: 'support_url.txt', url: true },
  marketingUrl: { file: 'marketing_url.txt', url: true },
} as const satisfies Record<string, FieldRule>
export type VersionField = keyof typeof VERSION_FIELDS

/** appInfoLocalizations attributes, on the app info that is editable. */
export const APP_INFO_FIELDS = {
  name: { file: 'name.txt', limit: { max: 30, unit: 'characters' } },
  subtitle: { file: 'subtitle.txt', limit: { max: 30, unit: 'characters' } },
  privacyPolicyUrl: { file: 'privacy_url.txt', url: true },
} as const satisfies Record<string, FieldRule>
export type AppInfoField = keyof typeof APP_INFO_FIELDS

/** appStoreReviewDetails attributes, from review_information/. */
export const REVIEW_FIELDS = {
  contactFirstName: { file: 'first_name.txt' },
  contactLastName: { file: 'last_name.txt' },
  contactPhone: { file: 'phone_number.txt' },
  contactEmail: { file: 'email_address.txt' },
  demoAccountName: { file: 'demo_user.txt' },
  demoAccountPassword: { file: 'demo_password.txt', secret: true },
  notes: { file: 'notes.txt', limit: { max: 4000, unit: 'characters' } },
} as const satisfies Record<string, FieldRule>
export type ReviewField = keyof typeof REVIEW_FIELDS

/** What's New of a locale, handed to the What's New step; 4000 bytes as for whats_new. */
export const WHATS_NEW_RULE: FieldRule = { file: 'release_notes.txt', limit: { max: 4000, unit: 'bytes' } }
export const COPYRIGHT_RULE: FieldRule = { file: 'copyright.txt', limit: { max: 200, unit: 'characters' } }

/**
 * The locales App Store Connect takes for a listing, as fastlane deliver lists them (deliver/lib/deliver/languages.rb,
 * with the 2025 additions bn-BD … ur-PK).
 */
export const APP_STORE_LOCALES = new Set([
  'ar-SA',
  'bn-BD',
  'ca',
  'cs',
  'da',
  'de-DE',
  'el',
  'en-AU',
  'en-CA',
  'en-GB',
  'en-US',
  'es-ES',
  'es-MX',
  'fi',
  'fr-CA',
  'fr-FR',
  'gu-IN',
  'he',
  'hi',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'kn-IN',
  'ko',
  'ml-IN',
  'mr-IN',
  'ms',
  'nl-NL',
  'no',
  'or-IN',
  'pa-IN',
  'pl',
  'pt-BR',
  'pt-PT',
  'ro',
  'ru',
  'sk',
  'sl-SI',
  'sv',
  'ta-IN',
  'te-IN',
  'th',
  'tr',
  'uk',
  'ur-PK',
  'vi',
  'zh-Hans',
  'zh-Hant',
])

/** Why a value breaks its rule, naming the file and the limit; undefined when it is fine. */
export function ruleProblem(rule: FieldRule, where: string, value: string): string | undefined {
  const { limit } = rule
  if (limit) {
    const size = limit.unit === 'bytes' ? Buffer.byteLength(value, 'utf8') : Array.from(value).length
    if (size > limit.max)
      return `'${where}' is ${size} ${limit.unit} long; Apple takes at most ${limit.max} ${limit.unit}${limit.unit === 'bytes' ? ' of UTF-8' : ''}`
  }
  if (rule.url && !isWebUrl(value))
    return `'${where}' must hold one http or https URL (got '${value.slice(0, 80)}')`
  return undefined
}
