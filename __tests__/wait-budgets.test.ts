import { describe, expect, it } from '@jest/globals'
import type { AscClient } from '../src/asc/client.js'
import type { Clock } from '../src/shared/clock.js'
import type { Logger } from '../src/shared/log.js'
import type { Settings } from '../src/settings/settings.js'
import { waitForProcessing } from '../src/wait/index.js'
import type { UploadOutcome } from '../src/wait/types.js'

// The processing wait's budgets, on a fake clock against a scripted App Store Connect: what each
// read returns is a function of the fake time. Rule (real-apple-behaviour.md U4): time while the
// upload is PROCESSING counts against processing_timeout; build_appear_timeout only once the upload
// is COMPLETE, or from the start when no upload is known.

const MIN = 60_000

interface Script {
  /** The upload's state at a time; undefined when there is no upload. */
  upload?: (t: number) => { state: string; errors?: { code: string; description: string }[] }
  /** When the build first shows up (ms from the start), and when its processing ends. */
  buildAppearsAt?: number
  buildValidAt?: number
}

function world(script: Script) {
  let now = 0
  const clock: Clock = {
    now: () => now,
    sleep: (ms) => {
      now += ms
      return Promise.resolve()
    },
  }
  const requests: string[] = []
  const build = () => ({
    type: 'builds',
    id: 'B1',
    attributes: { processingState: now >= (script.buildValidAt ?? Infinity) ? 'VALID' : 'PROCESSING' },
  })
  const visible = () => script.buildAppearsAt !== undefined && now >= script.buildAppearsAt
  const get = (path: string): Promise<{ data: unknown; included?: unknown[] }> => {
    requests.push(path)
    if (path === '/v1/buildUploads/U1') {
      const state = script.upload?.(now) ?? { state: 'PROCESSING' }
      return Promise.resolve({
        data: { type: 'buildUploads', id: 'U1', attributes: { state } },
        included: state.state === 'COMPLETE' && visible() ? [build()] : [],
      })
    }
    if (path === '/v1/builds') return Promise.resolve({ data: visible() ? [build()] : [] })
    if (path === '/v1/builds/B1') return Promise.resolve({ data: build() })
    if (path === '/v1/builds/B1/buildBetaDetail')
      return Promise.resolve({
        data: {
          type: 'buildBetaDetails',
          id: 'B1',
          attributes: { internalBuildState: 'READY_FOR_BETA_TESTING' },
        },
      })
    return Promise.reject(new Error(`unexpected GET ${path}`))
  }
  const lines: string[] = []
  const log: Logger = {
    debug: () => undefined,
    info: (m) => lines.push(m),
    notice: (m) => lines.push(m),
    warning: (m) => lines.push(m),
  }
  const settings = {
    wait: {
      forProcessing: true,
      buildAppearTimeoutMs: 5 * MIN,
      processingTimeoutMs: 60 * MIN,
      pollIntervalMs: MIN,
    },
  } as Settings
  const wait = (upload: UploadOutcome) =>
    waitForProcessing(
      {
        settings,
        client: { get } as unknown as AscClient,
        app: { id: 'A1', name: 'Demo', bundleId: 'com.example.demo' },
        identity: { bundleId: 'com.example.demo', version: '1.0', buildNumber: '7', platform: 'ios' },
        log,
        clock,
      },
      upload,
    )
  return { wait, requests, lines, now: () => now }
}

const processingUntil = (ms: number) => (t: number) => ({ state: t < ms ? 'PROCESSING' : 'COMPLETE' })

describe('the processing wait budgets', () => {
  it('counts a long PROCESSING upload against processing_timeout, not build_appear_timeout', async () => {
    // The upload is PROCESSING for 30 minutes, far past the 5-minute build_appear_timeout.
    const w = world({ upload: processingUntil(30 * MIN), buildAppearsAt: 31 * MIN, buildValidAt: 40 * MIN })
    const build = await w.wait({ method: 'api', buildUploadId: 'U1' })
    expect(build.processingState).toBe('VALID')
    expect(w.now()).toBeGreaterThanOrEqual(40 * MIN)
  })

  it('stops at processing_timeout while the upload stays PROCESSING', async () => {
    const w = world({ upload: () => ({ state: 'PROCESSING' }) })
    await expect(w.wait({ method: 'api', buildUploadId: 'U1' })).rejects.toThrow(
      /upload U1 PROCESSING after 60 min 0 s \(processing_timeout\)/,
    )
    expect(w.now()).toBe(60 * MIN)
  })

  it('finds the build while the upload is PROCESSING, and its processing shares the budget', async () => {
    // The build shows at 2 min; the upload never completes in this window. 50 min of the upload's
    // wait plus processing past 60 min in all ends at processing_timeout.
    const w = world({
      upload: () => ({ state: 'PROCESSING' }),
      buildAppearsAt: 2 * MIN,
      buildValidAt: 10 * MIN,
    })
    const build = await w.wait({ method: 'api', buildUploadId: 'U1' })
    expect(build).toMatchObject({ buildId: 'B1', processingState: 'VALID' })
    expect(w.now()).toBe(10 * MIN)

    const late = world({
      upload: processingUntil(50 * MIN),
      buildAppearsAt: 51 * MIN,
      buildValidAt: 75 * MIN,
    })
    await expect(late.wait({ method: 'api', buildUploadId: 'U1' })).rejects.toThrow(
      /is still PROCESSING after 6\d min \d+ s \(processing_timeout\)/,
    )
  })

  it('starts build_appear_timeout once the upload is COMPLETE', async () => {
    // COMPLETE at 10 min, the build appears 4 min later: within 5 minutes of COMPLETE.
    const ok = world({ upload: processingUntil(10 * MIN), buildAppearsAt: 14 * MIN, buildValidAt: 15 * MIN })
    await expect(ok.wait({ method: 'api', buildUploadId: 'U1' })).resolves.toMatchObject({ buildId: 'B1' })
    // …and 6 minutes after COMPLETE is too late.
    const late = world({
      upload: processingUntil(10 * MIN),
      buildAppearsAt: 16 * MIN,
      buildValidAt: 17 * MIN,
    })
    await expect(late.wait({ method: 'api', buildUploadId: 'U1' })).rejects.toThrow(
      /\(build_appear_timeout\)/,
    )
    expect(late.now()).toBe(15 * MIN)
  })

  it('counts build_appear_timeout from the start when no upload is known, without looking again at once', async () => {
    const w = world({ buildAppearsAt: 6 * MIN })
    await expect(w.wait({ method: 'none' })).rejects.toThrow(/within 5 min 0 s \(build_appear_timeout\)/)
    expect(w.now()).toBe(5 * MIN)
    // The upload step has just looked: the first look here is one interval later.
    expect(w.requests.filter((p) => p === '/v1/builds')).toHaveLength(5)
  })

  it('fails at once on an upload FAILED, with Apple’s errors and a hint', async () => {
    const w = world({
      upload: () => ({
        state: 'FAILED',
        errors: [
          {
            code: 'ITMS-90055',
            description: 'This bundle is invalid. The bundle identifier cannot be changed.',
          },
        ],
      }),
    })
    await expect(w.wait({ method: 'api', buildUploadId: 'U1' })).rejects.toThrow(
      /rejected the upload U1:\n {2}- ITMS-90055: This bundle is invalid[^\n]*\nThe package's bundle ID does not match/,
    )
    expect(w.now()).toBe(0)
  })
})
