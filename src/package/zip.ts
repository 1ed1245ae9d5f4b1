import { close, createReadStream, fstat, open, read } from 'node:fs'
import type { Readable } from 'node:stream'
import { open as openFile, stat } from 'node:fs/promises'
import { promisify } from 'node:util'
import yauzl from 'yauzl'
import type { Entry, ZipFile } from 'yauzl'
import { describeError } from './types.js'

/** Why a zip could not be read; the IPA reader turns it into a PackageError that says what an IPA is. */
export class ZipError extends Error {
  override name = 'ZipError'
  constructor(
    readonly kind: 'not-zip' | 'damaged' | 'unsupported',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export interface ZipEntry {
  /** The name as stored, decoded but not validated (names are only compared, never written to disk). */
  name: string
  entry: Entry
}

/** A zip read through its central directory only: the archive is never read whole. */
export class ZipArchive {
  private constructor(private readonly zip: ZipFile) {}

  /** `readAt` is fs.read unless a test counts the reads. */
  static async open(path: string, readAt: ReadAt = read): Promise<ZipArchive> {
    try {
      const reader = new BlockReader(await promisify(open)(path, 'r'), readAt)
      let zip: ZipFile
      try {
        const { size } = await promisify(fstat)(reader.fd)
        zip = await yauzl.fromRandomAccessReaderPromise(reader, size, {
          lazyEntries: true,
          // Closed explicitly (autoClose only fires after the last entry or an error).
          autoClose: false,
          // Take names raw so odd names elsewhere in the archive (backslashes, `..`) do not make it unreadable.
          decodeStrings: false,
          validateEntrySizes: true,
        })
      } catch (err) {
        // Not yet a ZipFile, which would close the file with itself: close it here.
        reader.close(() => undefined)
        throw err
      }
      // yauzl emits 'error' at most once; a permanent listener keeps a late one from crashing the process.
      zip.on('error', () => undefined)
      return new ZipArchive(zip)
    } catch (err) {
      if (!(await looksLikeZip(path))) throw new ZipError('not-zip', 'not a zip archive', { cause: err })
      const { size } = await stat(path)
      const hint =
        size > 0xffffffff ? ' (over 4 GiB it must be zip64; archives zipped without it cannot be read)' : ''
      throw new ZipError('damaged', `${describeError(err)}${hint}`, { cause: err })
    }
  }

  /** Walks the central directory one record at a time, showing each entry to `visit`. */
  async walk(visit: (entry: ZipEntry) => void): Promise<void> {
    const zip = this.zip
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown): void => {
        reject(new ZipError('damaged', describeError(err), { cause: err }))
      }
      zip.on('entry', (entry: Entry) => {
        try {
          // With decodeStrings: false yauzl leaves the raw bytes; decode them as yauzl would (UTF-8 flag,
          // Info-ZIP Unicode Path extra field, else CP437), without its path validation.
          const name = yauzl.getFileNameLowLevel(
            entry.generalPurposeBitFlag,
            entry.fileNameRaw,
            entry.extraFields,
            false,
          )
          visit({ name, entry })
          zip.readEntry()
        } catch (err) {
          fail(err)
        }
      })
      zip.once('end', () => {
        resolve()
      })
      zip.once('error', fail)
      zip.readEntry()
    })
  }

  /** Reads one entry into memory, refusing it past `maxBytes` (declared or actual). */
  async read({ entry, name }: ZipEntry, maxBytes: number): Promise<Buffer> {
    if (entry.uncompressedSize > maxBytes) {
      throw new ZipError(
        'unsupported',
        `${name} is ${entry.uncompressedSize} bytes, larger than the ${maxBytes} bytes accepted`,
      )
    }
    if (entry.isEncrypted()) throw new ZipError('unsupported', `${name} is encrypted`)
    if (!entry.canDecodeFileData()) {
      throw new ZipError(
        'unsupported',
        `${name} uses zip compression method ${entry.compressionMethod}; only stored (0) and deflate (8) are supported (re-export the IPA from Xcode)`,
      )
    }
    try {
      const stream = await this.zip.openReadStreamPromise(entry)
      const chunks: Buffer[] = []
      let total = 0
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length
        if (total > maxBytes) {
          stream.destroy()
          throw new Error(`more than ${maxBytes} bytes`)
        }
        chunks.push(chunk)
      }
      return Buffer.concat(chunks, total)
    } catch (err) {
      throw new ZipError('damaged', `cannot read ${name} (${describeError(err)})`, { cause: err })
    }
  }

  close(): void {
    this.zip.close()
  }
}

/** Reads `length` bytes at `position` of an open file into `buffer` at `offset`, as fs.read does. */
export type ReadAt = (
  fd: number,
  buffer: Buffer,
  offset: number,
  length: number,
  position: number,
  callback: (err: NodeJS.ErrnoException | null, bytesRead: number) => void,
) => void

/** Bytes read at once for yauzl's small reads: the whole central directory of most apps in one or two reads. */
const BLOCK_BYTES = 1024 * 1024

/**
 * The file as yauzl reads it. yauzl reads the central directory with two small reads per entry (its 46-byte
 * record, then its name): for a real app's thousands of files, thousands of thread-pool round trips (5,000
 * entries took 90 ms). Here those reads are served from one block read ahead; an entry's data is streamed from
 * the file as before.
 */
class BlockReader extends yauzl.RandomAccessReader {
  private block: { start: number; bytes: Buffer } = { start: 0, bytes: Buffer.alloc(0) }

  constructor(
    readonly fd: number,
    private readonly readAt: ReadAt,
  ) {
    super()
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    const copy = (): void => {
      const from = position - this.block.start
      const copied = this.block.bytes.copy(
        buffer,
        offset,
        from,
        Math.min(from + length, this.block.bytes.length),
      )
      callback(null, copied)
    }
    const { start, bytes } = this.block
    if (position >= start && position + length <= start + bytes.length) {
      // Never synchronously: yauzl asks for the next entry from within the callback of the last. A promise
      // job lets the stack unwind for less than process.nextTick (5,000 entries: 105 against 120 ms of CPU).
      void Promise.resolve().then(copy)
      return
    }
    const block = Buffer.allocUnsafe(Math.max(length, BLOCK_BYTES))
    this.readAt(this.fd, block, 0, block.length, position, (err, bytesRead) => {
      if (err) {
        callback(err)
        return
      }
      this.block = { start: position, bytes: block.subarray(0, bytesRead) }
      copy()
    })
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return createReadStream('', { fd: this.fd, start, end: end - 1, autoClose: false })
  }

  override close(callback: (err: Error | null) => void): void {
    close(this.fd, callback)
  }
}

async function looksLikeZip(path: string): Promise<boolean> {
  const handle = await openFile(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0)
    // Local file header, or the end-of-central-directory record of an empty archive.
    return bytesRead === 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && (buffer[2] === 3 || buffer[2] === 5)
  } finally {
    await handle.close()
  }
}
