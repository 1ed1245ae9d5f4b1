/**
 * Upload benchmark (not a test): uploads generated packages to the simulator on loopback, through the
 * action (dist/index.js in its own process, as GitHub runs it) and through a plain baseline client that
 * sends the same kind of operations with the same concurrency. Prints MB/s, peak RSS and the ratio.
 *
 *   npm run bench                      # 256 MiB and 2 GiB
 *   BENCH_SIZES=64M,256M npm run bench # other sizes
 *   BENCH_SWEEP=1 npm run bench        # also compare part concurrency 1..12 (in-process sendParts)
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createPrivateKey } from 'node:crypto'
import { mkdtemp, open, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AscClient } from '../src/asc/client.js'
import { TokenProvider } from '../src/asc/jwt.js'
import { node24Path } from './node24.js'
import type { BuildUpload, BuildUploadFile, Document, UploadOperation } from '../src/asc/resources.js'
import { silentLogger } from '../src/log.js'
import { DEFAULT_CONCURRENCY } from '../src/upload/api.js'
import { sendParts } from '../src/upload/parts.js'
import { Progress } from '../src/upload/progress.js'
import { writeIpa } from './make-package.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const MiB = 1024 * 1024
const MB = 1e6

interface Credentials {
  baseUrl: string
  keyId: string
  issuerId: string
  privateKey: string
  appId: string
  bundleId: string
}

function parseSize(text: string): number {
  const match = /^(\d+)([MG])$/i.exec(text.trim())
  if (!match) throw new Error(`BENCH_SIZES: '${text}' is not like 256M or 2G`)
  return Number(match[1]) * (match[2]?.toUpperCase() === 'G' ? 1024 : 1) * MiB
}

async function startSimulatorProcess(work: string): Promise<{ child: ChildProcess; creds: Credentials }> {
  const credsPath = join(work, 'creds.json')
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'node_modules/tsx/dist/cli.mjs'),
      join(repoRoot, 'simulator/cli.ts'),
      '--port',
      '0',
      '--credentials-out',
      credsPath,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolvePromise, reject) => {
    child.stdout.once('data', () => resolvePromise())
    child.once('exit', (code) => reject(new Error(`the simulator exited with ${code}`)))
  })
  return { child, creds: JSON.parse(await readFile(credsPath, 'utf8')) as Credentials }
}

/** Peak RSS of a child, read from /proc while it runs (VmHWM is the high-water mark). */
function watchPeakRss(pid: number): () => number {
  let peakKb = 0
  const timer = setInterval(() => {
    readFile(`/proc/${pid}/status`, 'utf8')
      .then((status) => {
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
      })
      .catch(() => undefined)
  }, 25)
  return () => {
    clearInterval(timer)
    return peakKb / 1024
  }
}

async function runActionUpload(
  creds: Credentials,
  work: string,
  ipa: string,
): Promise<{ mbps: number; peakMb: number }> {
  const keyPath = join(work, 'AuthKey.p8')
  await writeFile(keyPath, creds.privateKey, { mode: 0o600 })
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    RUNNER_TEMP: work,
    APP_STORE_CONNECT_API_BASE_URL: creds.baseUrl,
    INPUT_API_KEY: keyPath,
    INPUT_KEY_ID: creds.keyId,
    INPUT_ISSUER_ID: creds.issuerId,
    INPUT_IPA_PATH: ipa,
    INPUT_POLL_INTERVAL: '0.5',
  }
  const child = spawn(node24Path(), [join(repoRoot, 'dist/index.js')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const peak = watchPeakRss(child.pid ?? 0)
  let log = ''
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
  const code = await new Promise<number | null>((resolvePromise) => child.on('close', resolvePromise))
  const peakMb = peak()
  const rate = /Uploaded 100% \([^)]*\) at ([\d.]+) MB\/s/.exec(log)?.[1]
  if (code !== 0 || rate === undefined)
    throw new Error(`the action failed (exit ${code}):\n${log.slice(-2000)}`)
  return { mbps: Number(rate), peakMb }
}

/** Reserves an upload of `path` directly through the API and returns its operations. */
async function reserve(
  client: AscClient,
  creds: Credentials,
  path: string,
  buildNumber: string,
  size: number,
) {
  const upload = await client.post<Document<BuildUpload>>('/v1/buildUploads', {
    data: {
      type: 'buildUploads',
      attributes: { cfBundleShortVersionString: '1.0.0', cfBundleVersion: buildNumber, platform: 'IOS' },
      relationships: { app: { data: { type: 'apps', id: creds.appId } } },
    },
  })
  const file = await client.post<Document<BuildUploadFile>>('/v1/buildUploadFiles', {
    data: {
      type: 'buildUploadFiles',
      attributes: {
        assetType: 'ASSET',
        fileName: path.split('/').pop(),
        fileSize: size,
        uti: 'com.apple.ipa',
      },
      relationships: { buildUpload: { data: { type: 'buildUploads', id: upload.data.id } } },
    },
  })
  return file.data.attributes?.uploadOperations ?? []
}

/** The simplest client: read each part into memory and fetch() it, N at a time. */
async function baselineSend(
  path: string,
  operations: UploadOperation[],
  concurrency: number,
): Promise<number> {
  const handle = await open(path, 'r')
  const queue = [...operations]
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let op = queue.shift(); op; op = queue.shift()) {
        const buffer = Buffer.alloc(op.length)
        await handle.read(buffer, 0, op.length, op.offset)
        const headers = Object.fromEntries((op.requestHeaders ?? []).map((h) => [h.name, h.value]))
        const response = await fetch(op.url, { method: op.method, headers, body: buffer })
        if (!response.ok) throw new Error(`baseline PUT answered ${response.status}`)
        await response.arrayBuffer()
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  await handle.close()
  return operations.reduce((sum, op) => sum + op.length, 0) / MB / seconds
}

async function ourSend(path: string, operations: UploadOperation[], concurrency: number): Promise<number> {
  const total = operations.reduce((sum, op) => sum + op.length, 0)
  const started = performance.now()
  await sendParts({
    path,
    operations,
    concurrency,
    progress: new Progress(total, silentLogger),
    log: silentLogger,
  })
  return total / MB / ((performance.now() - started) / 1000)
}

const sizes = (process.env.BENCH_SIZES ?? '256M,2G').split(',').map(parseSize)
const work = await mkdtemp(join(tmpdir(), 'asc-bench-'))
const { child: simulator, creds } = await startSimulatorProcess(work)
const client = new AscClient({
  baseUrl: creds.baseUrl,
  tokens: new TokenProvider({
    keyId: creds.keyId,
    issuerId: creds.issuerId,
    privateKey: createPrivateKey(creds.privateKey),
  }),
})
console.log(
  `Upload benchmark on loopback; part concurrency ${DEFAULT_CONCURRENCY}; simulator in its own process\n`,
)
console.log('| package | action MB/s | baseline MB/s | action / baseline | action peak RSS |')
console.log('|---|---|---|---|---|')
try {
  let build = 1
  for (const size of sizes) {
    const ipa = join(work, `Bench-${size}.ipa`)
    await writeIpa(ipa, {
      bundleId: creds.bundleId,
      version: '1.0.0',
      buildNumber: String(build),
      padBytes: size,
    })
    const actual = (await stat(ipa)).size
    const action = await runActionUpload(creds, work, ipa)
    const operations = await reserve(client, creds, ipa, String(build + 1000), actual)
    const baseline = await baselineSend(ipa, operations, DEFAULT_CONCURRENCY)
    const label = size >= 1024 * MiB ? `${size / 1024 / MiB} GiB` : `${size / MiB} MiB`
    console.log(
      `| ${label} | ${action.mbps.toFixed(0)} | ${baseline.toFixed(0)} | ${(action.mbps / baseline).toFixed(2)}× | ${action.peakMb.toFixed(0)} MB |`,
    )
    await rm(ipa, { force: true })
    build += 1
  }

  if (process.env.BENCH_SWEEP) {
    const ipa = join(work, 'Sweep.ipa')
    await writeIpa(ipa, {
      bundleId: creds.bundleId,
      version: '1.0.0',
      buildNumber: '9000',
      padBytes: 256 * MiB,
    })
    const size = (await stat(ipa)).size
    console.log('\n| concurrency | sendParts MB/s | baseline MB/s |\n|---|---|---|')
    for (const [i, concurrency] of [1, 2, 4, 6, 8, 12].entries()) {
      const ours = await ourSend(ipa, await reserve(client, creds, ipa, String(9100 + i), size), concurrency)
      const plain = await baselineSend(
        ipa,
        await reserve(client, creds, ipa, String(9200 + i), size),
        concurrency,
      )
      console.log(`| ${concurrency} | ${ours.toFixed(0)} | ${plain.toFixed(0)} |`)
    }
  }
} finally {
  await client.close()
  simulator.kill('SIGTERM')
  await rm(work, { recursive: true, force: true })
}
