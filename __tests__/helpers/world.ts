import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  generateApiKey,
  seedSampleApp,
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from '../../simulator/index.js'
import { writeIpa } from '../../scripts/make-package.js'
import { client } from '../../simulator/testing.js'

export interface World {
  sim: Simulator
  key: ReturnType<typeof generateApiKey>
  appId: string
  dir: string
  keyPath: string
  ipaPath: string
  /** Inputs for a run against this world: the key by path, the generated package. */
  inputs: Record<string, string>
  env: Record<string, string>
  close(): Promise<void>
}

export const BUNDLE_ID = 'com.example.demo'

/** A simulator with one app, an API key that it trusts, and a package of that app on disk. */
export async function startWorld(
  options: SimulatorOptions & {
    individualKey?: boolean
    version?: string
    buildNumber?: string
    /** false: an app whose TestFlight Test Information was never filled in. */
    testInformation?: boolean
    /** false: an app whose first version's store listing and App Review contact are bare. */
    listing?: boolean
  } = {},
): Promise<World> {
  const sim = await startSimulator(options)
  const key = generateApiKey({ individual: options.individualKey ?? false })
  sim.addApiKey({ keyId: key.keyId, issuerId: key.issuerId, publicKey: key.publicKeyPem })
  const app = seedSampleApp(sim.store, {
    bundleId: BUNDLE_ID,
    name: 'Demo',
    testInformation: options.testInformation ?? true,
    listing: options.listing ?? true,
  })

  const dir = await mkdtemp(join(tmpdir(), 'asc-world-'))
  const keyPath = join(dir, `AuthKey_${key.keyId}.p8`)
  await writeFile(keyPath, key.privateKeyPem, { mode: 0o600 })
  const ipaPath = join(dir, 'Demo.ipa')
  await writeIpa(ipaPath, {
    bundleId: BUNDLE_ID,
    version: options.version ?? '1.0.0',
    buildNumber: options.buildNumber ?? '1',
  })
  return {
    sim,
    key,
    appId: app.id,
    dir,
    keyPath,
    ipaPath,
    inputs: { api_key: keyPath, key_id: key.keyId, issuer_id: key.issuerId ?? '', ipa_path: ipaPath },
    env: { APP_STORE_CONNECT_API_BASE_URL: sim.url },
    close: async () => {
      await sim.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Everything a run made visible, for scanning for secrets. The runner consumes `::add-mask::` commands
 * and never displays them, so they are left out.
 */
export function visibleText(run: {
  log: string
  postLog: string
  outputs: Record<string, string>
  summary: string
}): string {
  const shown = (log: string) =>
    log
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n')
  return [shown(run.log), shown(run.postLog), JSON.stringify(run.outputs), run.summary].join('\n')
}

/** The forms of a key that must never be visible: the PEM, each of its body lines, its base64, and tokens. */
export function secretLeaks(text: string, privateKeyPem: string): string[] {
  const leaks: string[] = []
  const body = privateKeyPem.split('\n').filter((l) => l.length >= 8 && !l.startsWith('-----'))
  for (const line of body) if (text.includes(line)) leaks.push(`key line ${line.slice(0, 6)}…`)
  if (text.includes(Buffer.from(privateKeyPem).toString('base64').slice(0, 40)))
    leaks.push('base64 of the key')
  const jwt = /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/.exec(text)
  if (jwt) leaks.push(`a JWT ${jwt[0].slice(0, 12)}…`)
  return leaks
}

/**
 * Reserves an upload of `version` (`build`) for another package, as another run would: an upload and its
 * file (`fileName`, 12,345 bytes), nothing sent. Returns the upload's id.
 */
export async function reserveForOtherPackage(
  world: Pick<World, 'sim' | 'key'>,
  upload: { appId: string; version: string; build: string; platform: 'IOS' | 'MAC_OS'; fileName: string },
): Promise<string> {
  const call = client(world.sim, world.key)
  const created = await call('POST', '/v1/buildUploads', {
    data: {
      type: 'buildUploads',
      attributes: {
        cfBundleShortVersionString: upload.version,
        cfBundleVersion: upload.build,
        platform: upload.platform,
      },
      relationships: { app: { data: { type: 'apps', id: upload.appId } } },
    },
  })
  const id = (created.body as { data: { id: string } }).data.id
  await call('POST', '/v1/buildUploadFiles', {
    data: {
      type: 'buildUploadFiles',
      attributes: {
        assetType: 'ASSET',
        fileName: upload.fileName,
        fileSize: 12345,
        uti: upload.fileName.endsWith('.pkg') ? 'com.apple.pkg' : 'com.apple.ipa',
      },
      relationships: { buildUpload: { data: { type: 'buildUploads', id } } },
    },
  })
  return id
}
