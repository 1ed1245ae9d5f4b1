import { open as openFile, stat } from 'node:fs/promises'
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

  static async open(path: string): Promise<ZipArchive> {
    try {
      const zip = await yauzl.openPromise(path, {
        lazyEntries: true,
        // Closed explicitly (autoClose only fires after the last entry or an error).
        autoClose: false,
        // Take names raw so odd names elsewhere in the archive (backslashes, `..`) do not make it unreadable.
        decodeStrings: false,
        validateEntrySizes: true,
      })
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
