import { close, fstatSync, openSync, readSync } from 'node:fs'
import { open as openFile, stat } from 'node:fs/promises'
import { inflateRawSync } from 'node:zlib'
import yauzl from 'yauzl'
import type { ZipFile } from 'yauzl'
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

/** What a central directory record says of an entry: enough for yauzl to find and decode its data. */
interface ZipRecord {
  generalPurposeBitFlag: number
  compressionMethod: number
  compressedSize: number
  uncompressedSize: number
  relativeOffsetOfLocalHeader: number
}

export interface ZipEntry {
  /** The name as stored, decoded but not validated (names are only compared, never written to disk). */
  name: string
  /** Where its central directory record starts in the file: the rest of the record is read when it is. */
  offset: number
}

/**
 * A zip read through its central directory only: the archive is never read whole. yauzl finds the central
 * directory (the end records, zip64 included) and checks the local header of the entry read; the walk over the
 * central directory is done here, in place in a block, because yauzl's costs too much at start-up: two reads,
 * two buffers, an event and about twenty `Buffer.readUInt*` calls per record (interpreted at start-up, each
 * through Node's argument validation): 21 ms for an app of 3,000 files, against about 4 ms here (the IPA
 * reader's look at each name included).
 */
export class ZipArchive {
  private constructor(
    private readonly zip: ZipFile,
    private readonly reader: BlockReader,
  ) {}

  /**
   * `readAt` is fs.readSync unless a test counts the reads. The few reads of a package's metadata are made
   * synchronously: at start-up nothing else waits, and each thread-pool round trip costs more than the read.
   */
  static async open(path: string, readAt: ReadAt = readSync): Promise<ZipArchive> {
    try {
      const reader = new BlockReader(openSync(path, 'r'), readAt)
      let zip: ZipFile
      try {
        const { size } = fstatSync(reader.fd)
        zip = await yauzl.fromRandomAccessReaderPromise(reader, size, {
          lazyEntries: true,
          // Closed explicitly (autoClose only fires after the last entry or an error).
          autoClose: false,
          // Names are decoded by the walk below; yauzl's own walk (and its name checks) is not used.
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
      return new ZipArchive(zip, reader)
    } catch (err) {
      if (!(await looksLikeZip(path))) throw new ZipError('not-zip', 'not a zip archive', { cause: err })
      const { size } = await stat(path)
      const hint =
        size > 0xffffffff ? ' (over 4 GiB it must be zip64; archives zipped without it cannot be read)' : ''
      throw new ZipError('damaged', `${describeError(err)}${hint}`, { cause: err })
    }
  }

  /** Walks the central directory record by record, showing each entry's name to `visit`. */
  walk(visit: (entry: ZipEntry) => void): void {
    // Where yauzl found the central directory (from the end records, zip64 or not): a field of its ZipFile
    // since yauzl 2, outside its typed API; the tests read real archives through it.
    const start: unknown = (this.zip as unknown as { readEntryCursor?: unknown }).readEntryCursor
    if (typeof start !== 'number') throw new ZipError('damaged', 'the central directory was not found')
    let offset = start
    for (let index = 0, count = this.zip.entryCount; index < count; index++) {
      // Only the name is decoded, in place: an app has thousands of entries and one is read.
      const block = this.recordBlock(offset)
      const at = offset - block.start
      visit({ name: nameOf(block, at), offset })
      offset += recordLength(block.view, at)
    }
  }

  /** The block holding the whole central directory record at `offset`, read if the block in hand does not. */
  private recordBlock(offset: number): Block {
    const block = this.reader.holding(offset, RECORD_BYTES) ?? this.reader.load(offset, RECORD_BYTES)
    const at = offset - block.start
    if (block.view.getUint32(at, true) !== RECORD_SIGNATURE) {
      throw new ZipError('damaged', `invalid central directory file header signature at byte ${offset}`)
    }
    const length = recordLength(block.view, at)
    return at + length <= block.bytes.length ? block : this.reader.load(offset, length)
  }

  /**
   * Reads one entry into memory, refusing it past `maxBytes` (declared or actual). yauzl checks the local header
   * and that the data lies within the file; the bytes come from the block in hand (an app's Info.plist is a few
   * KB) and are inflated in one call: a stream would cost a thread-pool round trip per hop at start-up.
   */
  async read({ name, offset }: ZipEntry, maxBytes: number): Promise<Buffer> {
    const block = this.recordBlock(offset)
    // yauzl's own Entry (its class is public), for its checks of the local header.
    const entry = Object.assign(new yauzl.Entry(), recordOf(block, offset - block.start))
    for (const size of [entry.uncompressedSize, entry.compressedSize]) {
      if (size > maxBytes) {
        throw new ZipError(
          'unsupported',
          `${name} is ${size} bytes, larger than the ${maxBytes} bytes accepted`,
        )
      }
    }
    if (entry.isEncrypted()) throw new ZipError('unsupported', `${name} is encrypted`)
    if (!entry.canDecodeFileData()) {
      throw new ZipError(
        'unsupported',
        `${name} uses zip compression method ${entry.compressionMethod}; only stored (0) and deflate (8) are supported (re-export the IPA from Xcode)`,
      )
    }
    try {
      const { fileDataStart } = await this.zip.readLocalFileHeaderPromise(entry, { minimal: true })
      const data =
        this.reader.holding(fileDataStart, entry.compressedSize) ??
        this.reader.load(fileDataStart, entry.compressedSize)
      const from = fileDataStart - data.start
      const stored = data.bytes.subarray(from, from + entry.compressedSize)
      const bytes =
        entry.compressionMethod === DEFLATE
          ? inflateRawSync(stored, { maxOutputLength: maxBytes })
          : Buffer.from(stored)
      if (bytes.length !== entry.uncompressedSize) {
        throw new Error(`${bytes.length} bytes where its record says ${entry.uncompressedSize}`)
      }
      return bytes
    } catch (err) {
      throw new ZipError('damaged', `cannot read ${name} (${describeError(err)})`, { cause: err })
    }
  }

  close(): void {
    this.zip.close()
  }
}

const RECORD_SIGNATURE = 0x02014b50
const DEFLATE = 8
/** A central directory record's fixed part; its name, extra fields and comment follow. */
const RECORD_BYTES = 46
const UTF8_FLAG = 0x800
const STRONG_ENCRYPTION_FLAG = 0x40
const ZIP64_EXTRA_FIELD = 0x0001
const UNICODE_PATH_EXTRA_FIELD = 0x7075

/** The length of the central directory record at `at`: its fixed part, name, extra fields and comment. */
function recordLength(view: DataView, at: number): number {
  return (
    RECORD_BYTES +
    view.getUint16(at + 28, true) +
    view.getUint16(at + 30, true) +
    view.getUint16(at + 32, true)
  )
}

/**
 * The name of the record at `at`, decoded as yauzl decodes it: by the UTF-8 flag, else by an Info-ZIP Unicode
 * Path extra field, else as CP437 (which is ASCII below 0x80). A UTF-8 or ASCII name without that extra field,
 * the common case, is decoded in place.
 */
function nameOf({ bytes, view }: Block, at: number): string {
  const flags = view.getUint16(at + 8, true)
  const nameStart = at + RECORD_BYTES
  const extraStart = nameStart + view.getUint16(at + 28, true)
  const extraEnd = extraStart + view.getUint16(at + 30, true)
  if (!hasExtraField(view, extraStart, extraEnd, UNICODE_PATH_EXTRA_FIELD)) {
    if (flags & UTF8_FLAG) return bytes.toString('utf8', nameStart, extraStart)
    const name = bytes.toString('latin1', nameStart, extraStart)
    if (!NOT_ASCII.test(name)) return name
  }
  const extraFields = yauzl.parseExtraFields(bytes.subarray(extraStart, extraEnd))
  return yauzl.getFileNameLowLevel(flags, bytes.subarray(nameStart, extraStart), extraFields, false)
}

/** The record at `at`, read as yauzl reads it: sizes and offset from the zip64 extra field when 32 bits are full. */
function recordOf({ bytes, view }: Block, at: number): ZipRecord {
  const record: ZipRecord = {
    generalPurposeBitFlag: view.getUint16(at + 8, true),
    compressionMethod: view.getUint16(at + 10, true),
    compressedSize: view.getUint32(at + 20, true),
    uncompressedSize: view.getUint32(at + 24, true),
    relativeOffsetOfLocalHeader: view.getUint32(at + 42, true),
  }
  if (record.generalPurposeBitFlag & STRONG_ENCRYPTION_FLAG) {
    throw new ZipError('unsupported', 'strong encryption is not supported')
  }
  if (
    record.uncompressedSize === 0xffffffff ||
    record.compressedSize === 0xffffffff ||
    record.relativeOffsetOfLocalHeader === 0xffffffff
  ) {
    const extraStart = at + RECORD_BYTES + view.getUint16(at + 28, true)
    const extraFields = yauzl.parseExtraFields(
      bytes.subarray(extraStart, extraStart + view.getUint16(at + 30, true)),
    )
    readZip64Fields(record, extraFields.find((field) => field.id === ZIP64_EXTRA_FIELD)?.data)
  }
  return record
}

/** A byte of 0x80 or more, once read as Latin-1: where CP437 and ASCII part. */
const NOT_ASCII = /[\u0080-\u00ff]/

/** Whether the extra fields between `start` and `end` (each an id, a size and its data) hold one of this id. */
function hasExtraField(view: DataView, start: number, end: number, id: number): boolean {
  for (let at = start; at + 4 <= end; at += 4 + view.getUint16(at + 2, true)) {
    if (view.getUint16(at, true) === id) return true
  }
  return false
}

/** The zip64 extended information extra field holds, in this order, each value whose 32-bit field is full. */
function readZip64Fields(record: ZipRecord, data: Buffer | undefined): void {
  let at = 0
  for (const field of ['uncompressedSize', 'compressedSize', 'relativeOffsetOfLocalHeader'] as const) {
    if (record[field] !== 0xffffffff) continue
    if (data === undefined || at + 8 > data.length) {
      throw new ZipError('damaged', `the zip64 extra field lacks the ${field} its record leaves to it`)
    }
    record[field] = data.readUInt32LE(at) + data.readUInt32LE(at + 4) * 0x100000000
    at += 8
  }
}

/** Reads `length` bytes at `position` of an open file into `buffer` at `offset`, as fs.readSync does. */
export type ReadAt = (fd: number, buffer: Buffer, offset: number, length: number, position: number) => number

/** Bytes read at once for small reads: the whole central directory of most apps in one or two reads. */
const BLOCK_BYTES = 1024 * 1024

/** A stretch of the file read at once, and a view to read numbers from it in place. */
interface Block {
  /** Where in the file the block starts. */
  start: number
  bytes: Buffer
  view: DataView
}

/**
 * The file read in blocks: for the central directory walk, yauzl's small reads (the end records, an entry's
 * local header) and the one entry read (its data follows its local header, most often in the same block).
 */
class BlockReader extends yauzl.RandomAccessReader {
  private block: Block = { start: 0, bytes: Buffer.alloc(0), view: new DataView(new ArrayBuffer(0)) }

  constructor(
    readonly fd: number,
    private readonly readAt: ReadAt,
  ) {
    super()
  }

  /** The block in hand if it holds all `length` bytes at `position`. */
  holding(position: number, length: number): Block | undefined {
    const { start, bytes } = this.block
    return position >= start && position + length <= start + bytes.length ? this.block : undefined
  }

  /** Reads the block that starts at `position`, which must hold at least `length` bytes. */
  load(position: number, length: number): Block {
    const buffer = Buffer.allocUnsafe(Math.max(length, BLOCK_BYTES))
    const bytesRead = this.readAt(this.fd, buffer, 0, buffer.length, position)
    if (bytesRead < length)
      throw new ZipError('damaged', `unexpected end of file at byte ${position + bytesRead}`)
    const bytes = buffer.subarray(0, bytesRead)
    this.block = { start: position, bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytesRead) }
    return this.block
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    // The callback never runs synchronously: yauzl may read again from within the callback of the last read.
    void Promise.resolve().then(() => {
      let block: Block
      try {
        block = this.holding(position, length) ?? this.load(position, length)
      } catch (err) {
        callback(err instanceof Error ? err : new Error(String(err)))
        return
      }
      const from = position - block.start
      callback(null, block.bytes.copy(buffer, offset, from, from + length))
    })
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
