import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { node24Path } from './node24.js'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

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
  env?: Record<string, string>
  /** The Node binary: Node 24 by default, as GitHub runs it. */
  node?: string
  runPost?: boolean
  /** Polled while main runs: when it returns true, main is killed (SIGKILL), as a crashed runner would be. */
  killWhen?: () => boolean
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
  const node = options.node ?? defaultNode()
  const main = await spawnNode(
    node,
    join(repoRoot, 'dist/index.js'),
    { ...baseEnv, ...inputEnv, ...options.env },
    options.cwd,
    options.killWhen,
  )

  let post: { code: number | null; log: string } = { code: null, log: '' }
  if (options.runPost ?? true) {
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
  killWhen?: () => boolean,
): Promise<{ code: number | null; log: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(node, [script], { env, cwd: cwd ?? repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    const watch = killWhen && setInterval(() => killWhen() && child.kill('SIGKILL'), 20)
    child.on('exit', () => clearInterval(watch))
    let log = ''
    child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code, log }))
  })
}

/** Reads the `name<<delimiter` blocks that @actions/core writes to GITHUB_OUTPUT and GITHUB_STATE. */
export function parseFileCommands(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '')
    if (!match) continue
    const [, name, delimiter] = match as unknown as [string, string, string]
    const value: string[] = []
    while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] ?? '')
    values[name] = value.join('\n')
  }
  return values
}
