export const id = 453;
export const ids = [453];
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

/***/ 9340:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QF: () => (/* binding */ elapsedText),
/* harmony export */   g3: () => (/* binding */ pollUntil),
/* harmony export */   i9: () => (/* binding */ retryWhile)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6338);

/** Reads until `pending` says done, sleeping on the injected clock, never past the timeout. */
async function pollUntil(options) {
    const { clock } = options;
    const start = clock.now();
    for (;;) {
        const value = await options.read();
        const state = options.pending(value);
        const elapsedMs = clock.now() - start;
        if (state === undefined)
            return { value, elapsedMs };
        if (elapsedMs >= options.timeoutMs)
            throw options.onTimeout(state, elapsedMs);
        options.onWait?.(state, elapsedMs);
        await clock.sleep(Math.min(options.intervalMs, options.timeoutMs - elapsedMs));
    }
}
/**
 * Runs `action` again while it fails with an error Apple is known to answer for a while and then stop
 * answering (a state that has not caught up yet). Any other error, or the last one past the budget, is thrown.
 */
async function retryWhile(options, action) {
    const { clock } = options;
    const start = clock.now();
    for (let attempt = 0;; attempt++) {
        try {
            return await action();
        }
        catch (error) {
            const reason = options.retryable(error);
            const elapsedMs = clock.now() - start;
            if (reason === undefined || elapsedMs >= options.timeoutMs)
                throw error;
            options.onRetry?.(reason, elapsedMs);
            const delay = Math.min(options.maxDelayMs, options.delayMs * 2 ** attempt);
            await clock.sleep(Math.min(delay, options.timeoutMs - elapsedMs));
        }
    }
}
/** "…, 1.5 s elapsed" for wait logs. */
const elapsedText = (ms) => `${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatDuration */ .a3)(ms)} elapsed`;


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


/***/ }),

/***/ 6453:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   waitForProcessing: () => (/* binding */ waitForProcessing)
/* harmony export */ });
/* unused harmony export ProcessingError */
/* harmony import */ var _asc_builds_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3688);
/* harmony import */ var _asc_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9678);
/* harmony import */ var _shared_format_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6338);
/* harmony import */ var _shared_poll_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9340);
/* harmony import */ var _upload_hints_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2063);





/** A wait that ended without a usable build: a timeout, or Apple's verdict. */
class ProcessingError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ProcessingError';
    }
}
/**
 * Waits for the build, then for processing to end, including the build's beta details leaving
 * PROCESSING (they lag behind on macOS builds). After an API upload, the upload is watched for FAILED
 * while the build is looked up by app, version, build number and platform at the same time: the build
 * can appear while the upload is still PROCESSING (rorkai build_wait.go; expo get-buildUploads-200.json).
 * Budgets: time spent while the upload is PROCESSING, and processing itself, count against
 * processing_timeout; build_appear_timeout counts only once the upload is COMPLETE, or from the start
 * when no upload is known (altool, `none`). FAILED or INVALID ends the wait at once.
 */
async function waitForProcessing(ctx, upload) {
    const { clock, log, identity } = ctx;
    const { buildAppearTimeoutMs, processingTimeoutMs, pollIntervalMs } = ctx.settings.wait;
    const name = `Build ${identity.version} (${identity.buildNumber}) for ${identity.platform}`;
    let build = upload.buildId ? await getBuild(ctx, upload.buildId) : undefined;
    let processingSpentMs = 0;
    let appearMs = 0;
    if (!build && upload.buildUploadId) {
        const watched = await watchUpload(ctx, name, upload.buildUploadId);
        build = watched.build;
        processingSpentMs = watched.elapsedMs;
        appearMs = watched.elapsedMs;
    }
    if (!build) {
        // The upload step, or the last look at the upload, has just looked the build up: wait before looking again.
        let lookedJustNow = true;
        const appeared = await (0,_shared_poll_js__WEBPACK_IMPORTED_MODULE_3__/* .pollUntil */ .g3)({
            clock,
            intervalMs: pollIntervalMs,
            timeoutMs: buildAppearTimeoutMs,
            read: async () => {
                if (!lookedJustNow)
                    return (0,_asc_builds_js__WEBPACK_IMPORTED_MODULE_0__/* .findBuild */ .w)(ctx.client, ctx.app.id, identity);
                lookedJustNow = false;
                return undefined;
            },
            pending: (found) => (found ? undefined : 'not in App Store Connect yet'),
            onWait: (state, elapsed) => log.info(`${name}: ${state}, ${(0,_shared_poll_js__WEBPACK_IMPORTED_MODULE_3__/* .elapsedText */ .QF)(elapsed)}`),
            onTimeout: () => new ProcessingError(`${name} did not appear in App Store Connect within ${(0,_shared_format_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(buildAppearTimeoutMs)} ` +
                '(build_appear_timeout). Check the upload, or raise build_appear_timeout; a rerun picks up where this stopped.'),
        });
        appearMs += appeared.elapsedMs;
        build = appeared.value;
    }
    if (!build)
        throw new ProcessingError(`${name} is not in App Store Connect.`); // pollUntil returned it found
    const buildId = build.id;
    let latest = build;
    const processingStart = clock.now();
    const spent = () => processingSpentMs + clock.now() - processingStart;
    const waitFor = async (what, read, pending) => (await (0,_shared_poll_js__WEBPACK_IMPORTED_MODULE_3__/* .pollUntil */ .g3)({
        clock,
        intervalMs: pollIntervalMs,
        timeoutMs: Math.max(0, processingTimeoutMs - spent()),
        read,
        pending,
        onWait: (state) => log.info(`${name}: ${what} ${state}, ${(0,_shared_poll_js__WEBPACK_IMPORTED_MODULE_3__/* .elapsedText */ .QF)(spent())}`),
        onTimeout: (state) => new ProcessingError(`${name} is still ${state} after ${(0,_shared_format_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(spent())} (processing_timeout). ` +
            'Apple sometimes takes longer; raise processing_timeout or re-run: the next run continues from here.'),
    })).value;
    // The first read reuses the build just found.
    let fresh = build;
    const processed = await waitFor('processing', async () => {
        const current = fresh ?? (await getBuild(ctx, buildId));
        fresh = undefined;
        return (latest = current ?? latest);
    }, (b) => (b.attributes?.processingState === 'PROCESSING' ? 'PROCESSING' : undefined));
    const state = processed.attributes?.processingState ?? 'VALID';
    if (state === 'FAILED' || state === 'INVALID')
        throw await rejected(ctx, name, buildId, state);
    await waitFor('beta details', () => getBetaDetail(ctx, buildId), (detail) => (detail?.attributes?.internalBuildState === 'PROCESSING' ? 'PROCESSING' : undefined));
    const processingMs = clock.now() - processingStart;
    log.info(`${name} is ${state} (build ${buildId}) after ${(0,_shared_format_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(appearMs + processingMs)}.`);
    return { buildId, processingState: state, appearMs, processingMs };
}
/**
 * Reads the upload and looks the build up at the same time until the build is there, the upload is
 * COMPLETE, or it FAILED (thrown with Apple's errors). Counts against processing_timeout.
 */
async function watchUpload(ctx, name, uploadId) {
    const { clock, log } = ctx;
    const { processingTimeoutMs, pollIntervalMs } = ctx.settings.wait;
    const { value, elapsedMs } = await (0,_shared_poll_js__WEBPACK_IMPORTED_MODULE_3__/* .pollUntil */ .g3)({
        clock,
        intervalMs: pollIntervalMs,
        timeoutMs: processingTimeoutMs,
        read: async () => {
            const [doc, found] = await Promise.all([
                ctx.client.get(`/v1/buildUploads/${uploadId}`, { include: 'build' }),
                (0,_asc_builds_js__WEBPACK_IMPORTED_MODULE_0__/* .findBuild */ .w)(ctx.client, ctx.app.id, ctx.identity),
            ]);
            const included = doc.included?.find((r) => r.type === 'builds');
            return { upload: doc.data, build: found ?? included };
        },
        pending: ({ upload, build }) => {
            const state = upload.attributes?.state?.state;
            if (build || state === 'COMPLETE' || state === 'FAILED')
                return undefined;
            return `upload ${uploadId} ${state ?? 'unknown'}`;
        },
        onWait: (state, elapsed) => log.info(`${name}: ${state}, ${(0,_shared_poll_js__WEBPACK_IMPORTED_MODULE_3__/* .elapsedText */ .QF)(elapsed)}`),
        onTimeout: (state, elapsed) => new ProcessingError(`${name}: ${state} after ${(0,_shared_format_js__WEBPACK_IMPORTED_MODULE_4__/* .formatDuration */ .a3)(elapsed)} (processing_timeout). ` +
            'Apple sometimes takes longer; raise processing_timeout or re-run: the next run continues from here.'),
    });
    const state = value.upload.attributes?.state;
    if (state?.state === 'FAILED' && !value.build) {
        const errors = state.errors ?? [];
        const hint = (0,_upload_hints_js__WEBPACK_IMPORTED_MODULE_2__/* .hintFor */ .J)(errors);
        throw new ProcessingError(`App Store Connect rejected the upload ${uploadId}:\n${(0,_upload_hints_js__WEBPACK_IMPORTED_MODULE_2__/* .describeStateDetails */ .p)(errors) || '  (no reason given)'}` +
            (hint ? `\n${hint}` : ''));
    }
    if (!value.build)
        log.info(`${name}: upload ${uploadId} is COMPLETE; waiting for the build to appear.`);
    return { build: value.build, elapsedMs };
}
async function getBuild(ctx, id) {
    try {
        return (await ctx.client.get(`/v1/builds/${id}`)).data;
    }
    catch (error) {
        if (error instanceof _asc_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AscApiError */ .oF && error.status === 404)
            return undefined;
        throw error;
    }
}
async function getBetaDetail(ctx, buildId) {
    try {
        return (await ctx.client.get(`/v1/builds/${buildId}/buildBetaDetail`)).data;
    }
    catch (error) {
        // A build can briefly lack its beta details; that is not a reason to fail.
        if (error instanceof _asc_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .AscApiError */ .oF && error.status === 404)
            return undefined;
        throw error;
    }
}
/** Apple's verdict on a failed build, with the upload's state messages when it has any. */
async function rejected(ctx, name, buildId, state) {
    const doc = await ctx.client.get(`/v1/builds/${buildId}`, { include: 'buildUpload' });
    const upload = doc.included?.find((r) => r.type === 'buildUploads');
    const details = [
        ...(upload?.attributes?.state?.errors ?? []),
        ...(upload?.attributes?.state?.warnings ?? []),
    ];
    const reasons = details.length > 0 ? `:\n${(0,_upload_hints_js__WEBPACK_IMPORTED_MODULE_2__/* .describeStateDetails */ .p)(details)}` : '.';
    return new ProcessingError(`App Store Connect finished processing ${name} as ${state}${reasons}\n` +
        'Apple also e-mails the reasons to the team; fix them, increase the build number and upload again.');
}


/***/ })

};

//# sourceMappingURL=453.index.js.map