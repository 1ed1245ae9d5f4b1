import { describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
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

/** Starts the simulator CLI with these arguments and resolves with its URL once it listens. */
function startCli(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const child = spawn(
    process.execPath,
    // tsx as a loader, not its CLI: the CLI relays signals through a second process, which under load could
    // end with the signal's own exit code before the simulator's handler ran.
    ['--import', 'tsx', 'simulator/cli.ts', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    },
  )
  const url = new Promise<string>((resolve, reject) => {
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
  return { child, url }
}

/** A team key's token for the credentials the CLI wrote. */
function tokenFor(creds: Credentials): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ aud: 'appstoreconnect-v1', iss: creds.issuerId, iat: now, exp: now + 600 })
    .setProtectedHeader({ alg: 'ES256', kid: creds.keyId, typ: 'JWT' })
    .sign(createPrivateKey(creds.privateKey))
}

describe('simulator CLI', () => {
  it('starts, seeds an app and groups, writes 0600 credentials and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asc-sim-cli-'))
    const credsPath = join(dir, 'creds.json')
    const { child, url: listening } = startCli([
      '--port',
      '0',
      '--bundle-id',
      'com.example.cli',
      '--credentials-out',
      credsPath,
      '--build-processing-ms',
      '10',
    ])
    try {
      const url = await listening
      const creds = JSON.parse(readFileSync(credsPath, 'utf8')) as Credentials
      expect(creds.baseUrl).toBe(url)
      expect(creds.bundleId).toBe('com.example.cli')
      expect(statSync(credsPath).mode & 0o777).toBe(0o600)
      const token = await tokenFor(creds)
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

  it('with --build, seeds a build another job uploaded, processing until it is VALID', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asc-sim-cli-'))
    const credsPath = join(dir, 'creds.json')
    const { child, url: listening } = startCli([
      '--port',
      '0',
      '--credentials-out',
      credsPath,
      '--build-processing-ms',
      '1500',
      '--platform',
      'MAC_OS',
      '--build',
      '1.2.0:42',
    ])
    try {
      const url = await listening
      const creds = JSON.parse(readFileSync(credsPath, 'utf8')) as Credentials
      const states = async () => {
        const res = await fetch(`${url}/v1/builds?filter[app]=${creds.appId}&include=preReleaseVersion`, {
          headers: { Authorization: `Bearer ${await tokenFor(creds)}` },
        })
        const body = (await res.json()) as {
          data: { attributes: { version: string; processingState: string } }[]
          included: { attributes: { version: string; platform: string } }[]
        }
        return [
          ...body.data.map((b) => `${b.attributes.version} ${b.attributes.processingState}`),
          ...body.included.map((p) => `${p.attributes.version} ${p.attributes.platform}`),
        ]
      }
      expect(await states()).toEqual(['42 PROCESSING', '1.2.0 MAC_OS'])
      await new Promise((resolve) => setTimeout(resolve, 1600))
      expect(await states()).toEqual(['42 VALID', '1.2.0 MAC_OS'])
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('with --storage-counts-only, takes parts without writing them to disk', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'asc-sim-counting-'))
    const credsDir = mkdtempSync(join(tmpdir(), 'asc-sim-cli-'))
    const credsPath = join(credsDir, 'creds.json')
    // The storage would put its sparse files in an asc-simulator-* folder under TMPDIR (tsx caches there too).
    const { child, url } = startCli(
      ['--port', '0', '--credentials-out', credsPath, '--storage-counts-only'],
      {
        ...process.env,
        TMPDIR: scratch,
      },
    )
    try {
      await url
      const creds = JSON.parse(readFileSync(credsPath, 'utf8')) as Credentials
      const token = await tokenFor(creds)
      const post = async (
        path: string,
        body: unknown,
      ): Promise<{ data: { id: string; attributes: Record<string, unknown> } }> => {
        const res = await fetch(`${creds.baseUrl}${path}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        })
        expect(res.ok).toBe(true) // Apple answers 200 to some creates its spec declares 201 for
        return (await res.json()) as { data: { id: string; attributes: Record<string, unknown> } }
      }
      const upload = await post('/v1/buildUploads', {
        data: {
          type: 'buildUploads',
          attributes: { cfBundleShortVersionString: '1.0', cfBundleVersion: '1', platform: 'IOS' },
          relationships: { app: { data: { type: 'apps', id: creds.appId } } },
        },
      })
      const file = await post('/v1/buildUploadFiles', {
        data: {
          type: 'buildUploadFiles',
          attributes: { assetType: 'ASSET', fileName: 'App.ipa', fileSize: 1000, uti: 'com.apple.ipa' },
          relationships: { buildUpload: { data: { type: 'buildUploads', id: upload.data.id } } },
        },
      })
      const [op] = file.data.attributes['uploadOperations'] as { url: string; method: string }[]
      if (!op) throw new Error('no upload operation')
      const headers = { 'Content-Type': 'application/octet-stream' }
      // Lengths are still checked; the right length is taken.
      expect((await fetch(op.url, { method: op.method, headers, body: Buffer.alloc(999) })).status).toBe(400)
      expect((await fetch(op.url, { method: op.method, headers, body: Buffer.alloc(1000) })).status).toBe(200)
      expect(readdirSync(scratch).filter((name) => name.startsWith('asc-simulator-'))).toEqual([])
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      await exited
      rmSync(scratch, { recursive: true, force: true })
      rmSync(credsDir, { recursive: true, force: true })
    }
  })
})
