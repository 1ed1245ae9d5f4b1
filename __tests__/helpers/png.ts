import { crc32, deflateSync } from 'node:zlib'

/**
 * A valid PNG of one solid RGB colour (no alpha), small on disk however large: the rows compress to
 * almost nothing. `alpha` makes an RGBA one, which App Store Connect refuses.
 */
export function solidPng(
  width: number,
  height: number,
  rgb: [number, number, number],
  alpha = false,
): Buffer {
  const channels = alpha ? 4 : 3
  const row = Buffer.alloc(1 + width * channels)
  for (let x = 0; x < width; x++) {
    row[1 + x * channels] = rgb[0]
    row[2 + x * channels] = rgb[1]
    row[3 + x * channels] = rgb[2]
    if (alpha) row[4 + x * channels] = 255
  }
  const raw = Buffer.concat(Array.from({ length: height }, () => row))
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header[8] = 8 // bit depth
  header[9] = alpha ? 6 : 2 // colour type: RGBA or RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}
