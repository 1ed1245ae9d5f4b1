import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

// Most tests run the committed dist/, so a test run must never use a bundle older than src/. mtimes
// cannot tell (a git checkout sets them arbitrarily), so `npm run build` records a hash of what the
// bundle is built from, and a test run compares it with the tree. The record is a function of src/ and
// the lock file only, so a fresh build in CI writes the same bytes and the dist/ comparison holds.

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
/** Inside dist/ and committed with it: deterministic, so `.ci/run` sees no difference after a build. */
export const RECORD = join(repoRoot, 'dist/source-hash.txt')

/** SHA-256 over src/ (every file, by path) and package-lock.json, with line endings normalized. */
export function sourceHash(root = repoRoot): string {
  const hash = createHash('sha256')
  const files = [...listFiles(join(root, 'src')), join(root, 'package-lock.json')]
  for (const file of files) {
    const text = readFileSync(file, 'utf8').replace(/\r\n/g, '\n')
    hash.update(`${relative(root, file).split(sep).join('/')}\0${text}\0`)
  }
  return hash.digest('hex')
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name)
      return entry.isDirectory() ? listFiles(path) : [path]
    })
    .sort()
}

/** What `npm run build` ends with. */
export function recordSourceHash(): void {
  writeFileSync(RECORD, `${sourceHash()}\n`)
}

/** Whether dist/ was built from the source as it is now. */
export function distIsFresh(): boolean {
  return existsSync(RECORD) && readFileSync(RECORD, 'utf8').trim() === sourceHash()
}

/**
 * Builds dist/ when src/ or the lock file changed since it was built; throws when the build fails,
 * so no test runs an old bundle. Costs a hash of ~100 small files when nothing changed.
 */
export function ensureFreshDist(): void {
  if (distIsFresh()) return
  console.log('dist/ was not built from the current src/ and package-lock.json: running npm run build.')
  // npm is a .cmd on Windows, which Node starts only through a shell.
  const build = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: repoRoot,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  })
  if (build.status !== 0 || !distIsFresh()) {
    throw new Error('dist/ is older than src/ and `npm run build` failed: fix the build, then test again.')
  }
}

/** jest's globalSetup: before any test file, however jest is started, dist/ is the build of src/. */
export default ensureFreshDist

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv[2] === 'record') recordSourceHash()
  else ensureFreshDist()
}
