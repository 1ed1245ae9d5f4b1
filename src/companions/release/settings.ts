import { addProblem, fromString, number, oneOf, versionInput } from '../../settings/fields.js'
import {
  checkCommon,
  commonFields,
  commonSettings,
  COMMON_INPUT_NAMES,
  readCompanionInputs,
  type CompanionSettings,
} from '../settings.js'
import * as z from '../../settings/zod.js'

/** Every input of release/action.yml. A test keeps this list and action.yml in step. */
export const RELEASE_INPUTS = [
  ...COMMON_INPUT_NAMES,
  'app_version',
  'command',
  'wait_for_approval',
  'poll_interval',
] as const

export const RELEASE_COMMANDS = ['status', 'release', 'pause', 'resume', 'complete'] as const
export type ReleaseCommand = (typeof RELEASE_COMMANDS)[number]

export interface ReleaseSettings extends CompanionSettings {
  version: string
  command: ReleaseCommand
  /** How long to wait for App Review's verdict before the command; 0: do not wait. */
  approvalTimeoutMs: number
  pollIntervalMs: number
}

const schema = (mask: (secret: string) => void) =>
  z.pipe(
    z
      .object({
        ...commonFields(mask),
        app_version: z.pipe(
          fromString((v, ctx) => {
            if (v !== '') return v
            addProblem(ctx, 'is required: the App Store version to act on, e.g. 1.4.2')
            return z.NEVER
          }),
          versionInput('app_version'),
        ),
        command: oneOf(RELEASE_COMMANDS, 'status'),
        wait_for_approval: number('minutes', 0, 0, 24 * 60, true),
        poll_interval: number('seconds', 30, 0.1, 3600, true),
      })
      .check(
        z.superRefine((i, ctx) => {
          checkCommon(i, (input, message) => ctx.addIssue({ code: 'custom', path: [input], message }))
        }),
      ),
    z.transform((i): ReleaseSettings => ({
      ...commonSettings(i),
      version: i.app_version,
      command: i.command,
      approvalTimeoutMs: i.wait_for_approval * 60_000,
      pollIntervalMs: i.poll_interval * 1000,
    })),
  )

export function readReleaseSettings(getInput?: (name: string) => string): ReleaseSettings {
  return readCompanionInputs(RELEASE_INPUTS, schema, getInput)
}
