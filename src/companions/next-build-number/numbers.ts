import { versionProblem } from '../../settings/version-rules.js'
/**
 * Build numbers as Apple reads CFBundleVersion: one to three period-separated integers, compared number by
 * number (1.10 is after 1.9), a missing number counting as 0. The next number adds the increment to the last
 * one, as rorkai/App-Store-Connect-CLI (internal/cli/builds/builds_latest.go) and fastlane's
 * increment_build_number do; integers are BigInt, so no build number is too long to count on.
 */
export type BuildNumber = readonly bigint[]

/** The number in `text`, or undefined when it is not one Apple would have taken. */
export function parseBuildNumber(text: string): BuildNumber | undefined {
  const trimmed = text.trim()
  // The one rule for a build number (settings/version-rules.ts).
  return versionProblem('build_number', trimmed) === undefined
    ? trimmed.split('.').map((part) => BigInt(part))
    : undefined
}

export function compareBuildNumbers(a: BuildNumber, b: BuildNumber): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const left = a[i] ?? 0n
    const right = b[i] ?? 0n
    if (left !== right) return left > right ? 1 : -1
  }
  return 0
}

export function formatBuildNumber(n: BuildNumber): string {
  return n.map(String).join('.')
}

/** `latest` with `increment` added to its last number: 41 → 42, 1.2.9 → 1.2.10. */
export function incrementBuildNumber(latest: BuildNumber, increment: bigint): BuildNumber {
  return latest.map((part, i) => (i === latest.length - 1 ? part + increment : part))
}
