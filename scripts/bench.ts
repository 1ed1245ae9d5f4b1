/**
 * Benchmark (not a test: it prints figures and asserts nothing). Two measurements, each against a
 * baseline taken in the same run, samples interleaved so that machine noise hits both alike:
 *
 * Upload: dist/index.js (Node 24, its own process, as GitHub runs it) uploads a package to the
 * simulator, whose storage only counts bytes (`storageCountsOnly`). The baseline is the least possible
 * client, also its own Node 24 process: each byte range streamed from disk with `node:http` over
 * keep-alive connections at the same concurrency, nothing else. Both are timed the same way, by the
 * simulator: from the first part's request to the last part's answer.
 *
 * Start-up: from spawning dist/index.js to the simulator receiving its first API request, against the
 * time `node -e 0` takes from spawn to exit (and, for reference, a one-line script's first request, and
 * `scripts/start-floor.mjs`: the least any program does before a run's first request, by hand, and the same
 * after reading the inputs as the action does, `scripts/start-floor-settings.ts`). The
 * .ipa holds an app of 3,000 files, as real ones have thousands (the zip reader walks every record). What a
 * real run adds: the simulator is plain HTTP, so `node:https` and TLS do not load (a row shows what loading
 * them costs), and there is no network. The post step is timed from spawn to exit, removing one folder.
 *
 *   npm run bench                        # 1 GiB and 4 GiB uploads, then start-up
 *   BENCH_SIZES=256M,1G npm run bench    # other package sizes
 *   BENCH_RUNS=5 npm run bench           # upload samples per client and size (default 3; median shown)
 *   BENCH_STARTS=31 npm run bench        # start-up samples (default 21; median shown)
 *   BENCH_ONLY=upload|start|sweep npm run bench
 *   BENCH_SWEEP=1 npm run bench          # also part concurrency 2..12: sendParts alone against the baseline
 *   BENCH_BEFORE=/path/to/dist/index.js  # also measure another build (e.g. main's), interleaved, as "before"
 *
 * Packages are written to a temp dir with a fast streamed generator and removed at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { node24Path } from './node24.js'
import { seedSampleApp, startSimulator, type Simulator } from '../simulator/index.js'
import { STORAGE_PREFIX } from '../simulator/storage.js'
import { client, pick, pickString, registerKey } from '../simulator/testing.js'
import type { UploadOperation } from '../src/asc/resources.js'
import { silentLogger } from '../src/shared/log.js'
import { DEFAULT_CONCURRENCY } from '../src/upload/api.js'
import { sendParts } from '../src/upload/parts.js'
import { Progress } from '../src/upload/progress.js'
import { writeIpa } from './make-package.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const node24 = node24Path()
const MiB = 1024 * 1024
const BUNDLE_ID = 'com.example.bench'

const sizes = (process.env.BENCH_SIZES ?? '1G,4G').split(',').map(parseSize)
const uploadRuns = positiveInt('BENCH_RUNS', 3)
const startRuns = positiveInt('BENCH_STARTS', 21)
const only = process.env.BENCH_ONLY
/** The builds measured: this tree's dist/, and optionally another one to compare with in the same run. */
const builds: { label: string; script: string }[] = [
  ...(process.env.BENCH_BEFORE ? [{ label: 'before', script: resolve(process.env.BENCH_BEFORE) }] : []),
  { label: 'action', script: join(repoRoot, 'dist/index.js') },
]

/** The least possible client: each part streamed from disk over keep-alive `node:http`, nothing else. */
const BASELINE_CLIENT = `
const { createReadStream, readFileSync } = require('node:fs')
const http = require('node:http')
const { path, operations, concurrency } = JSON.parse(readFileSync(process.argv[1], 'utf8'))
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
const send = (op) => new Promise((resolve, reject) => {
  const headers = { 'content-length': String(op.length) }
  for (const h of op.requestHeaders) headers[h.name] = h.value
  const request = http.request(op.url, { method: op.method, headers, agent }, (response) => {
    response.resume()
    response.on('end', () => (response.statusCode === 200 ? resolve() : reject(new Error('PUT ' + response.statusCode))))
  })
  request.on('error', reject)
  createReadStream(path, { start: op.offset, end: op.offset + op.length - 1 }).on('error', reject).pipe(request)
})
const queue = [...operations]
Promise.all(Array.from({ length: concurrency }, async () => { for (let op; (op = queue.shift()); ) await send(op) }))
  .then(() => agent.destroy(), (error) => { console.error(error.message); process.exit(1) })
`

function parseSize(text: string): number {
  const match = /^(\d+)([MG])$/i.exec(text.trim())
  if (!match) throw new Error(`BENCH_SIZES: '${text}' is not like 256M or 4G`)
  return Number(match[1]) * (match[2]?.toUpperCase() === 'G' ? 1024 : 1) * MiB
}

function positiveInt(name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined || text === '') return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: '${text}' is not a positive whole number`)
  return n
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

function sizeLabel(bytes: number): string {
  return bytes >= 1024 * MiB ? `${bytes / 1024 / MiB} GiB` : `${bytes / MiB} MiB`
}

/** Peak RSS (VmHWM, the kernel's high-water mark) of a child, read from /proc while it runs. */
function watchPeakRss(child: ChildProcess): () => number {
  let peakKb = 0
  const read = () =>
    readFile(`/proc/${child.pid ?? 0}/status`, 'utf8')
      .then((status) => {
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
      })
      .catch(() => undefined)
  const timer = setInterval(() => void read(), 20)
  return () => {
    clearInterval(timer)
    return peakKb / 1024
  }
}

/** Runs a child to its end; its output is kept for the error message if it fails. */
async function runChild(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; log: string; peakMib: number }> {
  const child = spawn(node24, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const peak = watchPeakRss(child)
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  return { code, log, peakMib: peak() }
}

/** MB/s of the storage PUTs the simulator received since `from`: first request to last answer. */
function storageRate(sim: Simulator, from: number, bytes: number): number {
  const puts = sim.requests.slice(from).filter((r) => r.path.startsWith(STORAGE_PREFIX))
  if (puts.length === 0 || puts.some((r) => r.status !== 200))
    throw new Error('the storage did not take every part')
  const started = Math.min(...puts.map((r) => r.startedAt))
  const ended = Math.max(...puts.map((r) => r.endedAt))
  return bytes / 1e6 / (Math.max(ended - started, 1) / 1000)
}

interface Bench {
  sim: Simulator
  work: string
  keyPath: string
  keyId: string
  issuerId: string
  appId: string
  call: ReturnType<typeof client>
}

function actionEnv(bench: Bench, ipa: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: bench.work,
    RUNNER_TEMP: bench.work,
    APP_STORE_CONNECT_API_BASE_URL: bench.sim.url,
    INPUT_API_KEY: bench.keyPath,
    INPUT_KEY_ID: bench.keyId,
    INPUT_ISSUER_ID: bench.issuerId,
    INPUT_IPA_PATH: ipa,
    INPUT_WAIT_FOR_PROCESSING: 'false',
    INPUT_POLL_INTERVAL: '0.1',
  }
}

/** Forgets the uploads and builds of earlier runs, so the same package is uploaded afresh. */
function forgetUploads(sim: Simulator): void {
  for (const type of ['buildUploadFiles', 'buildUploads', 'builds'])
    for (const resource of sim.store.list(type)) sim.store.delete(type, resource.id)
}

/** Commits of an MD5 that the counting storage could not check (the "before" build's). */
let md5CommitsRefused = 0

async function actionUpload(bench: Bench, script: string, ipa: string, size: number): Promise<Sample> {
  forgetUploads(bench.sim)
  const from = bench.sim.requests.length
  const run = await runChild([script], actionEnv(bench, ipa))
  if (run.code !== 0) {
    // A build that still commits an MD5 (main before the MD5 went) cannot be verified by a storage that
    // keeps no bytes: its parts are still measured, only its commit fails.
    const error = /^::error::(.*)$/m.exec(run.log)?.[1] ?? run.log.slice(-3000)
    if (!/storageCountsOnly/.test(error)) throw new Error(`the action failed (exit ${run.code}):\n${error}`)
    md5CommitsRefused += 1
  }
  return { mbps: storageRate(bench.sim, from, size), peakMib: run.peakMib }
}

let reservedBuild = 0
/** Reserves a fresh upload of `size` bytes and returns the job file a child client sends. */
async function reserveJob(bench: Bench, ipa: string, size: number, concurrency: number): Promise<string> {
  reservedBuild += 1
  const upload = await bench.call('POST', '/v1/buildUploads', {
    data: {
      type: 'buildUploads',
      attributes: {
        cfBundleShortVersionString: '9.9.9',
        cfBundleVersion: String(reservedBuild),
        platform: 'IOS',
      },
      relationships: { app: { data: { type: 'apps', id: bench.appId } } },
    },
  })
  const file = await bench.call('POST', '/v1/buildUploadFiles', {
    data: {
      type: 'buildUploadFiles',
      attributes: { assetType: 'ASSET', fileName: 'Bench.ipa', fileSize: size, uti: 'com.apple.ipa' },
      relationships: {
        buildUpload: { data: { type: 'buildUploads', id: pickString(upload.body, 'data.id') } },
      },
    },
  })
  const operations = pick(file.body, 'data.attributes.uploadOperations')
  const job = join(bench.work, `job-${reservedBuild}.json`)
  await writeFile(job, JSON.stringify({ path: ipa, operations, concurrency }))
  return job
}

/** The baseline client, or (`sendParts`) the action's own part sender alone, in a child process. */
async function childUpload(
  bench: Bench,
  ipa: string,
  size: number,
  client: 'baseline' | 'sendParts' = 'baseline',
  concurrency = DEFAULT_CONCURRENCY,
): Promise<Sample> {
  const job = await reserveJob(bench, ipa, size, concurrency)
  const from = bench.sim.requests.length
  const env = { PATH: process.env.PATH ?? '', BENCH_SEND_PARTS: job }
  const run =
    client === 'baseline'
      ? await runChild(['-e', BASELINE_CLIENT, job], env)
      : await runChild([join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), fileURLToPath(import.meta.url)], env)
  if (run.code !== 0) throw new Error(`the ${client} client failed (exit ${run.code}):\n${run.log}`)
  return { mbps: storageRate(bench.sim, from, size), peakMib: run.peakMib }
}

/** Child mode of this script: sends a reserved job with sendParts, the action's part sender. */
async function sendPartsJob(job: string): Promise<void> {
  const { path, operations, concurrency } = JSON.parse(await readFile(job, 'utf8')) as {
    path: string
    operations: UploadOperation[]
    concurrency: number
  }
  const total = operations.reduce((sum, op) => sum + op.length, 0)
  const progress = new Progress(total, silentLogger)
  await sendParts({ path, operations, concurrency, progress, log: silentLogger })
}

/** Part concurrency from 2 to 12: the action's sender against the baseline at the same concurrency. */
async function benchSweep(bench: Bench): Promise<void> {
  const size = sizes[0] ?? 1024 * MiB
  const ipa = join(bench.work, 'Sweep.ipa')
  await writeIpa(ipa, { bundleId: BUNDLE_ID, version: '1.0.0', buildNumber: '1', padBytes: size })
  const bytes = (await stat(ipa)).size
  console.log(
    `\n## Part concurrency (${sizeLabel(size)}; sendParts alone, in its own process; median of ${uploadRuns})\n`,
  )
  console.log('| concurrency | sendParts MB/s | baseline MB/s | × baseline |')
  console.log('|---|---|---|---|')
  for (const concurrency of [2, 4, 6, 8, 12]) {
    const ours: number[] = []
    const plain: number[] = []
    for (let run = 0; run < uploadRuns; run++) {
      ours.push((await childUpload(bench, ipa, bytes, 'sendParts', concurrency)).mbps)
      plain.push((await childUpload(bench, ipa, bytes, 'baseline', concurrency)).mbps)
    }
    const [a, b] = [median(ours), median(plain)]
    console.log(`| ${concurrency} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(2)}× |`)
  }
  await rm(ipa, { force: true })
}

interface Sample {
  mbps: number
  peakMib: number
}

async function benchUpload(bench: Bench): Promise<void> {
  console.log(
    `\n## Upload: storage counts bytes only; ${DEFAULT_CONCURRENCY} parts at a time, ` +
      `${bench.sim.scenario.partSize / MiB} MiB parts; median of ${uploadRuns}\n`,
  )
  console.log('| package | client | MB/s | × baseline (median of rounds) | peak RSS | samples (MB/s) |')
  console.log('|---|---|---|---|---|---|')
  for (const size of sizes) {
    const ipa = join(bench.work, `Bench-${sizeLabel(size).replace(' ', '')}.ipa`)
    await writeIpa(ipa, { bundleId: BUNDLE_ID, version: '1.0.0', buildNumber: '1', padBytes: size })
    const bytes = (await stat(ipa)).size
    const clients = [
      { label: 'baseline', samples: [] as Sample[], run: () => childUpload(bench, ipa, bytes) },
      ...builds.map((build) => ({
        label: build.label,
        samples: [] as Sample[],
        run: () => actionUpload(bench, build.script, ipa, bytes),
      })),
    ]
    for (let run = 0; run < uploadRuns; run++) {
      // Rotate who goes first, so that none always meets another's leftovers (page cache, GC, noise).
      for (let i = 0; i < clients.length; i++) {
        const client = clients[(run + i) % clients.length]
        client?.samples.push(await client.run())
      }
    }
    await rm(ipa, { force: true })
    const baseline = clients[0]?.samples ?? []
    for (const client of clients) {
      const rate = median(client.samples.map((s) => s.mbps))
      // Each round's ratio pairs samples taken moments apart, so slow swings in machine load cancel out.
      const ratio = median(client.samples.map((s, i) => s.mbps / (baseline[i]?.mbps ?? Number.NaN)))
      console.log(
        `| ${sizeLabel(size)} | ${client.label} | ${rate.toFixed(0)} | ${ratio.toFixed(2)}× | ` +
          `${Math.max(...client.samples.map((s) => s.peakMib)).toFixed(0)} MiB | ` +
          `${client.samples.map((s) => s.mbps.toFixed(0)).join(', ')} |`,
      )
    }
  }
  if (md5CommitsRefused > 0)
    console.log(
      `\n${md5CommitsRefused} commits carried an MD5, which a storage that keeps no bytes cannot check: ` +
        'those runs failed after their parts were sent and measured.',
    )
}

/** Milliseconds from spawn to exit. */
async function timeToExit(args: string[], env: Record<string, string> = {}): Promise<number> {
  const started = performance.now()
  const child = spawn(node24, args, { stdio: 'ignore', env: { PATH: process.env.PATH ?? '', ...env } })
  await new Promise((done) => child.on('close', done))
  return performance.now() - started
}

/** Milliseconds from spawn to the simulator receiving the child's first request; the child is then killed. */
async function timeToFirstRequest(
  sim: Simulator,
  args: string[],
  env: Record<string, string>,
): Promise<{ ms: number; path: string }> {
  const from = sim.requests.length
  const spawnedAt = Date.now()
  const child = spawn(node24, args, { env, stdio: 'ignore' })
  const exited = new Promise((done) => child.on('close', done))
  const first = await new Promise<{ ms: number; path: string }>((done, fail) => {
    const timer = setInterval(() => {
      const record = sim.requests[from]
      if (record) {
        clearInterval(timer)
        done({ ms: record.startedAt - spawnedAt, path: record.path })
      }
    }, 2)
    child.once('exit', (code) => {
      setTimeout(() => {
        clearInterval(timer)
        fail(new Error(`the child exited with ${String(code)} before any request`))
      }, 50)
    })
  })
  child.kill('SIGKILL')
  await exited
  return first
}

/** The files of the post step's build next to a main step's `index.js`. */
function postScriptOf(script: string): string {
  return join(dirname(script), 'post/index.js')
}

/** Bundles scripts/start-floor-settings.ts with ncc, as the action is bundled; returns the bundle's path. */
async function bundleFloorWithSettings(work: string): Promise<string> {
  const out = join(work, 'floor-settings')
  const ncc = join(repoRoot, 'node_modules/@vercel/ncc/dist/ncc/cli.js')
  const child = spawn(
    process.execPath,
    [ncc, 'build', join(repoRoot, 'scripts/start-floor-settings.ts'), '-o', out, '-q'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  )
  const code = await new Promise<number | null>((done) => child.on('close', done))
  if (code !== 0)
    throw new Error(`ncc could not bundle scripts/start-floor-settings.ts (exit ${String(code)})`)
  return join(out, 'index.js')
}

async function benchStart(bench: Bench): Promise<void> {
  const floorWithSettings = await bundleFloorWithSettings(bench.work)
  const ipa = join(bench.work, 'App.ipa')
  await writeIpa(ipa, { bundleId: BUNDLE_ID, version: '1.0.0', buildNumber: '1', resourceFiles: 3000 })
  const oneLiner = `require('node:http').get(${JSON.stringify(`${bench.sim.url}/v1/apps`)}).on('error', () => {})`
  const plainEnv = { PATH: process.env.PATH ?? '' }
  // The post step after an altool run: one key folder to remove, the summary already written by main.
  const postEnv = (): Record<string, string> => {
    const keys = join(bench.work, `keys-${(postRuns += 1)}`)
    mkdirSync(keys)
    return {
      PATH: process.env.PATH ?? '',
      STATE_cleanupPaths: JSON.stringify([keys]),
      STATE_summaryWritten: 'true',
    }
  }
  let postRuns = 0
  const rows = [
    { label: '`node -e 0` (spawn to exit)', ms: [] as number[], run: () => timeToExit(['-e', '0']) },
    {
      label: '`node -e "require(\'node:https\')"` (spawn to exit: TLS, which a real run loads)',
      ms: [] as number[],
      run: () => timeToExit(['-e', "require('node:https')"]),
    },
    {
      label: 'one-line `http.get` (spawn to request)',
      ms: [] as number[],
      run: async () => (await timeToFirstRequest(bench.sim, ['-e', oneLiner], plainEnv)).ms,
    },
    {
      label:
        'the least a run does, by hand (`scripts/start-floor.mjs`: key, central directory, Info.plist, sign, send)',
      ms: [] as number[],
      run: async () =>
        (
          await timeToFirstRequest(
            bench.sim,
            [join(repoRoot, 'scripts/start-floor.mjs')],
            actionEnv(bench, ipa),
          )
        ).ms,
    },
    {
      label: 'the same, after reading the inputs as the action does (`readSettings`, zod; bundled by ncc)',
      ms: [] as number[],
      run: async () => (await timeToFirstRequest(bench.sim, [floorWithSettings], actionEnv(bench, ipa))).ms,
    },
    ...builds.flatMap((build) => [
      {
        label: `${build.label} (spawn to first API request)`,
        ms: [] as number[],
        run: async () => {
          forgetUploads(bench.sim)
          return (await timeToFirstRequest(bench.sim, [build.script], actionEnv(bench, ipa))).ms
        },
      },
      {
        label: `${build.label} post step (spawn to exit)`,
        ms: [] as number[],
        run: () => timeToExit([postScriptOf(build.script)], postEnv()),
      },
    ]),
  ]
  for (let run = 0; run < startRuns; run++) for (const row of rows) row.ms.push(await row.run())
  const bare = rows[0]?.ms ?? []
  const ratioOf = (row: { ms: number[] }): number =>
    median(row.ms.map((value, i) => value / (bare[i] ?? Number.NaN)))
  console.log(
    `\n## Start-up: spawn to first API request (Node ${await nodeVersion()}); median of ${startRuns}\n`,
  )
  console.log('| process | median | range | × `node -e 0` (median of rounds) |')
  console.log('|---|---|---|---|')
  for (const row of rows) {
    const ms = median(row.ms)
    const range = `${Math.min(...row.ms).toFixed(0)}–${Math.max(...row.ms).toFixed(0)} ms`
    console.log(`| ${row.label} | ${ms.toFixed(0)} ms | ${range} | ${ratioOf(row).toFixed(2)}× |`)
  }
  console.log('')
  for (const row of rows.slice(3)) {
    console.log(
      `${row.label}: ${median(row.ms).toFixed(0)} ms against ${median(bare).toFixed(0)} ms for bare Node: ` +
        `${ratioOf(row).toFixed(2)}× (target: at most 2×)`,
    )
  }
}

async function nodeVersion(): Promise<string> {
  const child = spawn(node24, ['--version'], { stdio: ['ignore', 'pipe', 'ignore'] })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  await new Promise((done) => child.on('close', done))
  return out.trim().replace(/^v/, '')
}

if (process.env.BENCH_SEND_PARTS) {
  await sendPartsJob(process.env.BENCH_SEND_PARTS)
  process.exit(0)
}

const work = await mkdtemp(join(tmpdir(), 'asc-bench-'))
const sim = await startSimulator({
  scenario: { storageCountsOnly: true, uploadProcessingMs: 20, buildProcessingMs: 20 },
})
try {
  const key = registerKey(sim)
  const keyPath = join(work, 'AuthKey.p8')
  await writeFile(keyPath, key.privateKeyPem, { mode: 0o600 })
  const bench: Bench = {
    sim,
    work,
    keyPath,
    keyId: key.keyId,
    issuerId: key.issuerId ?? '',
    appId: seedSampleApp(sim.store, { bundleId: BUNDLE_ID }).id,
    call: client(sim, key),
  }
  console.log(`Benchmark on loopback, ${new Date().toISOString()}; the simulator runs in this process.`)
  if (only === undefined || only === 'upload') await benchUpload(bench)
  if (only === undefined || only === 'start') await benchStart(bench)
  if (process.env.BENCH_SWEEP || only === 'sweep') await benchSweep(bench)
  // The "before" build's MD5 commits cannot be checked by a storage that keeps no bytes (said above).
  const violations = sim.contractViolations.filter((v) => !v.includes('storageCountsOnly'))
  if (violations.length > 0) console.log(`\nSimulator contract violations:\n${violations.join('\n')}`)
} finally {
  await sim.close()
  await rm(work, { recursive: true, force: true })
}
