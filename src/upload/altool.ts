import { findBuild } from '../asc/builds.js'
import { pkcs8Pem } from '../asc/key.js'
import type { ReleaseContext } from '../context.js'
import { formatDuration } from '../shared/format.js'
import type { PackageMetadata } from '../package/index.js'
import type { Platform } from '../shared/platform.js'
import { backoffDelay } from '../shared/retry.js'
import type { Settings } from '../settings/settings.js'
import { runXcrun, type XcrunResult, type XcrunRunner } from './altool-command.js'
import { decideAltool, type AltoolDecision, type AltoolProblem } from './altool-output.js'
import type { UploadResult } from './types.js'
import { removeKeyFile, writeKeyFile, type KeyFile } from './keyfile.js'

/** Attempts in all when altool fails in a way worth retrying (a crash, a timeout, a 5xx). */
export const ALTOOL_ATTEMPTS = 3
const RETRY_BASE_MS = 15_000
const RETRY_MAX_MS = 60_000
/** altool reads the app-specific password from this variable (`-p @env:…`), set only in its environment. */
export const PASSWORD_ENV = 'ASC_RELEASE_ALTOOL_PASSWORD'

const ALTOOL_TYPE: Record<Platform, string> = {
  ios: 'ios',
  macos: 'macos',
  tvos: 'appletvos',
  visionos: 'visionos',
}

const USE_API =
  'Use upload_method: api instead, which uploads from any runner. Nothing was changed in App Store Connect.'

/**
 * Fails unless this is a macOS runner where `xcrun --find altool` succeeds. main calls it right after
 * reading the settings, before any request, so a wrong runner costs nothing.
 */
export async function assertAltoolAvailable(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  xcrun: XcrunRunner = runXcrun,
): Promise<void> {
  // GitHub sets RUNNER_OS; elsewhere (act, a local run) the platform tells.
  const runnerOs = env.RUNNER_OS || (platform === 'darwin' ? 'macOS' : platform)
  if (runnerOs !== 'macOS') {
    throw new Error(
      `upload_method altool needs a macOS runner with Xcode, but this runner is ${runnerOs}. ${USE_API}`,
    )
  }
  let found: XcrunResult
  try {
    found = await xcrun(['--find', 'altool'], { env })
  } catch (error) {
    throw new Error(
      `upload_method altool needs xcrun (Xcode), but it could not be run: ${describe(error)}. ${USE_API}`,
      { cause: error },
    )
  }
  if (found.exitCode !== 0 || found.output.trim() === '') {
    const said = found.output.trim().split('\n')[0] ?? ''
    throw new Error(
      `upload_method altool needs xcrun altool, but 'xcrun --find altool' failed` +
        `${said ? `: ${said}` : ` (exit code ${found.exitCode ?? found.signal ?? 'unknown'})`}. ` +
        `Install or select Xcode (xcode-select -s), or: ${USE_API}`,
    )
  }
}

/**
 * Uploads with `xcrun altool --upload-app`. Success is read from altool's output, not its exit code;
 * transient failures are retried. The key file exists only while altool runs (and the post step removes
 * it if this process dies first). uploadBuild has already made sure the build is not in App Store Connect.
 * Waits between attempts on ctx.clock; `xcrun` runs the tool (tests pass a stand-in).
 */
export async function uploadWithAltool(
  ctx: ReleaseContext,
  pkg: PackageMetadata,
  xcrun: XcrunRunner = runXcrun,
): Promise<UploadResult> {
  const { log, identity } = ctx
  const credentials = await prepareCredentials(ctx.settings)
  let sent: { deliveryUuid?: string; sendMs: number }
  try {
    const args = [
      'altool',
      '--upload-app',
      '-f',
      pkg.path,
      '-t',
      ALTOOL_TYPE[identity.platform],
      ...credentials.args,
      // Names the app outright: Xcode 26.0 guessed it from the bundle ID and could pick the wrong one.
      '--apple-id',
      ctx.app.id,
      '--output-format',
      'json',
    ]
    sent = await runWithRetries(ctx, pkg, args, credentials, xcrun)
  } finally {
    if (credentials.keyFile) {
      await removeKeyFile(credentials.keyFile).catch((error: unknown) =>
        log.warning(`Could not remove the key file now (${describe(error)}); the post step removes it.`),
      )
    }
  }

  // Usually not there yet (processing starts later); the processing wait finds it then.
  const build = await findBuild(ctx.client, ctx.app.id, identity).catch((error: unknown) => {
    log.debug(`Could not look for the build after the upload: ${describe(error)}`)
    return undefined
  })
  return {
    method: 'altool',
    deliveryUuid: sent.deliveryUuid,
    buildId: build?.id,
    processingState: build?.attributes?.processingState ?? undefined,
    bytesSent: pkg.fileSize,
    sendMs: sent.sendMs,
  }
}

interface Credentials {
  args: string[]
  env: Record<string, string>
  keyFile?: KeyFile
  /** Texts that must never be shown, should altool print them. */
  secrets: string[]
}

async function prepareCredentials(settings: Settings): Promise<Credentials> {
  const login = settings.upload.appleIdLogin
  if (login) {
    // @env: keeps the password out of the process list; only altool's environment holds it.
    return {
      args: ['-u', login.appleId, '-p', `@env:${PASSWORD_ENV}`],
      env: { [PASSWORD_ENV]: login.appSpecificPassword },
      secrets: [login.appSpecificPassword],
    }
  }
  const { keyId, issuerId, pkcs8Der } = settings.apiKey
  // An individual key has no issuer; altool knows it by the ApiKey_ prefix and --api-key-subject user.
  const keyFile = await writeKeyFile(pkcs8Der, issuerId ? `AuthKey_${keyId}.p8` : `ApiKey_${keyId}.p8`)
  return {
    args: issuerId
      ? ['--apiKey', keyId, '--apiIssuer', issuerId]
      : ['--apiKey', keyId, '--api-key-subject', 'user'],
    env: { API_PRIVATE_KEYS_DIR: keyFile.dir },
    keyFile,
    secrets: keyLines(pkcs8Der),
  }
}

async function runWithRetries(
  ctx: ReleaseContext,
  pkg: PackageMetadata,
  args: string[],
  credentials: Credentials,
  xcrun: XcrunRunner,
): Promise<{ deliveryUuid?: string; sendMs: number }> {
  const { log, clock } = ctx
  const env = { ...inheritedEnv(), ...credentials.env }
  const redact = redactor(credentials.secrets)
  let earlierFailure = false
  for (let attempt = 1; ; attempt++) {
    const of = attempt > 1 ? ` (attempt ${attempt} of ${ALTOOL_ATTEMPTS})` : ''
    log.info(`Running xcrun ${args.join(' ')}${of}`)
    const started = clock.now()
    let run: XcrunResult
    try {
      run = await xcrun(args, { env, redact, onLine: (line) => log.info(labelCommandLike(line)) })
    } catch (error) {
      throw new Error(`Could not run xcrun altool: ${describe(error)}`, { cause: error })
    }
    const sendMs = clock.now() - started
    log.info(
      run.signal ? `altool was killed by ${run.signal}.` : `altool exited with code ${run.exitCode ?? '?'}.`,
    )
    const decision = decideAltool(run.output, run, [run.stdout, run.stderr])

    if (decision.ok) {
      if (decision.notes.length > 0) {
        log.info(
          `altool reported success and also printed these, which did not stop the upload:\n` +
            decision.notes.map((n) => `  - ${n}`).join('\n'),
        )
      }
      log.info(
        `altool uploaded ${pkg.fileName} in ${formatDuration(sendMs)}` +
          `${decision.deliveryUuid ? ` (delivery UUID ${decision.deliveryUuid})` : ''}.`,
      )
      return { deliveryUuid: decision.deliveryUuid, sendMs }
    }
    if (decision.transient && attempt < ALTOOL_ATTEMPTS) {
      const delay = backoffDelay(attempt, RETRY_BASE_MS, RETRY_MAX_MS)
      log.warning(
        `altool failed in a way that is often temporary (${summarize(decision.problems)}); ` +
          `retrying in ${formatDuration(delay)} (attempt ${attempt + 1} of ${ALTOOL_ATTEMPTS}).`,
      )
      earlierFailure = true
      await clock.sleep(delay)
      continue
    }
    throw new Error(failureMessage(pkg, decision, attempt, earlierFailure))
  }
}

function failureMessage(
  pkg: PackageMetadata,
  decision: Extract<AltoolDecision, { ok: false }>,
  attempts: number,
  earlierFailure: boolean,
): string {
  const after = attempts > 1 ? ` (after ${attempts} attempts)` : ''
  const lines = [
    `xcrun altool did not upload ${pkg.fileName}${after}:`,
    ...decision.problems.map(describeProblem),
  ]
  if (decision.hint) lines.push(decision.hint)
  if (decision.duplicate && earlierFailure) {
    lines.push(
      'An earlier attempt of this run may have delivered the build before it failed: check App Store Connect before rebuilding.',
    )
  }
  return lines.join('\n')
}

function describeProblem(p: AltoolProblem): string {
  const code = p.code ? `${p.code}: ` : ''
  const reason = p.reason ? ` — ${p.reason}` : ''
  const suggestion = p.suggestion ? ` (${p.suggestion})` : ''
  return `  - ${code}${p.message}${reason}${suggestion}`
}

function summarize(problems: AltoolProblem[]): string {
  return problems.map((p) => (p.code ? `${p.code}: ${p.message}` : p.message)).join('; ')
}

/**
 * altool's environment: the runner's, without the action's inputs (the key and password are there) and
 * the runner's tokens, which altool has no use for and could print in an environment dump.
 */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith('INPUT_') || /^ACTIONS_.*TOKEN/.test(name)) continue
    env[name] = value
  }
  return env
}

/** Replaces any secret altool might echo, and bearer tokens (printed by --verbose on Xcode 15 and 16). */
function redactor(secrets: string[]): (line: string) => string {
  const known = secrets.filter((s) => s.length >= 8)
  return (line) => {
    let safe = line
    for (const secret of known) safe = safe.split(secret).join('***')
    return safe.replace(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g, '***')
  }
}

/** The PEM's base64 lines: the forms of the key that could appear in text. */
function keyLines(pkcs8Der: Buffer): string[] {
  return pkcs8Pem(pkcs8Der)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('-----'))
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * Says whose a line that looks like a workflow command is. Making it harmless is the run logger's job
 * (report/untrusted.ts neutralises every line it prints); this only labels it.
 */
function labelCommandLike(line: string): string {
  return /^\s*(::|##\[)/.test(line) ? `[altool] ${line}` : line
}
