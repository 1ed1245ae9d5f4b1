export const id = 602;
export const ids = [602];
export const modules = {

/***/ 3688:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   w: () => (/* binding */ findBuild)
/* harmony export */ });
/* harmony import */ var _shared_platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5130);

/**
 * The build with exactly this app, version, build number and platform. Build numbers repeat across
 * versions and platforms, so all four are matched.
 */
async function findBuild(client, appId, identity) {
    const page = await client.get('/v1/builds', {
        'filter[app]': appId,
        'filter[version]': identity.buildNumber,
        'filter[preReleaseVersion.version]': identity.version,
        'filter[preReleaseVersion.platform]': (0,_shared_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .toAscPlatform */ .kA)(identity.platform),
        limit: 2,
    });
    if (page.data.length > 1) {
        throw new Error(`App Store Connect has ${page.data.length} builds ${identity.version} (${identity.buildNumber}) for ${identity.platform}; expected one.`);
    }
    return page.data[0];
}


/***/ }),

/***/ 6338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a3: () => (/* binding */ formatDuration),
/* harmony export */   ml: () => (/* binding */ shorten),
/* harmony export */   z3: () => (/* binding */ formatBytes)
/* harmony export */ });
/** Sizes in MB (10^6 bytes), as the speeds are in MB/s. */
function formatBytes(bytes) {
    if (bytes >= 1e6)
        return `${(bytes / 1e6).toFixed(1)} MB`;
    if (bytes >= 1e3)
        return `${(bytes / 1e3).toFixed(1)} kB`;
    return `${bytes} bytes`;
}
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    const s = ms / 1000;
    return s < 90 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}
/** A text on one line, at most `max` characters, for a log line or a summary cell. */
function shorten(text, max = 60) {
    const line = text.replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
    const chars = Array.from(line);
    return chars.length <= max ? line : `${chars.slice(0, max - 1).join('')}…`;
}


/***/ }),

/***/ 2602:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  ALTOOL_ATTEMPTS: () => (/* binding */ ALTOOL_ATTEMPTS),
  PASSWORD_ENV: () => (/* binding */ PASSWORD_ENV),
  assertAltoolAvailable: () => (/* binding */ assertAltoolAvailable),
  uploadWithAltool: () => (/* binding */ uploadWithAltool)
});

// EXTERNAL MODULE: ./src/asc/builds.ts
var builds = __webpack_require__(3688);
// EXTERNAL MODULE: ./src/asc/key.ts
var key = __webpack_require__(6078);
// EXTERNAL MODULE: ./src/shared/format.ts
var format = __webpack_require__(6338);
// EXTERNAL MODULE: ./src/shared/retry.ts
var retry = __webpack_require__(3091);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
;// CONCATENATED MODULE: ./src/upload/altool-command.ts

/**
 * Runs `xcrun <args>` without a shell, streaming its output line by line. Lines of stdout and stderr are
 * kept whole and in arrival order, so a JSON result on stdout is never cut by a stderr line.
 * Rejects only when xcrun cannot be started; a non-zero exit or a signal is part of the result.
 */
function runXcrun(args, options = {}) {
    const { onLine, redact = (line) => line } = options;
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)('xcrun', args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
        const lines = [];
        const apart = { stdout: [], stderr: [] };
        const emit = (stream, raw) => {
            const line = redact(raw.replace(/\r$/, ''));
            lines.push(line);
            apart[stream].push(line);
            onLine?.(line);
        };
        const pending = { stdout: '', stderr: '' };
        const read = (stream) => (chunk) => {
            const parts = (pending[stream] + chunk).split('\n');
            pending[stream] = parts.pop() ?? '';
            for (const part of parts)
                emit(stream, part);
        };
        // Decoded per stream, so a UTF-8 character split across chunks stays whole (altool prints ‘quotes’).
        child.stdout.setEncoding('utf8').on('data', read('stdout'));
        child.stderr.setEncoding('utf8').on('data', read('stderr'));
        child.on('error', reject);
        child.on('close', (exitCode, signal) => {
            if (pending.stdout !== '')
                emit('stdout', pending.stdout);
            if (pending.stderr !== '')
                emit('stderr', pending.stderr);
            const [output, stdout, stderr] = [lines, apart.stdout, apart.stderr].map((l) => l.join('\n'));
            resolve({ output: output ?? '', stdout: stdout ?? '', stderr: stderr ?? '', exitCode, signal });
        });
    });
}

// EXTERNAL MODULE: ./src/upload/hints.ts
var hints = __webpack_require__(2063);
;// CONCATENATED MODULE: ./src/upload/altool-output.ts

const DUPLICATE = { codes: ['-19232'], iris: 'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE' };
/** Codes and texts that codemagic and fastlane retry on; Apple's side of the upload hiccups with them. */
const TRANSIENT_CODES = new Set(['-19209']);
const TRANSIENT_TEXT = [
    /The request timed out/i,
    /server returned an invalid response.*try your request again/is,
    /Unable to authenticate.*-19209/is,
    /HTTP status code: 5\d\d\b/i,
    /gateway timed out/i,
];
/**
 * Decides from altool's combined output whether the upload succeeded. The JSON result (the last JSON
 * object printed) wins over the exit code, because Xcode 26's altool can exit 0 after a failure; without
 * JSON, the banners and the exit code decide (docs §1.7). `streams` are stdout and stderr apart.
 */
function decideAltool(output, exit, streams = []) {
    // Each stream alone first: in the merged output a stderr line can land inside stdout's JSON.
    const json = [...streams, output].map(lastJsonObject).find((found) => found !== undefined);
    const deliveryUuidFromText = lastMatch(output, /Delivery UUID:\s*([0-9A-Za-z-]+)/g);
    if (json) {
        const errors = Array.isArray(json['product-errors']) ? json['product-errors'] : [];
        if (errors.length > 0)
            return failure(errors.map(problemFromJson), 'json');
        if (typeof json['success-message'] === 'string') {
            const details = asRecord(json.details);
            const uuid = details?.['delivery-uuid'];
            const warnings = Array.isArray(json.warnings) ? json.warnings.map(describeWarning) : [];
            return {
                ok: true,
                deliveryUuid: typeof uuid === 'string' && uuid !== '' ? uuid : deliveryUuidFromText,
                notes: [...warnings, ...errorLines(output).map((p) => p.message)],
                basis: 'json',
            };
        }
    }
    if (exit.signal) {
        return failure([{ message: `altool stopped abnormally (killed by ${exit.signal}) before reporting a result` }], 'signal', true);
    }
    const succeeded = /UPLOAD SUCCEEDED/.test(output);
    const failed = /UPLOAD FAILED|VERIFY FAILED|Failed to (upload|validate) package/i.test(output);
    if (succeeded && !failed && exit.exitCode === 0) {
        return {
            ok: true,
            deliveryUuid: deliveryUuidFromText,
            notes: errorLines(output).map((p) => p.message),
            basis: 'text',
        };
    }
    const problems = errorLines(output);
    if (problems.length === 0) {
        const banner = /^.*(UPLOAD FAILED|VERIFY FAILED).*$/m.exec(output)?.[0].trim();
        const why = banner
            ? `altool printed "${banner}" without saying why`
            : exit.exitCode === 0
                ? 'altool exited 0 without reporting a result (no JSON, no UPLOAD SUCCEEDED)'
                : `altool exited with code ${exit.exitCode ?? 'unknown'} without reporting an error`;
        problems.push({ message: why });
    }
    return failure(problems, 'text');
}
function failure(problems, basis, crashed = false) {
    const details = problems.flatMap((p) => [
        { code: p.code, description: [p.message, p.reason].filter(Boolean).join(' ') },
        ...(p.irisCode ? [{ code: p.irisCode }] : []),
    ]);
    const duplicate = problems.some((p) => (p.code !== undefined && DUPLICATE.codes.includes(p.code)) || p.irisCode === DUPLICATE.iris);
    const transient = !duplicate &&
        (crashed ||
            problems.some((p) => p.code !== undefined && (TRANSIENT_CODES.has(p.code) || /^5\d\d$/.test(p.code))) ||
            problems.some((p) => {
                const said = [p.message, p.reason, p.suggestion].filter(Boolean).join(' ');
                return TRANSIENT_TEXT.some((re) => re.test(said));
            }));
    return { ok: false, problems, transient, duplicate, hint: (0,hints/* hintFor */.J)(details), basis };
}
/**
 * The last JSON object in the output that looks like altool's result. Walks back from the end, growing
 * the candidate from each line that opens an object, so multi-line (Xcode 26) and single-line (≤ 16)
 * JSON both parse, and banner or log lines around it are skipped.
 */
function lastJsonObject(output) {
    const lines = output.split(/\r?\n/);
    // Bounded: the result closes the output, and even Xcode 26's pretty-printed errors span few lines.
    let attempts = 0;
    for (let end = lines.length - 1; end >= Math.max(0, lines.length - 200); end--) {
        if (!(lines[end] ?? '').trimEnd().endsWith('}'))
            continue;
        for (let start = end; start >= Math.max(0, end - 400) && attempts < 2000; start--) {
            const line = lines[start] ?? '';
            const brace = line.indexOf('{');
            if (brace === -1)
                continue;
            attempts++;
            const parsed = tryParse([line.slice(brace), ...lines.slice(start + 1, end + 1)].join('\n'));
            if (parsed && isAltoolResult(parsed))
                return parsed;
        }
    }
    return undefined;
}
const RESULT_KEYS = ['product-errors', 'success-message', 'tool-version', 'os-version', 'details'];
function isAltoolResult(value) {
    return RESULT_KEYS.some((key) => key in value);
}
function tryParse(text) {
    try {
        return asRecord(JSON.parse(text));
    }
    catch {
        return undefined;
    }
}
function asRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
const altool_output_text = (value) => typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
function problemFromJson(entry) {
    const e = asRecord(entry) ?? {};
    // Xcode ≤ 16 writes userInfo, Xcode 26 user-info.
    const info = asRecord(e['user-info']) ?? asRecord(e.userInfo) ?? {};
    const code = typeof e.code === 'number' || typeof e.code === 'string' ? String(e.code) : undefined;
    const message = altool_output_text(e.message) ?? altool_output_text(info.NSLocalizedDescription) ?? 'altool reported an error';
    const reason = altool_output_text(info.NSLocalizedFailureReason);
    return {
        code,
        message,
        reason: reason === message ? undefined : reason,
        suggestion: altool_output_text(info.NSLocalizedRecoverySuggestion),
        irisCode: altool_output_text(info['iris-code']) ?? irisCodeOf(e),
    };
}
/** Apple's API error code from Xcode 26's underlying-errors, or from the NSUnderlyingError text. */
function irisCodeOf(entry) {
    const underlying = Array.isArray(entry['underlying-errors']) ? entry['underlying-errors'] : [];
    for (const u of underlying) {
        const info = asRecord(asRecord(u)?.['user-info']);
        const code = altool_output_text(info?.code);
        if (code && /^[A-Z_]+(\.[A-Z_]+)+$/.test(code))
            return code;
    }
    const info = asRecord(entry.userInfo) ?? asRecord(entry['user-info']);
    const nested = typeof info?.NSUnderlyingError === 'string' ? info.NSUnderlyingError : '';
    return /\bcode=([A-Z_]+(?:\.[A-Z_]+)+)/.exec(nested)?.[1];
}
function describeWarning(entry) {
    const e = asRecord(entry);
    if (!e)
        return String(entry);
    const code = typeof e.code === 'number' || typeof e.code === 'string' ? `${String(e.code)}: ` : '';
    return `${code}${altool_output_text(e.message) ?? JSON.stringify(e)}`;
}
/** `ERROR:` (Xcode 16+) and `*** Error:` (Xcode 15) lines, without their markers and component tags. */
function errorLines(output) {
    const problems = [];
    for (const line of output.split(/\r?\n/)) {
        const marker = /(?:\*\*\*\s*Error:|\bERROR:)\s*(.*)$/.exec(line);
        if (!marker)
            continue;
        const message = (marker[1] ?? '')
            .replace(/^(?:ERROR:\s*)+/, '')
            .replace(/^\[[\w.]+\]\s*/, '')
            .trim();
        if (message === '' || problems.some((p) => p.message === message))
            continue;
        const code = /\((-?\d{2,6})\)/.exec(message)?.[1] ?? /\bCode=(-?\d+)/.exec(message)?.[1];
        problems.push({ code, message });
    }
    return problems;
}
function lastMatch(output, re) {
    let found;
    for (const match of output.matchAll(re))
        found = match[1];
    return found;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
;// CONCATENATED MODULE: ./src/upload/keyfile.ts





/**
 * Writes the API key where altool looks for it: a fresh directory under RUNNER_TEMP (0700) holding
 * only `<fileName>` (0600), with the key's own PKCS#8 bytes as Apple issued them (a re-export by Node drops
 * the curve parameters inside the EC key). The directory is registered with the post step before the key is written,
 * so even a run killed right after writing leaves nothing behind.
 */
async function writeKeyFile(pkcs8Der, fileName) {
    const base = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    const dir = await (0,promises_.mkdtemp)((0,external_node_path_.join)(base, 'asc-altool-key-'));
    (0,state/* addCleanupPath */.dV)(dir);
    const path = (0,external_node_path_.join)(dir, fileName);
    try {
        await (0,promises_.chmod)(dir, 0o700);
        await (0,promises_.writeFile)(path, (0,key/* pkcs8Pem */.g)(pkcs8Der), { mode: 0o600, flag: 'wx' });
        // The umask may narrow writeFile's mode; state it exactly.
        await (0,promises_.chmod)(path, 0o600);
    }
    catch (error) {
        await (0,promises_.rm)(dir, { recursive: true, force: true });
        throw error;
    }
    return { dir, path };
}
async function removeKeyFile(file) {
    await (0,promises_.rm)(file.dir, { recursive: true, force: true });
}

;// CONCATENATED MODULE: ./src/upload/altool.ts







/** Attempts in all when altool fails in a way worth retrying (a crash, a timeout, a 5xx). */
const ALTOOL_ATTEMPTS = 3;
const RETRY_BASE_MS = 15_000;
const RETRY_MAX_MS = 60_000;
/** altool reads the app-specific password from this variable (`-p @env:…`), set only in its environment. */
const PASSWORD_ENV = 'ASC_RELEASE_ALTOOL_PASSWORD';
const ALTOOL_TYPE = {
    ios: 'ios',
    macos: 'macos',
    tvos: 'appletvos',
    visionos: 'visionos',
};
const USE_API = 'Use upload_method: api instead, which uploads from any runner. Nothing was changed in App Store Connect.';
/**
 * Fails unless this is a macOS runner where `xcrun --find altool` succeeds. main calls it right after
 * reading the settings, before any request, so a wrong runner costs nothing.
 */
async function assertAltoolAvailable(env = process.env, platform = process.platform, xcrun = runXcrun) {
    // GitHub sets RUNNER_OS; elsewhere (act, a local run) the platform tells.
    const runnerOs = env.RUNNER_OS || (platform === 'darwin' ? 'macOS' : platform);
    if (runnerOs !== 'macOS') {
        throw new Error(`upload_method altool needs a macOS runner with Xcode, but this runner is ${runnerOs}. ${USE_API}`);
    }
    let found;
    try {
        found = await xcrun(['--find', 'altool'], { env });
    }
    catch (error) {
        throw new Error(`upload_method altool needs xcrun (Xcode), but it could not be run: ${describe(error)}. ${USE_API}`, { cause: error });
    }
    if (found.exitCode !== 0 || found.output.trim() === '') {
        const said = found.output.trim().split('\n')[0] ?? '';
        throw new Error(`upload_method altool needs xcrun altool, but 'xcrun --find altool' failed` +
            `${said ? `: ${said}` : ` (exit code ${found.exitCode ?? found.signal ?? 'unknown'})`}. ` +
            `Install or select Xcode (xcode-select -s), or: ${USE_API}`);
    }
}
/**
 * Uploads with `xcrun altool --upload-app`. Success is read from altool's output, not its exit code;
 * transient failures are retried. The key file exists only while altool runs (and the post step removes
 * it if this process dies first). uploadBuild has already made sure the build is not in App Store Connect.
 * Waits between attempts on ctx.clock; `xcrun` runs the tool (tests pass a stand-in).
 */
async function uploadWithAltool(ctx, pkg, xcrun = runXcrun) {
    const { log, identity } = ctx;
    const credentials = await prepareCredentials(ctx.settings);
    let sent;
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
        ];
        sent = await runWithRetries(ctx, pkg, args, credentials, xcrun);
    }
    finally {
        if (credentials.keyFile) {
            await removeKeyFile(credentials.keyFile).catch((error) => log.warning(`Could not remove the key file now (${describe(error)}); the post step removes it.`));
        }
    }
    // Usually not there yet (processing starts later); the processing wait finds it then.
    const build = await (0,builds/* findBuild */.w)(ctx.client, ctx.app.id, identity).catch((error) => {
        log.debug(`Could not look for the build after the upload: ${describe(error)}`);
        return undefined;
    });
    return {
        method: 'altool',
        deliveryUuid: sent.deliveryUuid,
        buildId: build?.id,
        processingState: build?.attributes?.processingState ?? undefined,
        bytesSent: pkg.fileSize,
        sendMs: sent.sendMs,
    };
}
async function prepareCredentials(settings) {
    const login = settings.upload.appleIdLogin;
    if (login) {
        // @env: keeps the password out of the process list; only altool's environment holds it.
        return {
            args: ['-u', login.appleId, '-p', `@env:${PASSWORD_ENV}`],
            env: { [PASSWORD_ENV]: login.appSpecificPassword },
            secrets: [login.appSpecificPassword],
        };
    }
    const { keyId, issuerId, pkcs8Der } = settings.apiKey;
    // An individual key has no issuer; altool knows it by the ApiKey_ prefix and --api-key-subject user.
    const keyFile = await writeKeyFile(pkcs8Der, issuerId ? `AuthKey_${keyId}.p8` : `ApiKey_${keyId}.p8`);
    return {
        args: issuerId
            ? ['--apiKey', keyId, '--apiIssuer', issuerId]
            : ['--apiKey', keyId, '--api-key-subject', 'user'],
        env: { API_PRIVATE_KEYS_DIR: keyFile.dir },
        keyFile,
        secrets: keyLines(pkcs8Der),
    };
}
async function runWithRetries(ctx, pkg, args, credentials, xcrun) {
    const { log, clock } = ctx;
    const env = { ...inheritedEnv(), ...credentials.env };
    const redact = redactor(credentials.secrets);
    let earlierFailure = false;
    for (let attempt = 1;; attempt++) {
        const of = attempt > 1 ? ` (attempt ${attempt} of ${ALTOOL_ATTEMPTS})` : '';
        log.info(`Running xcrun ${args.join(' ')}${of}`);
        const started = clock.now();
        let run;
        try {
            run = await xcrun(args, { env, redact, onLine: (line) => log.info(labelCommandLike(line)) });
        }
        catch (error) {
            throw new Error(`Could not run xcrun altool: ${describe(error)}`, { cause: error });
        }
        const sendMs = clock.now() - started;
        log.info(run.signal ? `altool was killed by ${run.signal}.` : `altool exited with code ${run.exitCode ?? '?'}.`);
        const decision = decideAltool(run.output, run, [run.stdout, run.stderr]);
        if (decision.ok) {
            if (decision.notes.length > 0) {
                log.info(`altool reported success and also printed these, which did not stop the upload:\n` +
                    decision.notes.map((n) => `  - ${n}`).join('\n'));
            }
            log.info(`altool uploaded ${pkg.fileName} in ${(0,format/* formatDuration */.a3)(sendMs)}` +
                `${decision.deliveryUuid ? ` (delivery UUID ${decision.deliveryUuid})` : ''}.`);
            return { deliveryUuid: decision.deliveryUuid, sendMs };
        }
        if (decision.transient && attempt < ALTOOL_ATTEMPTS) {
            const delay = (0,retry/* backoffDelay */.EY)(attempt, RETRY_BASE_MS, RETRY_MAX_MS);
            log.warning(`altool failed in a way that is often temporary (${summarize(decision.problems)}); ` +
                `retrying in ${(0,format/* formatDuration */.a3)(delay)} (attempt ${attempt + 1} of ${ALTOOL_ATTEMPTS}).`);
            earlierFailure = true;
            await clock.sleep(delay);
            continue;
        }
        throw new Error(failureMessage(pkg, decision, attempt, earlierFailure));
    }
}
function failureMessage(pkg, decision, attempts, earlierFailure) {
    const after = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    const lines = [
        `xcrun altool did not upload ${pkg.fileName}${after}:`,
        ...decision.problems.map(describeProblem),
    ];
    if (decision.hint)
        lines.push(decision.hint);
    if (decision.duplicate && earlierFailure) {
        lines.push('An earlier attempt of this run may have delivered the build before it failed: check App Store Connect before rebuilding.');
    }
    return lines.join('\n');
}
function describeProblem(p) {
    const code = p.code ? `${p.code}: ` : '';
    const reason = p.reason ? ` — ${p.reason}` : '';
    const suggestion = p.suggestion ? ` (${p.suggestion})` : '';
    return `  - ${code}${p.message}${reason}${suggestion}`;
}
function summarize(problems) {
    return problems.map((p) => (p.code ? `${p.code}: ${p.message}` : p.message)).join('; ');
}
/**
 * altool's environment: the runner's, without the action's inputs (the key and password are there) and
 * the runner's tokens, which altool has no use for and could print in an environment dump.
 */
function inheritedEnv() {
    const env = {};
    for (const [name, value] of Object.entries(process.env)) {
        if (value === undefined || name.startsWith('INPUT_') || /^ACTIONS_.*TOKEN/.test(name))
            continue;
        env[name] = value;
    }
    return env;
}
/** Replaces any secret altool might echo, and bearer tokens (printed by --verbose on Xcode 15 and 16). */
function redactor(secrets) {
    const known = secrets.filter((s) => s.length >= 8);
    return (line) => {
        let safe = line;
        for (const secret of known)
            safe = safe.split(secret).join('***');
        return safe.replace(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g, '***');
    };
}
/** The PEM's base64 lines: the forms of the key that could appear in text. */
function keyLines(pkcs8Der) {
    return (0,key/* pkcs8Pem */.g)(pkcs8Der)
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('-----'));
}
function describe(error) {
    return error instanceof Error ? error.message : String(error);
}
/**
 * Says whose a line that looks like a workflow command is. Making it harmless is the run logger's job
 * (report/untrusted.ts neutralises every line it prints); this only labels it.
 */
function labelCommandLike(line) {
    return /^\s*(::|##\[)/.test(line) ? `[altool] ${line}` : line;
}


/***/ }),

/***/ 2063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   J: () => (/* binding */ hintFor),
/* harmony export */   p: () => (/* binding */ describeStateDetails)
/* harmony export */ });
/**
 * What to do about the upload failures users hit most. Apple reports them with ITMS codes in the
 * upload state, or with codes and texts in altool's output; both are matched.
 */
const HINTS = [
    {
        codes: ['90189', '-19232', 'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE'],
        text: /redundant binary|higher than the previously uploaded|already been used/i,
        hint: 'This build number is already used for this version: increase CFBundleVersion (build_number) and rebuild.',
    },
    {
        // 90055 is a bundle ID mismatch, not a reused build number (expo uploadToAsc.ts isInvalidBundleIdentifierError).
        codes: ['90054', '90055'],
        text: /bundle identifier cannot be changed|bundle id.*(does not match|mismatch)/i,
        hint: "The package's bundle ID does not match the app in App Store Connect: check PRODUCT_BUNDLE_IDENTIFIER, " +
            'or set app_id / bundle_id to the right app.',
    },
    {
        codes: ['90683'],
        text: /purpose string|UsageDescription/i,
        hint: 'Info.plist lacks a purpose string (an NS…UsageDescription key) for an API the app or a library uses: ' +
            'add the key named in the message with a sentence explaining the use.',
    },
    {
        codes: ['90062', '90186', '90478'],
        text: /closed for new build submissions|higher version than that of the previously approved/i,
        hint: 'This version is already approved or its train is closed: increase CFBundleShortVersionString ' +
            '(app_version) and rebuild.',
    },
];
function hintFor(details) {
    for (const { codes, text, hint } of HINTS) {
        const matches = details.some((d) => codes.some((c) => (d.code ?? '').replace(/^ITMS-/, '') === c) || text.test(d.description ?? ''));
        if (matches)
            return hint;
    }
    return undefined;
}
function describeStateDetails(details) {
    return details.map((d) => `  - ${d.code ?? 'unknown'}: ${d.description ?? ''}`).join('\n');
}


/***/ })

};

//# sourceMappingURL=602.index.js.map