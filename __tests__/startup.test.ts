import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { runAction } from '../scripts/run-action.js'
import { startWorld, type World } from './helpers/world.js'

// Start-up is mostly compiling and evaluating what a run loads (README "Performance"). These tests run dist/ as
// GitHub does, with a preload that lists every module the run loads and marks the first HTTP request.

const distDir = resolve(dirname(fileURLToPath(import.meta.url)), '../dist')

const PRELOAD = `
import { subscribe } from 'node:diagnostics_channel'
import { appendFileSync } from 'node:fs'
import { registerHooks } from 'node:module'
const log = process.env.LOADED_MODULES_LOG
registerHooks({
  load(url, context, nextLoad) {
    appendFileSync(log, url + '\\n')
    return nextLoad(url, context)
  },
})
// Every request, http or https; and whether node:https (with TLS) was loaded by then.
subscribe('http.client.request.start', () => {
  appendFileSync(log, 'REQUEST\\n')
  if (process.moduleLoadList.includes('NativeModule https')) appendFileSync(log, 'HTTPS LOADED\\n')
})
`

let world: World
let preload: string

beforeAll(async () => {
  world = await startWorld()
  preload = join(world.dir, 'list-loaded-modules.mjs')
  await writeFile(preload, PRELOAD)
})
afterAll(async () => {
  await world.close()
})

/** The dist/ files a run loaded before its first request and after it, and what each holds (its source map). */
async function loadedFiles(inputs: Record<string, string>) {
  const log = join(world.dir, `loaded-${Date.now()}.log`)
  await writeFile(log, '')
  const run = await runAction({
    inputs: { ...world.inputs, ...inputs },
    env: { ...world.env, LOADED_MODULES_LOG: log, NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` },
    runPost: false,
  })
  expect(run.exitCode).toBe(0)
  const lines = (await readFile(log, 'utf8')).split('\n')
  const firstRequest = lines.indexOf('REQUEST')
  expect(firstRequest).toBeGreaterThan(0)
  const inDist = (urls: string[]) =>
    urls
      .filter((url) => url.startsWith('file:') && fileURLToPath(url).startsWith(distDir))
      .map((url) => fileURLToPath(url))
  return {
    before: inDist(lines.slice(0, firstRequest)),
    after: inDist(lines.slice(firstRequest)),
    httpsAtFirstRequest: lines[firstRequest + 1] === 'HTTPS LOADED',
  }
}

function sourcesOf(files: string[]): string[] {
  return files.flatMap(
    (file) => (JSON.parse(readFileSync(`${file}.map`, 'utf8')) as { sources: string[] }).sources,
  )
}

describe('start-up, from dist/ as GitHub runs it', () => {
  it('loads neither @actions/core (nor its undici) nor the XML parser before the first request', async () => {
    const { before, after } = await loadedFiles({ wait_for_processing: 'false' })
    expect(before.map((file) => basename(file))).toContain('index.js')
    const early = sourcesOf(before)
    expect(early).toContainEqual(expect.stringMatching(/src\/package\/ipa\.ts$/))
    expect(early.filter((source) => /node_modules\/(@actions|undici|@xmldom)\//.test(source))).toEqual([])
    // @actions/core is still how outputs, the summary and a failure are written: loaded once they are.
    expect(sourcesOf(after)).toContainEqual(expect.stringMatching(/node_modules\/@actions\/core\//))
  })

  it('loads node:https (and TLS) only for an https URL: the simulator is plain HTTP', async () => {
    const { httpsAtFirstRequest } = await loadedFiles({ wait_for_processing: 'false' })
    expect(httpsAtFirstRequest).toBe(false)
  })
})
