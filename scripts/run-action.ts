import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { node24Path } from './node24.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/**
 * When set (scripts/test.ts sets it), every run of dist/ writes its V8 coverage of the bundle there
 * (scripts/dist-coverage.mjs), for scripts/coverage.ts to map back to src/ through the source maps.
 */
export const CHILD_COVERAGE_ENV = 'RUN_ACTION_COVERAGE_DIR'
const coveragePreload = pathToFileURL(join(repoRoot, 'scripts/dist-coverage.mjs')).href

export interface ActionRun {
  exitCode: number | null
  /** stdout and stderr of main, in order. */
  log: string
  postExitCode: number | null
  postLog: string
  outputs: Record<string, string>
  summary: string
  runnerTemp: string
}

export interface RunActionOptions {
  /** Inputs by name, as a workflow's `with:` gives them. */
  inputs: Record<string, string>
  /** A companion action to run (dist/<name>/index.js, which has no post step) instead of the main one. */
  companion?: 'next-build-number' | 'release'
  env?: Record<string, string>
  /** The Node binary: Node 24 by default, as GitHub runs it. */
  node?: string
  runPost?: boolean
  /** Polled while main runs: when it returns true, main gets `killSignal`. */
  killWhen?: () => boolean
  /** SIGKILL (the default) as a crashed runner; SIGINT or SIGTERM as GitHub sends on cancelling a run. */
  killSignal?: NodeJS.Signals
  cwd?: string
}

/**
 * Runs dist/index.js and then dist/post/index.js the way the GitHub runner does: INPUT_* variables,
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY / GITHUB_STATE files, RUNNER_TEMP, and STATE_* for the post step.
 */
export async function runAction(options: RunActionOptions): Promise<ActionRun> {
  const work = await mkdtemp(join(tmpdir(), 'asc-action-'))
  const runnerTemp = join(work, 'runner-temp')
  await mkdir(runnerTemp)
  const files = {
    GITHUB_OUTPUT: join(work, 'output'),
    GITHUB_STEP_SUMMARY: join(work, 'summary'),
    GITHUB_STATE: join(work, 'state'),
  }
  for (const file of Object.values(files)) await writeFile(file, '')

  const inputEnv = Object.fromEntries(
    Object.entries(options.inputs).map(([name, value]) => [
      `INPUT_${name.replace(/ /g, '_').toUpperCase()}`,
      value,
    ]),
  )
  const baseEnv: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? work,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'example/app',
    GITHUB_RUN_ID: '1234567890',
    GITHUB_WORKSPACE: options.cwd ?? repoRoot,
    ...files,
  }
  const coverageDir = process.env[CHILD_COVERAGE_ENV]
  if (coverageDir) baseEnv[CHILD_COVERAGE_ENV] = coverageDir
  const node = options.node ?? defaultNode()
  const main = await spawnNode(
    node,
    join(repoRoot, options.companion ? `dist/${options.companion}/index.js` : 'dist/index.js'),
    { ...baseEnv, ...inputEnv, ...options.env },
    options.cwd,
    options.killWhen && { when: options.killWhen, signal: options.killSignal ?? 'SIGKILL' },
  )

  let post: { code: number | null; log: string } = { code: null, log: '' }
  if (options.runPost ?? options.companion === undefined) {
    const state = parseFileCommands(await readFile(files.GITHUB_STATE, 'utf8'))
    const stateEnv = Object.fromEntries(Object.entries(state).map(([k, v]) => [`STATE_${k}`, v]))
    post = await spawnNode(
      node,
      join(repoRoot, 'dist/post/index.js'),
      { ...baseEnv, ...inputEnv, ...options.env, ...stateEnv },
      options.cwd,
    )
  }

  const result: ActionRun = {
    exitCode: main.code,
    log: main.log,
    postExitCode: post.code,
    postLog: post.log,
    outputs: parseFileCommands(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
    runnerTemp,
  }
  await rm(work, { recursive: true, force: true })
  return result
}

/** GitHub runs the bundle on Node 24: every run uses it, wherever the tests run (see node24.ts). */
export function defaultNode(): string {
  return node24Path()
}

function spawnNode(
  node: string,
  script: string,
  env: Record<string, string>,
  cwd: string | undefined,
  kill?: { when: () => boolean; signal: NodeJS.Signals },
): Promise<{ code: number | null; log: string }> {
  return new Promise((resolvePromise, reject) => {
    const args = env[CHILD_COVERAGE_ENV] ? ['--import', coveragePreload, script] : [script]
    const child = spawn(node, args, { env, cwd: cwd ?? repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    const watch = kill && setInterval(() => kill.when() && child.kill(kill.signal), 20)
    child.on('exit', () => clearInterval(watch))
    let log = ''
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, log }))
  })
}

/**
 * Reads GITHUB_OUTPUT and GITHUB_STATE as the runner does: `name<<delimiter` blocks (what @actions/core
 * writes) and single-line `name=value` (what src/state.ts writes); a later value of a name wins.
 */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const single = /^([^<=]+)=(.*)$/.exec(lines[i] ?? '')
    if (single) {
      values[single[1] ?? ''] = single[2] ?? ''
      continue
    }
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match as unknown as [string, string, string]
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '')
    values[name] = value.join('\n')
  }
  return values
}
