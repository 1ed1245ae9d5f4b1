/**
 * Writes dist/licenses.txt for every chunk of every bundle in dist/. ncc's --license writes that file once per chunk,
 * so with lazily imported chunks the last chunk's list replaced the main bundle's. This reads the packages
 * from all of dist/'s source maps and writes them in ncc's format (name, licence, text; sorted by name).
 *
 *   tsx scripts/licenses.ts [distDir]     # run by `npm run build` after ncc
 */
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const dist = resolve(process.argv[2] ?? join(repoRoot, 'dist'))

/** `…/node_modules/@scope/name/lib/x.js` → `node_modules/@scope/name` (the innermost package). */
function packageDir(source: string): string | undefined {
  const at = source.lastIndexOf('node_modules/')
  if (at < 0) return undefined
  const parts = source.slice(at + 'node_modules/'.length).split('/')
  const name = parts[0]?.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]
  return name ? join(source.slice(0, at).replace(/^(\.\.?\/)+/, ''), 'node_modules', name) : undefined
}

async function licenceText(dir: string): Promise<string | undefined> {
  const names = (await readdir(dir)).filter((n) => /^licen[cs]e(\.(md|txt))?$/i.test(n)).sort()
  if (names[0] === undefined) return undefined
  return (await readFile(join(dir, names[0]), 'utf8')).replace(/\r\n/g, '\n')
}

const dirs = new Set<string>()
// Every bundle's maps: the main action's and its chunks, the post step's and the companions' (dist/<name>/).
const maps = (await readdir(dist, { recursive: true })).filter((n) => n.endsWith('.js.map'))
for (const map of maps) {
  const { sources } = JSON.parse(await readFile(join(dist, map), 'utf8')) as { sources: string[] }
  for (const source of sources) {
    const dir = packageDir(source)
    if (dir) dirs.add(dir)
  }
}
const entries = new Map<string, string>()
for (const dir of dirs) {
  const pkg = JSON.parse(await readFile(join(repoRoot, dir, 'package.json'), 'utf8')) as {
    name: string
    license?: string
  }
  if (entries.has(pkg.name)) continue // two versions of one package: one notice, as ncc writes it
  const text = await licenceText(join(repoRoot, dir))
  entries.set(pkg.name, `${pkg.name}\n${pkg.license ?? ''}\n${text ?? ''}`)
}
const sorted = [...entries.keys()].sort().map((name) => entries.get(name) ?? '')
await writeFile(join(dist, 'licenses.txt'), sorted.join('\n\n'))
