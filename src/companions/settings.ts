import { registerSecret } from '../report/log.js'
import type { Platform } from '../shared/platform.js'
import {
  apiKeySettings,
  appIdField,
  bundleIdField,
  checkKey,
  keyFields,
  platformField,
} from '../settings/credentials.js'
import { bool, inputError, readInput } from '../settings/fields.js'
import type { ApiKeySettings } from '../settings/settings.js'
import type * as z from '../settings/zod.js'

/** The inputs every companion action shares: the key, the app, and dry_run. */
export const COMMON_INPUT_NAMES = [
  'api_key',
  'key_id',
  'issuer_id',
  'app_id',
  'bundle_id',
  'platform',
  'dry_run',
] as const

/** What every companion works with once its inputs are checked. */
export interface CompanionSettings {
  apiKey: ApiKeySettings
  appId?: string
  bundleId?: string
  platform: Platform
  dryRun: boolean
}

/** The schemas of the common inputs, to spread into a companion's own object schema. */
export const commonFields = (mask: (secret: string) => void) => ({
  ...keyFields(mask),
  app_id: appIdField,
  bundle_id: bundleIdField,
  platform: platformField,
  dry_run: bool(false),
})

type CommonInputs = z.output<z.ZodMiniObject<ReturnType<typeof commonFields>>>

/** The common rules: the key's, and an app to act on (a companion has no package to read it from). */
export function checkCommon(i: CommonInputs, problem: (input: string, message: string) => void): void {
  checkKey(i, problem)
  if (i.app_id === undefined && i.bundle_id === undefined) {
    problem('bundle_id', "is required (or give app_id): the app's bundle ID, e.g. com.example.app")
  }
}

export function commonSettings(i: CommonInputs): CompanionSettings {
  return {
    apiKey: apiKeySettings(i),
    appId: i.app_id,
    bundleId: i.bundle_id,
    platform: i.platform ?? 'ios',
    dryRun: i.dry_run,
  }
}

/**
 * Reads a companion's inputs (`names`, as action.yml declares them) with its schema, before any request.
 * api_key is masked before anything else happens; errors name each input at fault.
 */
export function readCompanionInputs<T>(
  names: readonly string[],
  schema: (mask: (secret: string) => void) => z.ZodMiniType<T, Record<string, string>>,
  getInput: (name: string) => string = readInput,
): T {
  const raw = Object.fromEntries(names.map((name) => [name, getInput(name)]))
  registerSecret(raw['api_key'] ?? '')
  // Synchronous: a companion's inputs are all read without I/O; an async parse would cost a promise per
  // field, and may list the problems in the order each settled rather than as the inputs are given.
  const parsed = schema(registerSecret).safeParse(raw)
  if (parsed.success) return parsed.data
  throw inputError(parsed.error.issues)
}
