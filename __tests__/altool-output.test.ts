import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { decideAltool, lastJsonObject, type AltoolDecision } from '../src/upload/altool-output.js'

// The decision on altool's output, on every documented shape (docs §1.6–1.8), without running anything.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures/altool/outputs')
/** A recorded output as the action sees it: stderr lines merged in, their marker removed. */
const recorded = (name: string) => readFileSync(join(fixtures, name), 'utf8').replace(/^\[stderr\] /gm, '')
const exited = (exitCode: number) => ({ exitCode, signal: null })

function failed(decision: AltoolDecision) {
  if (decision.ok) throw new Error(`expected a failure, got ${JSON.stringify(decision)}`)
  return decision
}
function succeeded(decision: AltoolDecision) {
  if (!decision.ok) throw new Error(`expected success, got ${JSON.stringify(decision)}`)
  return decision
}

const DUPLICATE_HINT = /build number is already used for this version: increase CFBundleVersion/

describe('success', () => {
  it('Xcode 15.4: single-line JSON without a UUID, which comes from the banner', () => {
    const d = succeeded(decideAltool(recorded('xcode15.4-success.txt'), exited(0)))
    expect(d).toEqual({
      ok: true,
      deliveryUuid: '8d3e6c1a-52b4-4f6e-9a0c-2f1d7b5e9c41',
      notes: [],
      basis: 'json',
    })
  })

  it('Xcode 16.4: INFO lines on stderr are not errors', () => {
    const d = succeeded(decideAltool(recorded('xcode16.4-success.txt'), exited(0)))
    expect(d.deliveryUuid).toBe('4b0f2d7e-1c9a-4e3b-8f65-0a7d2c9e1b53')
    expect(d.notes).toEqual([])
  })

  it('Xcode 26.0: multi-line JSON with details.delivery-uuid', () => {
    const d = succeeded(decideAltool(recorded('xcode26.0-success.txt'), exited(0)))
    expect(d.deliveryUuid).toBe('3d0e58d4-7b21-4c8a-9e3f-5a6b1c2d4e70')
    expect(d.basis).toBe('json')
  })

  it('Xcode 26.0: ERROR: lines beside the success do not fail it, and are kept as notes', () => {
    const d = succeeded(decideAltool(recorded('xcode26.0-success-error-lines.txt'), exited(0)))
    expect(d.deliveryUuid).toBe('9f1b7c3e-2a4d-4e5f-8a6b-7c8d9e0f1a2b')
    expect(d.notes).toEqual([
      "Failed to get json from defaults for 'com.apple.cds_upload_state.plist'",
      'GET UPLOAD STATE (ASSET_DESCRIPTION): received status code 500',
    ])
  })

  it('prefers the JSON UUID over the banner, and takes JSON warnings as notes', () => {
    const output = [
      'Delivery UUID: from-the-banner',
      JSON.stringify({
        'success-message': 'No errors uploading',
        details: { 'delivery-uuid': 'from-the-json' },
        warnings: [{ code: 1, message: 'A warning' }],
      }),
    ].join('\n')
    const d = succeeded(decideAltool(output, exited(0)))
    expect(d.deliveryUuid).toBe('from-the-json')
    expect(d.notes).toEqual(['1: A warning'])
  })
})

describe('failure from the JSON', () => {
  it.each([
    ['xcode15.4-duplicate.txt', 1],
    ['xcode16.4-duplicate.txt', 1],
    ['xcode26.0-duplicate.txt', 0],
  ])('%s (exit %d): -19232 with its reason and the duplicate hint, not retried', (file, code) => {
    const d = failed(decideAltool(recorded(file), exited(code)))
    expect(d.basis).toBe('json')
    expect(d.problems).toEqual([
      {
        code: '-19232',
        message: 'The provided entity includes an attribute with a value that has already been used',
        reason:
          'The bundle version must be higher than the previously uploaded version: ‘1’. (ID: 5c1f0e2a-8b3d-4a6e-9f70-1d2c3b4a5e6f)',
        suggestion: undefined,
        irisCode: 'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE',
      },
    ])
    expect(d.duplicate).toBe(true)
    expect(d.transient).toBe(false)
    expect(d.hint).toMatch(DUPLICATE_HINT)
  })

  it('finds the API code in underlying-errors (Xcode 26) or NSUnderlyingError (≤ 16) without iris-code', () => {
    const xcode26 = {
      'product-errors': [
        {
          code: -19232,
          message: 'm',
          'underlying-errors': [
            { code: -19241, 'user-info': { code: 'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE' } },
          ],
        },
      ],
    }
    const legacy = {
      'product-errors': [
        {
          code: -19232,
          message: 'm',
          userInfo: {
            NSUnderlyingError:
              'Error Domain=IrisAPI UserInfo={code=ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE}',
          },
        },
      ],
    }
    for (const json of [xcode26, legacy]) {
      const d = failed(decideAltool(JSON.stringify(json), exited(1)))
      expect(d.problems[0]?.irisCode).toBe('ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE')
    }
  })

  it('Xcode 26.0 part failure (504) exiting 0 is a transient failure', () => {
    const d = failed(decideAltool(recorded('xcode26.0-part-504.txt'), exited(0)))
    expect(d.problems).toEqual([
      expect.objectContaining({
        code: '504',
        message: 'Failed to upload part number 8.',
        reason: 'HTTP response: gateway timed out. HTTP status code: 504',
      }),
    ])
    expect(d.transient).toBe(true)
    expect(d.duplicate).toBe(false)
  })

  it('-19209 (unable to authenticate) is transient', () => {
    const d = failed(decideAltool(recorded('xcode16.4-auth-19209.txt'), exited(1)))
    expect(d.problems[0]).toMatchObject({ code: '-19209', message: 'Unable to authenticate.' })
    expect(d.transient).toBe(true)
  })

  it('keeps NSLocalizedRecoverySuggestion and falls back to NSLocalizedDescription', () => {
    const json = {
      'product-errors': [
        {
          code: 1193,
          userInfo: {
            NSLocalizedDescription: "No software with Apple ID of '806182776' exists.",
            NSLocalizedRecoverySuggestion: 'Verify the Apple ID is correct.',
          },
        },
      ],
    }
    const d = failed(decideAltool(`banner\n${JSON.stringify(json)}`, exited(1)))
    expect(d.problems).toEqual([
      {
        code: '1193',
        message: "No software with Apple ID of '806182776' exists.",
        reason: undefined,
        suggestion: 'Verify the Apple ID is correct.',
        irisCode: undefined,
      },
    ])
    expect(d.transient).toBe(false)
  })

  it.each([
    'The server returned an invalid response. Please try your request again.',
    'The request timed out.',
  ])('"%s" is transient', (message) => {
    const json = { 'product-errors': [{ code: -1001, message }] }
    expect(failed(decideAltool(JSON.stringify(json), exited(1))).transient).toBe(true)
  })

  it('a duplicate is never retried, even beside a transient error', () => {
    const json = {
      'product-errors': [
        { code: 504, message: 'Failed to upload part number 2.' },
        {
          code: -19232,
          message: 'The provided entity includes an attribute with a value that has already been used',
        },
      ],
    }
    const d = failed(decideAltool(JSON.stringify(json), exited(1)))
    expect(d.transient).toBe(false)
    expect(d.hint).toMatch(DUPLICATE_HINT)
  })

  it('reads the JSON from stdout alone when a stderr line landed inside it in the merged output', () => {
    const stdout = recorded('xcode26.0-part-504.txt')
      .split('\n')
      .filter((line) => !line.includes('ERROR:'))
      .join('\n')
    const merged = stdout.replace(
      '  ],\n  "tool-path"',
      '  ],\n2026-10-02 ERROR: [altool.1] Failed to upload package.\n  "tool-path"',
    )
    expect(lastJsonObject(merged)).toBeUndefined()
    const d = failed(decideAltool(merged, exited(0), [stdout, 'ERROR: [altool.1] Failed to upload package.']))
    expect(d).toMatchObject({ basis: 'json', transient: true, problems: [{ code: '504' }] })
  })

  it('product-errors win over an UPLOAD SUCCEEDED banner and exit 0', () => {
    const output = `UPLOAD SUCCEEDED\n${JSON.stringify({ 'product-errors': [{ code: 1, message: 'No' }] })}`
    expect(failed(decideAltool(output, exited(0))).problems[0]?.message).toBe('No')
  })
})

describe('without JSON (docs §1.7 rule 3)', () => {
  it('Xcode 26.0 -26000 key not found: the ERROR: line, with its code', () => {
    const d = failed(decideAltool(recorded('xcode26.0-auth-26000.txt'), exited(1)))
    expect(d.basis).toBe('text')
    expect(d.problems).toHaveLength(1)
    expect(d.problems[0]?.code).toBe('-26000')
    expect(d.problems[0]?.message).toMatch(/^Unable to upload archive\. Failed to authenticate/)
    expect(d.transient).toBe(false)
  })

  it('Xcode 15.4 *** Error: lines, with their codes', () => {
    const output = [
      '2026-01-20 11:02:33.146 *** Error: ERROR: [ContentDelivery.Uploader] Validation failed (409) SDK version issue.',
      'UPLOAD FAILED with 1 error.',
    ].join('\n')
    const d = failed(decideAltool(output, exited(1)))
    expect(d.problems).toEqual([{ code: '409', message: 'Validation failed (409) SDK version issue.' }])
  })

  it('UPLOAD SUCCEEDED with exit 0 succeeds, with the banner UUID', () => {
    const d = succeeded(decideAltool('UPLOAD SUCCEEDED with no errors\nDelivery UUID: abc-123\n', exited(0)))
    expect(d).toEqual({ ok: true, deliveryUuid: 'abc-123', notes: [], basis: 'text' })
  })

  it.each([
    ['UPLOAD SUCCEEDED but exit 1', 'UPLOAD SUCCEEDED\n', 1, /exited with code 1/],
    ['UPLOAD FAILED with exit 0', 'UPLOAD FAILED with 1 error\n', 0, /printed "UPLOAD FAILED with 1 error"/],
    ['Failed to upload package with exit 0', 'ERROR: [altool.1] Failed to upload package.', 0, /^Failed/],
    ['nothing at all, exit 0', '', 0, /exited 0 without reporting a result/],
    ['VERIFY FAILED', 'VERIFY FAILED with 1 error\nUPLOAD SUCCEEDED', 0, /VERIFY FAILED with 1 error/],
  ])('%s fails', (_name, output, code, message) => {
    const d = failed(decideAltool(output, exited(code)))
    expect(d.problems[0]?.message).toMatch(message)
  })

  it('a crash by signal is a transient failure', () => {
    const d = failed(decideAltool(recorded('xcode26.0-crash.txt'), { exitCode: null, signal: 'SIGSEGV' }))
    expect(d).toMatchObject({ basis: 'signal', transient: true, duplicate: false })
    expect(d.problems[0]?.message).toContain('killed by SIGSEGV')
  })
})

describe('lastJsonObject', () => {
  it('takes the last result, skipping JSON-looking log lines and lines after it', () => {
    const output = [
      '{"tool-version":"1","success-message":"first"}',
      'log {"not":"a result"}',
      '{',
      '  "success-message" : "second",',
      '  "details" : {',
      '    "delivery-uuid" : "u"',
      '  }',
      '}',
      '2026-10-02 a trailing log line',
    ].join('\n')
    expect(lastJsonObject(output)).toEqual({ 'success-message': 'second', details: { 'delivery-uuid': 'u' } })
  })

  it('ignores broken JSON and objects that are not altool results', () => {
    expect(lastJsonObject('{"success-message": "cut off"\n')).toBeUndefined()
    expect(lastJsonObject('{"a": 1}')).toBeUndefined()
    expect(lastJsonObject('[1, 2]')).toBeUndefined()
  })

  it('stays fast on a long output full of braces', () => {
    const noise = Array.from({ length: 20_000 }, (_, i) => `{ line ${i} }`).join('\n')
    const started = Date.now()
    expect(lastJsonObject(noise)).toBeUndefined()
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
