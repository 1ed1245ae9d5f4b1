import type { Settings } from './settings.js'

/** The part of the settings that says which steps run after the upload. */
export type StepSettings = Pick<Settings, 'testflight' | 'appStore'>

/**
 * The inputs that act on a processed build. Spelled out here rather than taken from inputs.ts, which
 * imports this module (no import cycle); a test checks each is one of INPUT_NAMES.
 */
export type ProcessedBuildInput =
  | 'beta_groups'
  | 'submit_to_testflight'
  | 'submit_to_app_store'
  | 'expire_previous_builds'
  | 'release_notes'
  | 'uses_non_exempt_encryption'
  | 'notify_testers'
  | 'testers'
  | 'public_link'

export interface ProcessedBuildUse {
  input: ProcessedBuildInput
  step: 'testflight' | 'appStore'
}

/**
 * The one list of inputs that act on a processed build, each with its step and when it is in use. It
 * decides what wait_for_processing auto waits for, what wait_for_processing false refuses, and whether
 * the TestFlight step runs. `release_notes` stands for release_notes_file too.
 */
export const PROCESSED_BUILD_INPUTS: (ProcessedBuildUse & { inUse: (s: StepSettings) => boolean })[] = [
  { input: 'beta_groups', step: 'testflight', inUse: (s) => s.testflight.groups.length > 0 },
  { input: 'submit_to_testflight', step: 'testflight', inUse: (s) => s.testflight.submitForReview },
  { input: 'submit_to_app_store', step: 'appStore', inUse: (s) => s.appStore.submit },
  { input: 'expire_previous_builds', step: 'testflight', inUse: (s) => s.testflight.expirePreviousBuilds },
  { input: 'release_notes', step: 'testflight', inUse: (s) => s.testflight.whatToTest.length > 0 },
  {
    input: 'uses_non_exempt_encryption',
    step: 'testflight',
    inUse: (s) => s.testflight.usesNonExemptEncryption !== undefined,
  },
  { input: 'notify_testers', step: 'testflight', inUse: (s) => !s.testflight.notifyTesters },
  // Testers and the public link act on the groups that get this build, in the TestFlight step.
  { input: 'testers', step: 'testflight', inUse: (s) => s.testflight.testers.length > 0 },
  { input: 'public_link', step: 'testflight', inUse: (s) => s.testflight.publicLink !== undefined },
]

/** The inputs in use that need a processed build. */
export function inputsNeedingProcessedBuild(settings: StepSettings): ProcessedBuildUse[] {
  return PROCESSED_BUILD_INPUTS.filter((use) => use.inUse(settings)).map(({ input, step }) => ({
    input,
    step,
  }))
}

/** Whether the inputs ask for any TestFlight step. */
export function wantsTestFlight(settings: StepSettings): boolean {
  return inputsNeedingProcessedBuild(settings).some((use) => use.step === 'testflight')
}
