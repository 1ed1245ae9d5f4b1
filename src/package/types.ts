import type { Platform } from '../shared/platform.js'

/** What the upload and App Store Connect steps need to know about a build file. */
export interface PackageMetadata {
  kind: 'ipa' | 'pkg'
  /** The path as given. */
  path: string
  /** Base name of `path`, e.g. `MyApp.ipa`. */
  fileName: string
  /** Size in bytes. */
  fileSize: number
  /** CFBundleIdentifier */
  bundleId: string
  /** CFBundleShortVersionString */
  version: string
  /** CFBundleVersion */
  buildNumber: string
  platform: Platform
  /** ITSAppUsesNonExemptEncryption when the package declares it (never available from a .pkg Distribution). */
  usesNonExemptEncryption?: boolean
}

/** Every user-facing failure to read a package; the message names the file, what is wrong and what is accepted. */
export class PackageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'PackageError'
  }
}

/** The fields each reader extracts; index.ts adds kind, path, fileName and fileSize. */
export type PackageContents = Pick<
  PackageMetadata,
  'bundleId' | 'version' | 'buildNumber' | 'platform' | 'usesNonExemptEncryption'
>

/** The message of an error, also for errors from another realm (jest's vm, worker threads). */
export function describeError(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') {
    return err.message
  }
  return String(err)
}

export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string')
    return err.code
  return undefined
}
