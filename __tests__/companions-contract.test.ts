import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { NEXT_BUILD_NUMBER_INPUTS } from '../src/companions/next-build-number/settings.js'
import { RELEASE_INPUTS } from '../src/companions/release/settings.js'
import { tableAfter } from './helpers/readme.js'

interface ActionYml {
  runs: { using: string; main: string }
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}

const companions = [
  {
    name: 'next-build-number',
    inputs: NEXT_BUILD_NUMBER_INPUTS,
    outputs: ['next_build_number', 'latest_build_number', 'latest_source'],
  },
  {
    name: 'release',
    inputs: RELEASE_INPUTS,
    outputs: ['app_store_state', 'phased_release_state', 'app_store_version_id'],
  },
]

describe.each(companions)('the companion action $name', ({ name, inputs, outputs }) => {
  const file = join(name, 'action.yml')
  const action = parse(readFileSync(file, 'utf8')) as ActionYml

  it('runs its own bundle on node24, found from its folder as GitHub resolves main', () => {
    expect(action.runs).toEqual({ using: 'node24', main: `../dist/${name}/index.js` })
    expect(existsSync(join(dirname(file), action.runs.main))).toBe(true)
  })

  it('declares exactly the inputs its code reads, each described, and the outputs it sets', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...inputs].sort())
    for (const [input, { description }] of Object.entries(action.inputs))
      expect(`${input}: ${description.trim()}`).not.toBe(`${input}: `)
    expect(Object.keys(action.outputs).sort()).toEqual([...outputs].sort())
  })

  it('has README tables that match its action.yml, defaults included', () => {
    const rows = tableAfter(`#### \`${name}\` inputs`)
    expect([...rows.keys()].sort()).toEqual(Object.keys(action.inputs).sort())
    for (const [input, declared] of Object.entries(action.inputs)) {
      const [required, defaultCell] = rows.get(input) ?? []
      expect(`${input}: ${required ?? ''}, ${(defaultCell ?? '').replace(/`/g, '')}`).toBe(
        `${input}: ${declared.required ? 'yes' : 'no'}, ${declared.default ?? ''}`,
      )
    }
    expect([...tableAfter(`#### \`${name}\` outputs`).keys()].sort()).toEqual([...outputs].sort())
  })
})
