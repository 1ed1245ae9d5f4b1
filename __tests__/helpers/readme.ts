import { expect } from '@jest/globals'
import { readFileSync } from 'node:fs'

const readme = readFileSync('README.md', 'utf8')

/** Rows of the Markdown table that follows a heading: first cell (without backticks) → other cells. */
export function tableAfter(heading: string): Map<string, string[]> {
  const start = readme.indexOf(`\n${heading}\n`)
  expect(start).toBeGreaterThanOrEqual(0)
  const rows = new Map<string, string[]>()
  const lines = readme.slice(start + heading.length + 2).split('\n')
  let inTable = false
  for (const line of lines) {
    if (!line.startsWith('|')) {
      if (inTable) break
      continue
    }
    inTable = true
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim())
    const name = (cells[0] ?? '').replace(/`/g, '')
    if (name === '' || /^-+$/.test(name) || ['Input', 'Output'].includes(name)) continue
    rows.set(name, cells.slice(1))
  }
  return rows
}
