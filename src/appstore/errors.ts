import { AscApiError, type AppleErrorItem } from '../asc/errors.js'

/** One of Apple's reasons, and where in App Store Connect it is fixed. */
interface KnownReason {
  match: (text: string) => boolean
  what: (text: string) => string
  where: string
}

const APP = 'App Store Connect > Apps > your app'

/** Apple's reasons for refusing a review, most specific first; matched on code, detail and resource path. */
const KNOWN: KnownReason[] = [
  {
    match: (t) => /screenshot/i.test(t),
    what: (t) => {
      const types = [...new Set(t.match(/\bAPP_[A-Z0-9_]+/g) ?? [])].join(', ')
      return `Screenshots${types ? ` (${types})` : ''}`
    },
    where: `${APP} > App Store > the version > Previews and Screenshots`,
  },
  {
    match: (t) => /privacyPolicyUrl|privacy policy/i.test(t),
    what: () => 'Privacy Policy URL',
    where: `${APP} > App Privacy > Privacy Policy`,
  },
  {
    match: (t) => /dataUsage|DATA_USAGE|data usages/i.test(t),
    what: () => 'App Privacy answers (data collection), published',
    where: `${APP} > App Privacy > Data Types, then Publish`,
  },
  {
    match: (t) => /ageRating|AGE_RATING|age rating/i.test(t),
    what: () => 'Age rating',
    where: `${APP} > App Information > Age Rating`,
  },
  {
    match: (t) => /contentRights|CONTENT_RIGHTS/i.test(t),
    what: () => 'Content rights declaration',
    where: `${APP} > App Information > Content Rights`,
  },
  {
    match: (t) => /usesNonExemptEncryption|EXPORT_COMPLIANCE|export compliance|encryption/i.test(t),
    what: () => 'Export compliance of the build',
    where:
      'the uses_non_exempt_encryption input, ITSAppUsesNonExemptEncryption in Info.plist, or TestFlight > the build > Missing Compliance',
  },
  {
    match: (t) => /PRICING|appPrices|pricing/i.test(t),
    what: () => 'Price',
    where: `${APP} > Pricing and Availability`,
  },
  {
    match: (t) =>
      /appStoreReviewDetail|contact(First|Last)Name|contactEmail|contactPhone|demoAccount/i.test(t),
    what: () => 'App Review contact information',
    where: `metadata_path's review_information/ folder, or ${APP} > App Store > the version > App Review Information`,
  },
  {
    // Once per locale for an update (fastlane#20612, sceneview#2908).
    match: (t) => /whatsNew/.test(t),
    what: () => "What's New",
    where:
      'the whats_new input (one text for every language) or whats_new_file (per language, or a "default" entry)',
  },
  {
    match: (t) => /'copyright'/.test(t),
    what: () => 'Copyright',
    where: `the copyright input, or ${APP} > App Store > the version > Copyright`,
  },
  {
    match: (t) => /'(description|keywords|supportUrl|marketingUrl)'/.test(t),
    what: (t) => `The version's ${/'(\w+)'/.exec(t)?.[1] ?? 'text'}`,
    where: `metadata_path (<locale>/description.txt, keywords.txt, support_url.txt), or ${APP} > App Store > the version, in each language`,
  },
]

interface Reason {
  /** The resource Apple names the reason under, e.g. /v1/appStoreVersions/{id}. */
  resource?: string
  error: AppleErrorItem
}

/** The errors Apple nests under meta.associatedErrors, keyed by the resource each one is about. */
function associated(error: AppleErrorItem): Reason[] {
  const map = error.meta?.['associatedErrors']
  if (typeof map !== 'object' || map === null) return []
  return Object.entries(map as Record<string, unknown>).flatMap(([resource, list]) =>
    Array.isArray(list)
      ? list
          .filter((e): e is AppleErrorItem => typeof e === 'object' && e !== null)
          .map((e) => ({ resource, error: e }))
      : [],
  )
}

/** Names for the resources Apple's errors are keyed by, e.g. a localization's path to its locale. */
export type ResourceNames = Map<string, string>

function describeReason(reason: Reason, names: ResourceNames): string {
  const { error, resource } = reason
  const pointer = error.source?.pointer
  const text = [error.code, error.title, error.detail, resource, pointer].filter(Boolean).join(' ')
  const known = KNOWN.find((k) => k.match(text))
  const name = resource ? names.get(resource) : undefined
  if (known) return `${known.what(text)}${name ? ` (${name})` : ''}: fix in ${known.where}.`
  const words = error.detail ?? error.title
  const where = [name ?? resource, pointer].filter(Boolean).join(' at ')
  return `${words}${error.code ? ` (${error.code}${where ? ` on ${where}` : ''})` : ''}`
}

/**
 * Apple's 409/422 answer to adding the version to review or submitting it, as a list of what is missing
 * and where to fix it. Apple puts the real reasons in meta.associatedErrors under a generic headline
 * ("This resource cannot be reviewed…"), so those are read first. Other errors are left as they are.
 */
export function reviewRefusal(
  error: unknown,
  subject: string,
  submissionId: string | undefined,
  names: ResourceNames = new Map(),
): unknown {
  if (!(error instanceof AscApiError) || (error.status !== 409 && error.status !== 422)) return error
  const reasons = error.errors.flatMap((e) => {
    const nested = associated(e)
    return nested.length > 0 ? nested : [{ error: e }]
  })
  const lines = [...new Set(reasons.map((r) => describeReason(r, names)))].map((line) => `  - ${line}`)
  const codes = [...new Set(error.errors.map((e) => e.code))].join(', ')
  const kept = submissionId
    ? `The version is prepared and review submission ${submissionId} is kept unsubmitted: fix the above, then re-run to submit it.`
    : 'Fix the above, then re-run.'
  return new Error(
    `App Store Connect will not take ${subject} into App Review yet:\n${lines.join('\n')}\n${kept}\n` +
      `(Apple answered ${error.status} ${codes} to ${error.method} ${error.path}.)`,
    { cause: error },
  )
}

/** Everything Apple said in an error answer, for recognising its known refusals by their words. */
function appleWords(error: unknown, status: number): string | undefined {
  if (!(error instanceof AscApiError) || error.status !== status) return undefined
  return error.errors.map((e) => `${e.title} ${e.detail ?? ''}`).join(' ')
}

/** "Version is not ready to be submitted yet, please try again later." (fastlane#20065, #21510). */
export function isNotReadyYet(error: unknown): boolean {
  return /not ready to be submitted yet/i.test(appleWords(error, 409) ?? '')
}

/** "The attribute 'releaseType' can not be modified." right after a version is created (fastlane#16679, #16911). */
export function isReleaseTypeLocked(error: unknown): boolean {
  return /'releaseType' can ?not be modified/i.test(appleWords(error, 409) ?? '')
}

/** The submission named in "There is another reviewSubmissions with id <id> still in progress" (microsoft/asconnect). */
export function inProgressSubmissionId(error: unknown): string | undefined {
  return /another reviewSubmissions? with id '?([\w-]+)'? still in progress/i.exec(
    appleWords(error, 409) ?? '',
  )?.[1]
}

/** The submission named in "already added to another reviewSubmission with id <id>" (rorkai 21384c75). */
export function alreadyAddedSubmissionId(error: unknown): string | undefined {
  return /already added to another reviewSubmissions? with id '?([\w-]+)'?/i.exec(
    appleWords(error, 409) ?? '',
  )?.[1]
}
