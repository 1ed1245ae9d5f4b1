// The pre-signed storage endpoint that upload operations point to. It behaves like S3 with
// pre-signed PUT URLs: no Authorization header, signature and expiry in the query, XML errors.
// Parts are streamed straight into a sparse temp file at their offset; nothing big stays in memory.
// With `scenario.storageCountsOnly` (benchmarks) the bytes are only counted: no temp file, no disk writes.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform, Writable, type TransformCallback } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { UploadOperation } from './store.js'

export const STORAGE_PREFIX = '/storage/'

interface PartRecord {
  offset: number
  length: number
  expiresAt: number
  headers: { name: string; value: string }[]
}

interface FileRecord {
  path: string
  size: number
  parts: Map<number, PartRecord>
  received: Set<number>
  puts: Map<number, number>
  ready: Promise<void>
  /** Told each part's ETag once it is stored, so the file's upload operation can show it. */
  onStored?: (partNumber: number, entityTag: string) => void
}

export class UploadStorage {
  private readonly secret = randomBytes(32)
  private readonly files = new Map<string, FileRecord>()
  private dirPromise: Promise<string> | undefined
  private inFlight = 0
  maxConcurrent = 0

  constructor(
    private readonly baseUrl: () => string,
    private readonly now: () => number,
    /** Count each part's bytes instead of storing them, so a benchmark measures the client, not the disk. */
    private readonly countsOnly: () => boolean = () => false,
  ) {}

  private dir(): Promise<string> {
    this.dirPromise ??= mkdtemp(join(tmpdir(), 'asc-simulator-'))
    return this.dirPromise
  }

  /** Reserves storage for a file and returns its upload operations. */
  reserve(
    fileId: string,
    size: number,
    partSize: number,
    ttlMs: number,
    onStored?: (partNumber: number, entityTag: string) => void,
  ): UploadOperation[] {
    const expiresAt = this.now() + ttlMs
    const operations: UploadOperation[] = []
    const parts = new Map<number, PartRecord>()
    const headers = [{ name: 'Content-Type', value: 'application/octet-stream' }]
    let partNumber = 1
    for (let offset = 0; offset < size; offset += partSize, partNumber++) {
      const length = Math.min(partSize, size - offset)
      parts.set(partNumber, { offset, length, expiresAt, headers })
      operations.push({
        method: 'PUT',
        url: this.signedUrl(fileId, partNumber, expiresAt, ttlMs),
        length,
        offset,
        partNumber,
        expiration: new Date(expiresAt).toISOString(),
        requestHeaders: headers.map((h) => ({ ...h })),
      })
    }
    const countsOnly = this.countsOnly()
    const ready = (countsOnly ? Promise.resolve(undefined) : this.dir()).then(async (dir) => {
      if (dir === undefined) return
      const handle = await open(join(dir, fileId), 'w')
      try {
        await handle.truncate(size)
      } finally {
        await handle.close()
      }
    })
    ready.catch(() => undefined)
    this.files.set(fileId, {
      path: '',
      size,
      parts,
      received: new Set(),
      puts: new Map(),
      onStored,
      ready: ready.then(async () => {
        const record = this.files.get(fileId)
        if (record && !countsOnly) record.path = join(await this.dir(), fileId)
      }),
    })
    return operations
  }

  private signature(fileId: string, partNumber: number, amzDate: string, expiresSeconds: number): string {
    return createHmac('sha256', this.secret)
      .update(`${fileId}\n${partNumber}\n${amzDate}\n${expiresSeconds}`)
      .digest('hex')
  }

  private signedUrl(fileId: string, partNumber: number, expiresAt: number, ttlMs: number): string {
    const amzDate = new Date(expiresAt - ttlMs)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '')
    const expires = Math.max(1, Math.ceil(ttlMs / 1000))
    const query = new URLSearchParams({
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `SIMULATOR/${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`,
      'X-Amz-Date': amzDate,
      'X-Amz-Expires': String(expires),
      'X-Amz-SignedHeaders': 'content-type;host',
      'X-Amz-Signature': this.signature(fileId, partNumber, amzDate, expires),
    })
    return `${this.baseUrl()}${STORAGE_PREFIX}${fileId}/${partNumber}?${query.toString()}`
  }

  /** Counts a PUT to a part URL (called before faults are applied, so retries show up). */
  notePut(method: string, url: URL): void {
    if (method !== 'PUT') return
    const [fileId = '', partText = ''] = url.pathname.slice(STORAGE_PREFIX.length).split('/')
    const partNumber = Number(partText)
    const file = this.files.get(fileId)
    if (file?.parts.has(partNumber)) file.puts.set(partNumber, (file.puts.get(partNumber) ?? 0) + 1)
  }

  puts(fileId: string): Map<number, number> {
    return new Map(this.files.get(fileId)?.puts ?? [])
  }

  missingParts(fileId: string): number[] {
    const file = this.files.get(fileId)
    if (!file) return []
    return [...file.parts.keys()].filter((p) => !file.received.has(p))
  }

  has(fileId: string): boolean {
    return this.files.has(fileId)
  }

  async checksum(fileId: string, algorithm: 'md5' | 'sha256'): Promise<string> {
    const file = this.files.get(fileId)
    if (!file) throw new Error(`no stored file ${fileId}`)
    await file.ready
    if (!file.path) throw new Error(`storage counts bytes only (storageCountsOnly): no checksum of ${fileId}`)
    const hash = createHash(algorithm)
    await pipeline(createReadStream(file.path, { highWaterMark: 1024 * 1024 }), hash)
    return hash.digest('hex')
  }

  /** The first `bytes` of a stored file (an image's header), read before the file is forgotten. */
  async head(fileId: string, bytes: number): Promise<Buffer> {
    const file = this.files.get(fileId)
    if (!file) throw new Error(`no stored file ${fileId}`)
    await file.ready
    if (!file.path) return Buffer.alloc(0)
    const handle = await open(file.path, 'r')
    try {
      const buffer = Buffer.alloc(Math.min(bytes, file.size))
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
      return buffer.subarray(0, bytesRead)
    } finally {
      await handle.close()
    }
  }

  /** Forgets a file and deletes its temp file. */
  async remove(fileId: string): Promise<void> {
    const file = this.files.get(fileId)
    if (!file) return
    this.files.delete(fileId)
    await file.ready.catch(() => undefined)
    if (file.path) await rm(file.path, { force: true })
  }

  async close(): Promise<void> {
    const ids = [...this.files.keys()]
    await Promise.all(ids.map((id) => this.remove(id)))
    if (this.dirPromise) {
      const dir = await this.dirPromise.catch(() => undefined)
      if (dir) await rm(dir, { recursive: true, force: true })
    }
  }

  /**
   * Handles a storage request. Faults: `dropAfterBytes` destroys the socket once that many body bytes
   * were read; `corrupt` stores the part with its first byte flipped, as a silent corruption would.
   * Resolves with the status sent (0 when the socket was destroyed).
   */
  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    faults: { dropAfterBytes?: number; corrupt?: boolean } = {},
  ): Promise<number> {
    const { dropAfterBytes, corrupt } = faults
    const [fileId = '', partText = ''] = url.pathname.slice(STORAGE_PREFIX.length).split('/')
    const partNumber = Number(partText)
    const file = this.files.get(fileId)
    const part = file?.parts.get(partNumber)
    this.inFlight++
    this.maxConcurrent = Math.max(this.maxConcurrent, this.inFlight)
    res.once('close', () => {
      this.inFlight--
    })

    if (req.headers.authorization !== undefined) {
      return this.xmlError(
        req,
        res,
        400,
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      )
    }
    if (!file || !part)
      return this.xmlError(req, res, 404, 'NoSuchUpload', 'The specified upload does not exist.')
    if (req.method !== 'PUT') {
      return this.xmlError(
        req,
        res,
        405,
        'MethodNotAllowed',
        'The specified method is not allowed against this resource.',
      )
    }
    const amzDate = url.searchParams.get('X-Amz-Date') ?? ''
    const expires = Number(url.searchParams.get('X-Amz-Expires'))
    const given = url.searchParams.get('X-Amz-Signature') ?? ''
    const expected = this.signature(fileId, partNumber, amzDate, expires)
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      return this.xmlError(
        req,
        res,
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      )
    }
    if (this.now() >= part.expiresAt)
      return this.xmlError(req, res, 403, 'AccessDenied', 'Request has expired')
    for (const header of part.headers) {
      const value = req.headers[header.name.toLowerCase()]
      if (value !== header.value) {
        return this.xmlError(
          req,
          res,
          403,
          'SignatureDoesNotMatch',
          `The signed header ${header.name} must be sent with the value '${header.value}' (got '${String(value)}').`,
        )
      }
    }
    const contentLength = req.headers['content-length']
    if (contentLength === undefined) {
      return this.xmlError(
        req,
        res,
        411,
        'MissingContentLength',
        'You must provide the Content-Length HTTP header.',
      )
    }
    if (Number(contentLength) !== part.length) {
      return this.xmlError(
        req,
        res,
        400,
        'InvalidRequest',
        `Content-Length ${contentLength} does not match the length of part ${partNumber} (${part.length}).`,
      )
    }

    await file.ready
    let received = 0
    const state = { dropped: false }
    const counter = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
        received += chunk.length
        if (dropAfterBytes !== undefined && received >= dropAfterBytes) {
          state.dropped = true
          req.socket.destroy()
          callback(new Error('dropped by fault'))
          return
        }
        if (received > part.length) {
          callback(new Error('body longer than the part'))
          return
        }
        if (corrupt && received === chunk.length && chunk.length > 0) {
          const flipped = Buffer.from(chunk)
          flipped[0] = (flipped[0] ?? 0) ^ 0xff
          callback(null, flipped)
          return
        }
        callback(null, chunk)
      },
    })
    let complete = true
    try {
      const sink = file.path
        ? createWriteStream(file.path, { flags: 'r+', start: part.offset })
        : new Writable({ write: (_chunk, _encoding, callback) => callback() })
      await pipeline(req, counter, sink)
    } catch {
      if (state.dropped || req.socket.destroyed) return 0
      complete = false
    }
    if (!complete || received !== part.length) {
      return this.xmlError(
        req,
        res,
        400,
        'IncompleteBody',
        'You did not provide the number of bytes specified by the Content-Length HTTP header.',
      )
    }
    file.received.add(partNumber)
    const entityTag = `"${randomBytes(16).toString('hex')}"`
    file.onStored?.(partNumber, entityTag)
    res.writeHead(200, { ETag: entityTag, 'Content-Length': '0' })
    res.end()
    return 200
  }

  private xmlError(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
  ): number {
    const body =
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>` +
      `<RequestId>${randomBytes(8).toString('hex').toUpperCase()}</RequestId></Error>`
    res.writeHead(status, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) })
    res.end(body)
    // Do not read a large body we are refusing; let the client see the answer and close.
    if (!req.complete) req.resume()
    return status
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;')
}
