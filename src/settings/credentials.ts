import { parseApiKey } from '../asc/key.js'
import { PLATFORMS } from '../shared/platform.js'
import { addProblem, fromString, oneOf, optional, pattern } from './fields.js'
import type { ApiKeySettings } from './settings.js'
import * as z from './zod.js'

// The inputs every action of this repository shares, with their rules: the API key (api_key, key_id,
// issuer_id) and the app (app_id, bundle_id, platform). The main action and the companions read them alike.

const KEY_ID = /^[A-Za-z0-9]{1,64}$/
const KEY_ID_WHAT = 'the App Store Connect API key ID, e.g. 2X9R4HXF34'
const ISSUER_ID = /^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/
const ISSUER_ID_WHAT = 'a UUID issuer ID'

const apiKey = (mask: (secret: string) => void) =>
  fromString((v, ctx) => {
    if (v === '') {
      addProblem(
        ctx,
        'is required: the .p8 key text, its base64, a fastlane API key JSON, or the path of a .p8 or .json file',
      )
      return z.NEVER
    }
    try {
      return parseApiKey(v, mask)
    } catch (e) {
      addProblem(ctx, e instanceof Error ? e.message : String(e))
      return z.NEVER
    }
  })

/** The schemas of api_key, key_id and issuer_id; `mask` registers the key's secret forms as they are read. */
export const keyFields = (mask: (secret: string) => void) => ({
  api_key: apiKey(mask),
  key_id: optional(pattern(KEY_ID, KEY_ID_WHAT)),
  issuer_id: optional(pattern(ISSUER_ID, ISSUER_ID_WHAT)),
})

export const appIdField = optional(pattern(/^\d+$/, "the app's numeric Apple ID, e.g. 1481211155"))
export const bundleIdField = optional(pattern(/^[A-Za-z0-9.-]+$/, 'a bundle ID such as com.example.app'))
/** The platform input as given: undefined when empty (the main action then reads it from the package). */
export const platformField = optional(z.pipe(z.string(), oneOf(PLATFORMS, 'ios', true)))

type KeyInputs = z.output<z.ZodMiniObject<ReturnType<typeof keyFields>>>
type KeyInput = 'api_key' | 'key_id' | 'issuer_id'

/**
 * The key's own rules: a fastlane key file may name the key and issuer, the inputs then need not and must
 * agree if they do; without either, key_id is missing.
 */
export function checkKey(i: KeyInputs, problem: (input: KeyInput, message: string) => void): void {
  const fromFile = [
    ['key_id', i.key_id, i.api_key.keyId, KEY_ID, KEY_ID_WHAT],
    ['issuer_id', i.issuer_id, i.api_key.issuerId, ISSUER_ID, ISSUER_ID_WHAT],
  ] as const
  for (const [input, given, inFile, rule, what] of fromFile) {
    if (inFile === undefined) continue
    if (!rule.test(inFile)) problem('api_key', `holds ${input} '${inFile}', which is not ${what}`)
    else if (given !== undefined && given !== inFile) {
      problem(input, `is ${given}, but the api_key JSON file says ${inFile}: give one of them, or the same`)
    }
  }
  if (i.key_id === undefined && i.api_key.keyId === undefined) {
    problem(
      'key_id',
      `is required: ${KEY_ID_WHAT} (or give a fastlane API key JSON with "key_id" as api_key)`,
    )
  }
}

/** The checked key inputs as the client needs them. */
export function apiKeySettings(i: KeyInputs): ApiKeySettings {
  return {
    keyId: i.key_id ?? i.api_key.keyId ?? '',
    issuerId: i.issuer_id ?? i.api_key.issuerId,
    privateKey: i.api_key.privateKey,
    pkcs8Der: i.api_key.pkcs8Der,
  }
}
