import { fromString, pattern, oneOf, optional, versionInput } from '../../settings/fields.js'
import {
  checkCommon,
  commonFields,
  commonSettings,
  COMMON_INPUT_NAMES,
  readCompanionInputs,
  type CompanionSettings,
} from '../settings.js'
import * as z from '../../settings/zod.js'

/** Every input of next-build-number/action.yml. A test keeps this list and action.yml in step. */
export const NEXT_BUILD_NUMBER_INPUTS = [
  ...COMMON_INPUT_NAMES,
  'app_version',
  'scope',
  'initial_build_number',
  'increment',
] as const

export interface NextBuildNumberSettings extends CompanionSettings {
  /** app: numbers rise across versions; version: each version counts on its own. */
  scope: 'app' | 'version'
  version?: string
  initialBuildNumber: string
  increment: bigint
}

const schema = (mask: (secret: string) => void) =>
  z.pipe(
    z
      .object({
        ...commonFields(mask),
        app_version: optional(versionInput('app_version')),
        scope: oneOf(['app', 'version'], 'app'),
        initial_build_number: z.pipe(
          fromString((v) => v || '1'),
          versionInput('build_number'),
        ),
        increment: z.pipe(
          fromString((v) => v || '1'),
          pattern(/^[1-9]\d{0,8}$/, 'a whole number from 1 to 999999999'),
        ),
      })
      .check(
        z.superRefine((i, ctx) => {
          const problem = (input: string, message: string) =>
            ctx.addIssue({ code: 'custom', path: [input], message })
          checkCommon(i, problem)
          if (i.scope === 'version' && i.app_version === undefined) {
            problem(
              'app_version',
              'is required with scope version: the version whose builds are counted, e.g. 1.4.2',
            )
          }
          if (i.scope === 'app' && i.app_version !== undefined) {
            problem(
              'app_version',
              'is only used with scope version (scope app counts the builds of every version)',
            )
          }
        }),
      ),
    z.transform((i): NextBuildNumberSettings => ({
      ...commonSettings(i),
      scope: i.scope,
      version: i.app_version,
      initialBuildNumber: i.initial_build_number,
      increment: BigInt(i.increment),
    })),
  )

export function readNextBuildNumberSettings(getInput?: (name: string) => string): NextBuildNumberSettings {
  return readCompanionInputs(NEXT_BUILD_NUMBER_INPUTS, schema, getInput)
}
