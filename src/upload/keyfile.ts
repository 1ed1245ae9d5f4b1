import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pkcs8Pem } from '../asc/key.js'
import { addCleanupPath } from '../state.js'

export interface KeyFile {
  /** The directory to pass as API_PRIVATE_KEYS_DIR. */
  dir: string
  path: string
}

/**
 * Writes the API key where altool looks for it: a fresh directory under RUNNER_TEMP (0700) holding
 * only `<fileName>` (0600), with the key's own PKCS#8 bytes as Apple issued them (a re-export by Node drops
 * the curve parameters inside the EC key). The directory is registered with the post step before the key is written,
 * so even a run killed right after writing leaves nothing behind.
 */
export async function writeKeyFile(pkcs8Der: Buffer, fileName: string): Promise<KeyFile> {
  const base = process.env.RUNNER_TEMP || tmpdir()
  const dir = await mkdtemp(join(base, 'asc-altool-key-'))
  addCleanupPath(dir)
  const path = join(dir, fileName)
  try {
    await chmod(dir, 0o700)
    await writeFile(path, pkcs8Pem(pkcs8Der), { mode: 0o600, flag: 'wx' })
    // The umask may narrow writeFile's mode; state it exactly.
    await chmod(path, 0o600)
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return { dir, path }
}

export async function removeKeyFile(file: KeyFile): Promise<void> {
  await rm(file.dir, { recursive: true, force: true })
}
