import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { runAction } from '../scripts/run-action.js'
import { escapeMarkdown } from '../src/report/markdown.js'
import { runLogger, failRun, registerSecret } from '../src/report/log.js'
import { neutraliseCommands, redactSecrets } from '../src/report/untrusted.js'
import { startWorld, type World } from './helpers/world.js'

/** The lines of a log the runner would take as workflow commands (its v2 `::` and legacy `##[` forms). */
function commandLines(log: string, except: RegExp = /^::(add-mask|group|endgroup|debug)::/): string[] {
  return log
    .split(/\r\n|\r|\n/)
    .filter((line) => /^\s*::/.test(line) || line.includes('##['))
    .filter((line) => !except.test(line.trim()))
}

const HOSTILE =
  'x\n::error title=Injected::from outside\r::stop-commands::pwned\n  ::warning::indented\n##[error]legacy'

describe('neutraliseCommands', () => {
  it('leaves no line the runner would run as a command, and the text reads the same', () => {
    const safe = neutraliseCommands(HOSTILE)
    expect(commandLines(safe, /^$/)).toEqual([])
    expect(safe.replaceAll('\u200b', '')).toBe(HOSTILE.replace('\r', '\n'))
    expect(neutraliseCommands('Uploaded 100% (12 MB): a::b ##x')).toBe('Uploaded 100% (12 MB): a::b ##x')
  })

  it('is applied by the Logger of a run and by the step failure', async () => {
    const written: string[] = []
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
    try {
      runLogger.info(HOSTILE)
      runLogger.warning(HOSTILE)
      await failRun(HOSTILE)
    } finally {
      spy.mockRestore()
      process.exitCode = undefined
    }
    expect(commandLines(written.join(''), /^::(warning|error)::/)).toEqual([])
    expect(written.join('')).toContain('x\n:\u200b:error title=Injected::from outside')
  })
})

describe('secrets in the summary', () => {
  it('are taken out before escaping, so an escaped secret cannot slip past its mask', () => {
    const token = 'tok_en+secret_value'
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
    try {
      registerSecret(token)
    } finally {
      spy.mockRestore()
    }
    const summary = escapeMarkdown(`Apple said: bad token ${token}.`)
    expect(summary).toBe('Apple said: bad token \\*\\*\\*.')
    expect(summary).not.toContain('tok\\_en')
    expect(redactSecrets(`${token}${token}`)).toBe('******')
  })
})

describe('through dist/', () => {
  let world: World
  beforeAll(async () => {
    world = await startWorld()
  })
  afterAll(async () => {
    await world.close()
  })

  it('never turns an app or group name from App Store Connect into a workflow command, in a dry run', async () => {
    const bundleId = 'com.example.hostile'
    const app = world.sim.store.createApp({ bundleId, name: `Hostile ${HOSTILE}` })
    world.sim.store.createBetaGroup({ appId: app.id, name: `Group ${HOSTILE}`, isInternalGroup: true })
    const result = await runAction({
      inputs: {
        ...world.inputs,
        upload_method: 'none',
        ipa_path: '',
        bundle_id: bundleId,
        app_version: '1.0',
        build_number: '1',
        platform: 'ios',
        dry_run: 'true',
        beta_groups: 'Nobody',
      },
      env: world.env,
    })
    expect(result.exitCode).toBe(1)
    expect(result.log).toContain('Group x')
    expect(result.log).toContain(':\u200b:stop-commands::pwned')
    expect(commandLines(result.log, /^::(add-mask|group|endgroup|debug|error)::/)).toEqual([])
    expect(result.summary).not.toMatch(/^::/m)
  })
})
