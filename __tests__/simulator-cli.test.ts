import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import { createPrivateKey } from 'node:crypto'

interface Credentials {
  baseUrl: string
  keyId: string
  issuerId: string
  privateKey: string
  appId: string
  bundleId: string
}

describe('simulator CLI', () => {
  it('starts, seeds an app and groups, writes 0600 credentials and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asc-sim-cli-'))
    const credsPath = join(dir, 'creds.json')
    const child = spawn(
      process.execPath,
      [
        // tsx as a loader, not its CLI: the CLI relays signals through a second process, which under
        // load could end with the signal's own exit code before the simulator's handler ran.
        '--import',
        'tsx',
        'simulator/cli.ts',
        '--port',
        '0',
        '--bundle-id',
        'com.example.cli',
        '--credentials-out',
        credsPath,
        '--build-processing-ms',
        '10',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const line = /^(http:\/\/\S+)\n/m.exec(out)
          if (line?.[1]) resolve(line[1])
        })
        child.once('exit', (code) => {
          reject(new Error(`cli exited early with ${String(code)}`))
        })
      })
      const creds = JSON.parse(readFileSync(credsPath, 'utf8')) as Credentials
      expect(creds.baseUrl).toBe(url)
      expect(creds.bundleId).toBe('com.example.cli')
      expect(statSync(credsPath).mode & 0o777).toBe(0o600)
      const now = Math.floor(Date.now() / 1000)
      const token = await new SignJWT({
        aud: 'appstoreconnect-v1',
        iss: creds.issuerId,
        iat: now,
        exp: now + 600,
      })
        .setProtectedHeader({ alg: 'ES256', kid: creds.keyId, typ: 'JWT' })
        .sign(createPrivateKey(creds.privateKey))
      const res = await fetch(`${url}/v1/betaGroups?filter[app]=${creds.appId}&sort=name`, {
        headers: { Authorization: `Bearer ${token}` },
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as {
        data: { attributes: { name: string; isInternalGroup: boolean } }[]
      }
      expect(body.data.map((g) => [g.attributes.name, g.attributes.isInternalGroup])).toEqual([
        ['Public Beta', false],
        ['Team', true],
      ])
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
