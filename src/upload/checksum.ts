import { createHash } from 'node:crypto'
import { open } from 'node:fs/promises'

const CHUNK_BYTES = 1024 * 1024

/**
 * The file's MD5, read in one pass through a single reused buffer (no garbage per chunk). It runs
 * alongside the part uploads (the page cache serves both), so the commit waits for no second pass.
 */
export async function md5File(path: string): Promise<string> {
  const hash = createHash('md5')
  const chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES)
  const file = await open(path, 'r')
  try {
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, CHUNK_BYTES, null)
      if (bytesRead === 0) return hash.digest('hex')
      hash.update(chunk.subarray(0, bytesRead))
    }
  } finally {
    await file.close()
  }
}
