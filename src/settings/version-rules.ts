/**
 * The one rule for a version and a build number, whether they come from the inputs or from the package:
 * Apple's "one to three period-separated integers" for both CFBundleShortVersionString and CFBundleVersion
 * (developer.apple.com/documentation/bundleresources/information-property-list/cfbundleversion).
 */
export const VERSION_FIELDS = {
  app_version: { plistKey: 'CFBundleShortVersionString', example: '1.4.2' },
  build_number: { plistKey: 'CFBundleVersion', example: '1042' },
} as const
export type VersionField = keyof typeof VERSION_FIELDS

const DOTTED_NUMBERS = /^\d+(\.\d+){0,2}$/

/** What is wrong with `value` as this field, or undefined when it is fine. */
export function versionProblem(field: VersionField, value: string): string | undefined {
  if (DOTTED_NUMBERS.test(value)) return undefined
  return `must be one to three dot-separated integers, e.g. ${VERSION_FIELDS[field].example} (got '${value}')`
}
