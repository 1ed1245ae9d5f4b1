import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { RECORD, distIsFresh, sourceHash } from '../scripts/dist-freshness.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

describe('the dist/ the tests run', () => {
  it('is the build of the current src/ and lock file (jest’s globalSetup rebuilt it if not)', () => {
    expect(readFileSync(RECORD, 'utf8').trim()).toBe(sourceHash())
    expect(distIsFresh()).toBe(true)
  })

  it('is stale once any file of src/ or the lock file changes, whatever the line endings', () => {
    const root = mkdtempSync(join(tmpdir(), 'dist-freshness-'))
    try {
      mkdirSync(join(root, 'src/upload'), { recursive: true })
      writeFileSync(join(root, 'src/main.ts'), 'export const a = 1\n')
      writeFileSync(join(root, 'src/upload/api.ts'), 'export const b = 2\n')
      writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3}\n')
      const built = sourceHash(root)

      // A checkout on Windows (CRLF) builds the same bundle: the same hash.
      writeFileSync(join(root, 'src/main.ts'), 'export const a = 1\r\n')
      expect(sourceHash(root)).toBe(built)

      writeFileSync(join(root, 'src/upload/api.ts'), 'export const b = 3\n')
      expect(sourceHash(root)).not.toBe(built)
      writeFileSync(join(root, 'src/upload/api.ts'), 'export const b = 2\n')
      expect(sourceHash(root)).toBe(built)

      writeFileSync(join(root, 'src/upload/new.ts'), '')
      expect(sourceHash(root)).not.toBe(built)
      rmSync(join(root, 'src/upload/new.ts'))

      writeFileSync(join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n')
      expect(sourceHash(root)).not.toBe(built)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  })
})

describe('the post step bundle', () => {
  // It removes a folder and may write a summary: nothing else should load when every job ends.
  it('holds only our own modules, no dependency (no @actions/core and its undici, no zod, jose or client)', () => {
    const map = JSON.parse(readFileSync(join(repoRoot, 'dist/post/index.js.map'), 'utf8')) as {
      sources: string[]
    }
    const modules = map.sources.filter(
      (source) => !source.startsWith('../webpack/') && !/external /.test(source),
    )
    expect(modules.filter((source) => !/^(\.\.\/)+\.\/src\//.test(source))).toEqual([])
    expect(modules).toContainEqual(expect.stringMatching(/src\/cleanup\.ts$/))
    expect(statSync(join(repoRoot, 'dist/post/index.js')).size).toBeLessThan(64 * 1024)
  })

  it('starts without the summary code, which only a stopped run needs (a chunk)', () => {
    const map = JSON.parse(readFileSync(join(repoRoot, 'dist/post/index.js.map'), 'utf8')) as {
      sources: string[]
    }
    expect(map.sources).toContainEqual(expect.stringMatching(/src\/state\.ts$/))
    expect(map.sources.filter((source) => /src\/report\/(summary|sections\/)/.test(source))).toEqual([])
  })
})

/** The modules a bundle file of dist/ holds, from its source map, without webpack's runtime and Node's own. */
function bundledModules(file: string): string[] {
  const map = JSON.parse(readFileSync(join(repoRoot, 'dist', `${file}.map`), 'utf8')) as { sources: string[] }
  return map.sources.filter((source) => !source.startsWith('../webpack/') && !/external /.test(source))
}

describe('the main bundle up to the first request', () => {
  // Start-up is mostly compiling what dist/index.js holds (README "Performance"): what only some runs need is
  // a chunk loaded when needed.
  it('holds no @actions package: @actions/core and its undici load only to write outputs and a failure', () => {
    const modules = bundledModules('index.js')
    expect(modules).toContainEqual(expect.stringMatching(/src\/main\.ts$/))
    expect(modules.filter((source) => source.includes('/node_modules/@actions/'))).toEqual([])
    const chunks = readdirSync(join(repoRoot, 'dist')).filter((file) => /^\d+\.index\.js$/.test(file))
    expect(chunks.some((chunk) => bundledModules(chunk).some((s) => s.includes('@actions/core/')))).toBe(true)
  })
})
