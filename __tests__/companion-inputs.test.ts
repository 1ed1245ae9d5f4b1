import { describe, expect, it, jest } from '@jest/globals'
import { generateKeyPairSync } from 'node:crypto'
import { quietPlainLog } from './helpers/quiet-log.js'

// The companions' inputs in process (next-build-number.test.ts and release-companion.test.ts run them through dist/).
jest.unstable_mockModule('../src/report/plain-log.js', () => quietPlainLog())
const { readReleaseSettings } = await import('../src/companions/release/settings.js')
const { readNextBuildNumberSettings } = await import('../src/companions/next-build-number/settings.js')

const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
})
const inputs =
  (given: Record<string, string>) =>
  (name: string): string =>
    ({ api_key: String(pem), key_id: 'ABC123DEFG', bundle_id: 'com.example.app', ...given })[name] ?? ''

function problems(read: () => unknown): string[] {
  try {
    read()
  } catch (error) {
    return (error as Error).message.split('\n').slice(1)
  }
  throw new Error('expected the inputs to be rejected')
}

describe("a companion's inputs", () => {
  // Parsed synchronously: an async parse would list the problems in the order each settled, not as given.
  it('lists the problems in the order of its inputs', () => {
    expect(problems(() => readReleaseSettings(inputs({ app_version: 'x', command: 'go' })))).toEqual([
      "- 'app_version' must be one to three dot-separated integers, e.g. 1.4.2 (got 'x')",
      "- 'command' must be one of status, release, pause, resume, complete (got 'go')",
    ])
    expect(
      problems(() => readNextBuildNumberSettings(inputs({ initial_build_number: 'x', increment: '0' }))),
    ).toEqual([
      "- 'initial_build_number' must be one to three dot-separated integers, e.g. 1042 (got 'x')",
      "- 'increment' must be a whole number from 1 to 999999999 (got '0')",
    ])
  })

  it('reads good inputs into settings', () => {
    expect(readNextBuildNumberSettings(inputs({ scope: 'version', app_version: '2.0' }))).toMatchObject({
      scope: 'version',
      version: '2.0',
      initialBuildNumber: '1',
      increment: 1n,
    })
  })
})
