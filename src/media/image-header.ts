// The pixel size of a PNG or JPEG from its first bytes: the only thing the action needs from an image, so
// no image library is loaded. PNG: the IHDR chunk right after the signature. JPEG: the first start-of-frame
// marker, found by walking the segments.

export interface ImageHeader {
  format: 'png' | 'jpeg'
  width: number
  height: number
  /** PNG colour types 4 and 6 carry an alpha channel, which App Store Connect refuses in screenshots. */
  alpha: boolean
}

/** How many leading bytes to read: a JPEG's frame header may follow a large EXIF or ICC segment. */
export const IMAGE_HEADER_BYTES = 256 * 1024

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function readImageHeader(head: Buffer): ImageHeader | undefined {
  if (head.length >= 26 && head.subarray(0, 8).equals(PNG_SIGNATURE)) {
    if (head.toString('latin1', 12, 16) !== 'IHDR') return undefined
    const colourType = head[25] ?? 0
    return {
      format: 'png',
      width: head.readUInt32BE(16),
      height: head.readUInt32BE(20),
      alpha: colourType === 4 || colourType === 6,
    }
  }
  if (head.length >= 4 && head[0] === 0xff && head[1] === 0xd8) return readJpegFrame(head)
  return undefined
}

/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size. */
const isStartOfFrame = (marker: number): boolean =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc

function readJpegFrame(head: Buffer): ImageHeader | undefined {
  let at = 2
  while (at + 4 <= head.length) {
    if (head[at] !== 0xff) return undefined
    const marker = head[at + 1] ?? 0
    if (marker === 0xff) {
      at += 1 // fill byte
      continue
    }
    const length = head.readUInt16BE(at + 2)
    if (isStartOfFrame(marker)) {
      if (at + 9 > head.length) return undefined
      return {
        format: 'jpeg',
        height: head.readUInt16BE(at + 5),
        width: head.readUInt16BE(at + 7),
        alpha: false,
      }
    }
    at += 2 + length
  }
  return undefined
}
