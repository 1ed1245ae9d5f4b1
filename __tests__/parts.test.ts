import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { silentLogger } from '../src/shared/log.js'
import { sendParts } from '../src/upload/parts.js'
import { Progress } from '../src/upload/progress.js'
import { startLocalServer, type LocalServer } from './helpers/local-server.js'

let dir: string
let storage: LocalServer

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asc-parts-'))
  await writeFile(join(dir, 'part.bin'), Buffer.alloc(1024, 7))
  // A storage server that takes the whole part, then answers one byte at a time and never finishes.
  storage = await startLocalServer((request, response) => {
    request.resume()
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/plain' })
      const drip = setInterval(() => response.write('.'), 50)
      response.on('close', () => clearInterval(drip))
    })
  })
})
afterAll(async () => {
  await storage.close()
  await rm(dir, { recursive: true, force: true })
})

describe('a storage server that never finishes its answer', () => {
  it('meets the part deadline, although bytes keep coming within the idle timeout', async () => {
    const started = Date.now()
    const sending = sendParts({
      path: join(dir, 'part.bin'),
      operations: [{ method: 'PUT', url: `${storage.url}/part/1`, offset: 0, length: 1024 }],
      concurrency: 1,
      progress: new Progress(1024, silentLogger),
      log: silentLogger,
      maxAttempts: 1,
      timeoutMs: 2_000,
      deadlineMs: 600,
    })
    await expect(sending).rejects.toThrow(/not finished within 0\.6 s; gave up after 1 attempts/)
    expect(Date.now() - started).toBeLessThan(5_000)
  })
})
