import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

// `npm run demo` is the README's second command: it must pass on a fresh clone, as the tests do.
describe('npm run demo', () => {
  it('runs every scenario to exit code 0: dry run, TestFlight release, its rerun, App Store submission', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const code = await new Promise<number | null>((done) => child.on('close', done))
    const endings = [...out.matchAll(/requests reached the simulator; exit code (\d+)/g)].map((m) => m[1])
    expect({ code, endings }).toEqual({ code: 0, endings: ['0', '0', '0', '0'] })
    expect(out).not.toContain('outside the spec')
    // The rerun finds the release done: it uploads nothing and changes nothing.
    const rerun = out.slice(out.indexOf('════════ Rerun of the same release')).split('\n════════ ')[0] ?? ''
    expect(rerun).toContain('is already in App Store Connect (processing state VALID): nothing to upload.')
    expect(rerun).toContain('Beta App Review: already submitted')
  }, 60_000)
})
