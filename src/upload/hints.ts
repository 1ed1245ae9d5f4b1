import type { StateDetail } from '../asc/resources.js'

/**
 * What to do about the upload failures users hit most. Apple reports them with ITMS codes in the
 * upload state, or with codes and texts in altool's output; both are matched.
 */
const HINTS: { codes: string[]; text: RegExp; hint: string }[] = [
  {
    codes: ['90189', '-19232', 'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE'],
    text: /redundant binary|higher than the previously uploaded|already been used/i,
    hint: 'This build number is already used for this version: increase CFBundleVersion (build_number) and rebuild.',
  },
  {
    // 90055 is a bundle ID mismatch, not a reused build number (expo uploadToAsc.ts isInvalidBundleIdentifierError).
    codes: ['90054', '90055'],
    text: /bundle identifier cannot be changed|bundle id.*(does not match|mismatch)/i,
    hint:
      "The package's bundle ID does not match the app in App Store Connect: check PRODUCT_BUNDLE_IDENTIFIER, " +
      'or set app_id / bundle_id to the right app.',
  },
  {
    codes: ['90683'],
    text: /purpose string|UsageDescription/i,
    hint:
      'Info.plist lacks a purpose string (an NS…UsageDescription key) for an API the app or a library uses: ' +
      'add the key named in the message with a sentence explaining the use.',
  },
  {
    codes: ['90062', '90186', '90478'],
    text: /closed for new build submissions|higher version than that of the previously approved/i,
    hint:
      'This version is already approved or its train is closed: increase CFBundleShortVersionString ' +
      '(app_version) and rebuild.',
  },
]

export function hintFor(details: StateDetail[]): string | undefined {
  for (const { codes, text, hint } of HINTS) {
    const matches = details.some(
      (d) => codes.some((c) => (d.code ?? '').replace(/^ITMS-/, '') === c) || text.test(d.description ?? ''),
    )
    if (matches) return hint
  }
  return undefined
}

export function describeStateDetails(details: StateDetail[]): string {
  return details.map((d) => `  - ${d.code ?? 'unknown'}: ${d.description ?? ''}`).join('\n')
}
