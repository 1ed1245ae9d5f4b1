import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { writeIpa } from '../scripts/make-package.js'
import { runAction, type ActionRun } from '../scripts/run-action.js'
import {
  BUNDLE_ID,
  reserveForOtherPackage,
  secretLeaks,
  startWorld,
  visibleText,
  type World,
} from './helpers/world.js'

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
    expect(record && stateOf(record)).toMatch(/PROCESSING|COMPLETE/)
    expect(result.outputs.build_upload_id).toBe(record?.id)
    const puts = putsOf(fileOf(record))
    expect(puts.size).toBe(13)
    expect([...puts.values()].every((count) => count === 1)).toBe(true)
    // The commit says `uploaded: true` and nothing else, as every client known to work does.
    const commit = requestsSince(start, 'PATCH', /^\/v1\/buildUploadFiles\//)[0]
    expect(commit?.body).toEqual({
      data: { type: 'buildUploadFiles', id: fileOf(record), attributes: { uploaded: true } },
    })
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

  it('shows a 409 at commit in Apple’s words, calling it corruption only when Apple does', async () => {
    const ipa = await packageFor('109', 2 * MiB)
    // The storage answers 200 to part 2 but keeps nothing: Apple then refuses the commit as incomplete.
    world.sim.faults.add({
      method: 'PUT',
      path: /^\/storage\/[^/]+\/2$/,
      action: { type: 'status', status: 200 },
    })
    const result = await upload(ipa)
    expect(result.exitCode).toBe(1)
    expect(result.log).toMatch(/App Store Connect refused the commit of upload [\w-]+:/)
    expect(result.log).toMatch(
      /App Store Connect answered 409 to PATCH \/v1\/buildUploadFiles\/[\w-]+: .*no data was received for part 2 of 3/,
    )
    expect(result.log).not.toMatch(/differ|corrupt|checksum/i)
    expect(result.log).toContain(
      'it resumes this upload and sends only the parts App Store Connect does not have',
    )
    expect(result.summary).toContain('What failed')

    // The rerun sends only the part the storage does not have.
    const [record] = uploadsOf('109')
    const rerunStart = world.sim.requests.length
    const rerun = await upload(ipa)
    expect(rerun.exitCode).toBe(0)
    expect(requestsSince(rerunStart, 'PUT', STORAGE).map((r) => r.path)).toEqual([
      `/storage/${fileOf(record)}/2`,
    ])
    expect(rerun.log).toContain('(2 of 3 are stored already)')
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
    const result = await upload(ipa, { poll_interval: '30', wait_for_processing: 'true' })
    world.sim.scenario.uploadErrors = []
    world.sim.scenario.uploadProcessingMs = 100
    expect(result.exitCode).toBe(1)
    // The upload step ends with the commit; the processing wait watches the upload and sees FAILED.
    const waitGroup = result.log.indexOf('::group::Wait for processing')
    expect(waitGroup).toBeGreaterThan(0)
    expect(result.log.indexOf('App Store Connect rejected the upload')).toBeGreaterThan(waitGroup)
    expect(result.log).toContain('ITMS-90683: Missing purpose string in Info.plist.')
    expect(result.log).toContain('add the key named in the message')
    const uploadId = uploadsOf('104')[0]?.id ?? ''
    expect(requestsSince(start, 'GET', new RegExp(`^/v1/buildUploads/${uploadId}$`))).toHaveLength(1)
    expect(result.summary).toContain('What failed')
  })

  it('does not upload again on a rerun after success', async () => {
    const ipa = await packageFor('105', MiB)
    const first = await upload(ipa, { wait_for_processing: 'true' })
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
    expect(result.log).toMatch(/Upload [\w-]+ of this build is already COMPLETE: not uploading again/)
    expect(result.log).toMatch(/Another run created upload [\w-]+ of this build first; continuing with it/)
    // Apple shows no file for that upload, so it cannot be compared with this package: a warning says so.
    expect(result.log).toMatch(/::warning::Cannot tell whether upload [\w-]+ holds this package/)
    expect(result.summary).toContain('nothing was sent again')
    expect(result.outputs.build_upload_id).toBe(uploadsOf('110')[0]?.id)
  })

  it('completes on a rerun after a crash mid-upload, resuming the reservation', async () => {
    const ipa = await packageFor('106', 8 * MiB)
    // Slow storage so the first run is still sending when it is killed.
    // Parts after the second never reach the storage in the first run, so none can land after the kill (a
    // part sent just before it could otherwise be stored after the test noted what the storage has).
    world.sim.faults.add({
      method: 'PUT',
      path: /^\/storage\/[^/]+\/([3-9]|\d\d)$/,
      times: 1000,
      action: { type: 'drop' },
    })
    world.sim.faults.add({ method: 'PUT', path: STORAGE, times: 100, action: { type: 'delay', ms: 300 } })
    const start = world.sim.requests.length
    // Killed once two parts are stored, so the rerun has some to skip.
    const crashed = await upload(
      ipa,
      {},
      () => requestsSince(start, 'PUT', STORAGE).filter((r) => r.status === 200).length >= 2,
    )
    expect(crashed.exitCode).toBeNull() // killed
    const [reserved] = uploadsOf('106')
    expect(reserved && stateOf(reserved)).toBe('AWAITING_UPLOAD')
    // A PUT the run sent just before it died reaches the simulator (in this process) on a later turn of the
    // event loop: let one pass, so it meets the drop fault too, before lifting the faults. Parts 1 and 2 were
    // answered before the kill, so nothing is still landing.
    await new Promise((resolve) => setTimeout(resolve, 50))
    world.sim.faults.clear()
    const file = world.sim.store.get('buildUploadFiles', fileOf(reserved))
    const stored = (file?.attributes.uploadOperations ?? [])
      .filter((op) => op.entityTag)
      .map((op) => op.partNumber)
    const missing = (file?.attributes.uploadOperations ?? [])
      .filter((op) => !op.entityTag)
      .map((op) => op.partNumber)
    expect(stored.length).toBeGreaterThan(0)

    const rerunStart = world.sim.requests.length
    const rerun = await upload(ipa)
    expect(rerun.exitCode).toBe(0)
    // A reservation minutes old may still be another run's: joined, never replaced.
    expect(rerun.log).toContain(`Joining upload ${reserved?.id ?? ''} of this package`)
    expect(rerun.log).toContain('another run may be uploading it')
    // Only the parts the storage did not have are sent again.
    const sent = requestsSince(rerunStart, 'PUT', STORAGE).map((r) => Number(r.path.split('/').at(-1)))
    expect(sent.sort((x, y) => x - y)).toEqual(missing)
    // The reservation's file is read once, to decide to resume it, and then used.
    expect(requestsSince(rerunStart, 'GET', /\/buildUploadFiles$/)).toHaveLength(1)
    expect(requestsSince(rerunStart, 'POST', /^\/v1\/buildUploadFiles$/)).toEqual([])
    const uploads = uploadsOf('106')
    expect(uploads).toHaveLength(1)
    expect(stateOf(uploads[0] ?? { attributes: {} })).toMatch(/PROCESSING|COMPLETE/)
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
    expect(rerun.log).toMatch(/Deleting upload [\w-]+ .*its upload operations expired.*cannot be resumed/)
    expect(uploadsOf('107').map(stateOf)).toEqual([expect.stringMatching(/PROCESSING|COMPLETE/)])
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
    // Whether it took is read from the upload's state (the file may read AWAITING_UPLOAD after a commit).
    expect(requestsSince(start, 'GET', /^\/v1\/buildUploads\/[\w-]+$/)).toHaveLength(1)
    expect(requestsSince(start, 'PATCH', /^\/v1\/buildUploadFiles\//)).toHaveLength(2)
  })

  it('takes a commit Apple took but answered 500 as taken, though the file still reads AWAITING_UPLOAD', async () => {
    const ipa = await packageFor('119', MiB)
    // Apple's file reads AWAITING_UPLOAD for a while after a commit it took (expo polls it up to 60 s).
    // Both last the whole run here, so the run reads them so on a slow machine too.
    world.sim.scenario.fileAwaitingAfterCommitMs = 60_000
    world.sim.scenario.uploadProcessingMs = 60_000
    world.sim.faults.add({
      method: 'PATCH',
      path: /^\/v1\/buildUploadFiles\//,
      action: { type: 'status', status: 500, afterHandling: true },
    })
    const start = world.sim.requests.length
    const result = await upload(ipa)
    world.sim.scenario.fileAwaitingAfterCommitMs = 100
    world.sim.scenario.uploadProcessingMs = 100
    expect(result.exitCode).toBe(0)
    expect(result.log).toContain(
      "The commit's answer was lost, but App Store Connect has it (upload state PROCESSING).",
    )
    expect(requestsSince(start, 'PATCH', /^\/v1\/buildUploadFiles\//)).toHaveLength(1)
    // No part went twice.
    expect([...putsOf(fileOf(uploadsOf('119')[0])).values()].every((count) => count === 1)).toBe(true)
  })

  it('on a rerun after every part was stored but no commit went through, only commits', async () => {
    const ipa = await packageFor('122', MiB)
    world.sim.faults.add({
      method: 'PATCH',
      path: /^\/v1\/buildUploadFiles\//,
      times: 3,
      action: { type: 'status', status: 503 },
    })
    const failed = await upload(ipa)
    expect(failed.exitCode).toBe(1)
    const rerunStart = world.sim.requests.length
    const rerun = await upload(ipa)
    expect(rerun.exitCode).toBe(0)
    expect(requestsSince(rerunStart, 'PUT', STORAGE)).toEqual([])
    expect(requestsSince(rerunStart, 'DELETE', /.*/)).toEqual([])
    expect(requestsSince(rerunStart, 'PATCH', /^\/v1\/buildUploadFiles\//).map((r) => r.status)).toEqual([
      200,
    ])
    expect(uploadsOf('122')).toHaveLength(1)
  })

  it('with wait_for_processing false, ends right after the commit', async () => {
    const ipa = await packageFor('111', MiB)
    const start = world.sim.requests.length
    const result = await upload(ipa, { wait_for_processing: 'false' })
    expect(result.exitCode).toBe(0)
    const all = world.sim.requests.slice(start)
    const commitAt = all.findIndex((r) => r.method === 'PATCH' && r.path.startsWith('/v1/buildUploadFiles/'))
    expect(commitAt).toBeGreaterThan(0)
    expect(all.slice(commitAt + 1).filter((r) => r.path.startsWith('/v1/'))).toEqual([])
    expect(result.log).toMatch(/Committed upload [\w-]+: App Store Connect has the package/)
    expect(result.outputs.build_upload_id).toBe(uploadsOf('111')[0]?.id)
  })

  it('finds the build while the upload is still PROCESSING, and waits for its processing', async () => {
    const ipa = await packageFor('112', MiB)
    // The upload stays PROCESSING for a minute; the build shows up 100 ms after the commit.
    world.sim.scenario.uploadProcessingMs = 60_000
    const start = world.sim.requests.length
    const result = await upload(ipa, { wait_for_processing: 'true', build_appear_timeout: '1' })
    world.sim.scenario.uploadProcessingMs = 100
    expect(result.exitCode).toBe(0)
    expect(result.outputs.processing_state).toBe('VALID')
    const [record] = uploadsOf('112')
    expect(record && stateOf(record)).toBe('PROCESSING')
    const build = world.sim.store
      .list('builds')
      .find((b) => (b.attributes as { version?: string }).version === '112')
    expect(result.outputs.build_id).toBe(build?.id)
    // The upload was watched while the build was looked up.
    expect(
      requestsSince(start, 'GET', new RegExp(`^/v1/buildUploads/${record?.id ?? ''}$`)).length,
    ).toBeGreaterThan(0)
  })

  it('settles a create answered 500 by reading, never by deleting its own upload', async () => {
    const ipa = await packageFor('113', MiB)
    world.sim.faults.add({
      method: 'POST',
      path: '/v1/buildUploads',
      action: { type: 'status', status: 500, afterHandling: true },
    })
    const start = world.sim.requests.length
    const result = await upload(ipa)
    expect(result.exitCode).toBe(0)
    expect(requestsSince(start, 'POST', /^\/v1\/buildUploads$/).map((r) => r.status)).toEqual([500])
    expect(requestsSince(start, 'DELETE', /.*/)).toEqual([])
    expect(uploadsOf('113')).toHaveLength(1)
    expect(result.outputs.build_upload_id).toBe(uploadsOf('113')[0]?.id)
    expect(result.log).toMatch(
      /The create got no clear answer; App Store Connect has upload [\w-]+ of this build/,
    )
    expect(result.log).not.toContain('Deleting')
  })

  it('two runs of the same build at once commit one upload, and both say what happened', async () => {
    const ipa = await packageFor('114', 6 * MiB)
    world.sim.faults.add({ method: 'PUT', path: STORAGE, times: 200, action: { type: 'delay', ms: 150 } })
    const start = world.sim.requests.length
    const [a, b] = await Promise.all([upload(ipa), upload(ipa)])
    world.sim.faults.clear()
    expect([a.exitCode, b.exitCode]).toEqual([0, 0])
    expect(uploadsOf('114')).toHaveLength(1)
    expect(requestsSince(start, 'DELETE', /.*/)).toEqual([])
    const commits = requestsSince(start, 'PATCH', /^\/v1\/buildUploadFiles\//).filter((r) => r.status === 200)
    expect(commits).toHaveLength(1)
    const committed = [a, b].filter((r) => /Committed upload [\w-]+:/.test(r.log))
    expect(committed).toHaveLength(1)
    const other = a === committed[0] ? b : a
    expect(other.log).toMatch(
      /Another run (created|committed) upload|Joining upload|is already (PROCESSING|COMPLETE)/,
    )
    expect(other.log).not.toMatch(/earlier run|Deleting|404/)
    expect(other.summary).toMatch(/Another run committed this build's upload first|nothing was sent again/)
    expect(a.outputs.build_upload_id).toBe(b.outputs.build_upload_id)
  })

  /** Reserves build 1.0.0 (buildNumber) for another package, as another run would. */
  const reserveOther = (buildNumber: string) =>
    reserveForOtherPackage(world, {
      appId: world.appId,
      version: '1.0.0',
      build: buildNumber,
      platform: 'IOS',
      fileName: 'Other.ipa',
    })

  it('never deletes a young reservation of another package: fails naming it and the limit', async () => {
    const ipa = await packageFor('115', MiB)
    const other = await reserveOther('115')
    const start = world.sim.requests.length
    const result = await upload(ipa)
    expect(result.exitCode).toBe(1)
    expect(requestsSince(start, 'DELETE', /.*/)).toEqual([])
    expect(requestsSince(start, 'PUT', STORAGE)).toEqual([])
    expect(result.log).toContain(`Upload ${other} of this build`)
    expect(result.log).toContain('holds a different package (Other.ipa, 12.3 kB')
    expect(result.log).toContain('not deleted while younger than 60 minutes')
  })

  it('replaces an old reservation of another package', async () => {
    const ipa = await packageFor('116', MiB)
    const other = await reserveOther('116')
    const stale = world.sim.store.get('buildUploads', other)
    if (stale) stale.attributes.createdDate = new Date(Date.now() - 2 * 3600_000).toISOString()
    const start = world.sim.requests.length
    const result = await upload(ipa)
    expect(result.exitCode).toBe(0)
    expect(requestsSince(start, 'DELETE', /.*/).map((r) => r.path)).toEqual([`/v1/buildUploads/${other}`])
    expect(result.log).toMatch(
      new RegExp(`Deleting upload ${other} \\(reserved 120 min \\d+ s ago\\).*it holds Other\\.ipa`),
    )
    expect(uploadsOf('116')).toHaveLength(1)
  })

  it('fails when the build number is already used by a different package', async () => {
    const first = await upload(await packageFor('117', MiB), { wait_for_processing: 'true' })
    expect(first.exitCode).toBe(0)
    const start = world.sim.requests.length
    const second = await upload(await packageFor('117', 2 * MiB))
    expect(second.exitCode).toBe(1)
    expect(second.log).toContain('build number already used by a different package: increase CFBundleVersion')
    expect(requestsSince(start, 'POST', /.*/)).toEqual([])
    expect(second.outputs.build_id ?? '').toBe('')
  })

  it('fails when an upload of another package already holds the build number', async () => {
    const other = await reserveOther('121')
    const committed = world.sim.store.get('buildUploads', other)
    if (committed) committed.attributes.state = { state: 'PROCESSING', errors: [], warnings: [], infos: [] }
    const start = world.sim.requests.length
    const result = await upload(await packageFor('121', MiB))
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('build number already used by a different package: increase CFBundleVersion')
    expect(result.log).toContain(`Upload ${other} of this version and build number holds Other.ipa, 12.3 kB`)
    expect(requestsSince(start, 'POST', /.*/)).toEqual([])
  })

  it('warns when a build already there cannot be compared with the package', async () => {
    world.sim.store.createBuild({ appId: world.appId, version: '1.0.0', buildNumber: '118', platform: 'IOS' })
    const result = await upload(await packageFor('118', MiB))
    expect(result.exitCode).toBe(0)
    expect(result.log).toMatch(/::warning::Cannot tell whether build [\w-]+ is this package/)
  })

  it('no request of any run carried a file checksum', () => {
    const bodies = world.sim.requests.filter((r) => r.body !== undefined).map((r) => JSON.stringify(r.body))
    expect(bodies.length).toBeGreaterThan(10)
    expect(bodies.filter((b) => /sourceFileChecksums|checksum/i.test(b))).toEqual([])
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
