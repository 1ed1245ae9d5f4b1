import { describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { INPUT_NAMES } from '../src/settings/inputs.js'
import { OUTPUT_NAMES } from '../src/report/model.js'
import { tableAfter } from './helpers/readme.js'

interface ActionYml {
  runs: { using: string; main: string; post: string }
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}
const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml

describe('the public contract', () => {
  it('action.yml runs on node24 with a post step', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js', post: 'dist/post/index.js' })
  })

  it('action.yml declares exactly the inputs the code reads, each described', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort())
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(`${name}: ${input.description.trim()}`).not.toBe(`${name}: `)
    }
    expect(action.inputs.api_key?.required).toBe(true)
    expect(action.inputs.key_id?.required).toBe(true)
  })

  it('action.yml declares exactly the outputs the code sets, each described', () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUT_NAMES].sort())
    for (const output of Object.values(action.outputs)) expect(output.description.trim()).not.toBe('')
  })

  it('the README inputs table matches action.yml, defaults included', () => {
    const rows = tableAfter('### Inputs')
    expect([...rows.keys()].sort()).toEqual(Object.keys(action.inputs).sort())
    for (const [name, input] of Object.entries(action.inputs)) {
      const [required, defaultCell] = rows.get(name) ?? []
      expect(`${name} required: ${required ?? ''}`).toBe(`${name} required: ${input.required ? 'yes' : 'no'}`)
      const shown = (defaultCell ?? '').replace(/`/g, '')
      expect(`${name} default: ${shown}`).toBe(`${name} default: ${input.default ?? ''}`)
    }
  })

  it('the README outputs table matches action.yml', () => {
    expect([...tableAfter('### Outputs').keys()].sort()).toEqual(Object.keys(action.outputs).sort())
  })

  it('the repository has the licence package.json names, with its copyright line', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { license: string }
    const licence = readFileSync('LICENSE', 'utf8')
    expect(pkg.license).toBe('MIT')
    expect(licence).toMatch(
      /^MIT License\n\nCopyright \(c\) 2026 The app-store-connect-release-action authors\n/,
    )
    expect(readFileSync('README.md', 'utf8')).toContain('[MIT](LICENSE)')
  })

  it("the simulator's copy of Apple's OpenAPI spec is unmodified", () => {
    const hash = createHash('sha256')
      .update(readFileSync('simulator/openapi/app-store-connect-openapi.json'))
      .digest('hex')
    expect(hash).toBe('17999d2293c53d45eed4a1a2e658558112fb0092e9a0784673ef8a3a20ede12e')
  })
})
