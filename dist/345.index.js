export const id = 345;
export const ids = [345];
export const modules = {

/***/ 3481:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $x: () => (/* binding */ OPEN_SUBMISSION_STATES),
/* harmony export */   MX: () => (/* binding */ EDITABLE_STATES),
/* harmony export */   Op: () => (/* binding */ IN_REVIEW_STATES),
/* harmony export */   b1: () => (/* binding */ RELEASED_STATES),
/* harmony export */   ml: () => (/* binding */ FINISHING_SUBMISSION_STATES)
/* harmony export */ });
/** States in which a version's metadata and build can still be changed (the issue's list). */
const EDITABLE_STATES = new Set([
    'PREPARE_FOR_SUBMISSION',
    'DEVELOPER_REJECTED',
    'REJECTED',
    'METADATA_REJECTED',
    'INVALID_BINARY',
]);
/** A version in these states has been submitted: App Review has it, or will soon. */
const IN_REVIEW_STATES = new Set(['WAITING_FOR_REVIEW', 'IN_REVIEW', 'WAITING_FOR_EXPORT_COMPLIANCE']);
/** A version that reached users; an app without one is on its first version (no What's New). */
const RELEASED_STATES = new Set([
    'READY_FOR_DISTRIBUTION',
    'PROCESSING_FOR_DISTRIBUTION',
    'REPLACED_WITH_NEW_VERSION',
]);
/** Review submissions that are not finished; canceled ones still hold their items until COMPLETE. */
const OPEN_SUBMISSION_STATES = [
    'READY_FOR_REVIEW',
    'WAITING_FOR_REVIEW',
    'IN_REVIEW',
    'UNRESOLVED_ISSUES',
    'CANCELING',
    'COMPLETING',
];
/**
 * A canceled submission passes CANCELING, then COMPLETING, before it is COMPLETE; until then Apple allows
 * no new one (spec enum; microsoft/asconnect version_client.py; codemagic submit_to_app_store_action.py).
 */
const FINISHING_SUBMISSION_STATES = new Set(['CANCELING', 'COMPLETING']);


/***/ }),

/***/ 9832:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C8: () => (/* binding */ describeSubmission),
/* harmony export */   GN: () => (/* binding */ conflictMessage),
/* harmony export */   J4: () => (/* binding */ judgeSubmissions),
/* harmony export */   L4: () => (/* binding */ stateOf),
/* harmony export */   PC: () => (/* binding */ isFirstVersion),
/* harmony export */   ZN: () => (/* binding */ readSituation),
/* harmony export */   _N: () => (/* binding */ situationOnce),
/* harmony export */   iQ: () => (/* binding */ phasedReleaseOf),
/* harmony export */   qD: () => (/* binding */ latestVersion),
/* harmony export */   vw: () => (/* binding */ findSubmitted),
/* harmony export */   w2: () => (/* binding */ creationBlocker),
/* harmony export */   xx: () => (/* binding */ editableVersion)
/* harmony export */ });
/* harmony import */ var _asc_resources_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4628);
/* harmony import */ var _shared_platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5130);
/* harmony import */ var _resources_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3481);



async function readSituation(client, appId, platform) {
    const [versions, submissions] = await Promise.all([
        client.getAll(`/v1/apps/${appId}/appStoreVersions`, {
            'filter[platform]': platform,
            include: 'build,appStoreVersionPhasedRelease',
        }),
        client.getAll('/v1/reviewSubmissions', {
            'filter[app]': appId,
            'filter[platform]': platform,
            'filter[state]': _resources_js__WEBPACK_IMPORTED_MODULE_1__/* .OPEN_SUBMISSION_STATES */ .$x.join(','),
            include: 'appStoreVersionForReview',
        }),
    ]);
    return { platform, versions: versions.data, included: versions.included, submissions: submissions.data };
}
/**
 * The situation read on first use and then shared: the read-only checks of the App Store step and of the
 * store listing (preflight, dry run) start from the same versions and submissions.
 */
function situationOnce(client, appId, platform) {
    let read;
    return () => (read ??= readSituation(client, appId, platform));
}
/**
 * The version's state in appVersionState's words. The deprecated appStoreState is read only when
 * appVersionState is absent; the two enums differ in two names (tramlinehq/applelink#47, fastlane#21895).
 */
function stateOf(version) {
    const attributes = version.attributes ?? {};
    if (attributes.appVersionState)
        return attributes.appVersionState;
    const legacy = attributes.appStoreState;
    if (!legacy)
        return 'UNKNOWN';
    return LEGACY_STATE_NAMES[legacy] ?? legacy;
}
const LEGACY_STATE_NAMES = {
    READY_FOR_SALE: 'READY_FOR_DISTRIBUTION',
    PROCESSING_FOR_APP_STORE: 'PROCESSING_FOR_DISTRIBUTION',
};
/** The version of this release already submitted with this build: a rerun has nothing left to do. */
function findSubmitted(s, versionString, isOurBuild) {
    const version = s.versions.find((v) => v.attributes?.versionString === versionString &&
        _resources_js__WEBPACK_IMPORTED_MODULE_1__/* .IN_REVIEW_STATES */ .Op.has(stateOf(v)) &&
        isOurBuild((0,_asc_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .relatedId */ .D)(v, 'build')));
    if (!version)
        return undefined;
    const submission = s.submissions.find((sub) => (0,_asc_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .relatedId */ .D)(sub, 'appStoreVersionForReview') === version.id);
    return { version, submission };
}
/**
 * The version this release can prepare: one in an editable state, or one READY_FOR_REVIEW in an open
 * draft submission, where adding it to the draft put it (fastlane fixture tunes/review_submission.json,
 * fastlane fixture tunes/review_submission.json, fastlane PR #20515): an earlier run of this release got that far and was refused at submit.
 */
function editableVersion(s) {
    return s.versions.find((v) => _resources_js__WEBPACK_IMPORTED_MODULE_1__/* .EDITABLE_STATES */ .MX.has(stateOf(v)) || inOpenDraft(s, v));
}
function inOpenDraft(s, version) {
    return (stateOf(version) === 'READY_FOR_REVIEW' &&
        s.submissions.some((sub) => sub.attributes?.state === 'READY_FOR_REVIEW' &&
            (0,_asc_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .relatedId */ .D)(sub, 'appStoreVersionForReview') === version.id));
}
/** The version a new one starts from: Apple copies its localizations (asc#836). */
function latestVersion(s) {
    const created = (v) => Date.parse(v.attributes?.createdDate ?? '') || 0;
    return [...s.versions].sort((a, b) => created(b) - created(a))[0];
}
/** The phased release of a version as read (responses to writes carry no relationship data). */
function phasedReleaseOf(s, versionId) {
    const version = s.versions.find((v) => v.id === versionId);
    const id = version && (0,_asc_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .relatedId */ .D)(version, 'appStoreVersionPhasedRelease');
    return s.included.find((r) => r.type === 'appStoreVersionPhasedReleases' && r.id === id);
}
/** Apple takes no What's New on an app's first version: one that no earlier version reached users before. */
function isFirstVersion(s, versionId) {
    return !s.versions.some((v) => v.id !== versionId && _resources_js__WEBPACK_IMPORTED_MODULE_1__/* .RELEASED_STATES */ .b1.has(stateOf(v)));
}
/**
 * Why a new version cannot be created, when there is no editable one: the version string is taken by a
 * version that is past review, or another version is approved but not yet released.
 */
function creationBlocker(s, versionString) {
    const same = s.versions.find((v) => v.attributes?.versionString === versionString);
    if (same) {
        return (`App Store version ${versionString} already exists for ${(0,_shared_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .fromAscPlatform */ .Zi)(s.platform)} and is ${stateOf(same)}, so it cannot ` +
            'take another build. Increase app_version (CFBundleShortVersionString) and build again.');
    }
    const pending = s.versions.find((v) => ['PENDING_DEVELOPER_RELEASE', 'PENDING_APPLE_RELEASE', 'ACCEPTED'].includes(stateOf(v)));
    if (pending) {
        return (`App Store version ${pending.attributes?.versionString ?? pending.id} is ${stateOf(pending)}: Apple allows no new ` +
            'version until it is released or rejected. Release it (or reject it) in App Store Connect, then re-run.');
    }
    return undefined;
}
function judgeSubmissions(s, editable) {
    const verdict = { canceling: [], conflicts: [] };
    for (const submission of s.submissions) {
        const state = submission.attributes?.state;
        const holdsEditable = editable !== undefined && (0,_asc_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .relatedId */ .D)(submission, 'appStoreVersionForReview') === editable.id;
        if (state && _resources_js__WEBPACK_IMPORTED_MODULE_1__/* .FINISHING_SUBMISSION_STATES */ .ml.has(state))
            verdict.canceling.push(submission);
        else if (!verdict.reusable &&
            (state === 'READY_FOR_REVIEW' || (state === 'UNRESOLVED_ISSUES' && holdsEditable)))
            verdict.reusable = submission;
        else
            verdict.conflicts.push(submission);
    }
    return verdict;
}
function describeSubmission(s, submission) {
    const versionId = (0,_asc_resources_js__WEBPACK_IMPORTED_MODULE_2__/* .relatedId */ .D)(submission, 'appStoreVersionForReview');
    const version = s.versions.find((v) => v.id === versionId);
    const holding = version ? `, version ${version.attributes?.versionString ?? version.id}` : '';
    return `review submission ${submission.id} (${submission.attributes?.state ?? 'unknown state'}${holding})`;
}
function conflictMessage(s, conflicts) {
    const list = conflicts.map((c) => describeSubmission(s, c)).join(', ');
    const one = conflicts.length === 1;
    return (`The app has ${one ? 'an open' : `${conflicts.length} open`} App Store ${one ? 'submission' : 'submissions'} ` +
        `for ${(0,_shared_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .fromAscPlatform */ .Zi)(s.platform)} that ${one ? 'holds' : 'hold'} something else: ${list}. Apple reviews one submission per ` +
        'platform at a time. Set cancel_previous_submissions: true to cancel it first, or cancel or finish it in ' +
        'App Store Connect (App Review page) and re-run.');
}


/***/ }),

/***/ 4628:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ relatedId)
/* harmony export */ });
/** JSON:API shapes of the App Store Connect resources this action reads, as in Apple's OpenAPI spec 4.4.1. */
function relatedId(resource, relationship) {
    const data = resource.relationships?.[relationship]?.data;
    return data && !Array.isArray(data) ? data.id : undefined;
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


/***/ })

};

//# sourceMappingURL=345.index.js.map