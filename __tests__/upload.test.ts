import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { writeIpa } from '../scripts/make-package.js'
import { runAction, type ActionRun } from '../scripts/run-action.js'
import { BUNDLE_ID, secretLeaks, startWorld, visibleText, type World } from './helpers/world.js'

// The API upload, driven through dist/index.js against the simulator's API and storage routes.
let world: World
const runs: ActionRun[] = []
const MiB = 1024 * 1024
const STORAGE = /^\/storage\//

beforeAll(async () => {
  world = await startWorld({ scenario: { partSize: MiB, uploadProcessingMs: 100, buildProcessingMs: 100 } })
})
afterAll(async () => {
  await world.close()
})

/** A package of the demo app with its own build number, so each test has its own build. */
async function packageFor(buildNumber: string, padBytes = 6 * MiB): Promise<string> {
  const path = join(world.dir, `Demo-${buildNumber}.ipa`)
  await writeIpa(path, { bundleId: BUNDLE_ID, version: '1.0.0', buildNumber, padBytes })
  return path
}

async function upload(ipaPath: string, inputs: Record<string, string> = {}, killWhen?: () => boolean) {
  const result = await runAction({
    inputs: { ...world.inputs, ipa_path: ipaPath, poll_interval: '0.2', ...inputs },
    env: world.env,
    killWhen,
  })
  runs.push(result)
  return result
}

const uploadsOf = (buildNumber: string) =>
  world.sim.store
    .list('buildUploads')
    .filter((u) => (u.attributes as { cfBundleVersion?: string }).cfBundleVersion === buildNumber)
const stateOf = (upload: { attributes: unknown }) =>
  (upload.attributes as { state?: { state?: string } }).state?.state
/** The upload's package file (its assetFile relationship). */
const fileOf = (upload: { relationships: unknown } | undefined) =>
  (upload?.relationships as Record<string, { id?: string } | undefined> | undefined)?.['assetFile']?.id ?? ''
/** How many times each part of the file was PUT to storage, from the simulator's request log. */
const putsOf = (fileId: string) => {
  const counts = new Map<string, number>()
  for (const r of world.sim.requests) {
    if (r.method === 'PUT' && r.path.startsWith(`/storage/${fileId}/`))
      counts.set(r.path, (counts.get(r.path) ?? 0) + 1)
  }
  return counts
}
const requestsSince = (start: number, method: string, path: RegExp) =>
  world.sim.requests.slice(start).filter((r) => r.method === method && path.test(r.path))

describe('upload through the build upload API', () => {
  it('sends every byte once, in parallel within the bound, and reports the build', async () => {
    const ipa = await packageFor('101', 12 * MiB + 12345)
    const start = world.sim.requests.length
    const result = await upload(ipa)
    expect(result.exitCode).toBe(0)

    const [record] = uploadsOf('101')
    expect(record && stateOf(record)).toBe('COMPLETE')
    expect(result.outputs.build_upload_id).toBe(record?.id)
    expect(result.outputs.build_id).toMatch(/.+/)
    const puts = putsOf(fileOf(record))
    expect(puts.size).toBe(13)
    expect([...puts.values()].every((count) => count === 1)).toBe(true)
    // The simulator checked the committed MD5 against the reassembled parts; it is the file's MD5.
    const md5 = createHash('md5')
      .update(await readFile(ipa))
      .digest('hex')
    const commit = requestsSince(start, 'PATCH', /^\/v1\/buildUploadFiles\//)[0]
    expect(JSON.stringify(commit?.body)).toContain(md5)
    // A new reservation is not looked up before it is made.
    expect(requestsSince(start, 'GET', /\/buildUploadFiles$/)).toEqual([])
    // Storage requests never carry the API token.
    expect(requestsSince(start, 'PUT', STORAGE).every((r) => !r.hadBearer)).toBe(true)
    expect(world.sim.storage.maxConcurrent).toBeGreaterThan(1)
    expect(world.sim.storage.maxConcurrent).toBeLessThanOrEqual(6)

    expect(result.log).toContain('::group::Upload')
    expect(result.log).toMatch(/Uploaded 100% \(12\.6 MB of 12\.6 MB\) at [\d.]+ MB\/s/)
    expect(result.summary).toMatch(
      /Sent 12\.6 MB through the build upload API in [\d.]+ (ms|s) at [\d.]+ MB\/s/,
    )
  })

  it('retries only the part that met a dropped connection or a 429 with Retry-After', async () => {
    const ipa = await packageFor('102')
    world.sim.faults.add({ method: 'PUT', path: STORAGE, action: { type: 'drop', afterBytes: 100_000 } })
    world.sim.faults.add({
      method: 'PUT',
      path: STORAGE,
      action: { type: 'status', status: 429, retryAfterSeconds: 1 },
    })
    const result = await upload(ipa)
    expect(result.exitCode).toBe(0)
    const [record] = uploadsOf('102')
    const puts = [...putsOf(fileOf(record)).values()]
    const parts = Math.ceil((await stat(ipa)).size / MiB)
    expect(puts).toHaveLength(parts)
    expect(puts.filter((n) => n === 2)).toHaveLength(2)
    expect(puts.filter((n) => n === 1)).toHaveLength(parts - 2)
    expect(result.log).toMatch(/Sending part \d+ \(bytes [\d–]+\) failed: .*; retrying it in/)
    expect(result.log).toMatch(/Sending part \d+ \(bytes [\d–]+\) answered 429.*; retrying it in 1\.0 s/)
  })

  it('ends with a clear error when a part keeps failing', async () => {
    const ipa = await packageFor('103', 2 * MiB)
    world.sim.faults.add({ method: 'PUT', path: STORAGE, times: 50, action: { type: 'status', status: 403 } })
    const result = await upload(ipa)
    world.sim.faults.clear()
    expect(result.exitCode).toBe(1)
    expect(result.log).toMatch(/The storage service refused part \d+ \(bytes [\d–]+\): answered 403/)
  })

  it('reports plainly when App Store Connect refuses the MD5 of what arrived', async () => {
    const ipa = await packageFor('109', 2 * MiB)
    world.sim.faults.add({ method: 'PUT', path: STORAGE, action: { type: 'corrupt' } })
    const result = await upload(ipa)
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain("App Store Connect refused the file's MD5 checksum:")
    expect(result.log).toMatch(
      /App Store Connect answered 409 to PATCH \/v1\/buildUploadFiles\/[\w-]+: .*checksum/i,
    )
    expect(result.log).toContain('The bytes it received differ from the file on disk.')
    expect(result.summary).toContain('What failed')
  })

  it('fails at the first poll that sees FAILED, with Apple’s codes and a hint', async () => {
    const ipa = await packageFor('104', MiB)
    world.sim.scenario.uploadProcessingMs = 0
    world.sim.scenario.uploadErrors = [
      {
        code: 'ITMS-90683',
        description:
          'Missing purpose string in Info.plist. The Info.plist should contain a NSCameraUsageDescription key.',
      },
    ]
    const start = world.sim.requests.length
    const result = await upload(ipa, { poll_interval: '30' })
    world.sim.scenario.uploadErrors = []
    world.sim.scenario.uploadProcessingMs = 100
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('App Store Connect rejected the upload')
    expect(result.log).toContain('ITMS-90683: Missing purpose string in Info.plist.')
    expect(result.log).toContain('add the key named in the message')
    const uploadId = uploadsOf('104')[0]?.id ?? ''
    expect(requestsSince(start, 'GET', new RegExp(`^/v1/buildUploads/${uploadId}$`))).toHaveLength(1)
    expect(result.summary).toContain('What failed')
  })

  it('does not upload again on a rerun after success', async () => {
    const ipa = await packageFor('105', MiB)
    const first = await upload(ipa)
    expect(first.exitCode).toBe(0)
    const start = world.sim.requests.length
    const second = await upload(ipa)
    expect(second.exitCode).toBe(0)
    expect(requestsSince(start, 'POST', /.*/)).toEqual([])
    expect(requestsSince(start, 'PUT', STORAGE)).toEqual([])
    expect(second.outputs.build_id).toBe(first.outputs.build_id)
    expect(second.log).toContain('is already in App Store Connect')
    expect(second.summary).toContain('nothing was sent again')
  })

  it('takes a duplicate 409 on create as another run having got there first', async () => {
    const ipa = await packageFor('110', MiB)
    // Hold the create; while it waits, another run finishes an upload of the same build.
    world.sim.faults.add({ method: 'POST', path: '/v1/buildUploads', action: { type: 'delay', ms: 500 } })
    const start = world.sim.requests.length
    const watcher = setInterval(() => {
      if (requestsSince(start, 'POST', /^\/v1\/buildUploads$/).length === 0) return
      clearInterval(watcher)
      world.sim.store.createBuildUpload({
        appId: world.appId,
        version: '1.0.0',
        buildNumber: '110',
        platform: 'IOS',
        state: 'COMPLETE',
      })
    }, 10)
    const result = await upload(ipa)
    expect(result.exitCode).toBe(0)
    const creates = requestsSince(start, 'POST', /^\/v1\/buildUploads$/)
    expect(creates.map((r) => r.status)).toEqual([409])
    expect(requestsSince(start, 'PUT', STORAGE)).toEqual([])
    expect(result.log).toMatch(/Another run got there first: upload [\w-]+ of this build is already COMPLETE/)
    expect(result.summary).toContain('nothing was sent again')
    expect(result.outputs.build_upload_id).toBe(uploadsOf('110')[0]?.id)
  })

  it('completes on a rerun after a crash mid-upload, resuming the reservation', async () => {
    const ipa = await packageFor('106', 8 * MiB)
    // Slow storage so the first run is still sending when it is killed.
    world.sim.faults.add({ method: 'PUT', path: STORAGE, times: 100, action: { type: 'delay', ms: 300 } })
    const start = world.sim.requests.length
    const crashed = await upload(ipa, {}, () => requestsSince(start, 'PUT', STORAGE).length >= 2)
    world.sim.faults.clear()
    expect(crashed.exitCode).toBeNull() // killed
    const [reserved] = uploadsOf('106')
    expect(reserved && stateOf(reserved)).toBe('AWAITING_UPLOAD')

    const rerunStart = world.sim.requests.length
    const rerun = await upload(ipa)
    expect(rerun.exitCode).toBe(0)
    expect(rerun.log).toContain(`Resuming upload ${reserved?.id ?? ''}`)
    // The reservation's file is read once, to decide to resume it, and then used.
    expect(requestsSince(rerunStart, 'GET', /\/buildUploadFiles$/)).toHaveLength(1)
    expect(requestsSince(rerunStart, 'POST', /^\/v1\/buildUploadFiles$/)).toEqual([])
    const uploads = uploadsOf('106')
    expect(uploads).toHaveLength(1)
    expect(stateOf(uploads[0] ?? { attributes: {} })).toBe('COMPLETE')
    expect(rerun.outputs.build_upload_id).toBe(reserved?.id)
  })

  it('replaces a reservation whose operations expired', async () => {
    const ipa = await packageFor('107', MiB)
    world.sim.scenario.operationTtlMs = 1
    const expired = await upload(ipa)
    world.sim.scenario.operationTtlMs = 60 * 60_000
    expect(expired.exitCode).toBe(1)
    expect(expired.log).toMatch(/upload operation for part 1 .* expired .* Re-run the job/)

    const rerun = await upload(ipa)
    expect(rerun.exitCode).toBe(0)
    expect(rerun.log).toContain('cannot be resumed')
    expect(uploadsOf('107').map(stateOf)).toEqual(['COMPLETE'])
  })

  it('settles a commit whose answer was lost by reading the upload’s state', async () => {
    const ipa = await packageFor('108', MiB)
    world.sim.faults.add({ method: 'PATCH', path: /^\/v1\/buildUploadFiles\//, action: { type: 'drop' } })
    const start = world.sim.requests.length
    const result = await upload(ipa)
    expect(result.exitCode).toBe(0)
    expect(result.log).toContain(
      'The commit got no answer and App Store Connect has not taken it; committing again.',
    )
    expect(requestsSince(start, 'GET', /^\/v1\/buildUploadFiles\//)).toHaveLength(1)
    expect(requestsSince(start, 'PATCH', /^\/v1\/buildUploadFiles\//)).toHaveLength(2)
  })

  it('never shows the key or a token', () => {
    // Run alone (-t), this test would scan nothing and pass: it needs the runs of the tests above.
    expect(runs.length).toBeGreaterThanOrEqual(10)
    for (const result of runs) expect(secretLeaks(visibleText(result), world.key.privateKeyPem)).toEqual([])
  })

  it('the simulator saw nothing outside Apple’s contract', () => {
    expect(world.sim.contractViolations).toEqual([])
  })
})
