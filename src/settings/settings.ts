import type { KeyObject } from 'node:crypto'
import type { StoreListing } from '../listing/types.js'
import type { Platform } from '../shared/platform.js'

export type UploadMethod = 'api' | 'altool' | 'none'
export type WaitMode = 'true' | 'false' | 'auto'
export type ReleaseType = 'MANUAL' | 'AFTER_APPROVAL' | 'SCHEDULED'

/** A localized text: TestFlight "What to Test" or App Store "What's New". No language = the app's primary locale. */
export interface LocalizedText {
  language?: string
  text: string
}

export interface ApiKeySettings {
  keyId: string
  /** Absent for an individual key: the token then carries `sub: "user"`. */
  issuerId?: string
  /** Kept in memory only. */
  privateKey: KeyObject
  /** The key's PKCS#8 DER bytes as Apple issued them; secret, in memory, written only for altool under RUNNER_TEMP. */
  pkcs8Der: Buffer
}

/** Every input, checked and typed. Produced once by `readSettings`, never mutated. */
export interface Settings {
  apiKey: ApiKeySettings
  upload: {
    method: UploadMethod
    /** The resolved .ipa/.pkg path (a glob already matched to exactly one file). */
    packagePath?: string
    /** altool only: Apple ID login instead of the API key for the upload itself. */
    appleIdLogin?: { appleId: string; appSpecificPassword: string }
  }
  /** What the user said about the release; anything absent is read from the package. */
  release: {
    appId?: string
    bundleId?: string
    version?: string
    buildNumber?: string
    platform?: Platform
  }
  wait: {
    /** Resolved from wait_for_processing: auto becomes true when a later step needs a processed build. */
    forProcessing: boolean
    buildAppearTimeoutMs: number
    processingTimeoutMs: number
    pollIntervalMs: number
  }
  testflight: {
    usesNonExemptEncryption?: boolean
    whatToTest: LocalizedText[]
    submitForReview: boolean
    groups: string[]
    expirePreviousBuilds: boolean
    notifyTesters: boolean
    /** Expire builds waiting for Beta App Review when Apple refuses this one for them. */
    replaceBuildInBetaReview: boolean
  }
  appStore: {
    submit: boolean
    cancelPreviousSubmissions: boolean
    releaseType: ReleaseType
    earliestReleaseDate?: Date
    copyright?: string
    whatsNew: LocalizedText[]
    phasedRelease: boolean
  }
  /** metadata_path: the store listing and App Review information, read and checked (listing/read.ts). */
  listing?: StoreListing
  /** demo_account_password: a secret, for App Review (and Beta App Review); wins over the files. */
  demoAccountPassword?: string
  /** The locale of a What to Test or What's New text given without one. */
  locale?: string
  dryRun: boolean
}
