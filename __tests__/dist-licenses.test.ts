import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const dist = 'dist'

/** The packages whose code is in a bundle file, read from its source map. */
function bundledPackages(mapFile: string): string[] {
  const { sources } = JSON.parse(readFileSync(join(dist, mapFile), 'utf8')) as { sources: string[] }
  const names = sources.flatMap((source) => {
    const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(source)
    return match?.[1] ? [match[1]] : []
  })
  return [...new Set(names)].sort()
}

describe('dist/licenses.txt', () => {
  it('has a notice for every package in every chunk, lazily loaded ones included', () => {
    // Every bundle's: the main action's and its chunks, the post step's and the companions'.
    const maps = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((name) =>
      name.endsWith('.js.map'),
    )
    expect(maps.length).toBeGreaterThan(1) // the bundle and its lazily imported chunks
    const notices = new Set(readFileSync(join(dist, 'licenses.txt'), 'utf8').split('\n'))
    const missing = maps.flatMap((map) => bundledPackages(map).filter((name) => !notices.has(name)))
    expect(missing).toEqual([])
    // The .ipa parser's packages live only in a lazy chunk: they are the ones ncc alone dropped.
    expect(notices.has('yauzl') && notices.has('undici')).toBe(true)
  })
})
