import { expect, it } from '@jest/globals'
import { createPrivateKey } from 'node:crypto'
import { AscClient } from '../src/asc/client.js'
import { TokenProvider } from '../src/asc/jwt.js'
import type { Clock } from '../src/shared/clock.js'
import { silentLogger } from '../src/shared/log.js'
import type { Settings } from '../src/settings/settings.js'
import { submitForBetaReview } from '../src/testflight/review.js'
import { generateApiKey, startSimulator } from '../simulator/index.js'

// The bounded retry of the refusal that follows export compliance, on a fake clock (in process).
it('gives up on "not in a valid processing state" after its time budget, saying what to do', async () => {
  let fakeNow = Date.now()
  const clock: Clock = {
    now: () => fakeNow,
    sleep: async (ms) => {
      fakeNow += ms
      await Promise.resolve()
    },
  }
  // Apple keeps refusing for longer than the action waits.
  const sim = await startSimulator({ now: clock.now, scenario: { betaReviewAfterComplianceMs: 3600_000 } })
  const key = generateApiKey()
  sim.addApiKey({ keyId: key.keyId, issuerId: key.issuerId, publicKey: key.publicKeyPem })
  const app = sim.store.createApp({ bundleId: 'com.example.demo', name: 'Demo' })
  const { id: buildId } = sim.store.createBuild({
    appId: app.id,
    version: '1.0.0',
    buildNumber: '7',
    platform: 'IOS',
    usesNonExemptEncryption: null,
  })
  const client = new AscClient({
    baseUrl: sim.url,
    tokens: new TokenProvider(
      { keyId: key.keyId, issuerId: key.issuerId, privateKey: createPrivateKey(key.privateKeyPem) },
      { now: clock.now },
    ),
  })
  const settings = {
    wait: { forProcessing: true, buildAppearTimeoutMs: 0, processingTimeoutMs: 0, pollIntervalMs: 30_000 },
    testflight: { replaceBuildInBetaReview: false },
  } as Settings
  const ctx = {
    settings,
    client,
    app: { id: app.id, name: 'Demo', bundleId: 'com.example.demo' },
    identity: { bundleId: 'com.example.demo', version: '1.0.0', buildNumber: '7', platform: 'ios' as const },
    log: silentLogger,
    clock,
  }
  const started = fakeNow
  try {
    await client.patch(`/v1/builds/${buildId}`, {
      data: { type: 'builds', id: buildId, attributes: { usesNonExemptEncryption: false } },
    })
    await expect(submitForBetaReview(ctx, buildId)).rejects.toThrow(
      'The build was still not ready for Beta App Review after 5 min',
    )
  } finally {
    await client.close()
    await sim.close()
  }
  const posts = sim.requests.filter((r) => r.method === 'POST' && r.path === '/v1/betaAppReviewSubmissions')
  expect(fakeNow - started).toBeGreaterThanOrEqual(5 * 60_000)
  // Backoff from 5 s doubling up to 30 s: a bounded number of tries, not one per poll.
  expect(posts.length).toBeGreaterThan(3)
  expect(posts.length).toBeLessThan(20)
  expect(posts.every((r) => r.status === 422)).toBe(true)
  expect(sim.contractViolations).toEqual([])
})
