import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'
import type { FileHandle } from 'node:fs/promises'
import { gunzipSync, inflateSync } from 'node:zlib'
import { describeError } from './types.js'
import { XmlError, attribute, childElements, childNamed, ownText, parseXml } from './xml.js'
import type { XmlElement } from './xml.js'

/**
 * Just enough of the xar format (the container of macOS .pkg product archives) to list the table of contents
 * and read one small file. Layout: a big-endian header (magic `xar!`, header size, version, TOC compressed
 * and uncompressed lengths as uint64, checksum algorithm), the zlib-compressed XML TOC, then the heap. File
 * data offsets in the TOC are relative to the heap.
 */
export const XAR_MAGIC = 0x78617221
export const XAR_HEADER_SIZE = 28
/** Product archives list a handful of files; their TOC is a few KiB. */
export const MAX_TOC_BYTES = 16 * 1024 * 1024

export type XarErrorKind = 'not-xar' | 'corrupt' | 'unsupported'

export class XarError extends Error {
  override name = 'XarError'
  constructor(
    readonly kind: XarErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export interface XarChecksum {
  style: string
  value: string
}

export interface XarData {
  /** Offset in the heap. */
  offset: number
  /** Archived (possibly compressed) length. */
  length: number
  /** Extracted size. */
  size: number
  /** MIME-ish style, e.g. application/x-gzip (a zlib stream, despite the name) or application/octet-stream. */
  encoding: string
  archivedChecksum?: XarChecksum
  extractedChecksum?: XarChecksum
}

export interface XarEntry {
  name: string
  /** Slash-joined path from the archive root. */
  path: string
  type: string
  data?: XarData
  children: XarEntry[]
}

export class XarArchive {
  private constructor(
    private readonly handle: FileHandle,
    readonly fileSize: number,
    readonly heapOffset: number,
    readonly entries: XarEntry[],
  ) {}

  static async open(path: string): Promise<XarArchive> {
    const handle = await open(path, 'r')
    try {
      const { size } = await handle.stat()
      const header = await readAt(handle, 0, XAR_HEADER_SIZE)
      if (header.length < XAR_HEADER_SIZE || header.readUInt32BE(0) !== XAR_MAGIC) {
        throw new XarError('not-xar', 'no xar header (magic "xar!")')
      }
      const headerSize = header.readUInt16BE(4)
      const version = header.readUInt16BE(6)
      const tocCompressed = header.readBigUInt64BE(8)
      const tocUncompressed = header.readBigUInt64BE(16)
      if (headerSize < XAR_HEADER_SIZE)
        throw new XarError('corrupt', `header size ${headerSize} is too small`)
      if (version !== 1) throw new XarError('unsupported', `xar version ${version} (only version 1 exists)`)
      if (tocCompressed > BigInt(MAX_TOC_BYTES) || tocUncompressed > BigInt(MAX_TOC_BYTES)) {
        throw new XarError('unsupported', `table of contents larger than ${MAX_TOC_BYTES} bytes`)
      }
      const heapOffset = headerSize + Number(tocCompressed)
      if (heapOffset > size) throw new XarError('corrupt', 'table of contents runs past the end of the file')
      const compressedToc = await readAt(handle, headerSize, Number(tocCompressed))
      let tocXml: string
      try {
        tocXml = inflateSync(compressedToc, { maxOutputLength: MAX_TOC_BYTES }).toString('utf8')
      } catch (err) {
        throw new XarError('corrupt', `table of contents does not inflate (${describeError(err)})`, {
          cause: err,
        })
      }
      const toc = parseToc(tocXml)
      const archive = new XarArchive(handle, size, heapOffset, toc.entries)
      if (toc.checksum) await archive.verifyTocChecksum(compressedToc, toc.checksum)
      return archive
    } catch (err) {
      await handle.close()
      throw err
    }
  }

  /** Looks up an entry by slash-separated path. */
  find(path: string): XarEntry | undefined {
    let level = this.entries
    let found: XarEntry | undefined
    for (const part of path.split('/')) {
      found = level.find((entry) => entry.name === part)
      if (!found) return undefined
      level = found.children
    }
    return found
  }

  /** Reads and decodes one file, refusing anything larger than `maxBytes` before reading it. */
  async readFile(entry: XarEntry, maxBytes: number): Promise<Buffer> {
    const data = entry.data
    if (!data) throw new XarError('corrupt', `${entry.path} has no data`)
    if (data.size > maxBytes || data.length > maxBytes + 1024) {
      throw new XarError(
        'unsupported',
        `${entry.path} is ${data.size} bytes, more than the ${maxBytes} accepted`,
      )
    }
    const start = this.heapOffset + data.offset
    if (start + data.length > this.fileSize)
      throw new XarError('corrupt', `${entry.path} runs past the end of the file`)
    const archived = await readAt(this.handle, start, data.length)
    if (archived.length !== data.length) throw new XarError('corrupt', `${entry.path} is truncated`)
    verifyChecksum(archived, data.archivedChecksum, `${entry.path} (archived)`)
    const extracted = decode(archived, data.encoding, maxBytes, entry.path)
    verifyChecksum(extracted, data.extractedChecksum, `${entry.path} (extracted)`)
    return extracted
  }

  async close(): Promise<void> {
    await this.handle.close()
  }

  private async verifyTocChecksum(compressedToc: Buffer, checksum: TocChecksum): Promise<void> {
    const algorithm = hashAlgorithm(checksum.style)
    if (!algorithm) return
    if (checksum.offset + checksum.size + this.heapOffset > this.fileSize) {
      throw new XarError('corrupt', 'table of contents checksum runs past the end of the file')
    }
    const stored = await readAt(this.handle, this.heapOffset + checksum.offset, checksum.size)
    const actual = createHash(algorithm).update(compressedToc).digest()
    if (!actual.equals(stored)) throw new XarError('corrupt', 'table of contents checksum mismatch')
  }
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length)
  let filled = 0
  while (filled < length) {
    const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled)
    if (bytesRead === 0) break
    filled += bytesRead
  }
  return buffer.subarray(0, filled)
}

function decode(archived: Buffer, encoding: string, maxBytes: number, path: string): Buffer {
  const style = encoding.toLowerCase()
  if (style === '' || style === 'application/octet-stream') return archived
  if (style === 'application/x-gzip' || style === 'application/gzip' || style === 'application/zlib') {
    try {
      // xar's "x-gzip" is a zlib stream; accept a real gzip member too.
      const isGzip = archived[0] === 0x1f && archived[1] === 0x8b
      return isGzip
        ? gunzipSync(archived, { maxOutputLength: maxBytes })
        : inflateSync(archived, { maxOutputLength: maxBytes })
    } catch (err) {
      throw new XarError('corrupt', `${path} does not decompress (${describeError(err)})`, { cause: err })
    }
  }
  throw new XarError(
    'unsupported',
    `${path} uses ${encoding} compression; only zlib (application/x-gzip) is supported`,
  )
}

function hashAlgorithm(style: string): string | undefined {
  const lower = style.toLowerCase().replace('-', '')
  return ['md5', 'sha1', 'sha256', 'sha512'].includes(lower) ? lower : undefined
}

function verifyChecksum(bytes: Buffer, checksum: XarChecksum | undefined, what: string): void {
  if (!checksum) return
  const algorithm = hashAlgorithm(checksum.style)
  if (!algorithm) return
  const actual = createHash(algorithm).update(bytes).digest('hex')
  if (actual !== checksum.value.trim().toLowerCase())
    throw new XarError('corrupt', `${what} checksum mismatch`)
}

interface TocChecksum {
  style: string
  offset: number
  size: number
}

function parseToc(xml: string): { entries: XarEntry[]; checksum?: TocChecksum } {
  let root: XmlElement
  try {
    root = parseXml(xml)
  } catch (err) {
    if (err instanceof XmlError)
      throw new XarError('corrupt', `table of contents is not XML (${err.message})`)
    throw err
  }
  const toc = root.nodeName === 'xar' ? childNamed(root, 'toc') : undefined
  if (!toc) throw new XarError('corrupt', 'table of contents has no <xar><toc>')
  const checksumElement = childNamed(toc, 'checksum')
  let checksum: TocChecksum | undefined
  if (checksumElement) {
    const offset = integer(childNamed(checksumElement, 'offset'))
    const size = integer(childNamed(checksumElement, 'size'))
    if (offset !== undefined && size !== undefined && size <= 64) {
      checksum = { style: attribute(checksumElement, 'style') ?? '', offset, size }
    }
  }
  return { entries: parseEntries(toc, ''), ...(checksum ? { checksum } : {}) }
}

function parseEntries(parent: XmlElement, prefix: string, depth = 0): XarEntry[] {
  // Each level is one real directory level; guard against pathological nesting before recursing.
  if (depth > 256) throw new XarError('corrupt', 'directories nested too deeply')
  return childElements(parent, 'file').map((file) => {
    const name = textOf(childNamed(file, 'name'))
    const path = prefix ? `${prefix}/${name}` : name
    const entry: XarEntry = {
      name,
      path,
      type: textOf(childNamed(file, 'type')) || 'file',
      children: parseEntries(file, path, depth + 1),
    }
    const data = childNamed(file, 'data')
    if (data) entry.data = parseData(data, path)
    return entry
  })
}

function parseData(data: XmlElement, path: string): XarData {
  const offset = integer(childNamed(data, 'offset'))
  const length = integer(childNamed(data, 'length'))
  const size = integer(childNamed(data, 'size')) ?? length
  if (offset === undefined || length === undefined || size === undefined) {
    throw new XarError('corrupt', `${path} has no data offset/length in the table of contents`)
  }
  const result: XarData = {
    offset,
    length,
    size,
    encoding: attribute(childNamed(data, 'encoding'), 'style') ?? '',
  }
  const archived = checksumOf(childNamed(data, 'archived-checksum'))
  const extracted = checksumOf(childNamed(data, 'extracted-checksum'))
  if (archived) result.archivedChecksum = archived
  if (extracted) result.extractedChecksum = extracted
  return result
}

function checksumOf(element: XmlElement | undefined): XarChecksum | undefined {
  const style = attribute(element, 'style')
  return element && style ? { style, value: ownText(element) } : undefined
}

function integer(element: XmlElement | undefined): number | undefined {
  const text = textOf(element)
  if (!text || !/^\d+$/.test(text)) return undefined
  const value = Number(text)
  return Number.isSafeInteger(value) ? value : undefined
}

function textOf(element: XmlElement | undefined): string {
  return element ? ownText(element).trim() : ''
}
