export const id = 874;
export const ids = [874];
export const modules = {

/***/ 6874:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   waitForAppReview: () => (/* binding */ waitForAppReview)
/* harmony export */ });
/* unused harmony export appReviewReading */
/* harmony import */ var _shared_review_wait_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(419);

/** Version states App Review leaves an approved version in (spec AppVersionState). */
const APPROVED_VERSION_STATES = new Set([
    'ACCEPTED',
    'PENDING_DEVELOPER_RELEASE',
    'PENDING_APPLE_RELEASE',
    'PROCESSING_FOR_DISTRIBUTION',
    'READY_FOR_DISTRIBUTION',
    'REPLACED_WITH_NEW_VERSION',
]);
/** Version states of a rejection; DEVELOPER_REJECTED is a submission withdrawn in App Store Connect. */
const REJECTED_VERSION_STATES = new Set([
    'REJECTED',
    'METADATA_REJECTED',
    'INVALID_BINARY',
    'DEVELOPER_REJECTED',
]);
/**
 * What a review submission and its version say about App Review. A submission Apple has finished with is
 * COMPLETE and the version carries the verdict (rorkai/App-Store-Connect-CLI#1347: a COMPLETE submission,
 * the version's state tells what became of it); a rejection leaves the submission UNRESOLVED_ISSUES until
 * the developer answers or cancels it (fastlane PR #19979; erayendes/app-store-connect-mcp#100), with the
 * version REJECTED or METADATA_REJECTED. Anything else is still in review (or being canceled).
 */
function appReviewReading(submissionState, versionState) {
    const version = versionState ?? '';
    const state = submissionState
        ? `${submissionState} (version ${version || 'unknown'})`
        : `version ${version}`;
    if (submissionState === 'UNRESOLVED_ISSUES')
        return { state, verdict: 'rejected' };
    // The two are read one after the other: a verdict counts once the submission is finished too.
    const finished = submissionState === undefined || submissionState === 'COMPLETE';
    if (finished && REJECTED_VERSION_STATES.has(version))
        return { state, verdict: 'rejected' };
    if (finished && APPROVED_VERSION_STATES.has(version))
        return { state, verdict: 'approved' };
    return { state, verdict: 'pending' };
}
/**
 * wait_for_app_review: polls the review submission and its version until App Review's verdict. A
 * rejection fails, pointing at the Resolution Center (Apple gives no reasons through the API); the
 * states read are handed to `onState` as they come.
 */
async function waitForAppReview(ctx, result, onState) {
    const outcome = {};
    const what = `App Store review of version ${result.versionString} for ${ctx.identity.platform}`;
    const reading = await (0,_shared_review_wait_js__WEBPACK_IMPORTED_MODULE_0__/* .waitForVerdict */ .m)({
        clock: ctx.clock,
        log: ctx.log,
        intervalMs: ctx.settings.wait.pollIntervalMs,
        timeoutMs: ctx.settings.appStore.waitForReviewMs,
        what,
        input: 'wait_for_app_review',
        onState: () => {
            onState(outcome);
        },
        read: async () => {
            // The version first: the submission, read last, is then at least as fresh as the version.
            const version = await ctx.client.get(`/v1/appStoreVersions/${result.versionId}`, {
                'fields[appStoreVersions]': 'appVersionState',
            });
            outcome.versionState = version.data.attributes?.appVersionState ?? undefined;
            if (result.reviewSubmissionId) {
                const submission = await ctx.client.get(`/v1/reviewSubmissions/${result.reviewSubmissionId}`, { 'fields[reviewSubmissions]': 'state' });
                outcome.submissionState = submission.data.attributes?.state ?? undefined;
            }
            return appReviewReading(outcome.submissionState, outcome.versionState);
        },
    });
    if (reading.verdict === 'rejected') {
        throw new Error(`App Review did not approve version ${result.versionString}: review submission ` +
            `${reading.state}. Read Apple's reasons in App Store Connect > "${ctx.app.name}" > App Review ` +
            '(the Resolution Center), answer or fix them there, and submit again.');
    }
    return outcome;
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

/***/ 419:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   m: () => (/* binding */ waitForVerdict)
/* harmony export */ });
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6338);
/* harmony import */ var _poll_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9340);


/** Reviews take hours: a line per state change, and otherwise one every few minutes, keeps the log readable. */
const PROGRESS_EVERY_MS = 5 * 60_000;
/**
 * Polls a review until Apple's verdict, with the one `pollUntil`. Returns the last reading (approved or
 * rejected: the caller says what a rejection means); a wait that outlasts `timeoutMs` fails, saying the
 * submission stays in review. Each request signs a fresh token when the last nears expiry (asc/jwt.ts), so
 * a wait of hours on a cheap runner needs nothing more.
 */
async function waitForVerdict(options) {
    const { log } = options;
    let lastState;
    let lastLoggedAt = -Infinity;
    const { value } = await (0,_poll_js__WEBPACK_IMPORTED_MODULE_0__/* .pollUntil */ .g3)({
        clock: options.clock,
        intervalMs: options.intervalMs,
        timeoutMs: options.timeoutMs,
        read: async () => {
            const reading = await options.read();
            options.onState?.(reading.state);
            return reading;
        },
        pending: (reading) => (reading.verdict === 'pending' ? reading.state : undefined),
        onWait: (state, elapsedMs) => {
            if (state === lastState && elapsedMs - lastLoggedAt < PROGRESS_EVERY_MS)
                return;
            lastState = state;
            lastLoggedAt = elapsedMs;
            log.info(`Waiting for the ${options.what}: ${state}, ${(0,_poll_js__WEBPACK_IMPORTED_MODULE_0__/* .elapsedText */ .QF)(elapsedMs)}`);
        },
        onTimeout: (state, elapsedMs) => new Error(`Timed out after ${(0,_format_js__WEBPACK_IMPORTED_MODULE_1__/* .formatDuration */ .a3)(elapsedMs)} waiting for the ${options.what}, which is still ${state}. ` +
            `The submission stays in review; there is nothing to undo. Raise ${options.input} to wait longer, or ` +
            'follow the review in App Store Connect.'),
    });
    log.info(`The ${options.what} ended: ${value.state}.`);
    return value;
}


/***/ })

};

//# sourceMappingURL=874.index.js.map