import type { KeyObject } from 'node:crypto'
import type { LocalMedia, MediaMode } from '../media/types.js'
import type { StoreListing } from '../listing/types.js'
import type { Platform } from '../shared/platform.js'
import type { TesterEntry } from './testers.js'
import type { TestInformation } from './test-information.js'

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
    /** The first of packagePaths: main gives each package's release its own path here. */
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
    /** Where What to Test came from when Xcode Cloud's TestFlight/WhatToTest.<locale>.txt files gave it. */
    whatToTestFolder?: string
    submitForReview: boolean
    groups: string[]
    expirePreviousBuilds: boolean
    notifyTesters: boolean
    /** Expire builds waiting for Beta App Review when Apple refuses this one for them. */
    replaceBuildInBetaReview: boolean
    /** create_missing_groups: the kind of group to create for a name that matches none; absent = never create. */
    createMissingGroups?: 'internal' | 'external'
    /** Added to the named external groups, never removed. */
    testers: TesterEntry[]
    /** public_link: enable the public link of the named external groups, with an optional tester limit. */
    publicLink?: { limit?: number }
    /** wait_for_beta_review in ms; 0 = do not wait for the verdict. */
    waitForReviewMs: number
  }
  appStore: {
    submit: boolean
    cancelPreviousSubmissions: boolean
    releaseType: ReleaseType
    earliestReleaseDate?: Date
    copyright?: string
    whatsNew: LocalizedText[]
    phasedRelease: boolean
    /** wait_for_app_review in ms; 0 = do not wait for the verdict. */
    waitForReviewMs: number
  }
  /** screenshots_path and app_previews_path, read and checked; screenshots_mode applies to both. */
  media: {
    screenshots?: LocalMedia
    previews?: LocalMedia
    mode: MediaMode
  }
  /** metadata_path: the store listing and App Review information, read and checked (listing/read.ts). */
  listing?: StoreListing
  /** demo_account_password: a secret, for App Review (and Beta App Review); wins over the files. */
  demoAccountPassword?: string
  /** The locale of a What to Test or What's New text given without one. */
  locale?: string
  /** Every .ipa/.pkg ipa_path names (globs matched), in order, each once; empty with upload_method none alone. */
  packagePaths: string[]
  dryRun: boolean
  /** test_information_file: TestFlight's Test Information for the app. */
  testInformation?: TestInformation
}
