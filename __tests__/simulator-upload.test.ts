import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash, randomBytes } from 'node:crypto'
import type { GeneratedApiKey } from '../simulator/auth.js'
import { startSimulator, type Simulator } from '../simulator/index.js'
import { client, pick, pickString, registerKey } from '../simulator/testing.js'

interface Operation {
  method: string
  url: string
  offset: number
  length: number
  partNumber: number
  requestHeaders: { name: string; value: string }[]
}

let sim: Simulator
let key: GeneratedApiKey
let call: ReturnType<typeof client>
let appId: string
// The simulator's clock runs ahead of the real one by this much: a test ends a long delay by moving it on,
// so the delay cannot run out early on a slow machine (tokens, signed on the real clock, stay valid).
let clockAhead = 0

beforeEach(async () => {
  clockAhead = 0
  sim = await startSimulator({
    now: () => Date.now() + clockAhead,
    scenario: { partSize: 64 * 1024, uploadProcessingMs: 50, buildProcessingMs: 80 },
  })
  key = registerKey(sim)
  call = client(sim, key)
  appId = sim.store.createApp({ bundleId: 'com.example.demo' }).id
})

afterEach(async () => {
  await sim.close()
  if (sim.contractViolations.length > 0)
    throw new Error(`contract violations:\n${sim.contractViolations.join('\n')}`)
})

async function createUpload(version = '1.2.3', build = '45'): Promise<string> {
  const res = await call('POST', '/v1/buildUploads', {
    data: {
      type: 'buildUploads',
      attributes: { cfBundleShortVersionString: version, cfBundleVersion: build, platform: 'IOS' },
      relationships: { app: { data: { type: 'apps', id: appId } } },
    },
  })
  // Apple answers 200 to this create (expo post-buildUploads-200.json), the spec says 201.
  expect(res.status).toBe(sim.scenario.createUploadStatus)
  expect(pick(res.body, 'data.attributes.state.state')).toBe('AWAITING_UPLOAD')
  return pickString(res.body, 'data.id')
}

async function reserve(uploadId: string, size: number): Promise<{ fileId: string; operations: Operation[] }> {
  const res = await call('POST', '/v1/buildUploadFiles', {
    data: {
      type: 'buildUploadFiles',
      attributes: { assetType: 'ASSET', fileName: 'App.ipa', fileSize: size, uti: 'com.apple.ipa' },
      relationships: { buildUpload: { data: { type: 'buildUploads', id: uploadId } } },
    },
  })
  expect(res.status).toBe(201)
  return {
    fileId: pickString(res.body, 'data.id'),
    operations: pick(res.body, 'data.attributes.uploadOperations') as Operation[],
  }
}

async function put(
  op: Operation,
  file: Buffer,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...extraHeaders }
  for (const h of op.requestHeaders) headers[h.name] = h.value
  return fetch(op.url, { method: op.method, headers, body: file.subarray(op.offset, op.offset + op.length) })
}

function commitBody(fileId: string, hash?: string): unknown {
  return {
    data: {
      type: 'buildUploadFiles',
      id: fileId,
      attributes: {
        uploaded: true,
        ...(hash ? { sourceFileChecksums: { file: { hash, algorithm: 'MD5' } } } : {}),
      },
    },
  }
}

async function poll(path: string, done: (body: unknown) => boolean, timeoutMs = 5000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const res = await call('GET', path)
    expect(res.status).toBe(200)
    if (done(res.body)) return res.body
    if (Date.now() > deadline) throw new Error(`timed out polling ${path}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('build upload flow', () => {
  it('uploads parts, commits, shows the build before the upload is COMPLETE, as Apple does', async () => {
    // PROCESSING until the test moves the clock on, however slow the machine.
    sim.scenario.uploadProcessingMs = 60_000
    sim.scenario.buildAppearsAfterCommitMs = 50
    sim.scenario.fileAwaitingAfterCommitMs = 150
    const file = randomBytes(200 * 1024 + 17)
    const uploadId = await createUpload()
    expect(sim.requests.at(-1)?.status).toBe(200)
    const { fileId, operations } = await reserve(uploadId, file.length)
    expect(operations).toHaveLength(4)
    expect(operations.map((o) => o.partNumber)).toEqual([1, 2, 3, 4])
    expect(operations[3]?.length).toBe(file.length - 3 * 64 * 1024)
    expect(operations[0]?.url).toContain('X-Amz-Signature=')
    expect(operations.some((o) => 'entityTag' in o)).toBe(false)

    const responses = await Promise.all(operations.slice(0, 3).map((op) => put(op, file)))
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200])
    // A stored part's operation carries its ETag; a part not sent has none.
    const partly = await call('GET', `/v1/buildUploadFiles/${fileId}`)
    const tags = (pick(partly.body, 'data.attributes.uploadOperations') as { entityTag?: string }[]).map(
      (o) => o.entityTag,
    )
    expect(tags.slice(0, 3)).toEqual(responses.map((r) => r.headers.get('etag')))
    expect(tags[3]).toBeUndefined()
    const last = operations[3]
    if (!last) throw new Error('no fourth operation')
    expect((await put(last, file)).status).toBe(200)
    expect(sim.storage.puts(fileId)).toEqual(
      new Map([
        [1, 1],
        [2, 1],
        [3, 1],
        [4, 1],
      ]),
    )

    const commit = await call('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId))
    expect(commit.status).toBe(200)
    // Apple's answer: its own composite MD5 (expo patch-buildUploadFiles-200.json), and the file still
    // AWAITING_UPLOAD for a while.
    expect(pick(commit.body, 'data.attributes.sourceFileChecksums.composite')).toEqual({
      algorithm: 'MD5',
      hash: createHash('md5').update(file).digest('hex'),
    })
    expect(pick(commit.body, 'data.attributes.assetDeliveryState.state')).toBe('AWAITING_UPLOAD')
    const processing = await call('GET', `/v1/buildUploads/${uploadId}`)
    expect(pick(processing.body, 'data.attributes.state.state')).toBe('PROCESSING')

    // The build appears while the upload is still PROCESSING, and not yet linked from the upload.
    const appeared = await poll(
      `/v1/builds?filter[app]=${appId}&filter[version]=45&filter[preReleaseVersion.version]=1.2.3&filter[preReleaseVersion.platform]=IOS&include=buildUpload`,
      (b) => (pick(b, 'data') as unknown[]).length > 0,
    )
    const buildId = pickString(appeared, 'data.0.id')
    expect(pick(appeared, 'data.0.relationships.buildUpload.data.id')).toBe(uploadId)
    const stillProcessing = await call('GET', `/v1/buildUploads/${uploadId}?include=build`)
    expect(pick(stillProcessing.body, 'data.attributes.state.state')).toBe('PROCESSING')
    expect(pick(stillProcessing.body, 'data.relationships.build.data')).toBeUndefined()
    await poll(
      `/v1/buildUploadFiles/${fileId}`,
      (b) => pick(b, 'data.attributes.assetDeliveryState.state') === 'UPLOAD_COMPLETE',
    )

    clockAhead += sim.scenario.uploadProcessingMs
    const done = await poll(`/v1/buildUploads/${uploadId}?include=build`, (b) =>
      ['COMPLETE', 'FAILED'].includes(String(pick(b, 'data.attributes.state.state'))),
    )
    expect(pick(done, 'data.attributes.state.state')).toBe('COMPLETE')
    expect(pickString(done, 'data.relationships.build.data.id')).toBe(buildId)
    expect(pick(done, 'included.0.type')).toBe('builds')
    expect(pick(done, 'included.0.attributes.version')).toBe('45')

    const valid = await poll(
      `/v1/builds/${buildId}`,
      (b) => pick(b, 'data.attributes.processingState') !== 'PROCESSING',
    )
    expect(pick(valid, 'data.attributes.processingState')).toBe('VALID')
    const fileRes = await call('GET', `/v1/buildUploadFiles/${fileId}`)
    expect(pick(fileRes.body, 'data.attributes.assetDeliveryState.state')).toBe('COMPLETE')
    // Every storage request went without a bearer token; every API request with one.
    for (const r of sim.requests) expect(r.hadBearer).toBe(r.path.startsWith('/v1/'))
  })

  it('refuses a commit that carries sourceFileChecksums, in Apple’s words (botiverse/hands#199)', async () => {
    const file = randomBytes(1000)
    const uploadId = await createUpload()
    const { fileId, operations } = await reserve(uploadId, file.length)
    for (const op of operations) expect((await put(op, file)).status).toBe(200)
    const md5 = createHash('md5').update(file).digest('hex')
    const res = await call('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId, md5))
    expect(res.status).toBe(409)
    expect(pick(res.body, 'errors.0.source.pointer')).toBe('/data/attributes/sourceFileChecksums')
    expect(pickString(res.body, 'errors.0.detail')).toBe(
      `'Checksums{file=File{hash=${md5}, algorithm=MD5}}' is not a valid value for the attribute 'sourceFileChecksums'`,
    )
    // The refusal changed nothing: a commit with `uploaded: true` only goes through.
    expect((await call('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId))).status).toBe(200)
  })

  it('with the refusal switched off, checks the checksum against what arrived', async () => {
    sim.scenario.refuseSourceFileChecksums = false
    sim.scenario.createUploadStatus = 201
    const file = randomBytes(1000)
    const uploadId = await createUpload()
    expect(sim.requests.at(-1)?.status).toBe(201)
    const { fileId, operations } = await reserve(uploadId, file.length)
    for (const op of operations) expect((await put(op, file)).status).toBe(200)
    const res = await call('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId, 'a'.repeat(32)))
    expect(res.status).toBe(409)
    expect(pickString(res.body, 'errors.0.detail')).toMatch(/checksum does not match/i)
  })

  it('commits a file whose storage only counted its bytes (benchmarks), with a stand-in composite', async () => {
    sim.scenario.storageCountsOnly = true
    const file = randomBytes(1000)
    const uploadId = await createUpload()
    const { fileId, operations } = await reserve(uploadId, file.length)
    for (const op of operations) expect((await put(op, file)).status).toBe(200)
    const res = await call('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId))
    expect(res.status).toBe(200)
    expect(pick(res.body, 'data.attributes.sourceFileChecksums.composite.hash')).toBe('0'.repeat(32))
  })

  it('rejects a commit with missing parts, naming them', async () => {
    const file = randomBytes(64 * 1024 * 3)
    const uploadId = await createUpload()
    const { fileId, operations } = await reserve(uploadId, file.length)
    expect(operations[0]).toBeDefined()
    if (operations[0]) await put(operations[0], file)
    const res = await call('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId))
    expect(res.status).toBe(409)
    expect(pickString(res.body, 'errors.0.detail')).toContain('parts 2, 3')
  })

  it('ends FAILED with scenario.uploadErrors', async () => {
    sim.scenario.uploadErrors = [
      { code: '90062', description: 'The value for key CFBundleShortVersionString is invalid.' },
    ]
    const file = randomBytes(10)
    const uploadId = await createUpload()
    const { fileId, operations } = await reserve(uploadId, file.length)
    for (const op of operations) await put(op, file)
    expect((await call('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId))).status).toBe(200)
    const done = await poll(
      `/v1/buildUploads/${uploadId}`,
      (b) => pick(b, 'data.attributes.state.state') !== 'PROCESSING',
    )
    expect(pick(done, 'data.attributes.state.state')).toBe('FAILED')
    expect(pick(done, 'data.attributes.state.errors')).toEqual(sim.scenario.uploadErrors)
    expect(pick(done, 'data.relationships.build')).toBeUndefined()
    // A failed upload does not block a retry with the same numbers.
    await createUpload()
  })

  it('rejects a duplicate upload and a build number that already has a build', async () => {
    await createUpload('1.0', '7')
    const dup = await call('POST', '/v1/buildUploads', {
      data: {
        type: 'buildUploads',
        attributes: { cfBundleShortVersionString: '1.0', cfBundleVersion: '7', platform: 'IOS' },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    })
    expect(dup.status).toBe(409)
    expect(pick(dup.body, 'errors.0.code')).toBe('ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE')
    expect(pick(dup.body, 'errors.0.source.pointer')).toBe('/data/attributes/cfBundleVersion')
    expect(pick(dup.body, 'errors.0.detail')).toBe(
      'The bundle version must be higher than the previously uploaded version.',
    )

    sim.store.createBuild({ appId, version: '2.0', buildNumber: '1', platform: 'IOS' })
    const dupBuild = await call('POST', '/v1/buildUploads', {
      data: {
        type: 'buildUploads',
        attributes: { cfBundleShortVersionString: '2.0', cfBundleVersion: '1', platform: 'IOS' },
        relationships: { app: { data: { type: 'apps', id: appId } } },
      },
    })
    expect(dupBuild.status).toBe(409)
  })

  it('finds, lists and deletes uploads for resume', async () => {
    const seeded = sim.store.createBuildUpload({ appId, version: '3.0', buildNumber: '9', platform: 'IOS' })
    const list = await call(
      'GET',
      `/v1/apps/${appId}/buildUploads?filter[cfBundleVersion]=9&filter[cfBundleShortVersionString]=3.0&filter[platform]=IOS&filter[state]=AWAITING_UPLOAD`,
    )
    expect(list.status).toBe(200)
    expect(pick(list.body, 'data.0.id')).toBe(seeded.id)
    expect(pick(list.body, 'meta.paging.total')).toBe(1)
    const none = await call('GET', `/v1/apps/${appId}/buildUploads?filter[state]=COMPLETE`)
    expect(pick(none.body, 'data')).toEqual([])
    expect((await call('DELETE', `/v1/buildUploads/${seeded.id}`)).status).toBe(204)
    expect((await call('GET', `/v1/buildUploads/${seeded.id}`)).status).toBe(404)
    expect(sim.store.list('buildUploads')).toHaveLength(0)
  })

  it('finishes a seeded PROCESSING upload and returns fields and includes', async () => {
    const seeded = sim.store.createBuildUpload({
      appId,
      version: '4.0',
      buildNumber: '1',
      platform: 'IOS',
      state: 'PROCESSING',
    })
    const done = await poll(
      `/v1/buildUploads/${seeded.id}?include=build&fields[buildUploads]=state,build&fields[builds]=processingState`,
      (b) => pick(b, 'data.attributes.state.state') === 'COMPLETE',
    )
    expect(Object.keys(pick(done, 'data.attributes') as object)).toEqual(['state'])
    expect(pick(done, 'included.0.attributes')).toEqual({ processingState: 'PROCESSING' })
    const build = sim.store.get('builds', pickString(done, 'data.relationships.build.data.id'))
    expect(build?.attributes.version).toBe('1')
  })
})

describe('storage route', () => {
  it('checks signature, headers, length, bearer and expiry', async () => {
    const file = randomBytes(100)
    const uploadId = await createUpload()
    const { fileId, operations } = await reserve(uploadId, file.length)
    const op = operations[0]
    if (!op) throw new Error('no operation')

    const withBearer = await put(op, file, { Authorization: 'Bearer x' })
    expect(withBearer.status).toBe(400)
    expect(await withBearer.text()).toContain('<Code>InvalidArgument</Code>')

    const badSig = await fetch(op.url.replace(/X-Amz-Signature=[0-9a-f]+/, 'X-Amz-Signature=00'), {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file,
    })
    expect(badSig.status).toBe(403)

    const noHeader = await fetch(op.url, { method: 'PUT', body: file })
    expect(noHeader.status).toBe(403)
    expect(await noHeader.text()).toContain('Content-Type')

    const short = await fetch(op.url, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/octet-stream' },
      body: file.subarray(0, 50),
    })
    expect(short.status).toBe(400)
    expect(sim.storage.puts(fileId).get(1)).toBe(4)
    expect(
      sim.requests.filter((r) => r.path.startsWith('/storage/')).every((r) => !r.path.startsWith('/v1')),
    ).toBe(true)
  })

  it('answers 403 Request has expired after the operation expiration', async () => {
    let clock = Date.now()
    await sim.close()
    sim = await startSimulator({ now: () => clock, scenario: { operationTtlMs: 1000 } })
    key = registerKey(sim)
    call = client(sim, key)
    appId = sim.store.createApp({ bundleId: 'com.example.demo' }).id
    const file = randomBytes(10)
    const uploadId = await createUpload()
    const { operations } = await reserve(uploadId, file.length)
    const op = operations[0]
    if (!op) throw new Error('no operation')
    clock += 2000
    const res = await put(op, file)
    expect(res.status).toBe(403)
    const text = await res.text()
    expect(text).toContain('<Code>AccessDenied</Code>')
    expect(text).toContain('Request has expired')
  })

  it('applies faults to storage PUTs: status, drop after bytes, delay', async () => {
    const file = randomBytes(64 * 1024 * 2)
    const uploadId = await createUpload()
    const { fileId, operations } = await reserve(uploadId, file.length)
    const [op1, op2] = operations
    if (!op1 || !op2) throw new Error('no operations')
    sim.faults.add({ method: 'PUT', path: /^\/storage\//, action: { type: 'status', status: 503 } })
    expect((await put(op1, file)).status).toBe(503)
    expect((await put(op1, file)).status).toBe(200)

    sim.faults.add({ path: new URL(op2.url).pathname, action: { type: 'drop', afterBytes: 1000 } })
    await expect(put(op2, file)).rejects.toThrow()
    sim.faults.add({ path: new URL(op2.url).pathname, action: { type: 'delay', ms: 100 } })
    const started = Date.now()
    expect((await put(op2, file)).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(90)
    expect(sim.storage.puts(fileId)).toEqual(
      new Map([
        [1, 2],
        [2, 2],
      ]),
    )
    const commit = await call('PATCH', `/v1/buildUploadFiles/${fileId}`, commitBody(fileId))
    expect(commit.status).toBe(200)
    // What arrived is the file: Apple's own composite MD5 says so.
    expect(pick(commit.body, 'data.attributes.sourceFileChecksums.composite.hash')).toBe(
      createHash('md5').update(file).digest('hex'),
    )
  })
})
