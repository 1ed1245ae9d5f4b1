export const id = 344;
export const ids = [344];
export const modules = {

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

/***/ 5135:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ forEachConcurrently)
/* harmony export */ });
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);

async function forEachConcurrently(items, concurrency, work, newState) {
    let next = 0;
    let failure;
    const worker = async () => {
        const state = newState?.();
        while (next < items.length && failure === undefined) {
            const item = items[next++];
            try {
                await work(item, state);
            }
            catch (error) {
                failure ??= error instanceof Error ? error : new Error((0,node_util__WEBPACK_IMPORTED_MODULE_0__.inspect)(error));
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    if (failure !== undefined)
        throw failure;
}


/***/ }),

/***/ 4344:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  uploadBuild: () => (/* binding */ uploadBuild)
});

// EXTERNAL MODULE: ./src/asc/builds.ts
var builds = __webpack_require__(3688);
// EXTERNAL MODULE: ./src/asc/resources.ts
var resources = __webpack_require__(4628);
// EXTERNAL MODULE: ./src/upload/altool.ts + 3 modules
var altool = __webpack_require__(2602);
// EXTERNAL MODULE: ./src/asc/errors.ts
var errors = __webpack_require__(9678);
// EXTERNAL MODULE: ./src/shared/format.ts
var format = __webpack_require__(6338);
// EXTERNAL MODULE: ./src/shared/platform.ts
var platform = __webpack_require__(5130);
// EXTERNAL MODULE: ./src/upload/parts.ts
var parts = __webpack_require__(3603);
// EXTERNAL MODULE: ./src/upload/progress.ts
var upload_progress = __webpack_require__(850);
;// CONCATENATED MODULE: ./src/upload/api.ts






/** Parts in flight at once; chosen with `npm run bench` (see the README's performance figures). */
const DEFAULT_CONCURRENCY = 6;
/**
 * How long a reservation may still be written by the run that made it. The API cannot tell a crashed
 * run from a running one, so a younger reservation is never deleted (its operations live an hour too).
 */
const RESERVATION_LIVE_MS = 60 * 60_000;
/** A failure of the upload with Apple's words and what to do next. */
class UploadFailedError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UploadFailedError';
    }
}
/** The message for a build number that an upload of other bytes already holds. */
const DIFFERENT_PACKAGE = 'build number already used by a different package: increase CFBundleVersion (build_number) and rebuild';
/**
 * Uploads the package through the build upload API and ends once App Store Connect took the commit;
 * the processing wait watches the upload from there. Safe to rerun and to run twice at once
 * (uploadBuild has already looked for the build itself): a finished upload of the same package is
 * reused, a reservation of the same package is resumed or joined, and a reservation of another package
 * is deleted only once no run can still be writing it.
 */
async function uploadWithApi(client, options) {
    const target = (await existingUpload(client, options)) ?? (await createUpload(client, options));
    if (target.kind === 'done') {
        return { buildUploadId: target.upload.id, reused: 'upload', bytesSent: 0, sendMs: 0 };
    }
    return sendAndCommit(client, target, options);
}
/** The earlier upload of this build this run continues from, if there is one it may use. */
async function existingUpload(client, options) {
    const { data } = await client.getAll(`/v1/apps/${options.appId}/buildUploads`, {
        'filter[cfBundleVersion]': options.identity.buildNumber,
        'filter[cfBundleShortVersionString]': options.identity.version,
        'filter[platform]': (0,platform/* toAscPlatform */.kA)(options.identity.platform),
    });
    const byState = (state) => data.find((u) => u.attributes?.state?.state === state);
    const done = byState('COMPLETE') ?? byState('PROCESSING');
    if (done) {
        await assertSamePackage(client, done.id, options);
        options.log.info(`Upload ${done.id} of this build is already ${done.attributes?.state?.state ?? ''}: not uploading again.`);
        return { kind: 'done', upload: done };
    }
    for (const reservation of data.filter((u) => u.attributes?.state?.state === 'AWAITING_UPLOAD')) {
        const target = await useReservation(client, reservation, options);
        if (target)
            return target;
    }
    return undefined;
}
/**
 * Decides by age and content what to do with a reservation found AWAITING_UPLOAD: join or resume it
 * when it holds this package, take it over when it has no file yet, fail when it holds another package
 * that its run may still be writing, and delete it only when nobody can write it any more.
 */
async function useReservation(client, reservation, options, attempt = 1) {
    const { log, pkg, clock } = options;
    const file = await assetFileOf(client, reservation.id);
    const fileState = file?.attributes?.assetDeliveryState?.state;
    if (fileState === 'UPLOAD_COMPLETE' || fileState === 'COMPLETE') {
        // Committed by another run a moment ago; the upload's own state has not caught up yet.
        checkSamePackage(file, reservation.id, options);
        log.info(`Upload ${reservation.id} of this build was committed by another run: not uploading again.`);
        return { kind: 'done', upload: reservation };
    }
    const created = Date.parse(reservation.attributes?.createdDate ?? '');
    // Without a creation date the age is unknown: treat it as young, never delete on a guess.
    const ageMs = Number.isNaN(created) ? 0 : clock.now() - created;
    const young = ageMs < RESERVATION_LIVE_MS;
    const writable = file !== undefined && canStillBeWritten(file, clock);
    const age = `reserved ${(0,format/* formatDuration */.a3)(Math.max(0, ageMs))} ago`;
    if (!file) {
        if (young) {
            log.info(`Upload ${reservation.id} of this build (${age}) has no file yet; reserving it for this package.`);
            const reserved = await reserveFile(client, reservation, options);
            if (reserved)
                return reserved;
            if (attempt >= 3)
                throw new UploadFailedError(`Could not reserve the file of upload ${reservation.id}; re-run the job.`);
            return useReservation(client, reservation, options, attempt + 1); // another run reserved it first: judge its file
        }
    }
    else if (!samePackage(file, pkg)) {
        if (young && writable) {
            throw new UploadFailedError(`Upload ${reservation.id} of this build (${age}) holds a different package ` +
                `(${describeFile(file)}; this one is ${describeFile({ attributes: pkg })}). Another run may still be ` +
                `writing it, so it is not deleted while younger than ${RESERVATION_LIVE_MS / 60_000} minutes. ` +
                'If two jobs build the same build number, give each its own CFBundleVersion; otherwise re-run after that time.');
        }
    }
    else if (writable) {
        if (young)
            log.info(`Joining upload ${reservation.id} of this package (${age}): another run may be uploading it; ` +
                'parts already stored are not sent again, and it is committed once.');
        else
            log.info(`Resuming upload ${reservation.id}, which an earlier run reserved (${age}) but did not finish.`);
        return { kind: 'send', upload: reservation, file };
    }
    log.info(`Deleting upload ${reservation.id} (${age}), a reservation nobody can finish any more ` +
        `(${file ? (samePackage(file, pkg) ? 'its upload operations expired' : `it holds ${describeFile(file)}`) : 'no file'}); it cannot be resumed.`);
    try {
        await client.delete(`/v1/buildUploads/${reservation.id}`);
    }
    catch (error) {
        // Gone already, or another run is committing it: read again rather than guess.
        if (!(error instanceof errors/* AscApiError */.oF) || ![403, 404, 409].includes(error.status))
            throw error;
    }
    return undefined;
}
/**
 * True while the reservation can still be finished: not committed, and every part not stored yet has
 * an operation that lives a while longer (with every part stored, only the commit is left).
 */
function canStillBeWritten(file, clock) {
    const soon = clock.now() + 60_000;
    const all = file.attributes?.uploadOperations ?? [];
    const open = all.filter((op) => !op.entityTag);
    return (file.attributes?.assetDeliveryState?.state === 'AWAITING_UPLOAD' &&
        all.length > 0 &&
        open.every((op) => !op.expiration || Date.parse(op.expiration) > soon));
}
function samePackage(file, pkg) {
    return file.attributes?.fileName === pkg.fileName && file.attributes.fileSize === pkg.fileSize;
}
function describeFile(file) {
    const size = file.attributes?.fileSize;
    return `${file.attributes?.fileName ?? 'unnamed'}, ${size === undefined || size === null ? 'size unknown' : (0,format/* formatBytes */.z3)(size)}`;
}
/** The upload's package file (assetType ASSET), as App Store Connect knows it. */
async function assetFileOf(client, uploadId) {
    const { data } = await client.getAll(`/v1/buildUploads/${uploadId}/buildUploadFiles`);
    return data.find((file) => file.attributes?.assetType === 'ASSET');
}
/**
 * Before an existing upload stands for this package, checks that it is this package: same file name
 * and size. A mismatch means the build number is taken by other bytes; no facts, a warning.
 */
async function assertSamePackage(client, uploadId, options) {
    checkSamePackage(await assetFileOf(client, uploadId), uploadId, options);
}
function checkSamePackage(file, uploadId, options) {
    if (!file?.attributes?.fileName || file.attributes.fileSize === undefined) {
        options.log.warning(`Cannot tell whether upload ${uploadId} holds this package (App Store Connect shows no file name and size); ` +
            'taking it as this build. If the package changed, increase CFBundleVersion.');
        return;
    }
    if (!samePackage(file, options.pkg)) {
        throw new UploadFailedError(`${DIFFERENT_PACKAGE}. Upload ${uploadId} of this version and build number holds ${describeFile(file)}; ` +
            `this package is ${describeFile({ attributes: options.pkg })}.`);
    }
}
async function createUpload(client, options) {
    const body = {
        data: {
            type: 'buildUploads',
            attributes: {
                cfBundleShortVersionString: options.identity.version,
                cfBundleVersion: options.identity.buildNumber,
                platform: (0,platform/* toAscPlatform */.kA)(options.identity.platform),
            },
            relationships: { app: { data: { type: 'apps', id: options.appId } } },
        },
    };
    for (let attempt = 1;; attempt++) {
        let created;
        try {
            // Apple answers 200 here, the spec says 201 (expo fixture post-buildUploads-200.json): any 2xx is fine.
            created = (await client.post('/v1/buildUploads', body)).data;
        }
        catch (error) {
            // A duplicate means another run got there first; a lost or 5xx answer may have created it anyway.
            // Settle both by reading, never by deleting: the upload found may be this run's own.
            const duplicate = error instanceof errors/* AscApiError */.oF && error.status === 409;
            if (!duplicate && !isAmbiguous(error))
                throw error;
            const found = await existingUpload(client, options);
            if (found) {
                options.log.info(duplicate
                    ? `Another run created upload ${found.upload.id} of this build first; continuing with it.`
                    : `The create got no clear answer; App Store Connect has upload ${found.upload.id} of this build, continuing with it.`);
                return found;
            }
            if (duplicate) {
                const build = await (0,builds/* findBuild */.w)(client, options.appId, options.identity);
                if (build)
                    throw new UploadFailedError(`${error.message}\nThe build already exists as ${build.id}.`);
            }
            if (attempt >= 2)
                throw error;
            options.log.info('The create got no clear answer and App Store Connect has no upload of this build; creating it again.');
            continue;
        }
        options.log.info(`Created upload ${created.id}.`);
        const target = await reserveFile(client, created, options);
        // Another run can reserve the file of an upload it found fresh; judge what it reserved.
        return target ?? (await useReservation(client, created, options)) ?? createUpload(client, options);
    }
}
const UTI = { ipa: 'com.apple.ipa', pkg: 'com.apple.pkg' };
/** Reserves the package file on the upload; `undefined` when another run reserved a file on it first. */
async function reserveFile(client, upload, options) {
    const { pkg } = options;
    const body = {
        data: {
            type: 'buildUploadFiles',
            attributes: { assetType: 'ASSET', fileName: pkg.fileName, fileSize: pkg.fileSize, uti: UTI[pkg.kind] },
            relationships: { buildUpload: { data: { type: 'buildUploads', id: upload.id } } },
        },
    };
    try {
        const file = (await client.post('/v1/buildUploadFiles', body)).data;
        return { kind: 'send', upload, file };
    }
    catch (error) {
        const duplicate = error instanceof errors/* AscApiError */.oF && error.status === 409;
        if (duplicate || isAmbiguous(error))
            return undefined;
        throw error;
    }
}
function isAmbiguous(error) {
    return error instanceof errors/* AscNetworkError */.Us || (error instanceof errors/* AscApiError */.oF && error.ambiguous);
}
/** Sends the parts not stored yet, then commits with `uploaded: true` only. */
async function sendAndCommit(client, target, options) {
    const { log, pkg } = options;
    const { upload, file } = target;
    const all = file.attributes?.uploadOperations ?? [];
    if (all.length === 0)
        throw new UploadFailedError(`App Store Connect gave no upload operations for file ${file.id}; re-run the job.`);
    // An operation with an entityTag is a part the storage already has (a cancelled run or another run sent it).
    const operations = all.filter((op) => !op.entityTag);
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    const bytesSent = operations.reduce((sum, op) => sum + op.length, 0);
    log.info(`Sending ${pkg.fileName} in ${operations.length} parts, ${Math.min(concurrency, operations.length)} at a time` +
        (operations.length < all.length
            ? ` (${all.length - operations.length} of ${all.length} are stored already).`
            : '.'));
    const progress = new upload_progress/* Progress */.k(bytesSent, log);
    const started = options.clock.now();
    try {
        await (0,parts/* sendParts */.h)({ path: pkg.path, operations, concurrency, progress, log, clock: options.clock });
    }
    catch (error) {
        // Storage refuses parts of an upload another run has committed meanwhile: no failure of this build.
        if (!(error instanceof parts/* PartUploadError */.v) || !(await committedElsewhere(client, upload.id, log)))
            throw error;
        return {
            buildUploadId: upload.id,
            reused: 'upload',
            bytesSent: progress.sentBytes,
            sendMs: options.clock.now() - started,
        };
    }
    progress.report();
    const sendMs = options.clock.now() - started;
    const taken = await commit(client, target, options);
    return {
        buildUploadId: upload.id,
        ...(taken === 'elsewhere' ? { reused: 'upload' } : {}),
        bytesSent,
        sendMs,
    };
}
/** The upload's state right now. */
async function uploadState(client, uploadId) {
    return (await client.get(`/v1/buildUploads/${uploadId}`)).data.attributes?.state?.state;
}
async function committedElsewhere(client, uploadId, log) {
    const state = await uploadState(client, uploadId);
    if (state === undefined || state === 'AWAITING_UPLOAD')
        return false;
    log.info(`Another run committed upload ${uploadId} first (it is ${state}); not committing it again.`);
    return true;
}
/**
 * Commits with `uploaded: true` only: every client known to work sends just that, and Apple refused a
 * commit that also carried `sourceFileChecksums` (botiverse/hands#199; expo uploadToAsc.ts). Whether a
 * commit took is read from the upload's state: the file may read AWAITING_UPLOAD for a while after a
 * commit Apple took (expo polls it up to 60 s), so that is no reason to commit or send again.
 */
async function commit(client, target, options) {
    const { log } = options;
    const { upload, file } = target;
    const body = { data: { type: 'buildUploadFiles', id: file.id, attributes: { uploaded: true } } };
    for (let attempt = 1;; attempt++) {
        try {
            await client.patch(`/v1/buildUploadFiles/${file.id}`, body, { idempotent: false });
            log.info(`Committed upload ${upload.id}: App Store Connect has the package.`);
            return 'by-this-run';
        }
        catch (error) {
            if (error instanceof errors/* AscApiError */.oF && error.status === 409) {
                if (await committedElsewhere(client, upload.id, log))
                    return 'elsewhere';
                throw new UploadFailedError(commitRefusal(upload.id, error));
            }
            if (!isAmbiguous(error) || attempt >= 3)
                throw error;
            // No answer: read whether the commit took effect instead of sending it blindly again.
            const state = await uploadState(client, upload.id);
            if (state !== undefined && state !== 'AWAITING_UPLOAD') {
                log.info(`The commit's answer was lost, but App Store Connect has it (upload state ${state}).`);
                return 'by-this-run';
            }
            log.info('The commit got no answer and App Store Connect has not taken it; committing again.');
        }
    }
}
/** Apple's words on a refused commit, and corrupted bytes named only when Apple names them. */
function commitRefusal(uploadId, error) {
    const apple = error.errors.map((e) => `${e.title} ${e.detail ?? ''}`).join(' ');
    const corrupted = /does not match|mismatch|corrupt/i.test(apple);
    return (`App Store Connect refused the commit of upload ${uploadId}:\n${error.message}\n` +
        (corrupted
            ? 'Apple says the bytes it received differ from the package: did something change the file during the upload? Re-run the job.'
            : 'Re-run the job: it resumes this upload and sends only the parts App Store Connect does not have.'));
}

;// CONCATENATED MODULE: ./src/upload/index.ts




/** Gets the package into App Store Connect by the chosen method, or finds the build already there. */
async function uploadBuild(ctx) {
    const { settings, pkg, identity, log } = ctx;
    const method = settings.upload.method === 'none' || !pkg ? 'none' : settings.upload.method;
    // Reruns start here: a build App Store Connect already has is never uploaded again.
    const build = await (0,builds/* findBuild */.w)(ctx.client, ctx.app.id, identity);
    if (build && method !== 'none' && pkg)
        await assertBuildHoldsPackage(ctx, build, pkg);
    if (build) {
        const state = build.attributes?.processingState ?? 'unknown';
        log.info(method === 'none'
            ? `Acting on build ${build.id} (processing state ${state}).`
            : `Build ${identity.version} (${identity.buildNumber}) is already in App Store Connect ` +
                `(processing state ${state}): nothing to upload.`);
        return {
            method,
            buildId: build.id,
            processingState: build.attributes?.processingState ?? undefined,
            ...(method === 'none' ? {} : { reused: 'build' }),
            bytesSent: 0,
            sendMs: 0,
        };
    }
    if (method === 'none' || !pkg)
        return { method: 'none', bytesSent: 0, sendMs: 0 };
    if (method === 'altool')
        return (0,altool.uploadWithAltool)(ctx, pkg);
    const result = await uploadWithApi(ctx.client, {
        appId: ctx.app.id,
        identity,
        pkg,
        log,
        clock: ctx.clock,
    });
    return { method: 'api', ...result };
}
/**
 * A build already there stands for this package only if it is this package: compared through its
 * upload's file (name and size). A build uploaded another way has no upload to compare: a warning.
 */
async function assertBuildHoldsPackage(ctx, build, pkg) {
    const doc = await ctx.client.get(`/v1/builds/${build.id}`, { include: 'buildUpload' });
    const uploadId = (0,resources/* relatedId */.D)(doc.data, 'buildUpload');
    if (uploadId) {
        await assertSamePackage(ctx.client, uploadId, { pkg, log: ctx.log });
        return;
    }
    ctx.log.warning(`Cannot tell whether build ${build.id} is this package (it has no build upload to compare with, e.g. it came ` +
        `through Xcode or altool); taking it as this build. If it is not: ${DIFFERENT_PACKAGE}.`);
}


/***/ }),

/***/ 3603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   h: () => (/* binding */ sendParts),
/* harmony export */   v: () => (/* binding */ PartUploadError)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _shared_clock_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6103);
/* harmony import */ var _shared_pool_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(5135);
/* harmony import */ var _shared_retry_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3091);






/** A part that cannot be sent: expired operations, refused requests, or retries exhausted. */
class PartUploadError extends Error {
    constructor(message) {
        super(message);
        this.name = 'PartUploadError';
    }
}
const RETRYABLE_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const CHUNK_BYTES = 256 * 1024;
const CHUNKS_PER_PART = 4;
/** A part is a few MB: 15 minutes is a link slower than 10 kB/s, or a storage server that never finishes. */
const PART_DEADLINE_MS = 15 * 60_000;
/**
 * Sends every operation's byte range of the file, in parallel, each read from disk by offset and
 * length. The URLs are pre-signed storage URLs: only the operation's own headers go with them, never the
 * API token. A failed part is retried alone; the first part that cannot be sent stops the others.
 */
async function sendParts(options) {
    const agentOptions = { keepAlive: true, maxSockets: options.concurrency };
    const agents = { 'http:': new (node_http__WEBPACK_IMPORTED_MODULE_1___default().Agent)(agentOptions), 'https:': new (node_https__WEBPACK_IMPORTED_MODULE_2___default().Agent)(agentOptions) };
    const file = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.open)(options.path, 'r');
    const byOffset = [...options.operations].sort((a, b) => a.offset - b.offset);
    try {
        await (0,_shared_pool_js__WEBPACK_IMPORTED_MODULE_4__/* .forEachConcurrently */ .D)(byOffset, options.concurrency, (op, chunks) => sendPart(op, file, chunks, agents, options), () => new ChunkPool());
    }
    finally {
        agents['http:'].destroy();
        agents['https:'].destroy();
        await file.close();
    }
}
async function sendPart(op, file, chunks, agents, options) {
    const clock = options.clock ?? _shared_clock_js__WEBPACK_IMPORTED_MODULE_3__/* .realClock */ .d;
    const maxAttempts = options.maxAttempts ?? 6;
    const name = `part ${op.partNumber ?? '?'} (bytes ${op.offset}–${op.offset + op.length - 1})`;
    for (let attempt = 1;; attempt++) {
        if (op.expiration && Date.parse(op.expiration) <= clock.now()) {
            throw new PartUploadError(`The upload operation for ${name} expired at ${op.expiration}. Re-run the job: it resumes with fresh operations.`);
        }
        let sent = 0;
        let retryAfterMs;
        let problem;
        try {
            const response = await put(op, file, chunks, agents, options.timeoutMs ?? 120_000, options.deadlineMs ?? PART_DEADLINE_MS, (bytes) => {
                sent += bytes;
                options.progress.add(bytes);
            });
            if (response.status >= 200 && response.status < 300)
                return;
            problem = `answered ${response.status}${response.text ? `: ${summarize(response.text)}` : ''}`;
            if (response.status === 403 && /expired/i.test(response.text)) {
                throw new PartUploadError(`The storage service refused ${name} as expired (${problem}). Re-run the job.`);
            }
            if (!RETRYABLE_STATUS.has(response.status)) {
                throw new PartUploadError(`The storage service refused ${name}: ${problem}`);
            }
            retryAfterMs = (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .parseRetryAfter */ .mu)(response.retryAfter, clock.now());
        }
        catch (error) {
            if (error instanceof PartUploadError)
                throw error;
            problem = `failed: ${error instanceof Error ? error.message : String(error)}`;
        }
        options.progress.add(-sent);
        if (attempt >= maxAttempts) {
            throw new PartUploadError(`Sending ${name} ${problem}; gave up after ${attempt} attempts.`);
        }
        const delay = retryAfterMs ?? (0,_shared_retry_js__WEBPACK_IMPORTED_MODULE_5__/* .backoffDelay */ .EY)(attempt, options.baseDelayMs ?? 500, options.maxDelayMs ?? 20_000);
        options.log.info(`Sending ${name} ${problem}; retrying it in ${(delay / 1000).toFixed(1)} s`);
        await clock.sleep(delay);
    }
}
/** One attempt: the byte range goes out through a few reused buffers, so no garbage piles up per chunk. */
function put(op, file, chunks, agents, timeoutMs, deadlineMs, onBytes) {
    const url = new URL(op.url);
    const transport = url.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_2___default()) : (node_http__WEBPACK_IMPORTED_MODULE_1___default());
    const headers = { 'content-length': String(op.length) };
    for (const header of op.requestHeaders ?? [])
        headers[header.name.toLowerCase()] = header.value;
    return new Promise((resolve, reject) => {
        const request = transport.request(url, {
            method: op.method,
            headers,
            agent: agents[url.protocol === 'https:' ? 'https:' : 'http:'],
            timeout: timeoutMs,
        });
        request.on('timeout', () => request.destroy(new Error(`no progress for ${timeoutMs / 1000} s`)));
        const deadline = setTimeout(() => request.destroy(new Error(`not finished within ${deadlineMs / 1000} s`)), deadlineMs);
        request.on('close', () => clearTimeout(deadline));
        request.on('error', (error) => {
            chunks.abandon();
            reject(error);
        });
        request.on('response', (response) => {
            let text = '';
            response.setEncoding('utf8');
            response.on('data', (piece) => {
                if (text.length < 4096)
                    text += piece;
            });
            response.on('end', () => {
                clearTimeout(deadline);
                const status = response.statusCode ?? 0;
                if (status < 200 || status >= 300) {
                    // The storage may answer before taking the whole body; stop sending and start the pool afresh.
                    request.destroy();
                    chunks.abandon();
                }
                resolve({ status, text, retryAfter: response.headers['retry-after'] });
            });
            response.on('error', reject);
        });
        const pump = async () => {
            const end = op.offset + op.length;
            for (let position = op.offset; position < end && !request.destroyed;) {
                const chunk = await chunks.take();
                const { bytesRead } = await file.read(chunk, 0, Math.min(chunk.length, end - position), position);
                if (bytesRead === 0)
                    throw new Error('the file is shorter than the upload operation says');
                position += bytesRead;
                onBytes(bytesRead);
                // The chunk goes back to the pool only once the socket has taken it.
                request.write(chunk.subarray(0, bytesRead), () => chunks.give(chunk));
            }
            request.end();
        };
        pump().catch((error) => request.destroy(error instanceof Error ? error : new Error(String(error))));
    });
}
/**
 * A few buffers one worker reuses for every part it sends. After a failed attempt, buffers still held
 * by a dead socket may never come back, so the pool starts afresh instead of waiting for them.
 */
class ChunkPool {
    free = [];
    waiting = [];
    generation = 0;
    owner = new WeakMap();
    constructor() {
        this.refill();
    }
    take() {
        const chunk = this.free.pop();
        if (chunk)
            return Promise.resolve(chunk);
        return new Promise((resolve) => this.waiting.push(resolve));
    }
    give(chunk) {
        if (this.owner.get(chunk) !== this.generation)
            return;
        const next = this.waiting.shift();
        if (next)
            next(chunk);
        else
            this.free.push(chunk);
    }
    abandon() {
        this.generation += 1;
        this.free = [];
        this.waiting = [];
        this.refill();
    }
    refill() {
        for (let i = 0; i < CHUNKS_PER_PART; i++) {
            const chunk = Buffer.allocUnsafeSlow(CHUNK_BYTES);
            this.owner.set(chunk, this.generation);
            this.give(chunk);
        }
    }
}
/** Storage errors come as XML; keep the message short and on one line. */
function summarize(text) {
    const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1];
    return (message ?? text).replace(/\s+/g, ' ').slice(0, 200);
}


/***/ }),

/***/ 850:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   k: () => (/* binding */ Progress)
/* harmony export */ });
/* harmony import */ var _shared_format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6338);

const MB = 1_000_000;
/** Logs upload progress (percent, MB/s, time left) at most every `intervalMs`. */
class Progress {
    total;
    log;
    intervalMs;
    now;
    sent = 0;
    lastLogAt;
    startedAt;
    constructor(total, log, intervalMs = 5000, now = Date.now) {
        this.total = total;
        this.log = log;
        this.intervalMs = intervalMs;
        this.now = now;
        this.startedAt = now();
        this.lastLogAt = this.startedAt;
    }
    /** Bytes sent so far (a failed part's bytes taken back). */
    get sentBytes() {
        return this.sent;
    }
    /** Bytes can go back down: a failed part's bytes are taken back before it is sent again. */
    add(bytes) {
        this.sent += bytes;
        if (this.now() - this.lastLogAt >= this.intervalMs)
            this.report();
    }
    report() {
        this.lastLogAt = this.now();
        const elapsedS = Math.max((this.lastLogAt - this.startedAt) / 1000, 0.001);
        const rate = this.sent / elapsedS;
        const left = rate > 0 ? Math.ceil((this.total - this.sent) / rate) : undefined;
        const percent = this.total > 0 ? Math.floor((this.sent / this.total) * 100) : 100;
        this.log.info(`Uploaded ${percent}% (${(0,_shared_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(this.sent)} of ${(0,_shared_format_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(this.total)}) at ${(rate / MB).toFixed(1)} MB/s` +
            (left !== undefined ? `, about ${left} s left` : ''));
    }
}


/***/ })

};

//# sourceMappingURL=344.index.js.map