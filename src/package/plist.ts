import type { XmlElement } from './xml.js'

/**
 * Property lists, binary (`bplist00`) and XML, read with limits: a package is untrusted input, and a binary
 * plist's objects may refer to each other so that a few KiB expand to billions of values.
 */
export type PlistValue = string | number | boolean | Date | Uint8Array | PlistValue[] | PlistDict
export interface PlistDict {
  [key: string]: PlistValue
}

export interface PlistLimits {
  maxBytes: number
  /** Nesting of arrays and dictionaries. */
  maxDepth: number
  /** Values produced in total, counting a shared object each time it is used. */
  maxValues: number
}

/** A real Info.plist is a few KiB, nests 5 or 6 levels and holds a few hundred values. */
export const PLIST_LIMITS: PlistLimits = { maxBytes: 4 * 1024 * 1024, maxDepth: 32, maxValues: 100_000 }

export class PlistError extends Error {
  override name = 'PlistError'
}

/**
 * Parses a binary or XML (UTF-8 or UTF-16) property list. The XML parser (xmldom, the largest part of the .ipa
 * reader) is loaded only for an XML plist: Xcode writes an app's Info.plist in the binary format.
 */
export async function parsePlist(bytes: Uint8Array, limits: PlistLimits = PLIST_LIMITS): Promise<PlistValue> {
  if (bytes.length > limits.maxBytes) {
    throw new PlistError(`${bytes.length} bytes, more than the ${limits.maxBytes} accepted`)
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  if (buffer.subarray(0, 6).toString('latin1') === 'bplist') return parseBinary(buffer, limits)
  return parseXmlPlist(decodeText(buffer), limits)
}

/** Counts values and depth against the limits, for both formats. */
class Budget {
  private values = 0
  constructor(private readonly limits: PlistLimits) {}

  enter(depth: number): void {
    if (++this.values > this.limits.maxValues) {
      throw new PlistError(`holds more than ${this.limits.maxValues} values (objects referenced repeatedly)`)
    }
    if (depth > this.limits.maxDepth) {
      throw new PlistError(`nests arrays or dictionaries more than ${this.limits.maxDepth} levels deep`)
    }
  }
}

/** A dictionary without a prototype: a key named `__proto__` is an ordinary key and supplies no others. */
function newDict(): PlistDict {
  return Object.create(null) as PlistDict
}

// ---- binary: https://opensource.apple.com/source/CF/CF-1153.18/CFBinaryPList.c ----

const EPOCH_2001_MS = Date.UTC(2001, 0, 1)
const TRAILER_BYTES = 32

function parseBinary(bytes: Buffer, limits: PlistLimits): PlistValue {
  if (bytes.length < 8 + 1 + TRAILER_BYTES || bytes.subarray(0, 8).toString('latin1') !== 'bplist00') {
    throw new PlistError('binary plist is truncated or not version 00')
  }
  const trailer = bytes.length - TRAILER_BYTES
  const offsetSize = bytes[trailer + 6] ?? 0
  const refSize = bytes[trailer + 7] ?? 0
  const objectCount = uint(bytes, trailer + 8, 8)
  const topObject = uint(bytes, trailer + 16, 8)
  const tableOffset = uint(bytes, trailer + 24, 8)
  if (
    offsetSize < 1 ||
    offsetSize > 8 ||
    refSize < 1 ||
    refSize > 8 ||
    objectCount < 1 ||
    topObject >= objectCount ||
    tableOffset < 9 ||
    tableOffset + objectCount * offsetSize > trailer
  ) {
    throw new PlistError('binary plist has a damaged trailer')
  }
  const offsets: number[] = []
  for (let i = 0; i < objectCount; i++) {
    const offset = uint(bytes, tableOffset + i * offsetSize, offsetSize)
    if (offset < 8 || offset >= tableOffset)
      throw new PlistError(`binary plist object ${i} lies outside the file`)
    offsets.push(offset)
  }

  const budget = new Budget(limits)
  const active = new Set<number>()
  const need = (at: number, length: number): void => {
    if (at + length > tableOffset) throw new PlistError('binary plist object runs past its data')
  }
  /** The length of an array, dict, string or data: in the marker's low nibble, or an int object after it. */
  const lengthAt = (at: number, nibble: number): [length: number, start: number] => {
    if (nibble !== 0x0f) return [nibble, at + 1]
    need(at + 1, 1)
    const marker = bytes[at + 1] ?? 0
    if (marker >> 4 !== 0x1) throw new PlistError('binary plist has a malformed length')
    const size = 1 << (marker & 0x0f)
    if (size > 8) throw new PlistError('binary plist has a malformed length')
    need(at + 2, size)
    return [uint(bytes, at + 2, size), at + 2 + size]
  }
  const refAt = (at: number): number => {
    const ref = uint(bytes, at, refSize)
    if (ref >= objectCount) throw new PlistError('binary plist refers to an object that does not exist')
    return ref
  }

  const read = (index: number, depth: number): PlistValue => {
    budget.enter(depth)
    if (active.has(index)) throw new PlistError('binary plist has an object that contains itself')
    const at = offsets[index] ?? 0
    const marker = bytes[at] ?? 0
    const type = marker >> 4
    const nibble = marker & 0x0f
    switch (type) {
      case 0x0:
        if (marker === 0x08) return false
        if (marker === 0x09) return true
        throw new PlistError(`binary plist has an unsupported value (marker 0x${marker.toString(16)})`)
      case 0x1: {
        const size = 1 << nibble
        if (size > 16) throw new PlistError('binary plist has a malformed integer')
        need(at + 1, size)
        // 16-byte integers are unsigned; the low 8 bytes carry any value a plist writer produces.
        if (size === 16) return Number(bytes.readBigUInt64BE(at + 9))
        return size === 8 ? Number(bytes.readBigInt64BE(at + 1)) : uint(bytes, at + 1, size)
      }
      case 0x2: {
        const size = 1 << nibble
        need(at + 1, size)
        if (size === 4) return bytes.readFloatBE(at + 1)
        if (size === 8) return bytes.readDoubleBE(at + 1)
        throw new PlistError('binary plist has a malformed real number')
      }
      case 0x3:
        need(at + 1, 8)
        return new Date(EPOCH_2001_MS + bytes.readDoubleBE(at + 1) * 1000)
      case 0x4: {
        const [length, start] = lengthAt(at, nibble)
        need(start, length)
        return Uint8Array.from(bytes.subarray(start, start + length))
      }
      case 0x5: {
        const [length, start] = lengthAt(at, nibble)
        need(start, length)
        return bytes.toString('latin1', start, start + length)
      }
      case 0x6: {
        const [length, start] = lengthAt(at, nibble)
        need(start, length * 2)
        return Buffer.from(bytes.subarray(start, start + length * 2))
          .swap16()
          .toString('utf16le')
      }
      case 0x8:
        need(at + 1, nibble + 1)
        return uint(bytes, at + 1, nibble + 1)
      case 0xa:
      case 0xd: {
        const [count, start] = lengthAt(at, nibble)
        const refs = type === 0xd ? count * 2 : count
        need(start, refs * refSize)
        active.add(index)
        try {
          if (type === 0xa) {
            const array: PlistValue[] = []
            for (let i = 0; i < count; i++) array.push(read(refAt(start + i * refSize), depth + 1))
            return array
          }
          const dict = newDict()
          for (let i = 0; i < count; i++) {
            const key = read(refAt(start + i * refSize), depth + 1)
            if (typeof key !== 'string')
              throw new PlistError('binary plist has a dictionary key that is not a string')
            dict[key] = read(refAt(start + (count + i) * refSize), depth + 1)
          }
          return dict
        } finally {
          active.delete(index)
        }
      }
      default:
        throw new PlistError(`binary plist has an unsupported value (marker 0x${marker.toString(16)})`)
    }
  }
  return read(topObject, 0)
}

/** A big-endian unsigned integer of 1 to 8 bytes, refused when past 2^53. */
function uint(bytes: Buffer, at: number, size: number): number {
  if (at + size > bytes.length) throw new PlistError('binary plist is truncated')
  let value = 0n
  for (let i = 0; i < size; i++) value = (value << 8n) | BigInt(bytes[at + i] ?? 0)
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new PlistError('binary plist has an out-of-range number')
  return Number(value)
}

// ---- XML: https://www.apple.com/DTDs/PropertyList-1.0.dtd ----

async function parseXmlPlist(text: string, limits: PlistLimits): Promise<PlistValue> {
  const trimmed = text.trimStart()
  if (trimmed.startsWith('{') || trimmed.startsWith('(')) {
    throw new PlistError('is an old-style (OpenStep) property list; expected a binary or XML plist')
  }
  const { XmlError, childElements, ownText, parseXml } = await import('./xml.js')
  let root: XmlElement
  try {
    root = parseXml(text)
  } catch (err) {
    if (err instanceof XmlError) throw new PlistError(err.message)
    throw err
  }
  if (root.nodeName !== 'plist') throw new PlistError(`root element is <${root.nodeName}>, not <plist>`)
  const [top, ...more] = childElements(root)
  if (top === undefined || more.length > 0) throw new PlistError('<plist> must hold exactly one value')
  const budget = new Budget(limits)

  const value = (element: XmlElement, depth: number): PlistValue => {
    budget.enter(depth)
    const text = ownText(element)
    switch (element.nodeName) {
      case 'string':
        return text
      case 'integer':
        if (!/^\s*[+-]?\d+\s*$/.test(text))
          throw new PlistError(`<integer> holds "${text.trim().slice(0, 40)}"`)
        return Number(text)
      case 'real': {
        const number = Number(text)
        if (text.trim() === '' || Number.isNaN(number)) throw new PlistError('<real> holds no number')
        return number
      }
      case 'true':
        return true
      case 'false':
        return false
      case 'date': {
        const date = new Date(text.trim())
        if (Number.isNaN(date.getTime())) throw new PlistError('<date> holds no date')
        return date
      }
      case 'data':
        return Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'base64'))
      case 'array':
        return childElements(element).map((child) => value(child, depth + 1))
      case 'dict': {
        const dict = newDict()
        const children = childElements(element)
        for (let i = 0; i < children.length; i += 2) {
          const key = children[i]
          const item = children[i + 1]
          if (key?.nodeName !== 'key') throw new PlistError('<dict> must alternate <key> and a value')
          if (item === undefined || item.nodeName === 'key') {
            throw new PlistError(`<dict> has no value for the key "${ownText(key).slice(0, 40)}"`)
          }
          dict[ownText(key)] = value(item, depth + 1)
        }
        return dict
      }
      default:
        throw new PlistError(`<${element.nodeName}> is not a property list value`)
    }
  }
  return value(top, 0)
}

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
    return swapped.swap16().toString('utf16le')
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  return new TextDecoder('utf-8').decode(bytes) // TextDecoder drops a UTF-8 BOM
}
