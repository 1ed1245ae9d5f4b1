export const id = 872;
export const ids = [872,345,67];
export const modules = {

/***/ 3872:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  submitToAppStore: () => (/* binding */ submitToAppStore)
});

// EXTERNAL MODULE: ./src/listing/index.ts + 2 modules
var src_listing = __webpack_require__(3067);
// EXTERNAL MODULE: ./src/settings/metadata.ts + 1 modules
var metadata = __webpack_require__(3544);
// EXTERNAL MODULE: ./src/shared/platform.ts
var shared_platform = __webpack_require__(5130);
;// CONCATENATED MODULE: ./src/appstore/phased-release.ts
/** Makes the version's phased release match phased_release; one that has started is never removed. */
async function setPhasedRelease(ctx, versionId, current) {
    const state = current?.attributes?.phasedReleaseState ?? 'INACTIVE';
    if (ctx.settings.appStore.phasedRelease) {
        if (current) {
            ctx.log.info(`Phased release already set (${state}).`);
            return 'kept';
        }
        await ctx.client.post('/v1/appStoreVersionPhasedReleases', {
            data: {
                type: 'appStoreVersionPhasedReleases',
                attributes: { phasedReleaseState: 'INACTIVE' },
                relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: versionId } } },
            },
        });
        ctx.log.info('Phased release set: the update reaches users over 7 days after release.');
        return 'created';
    }
    if (!current)
        return 'none';
    if (state !== 'INACTIVE') {
        ctx.log.warning(`phased_release is false, but the version's phased release is ${state} and is kept.`);
        return 'kept';
    }
    await ctx.client.delete(`/v1/appStoreVersionPhasedReleases/${current.id}`);
    ctx.log.info('Phased release removed: the update reaches all users at release.');
    return 'removed';
}

// EXTERNAL MODULE: ./src/appstore/situation.ts
var appstore_situation = __webpack_require__(9832);
// EXTERNAL MODULE: ./src/asc/resources.ts
var resources = __webpack_require__(4628);
// EXTERNAL MODULE: ./src/shared/format.ts
var format = __webpack_require__(6338);
// EXTERNAL MODULE: ./src/shared/poll.ts
var poll = __webpack_require__(9340);
;// CONCATENATED MODULE: ./src/appstore/backoff.ts

/**
 * How the App Store step retries a refusal Apple answers for a while: on the clock, first after the poll
 * interval (at most `capMs`), then doubling up to `capMs`, logging each retry.
 */
function appleBackoff(ctx, timeoutMs, capMs) {
    return {
        clock: ctx.clock,
        timeoutMs,
        delayMs: Math.min(ctx.settings.wait.pollIntervalMs, capMs),
        maxDelayMs: capMs,
        onRetry: (reason, elapsed) => ctx.log.info(`${reason}; trying again, ${(0,poll/* elapsedText */.QF)(elapsed)}`),
    };
}

// EXTERNAL MODULE: ./src/asc/errors.ts
var errors = __webpack_require__(9678);
;// CONCATENATED MODULE: ./src/appstore/errors.ts

const APP = 'App Store Connect > Apps > your app';
/** Apple's reasons for refusing a review, most specific first; matched on code, detail and resource path. */
const KNOWN = [
    {
        match: (t) => /screenshot/i.test(t),
        what: (t) => {
            const types = [...new Set(t.match(/\bAPP_[A-Z0-9_]+/g) ?? [])].join(', ');
            return `Screenshots${types ? ` (${types})` : ''}`;
        },
        where: `${APP} > App Store > the version > Previews and Screenshots`,
    },
    {
        match: (t) => /privacyPolicyUrl|privacy policy/i.test(t),
        what: () => 'Privacy Policy URL',
        where: `${APP} > App Privacy > Privacy Policy`,
    },
    {
        match: (t) => /dataUsage|DATA_USAGE|data usages/i.test(t),
        what: () => 'App Privacy answers (data collection), published',
        where: `${APP} > App Privacy > Data Types, then Publish`,
    },
    {
        match: (t) => /ageRating|AGE_RATING|age rating/i.test(t),
        what: () => 'Age rating',
        where: `${APP} > App Information > Age Rating`,
    },
    {
        match: (t) => /contentRights|CONTENT_RIGHTS/i.test(t),
        what: () => 'Content rights declaration',
        where: `${APP} > App Information > Content Rights`,
    },
    {
        match: (t) => /usesNonExemptEncryption|EXPORT_COMPLIANCE|export compliance|encryption/i.test(t),
        what: () => 'Export compliance of the build',
        where: 'the uses_non_exempt_encryption input, ITSAppUsesNonExemptEncryption in Info.plist, or TestFlight > the build > Missing Compliance',
    },
    {
        match: (t) => /PRICING|appPrices|pricing/i.test(t),
        what: () => 'Price',
        where: `${APP} > Pricing and Availability`,
    },
    {
        match: (t) => /appStoreReviewDetail|contact(First|Last)Name|contactEmail|contactPhone|demoAccount/i.test(t),
        what: () => 'App Review contact information',
        where: `metadata_path's review_information/ folder, or ${APP} > App Store > the version > App Review Information`,
    },
    {
        // Once per locale for an update (fastlane#20612, sceneview#2908).
        match: (t) => /whatsNew/.test(t),
        what: () => "What's New",
        where: 'the whats_new input (one text for every language) or whats_new_file (per language, or a "default" entry)',
    },
    {
        match: (t) => /'copyright'/.test(t),
        what: () => 'Copyright',
        where: `the copyright input, or ${APP} > App Store > the version > Copyright`,
    },
    {
        match: (t) => /'(description|keywords|supportUrl|marketingUrl)'/.test(t),
        what: (t) => `The version's ${/'(\w+)'/.exec(t)?.[1] ?? 'text'}`,
        where: `metadata_path (<locale>/description.txt, keywords.txt, support_url.txt), or ${APP} > App Store > the version, in each language`,
    },
];
/** The errors Apple nests under meta.associatedErrors, keyed by the resource each one is about. */
function associated(error) {
    const map = error.meta?.['associatedErrors'];
    if (typeof map !== 'object' || map === null)
        return [];
    return Object.entries(map).flatMap(([resource, list]) => Array.isArray(list)
        ? list
            .filter((e) => typeof e === 'object' && e !== null)
            .map((e) => ({ resource, error: e }))
        : []);
}
function describeReason(reason, names) {
    const { error, resource } = reason;
    const pointer = error.source?.pointer;
    const text = [error.code, error.title, error.detail, resource, pointer].filter(Boolean).join(' ');
    const known = KNOWN.find((k) => k.match(text));
    const name = resource ? names.get(resource) : undefined;
    if (known)
        return `${known.what(text)}${name ? ` (${name})` : ''}: fix in ${known.where}.`;
    const words = error.detail ?? error.title;
    const where = [name ?? resource, pointer].filter(Boolean).join(' at ');
    return `${words}${error.code ? ` (${error.code}${where ? ` on ${where}` : ''})` : ''}`;
}
/**
 * Apple's 409/422 answer to adding the version to review or submitting it, as a list of what is missing
 * and where to fix it. Apple puts the real reasons in meta.associatedErrors under a generic headline
 * ("This resource cannot be reviewed…"), so those are read first. Other errors are left as they are.
 */
function reviewRefusal(error, subject, submissionId, names = new Map()) {
    if (!(error instanceof errors/* AscApiError */.oF) || (error.status !== 409 && error.status !== 422))
        return error;
    const reasons = error.errors.flatMap((e) => {
        const nested = associated(e);
        return nested.length > 0 ? nested : [{ error: e }];
    });
    const lines = [...new Set(reasons.map((r) => describeReason(r, names)))].map((line) => `  - ${line}`);
    const codes = [...new Set(error.errors.map((e) => e.code))].join(', ');
    const kept = submissionId
        ? `The version is prepared and review submission ${submissionId} is kept unsubmitted: fix the above, then re-run to submit it.`
        : 'Fix the above, then re-run.';
    return new Error(`App Store Connect will not take ${subject} into App Review yet:\n${lines.join('\n')}\n${kept}\n` +
        `(Apple answered ${error.status} ${codes} to ${error.method} ${error.path}.)`, { cause: error });
}
/** Everything Apple said in an error answer, for recognising its known refusals by their words. */
function appleWords(error, status) {
    if (!(error instanceof errors/* AscApiError */.oF) || error.status !== status)
        return undefined;
    return error.errors.map((e) => `${e.title} ${e.detail ?? ''}`).join(' ');
}
/** "Version is not ready to be submitted yet, please try again later." (fastlane#20065, #21510). */
function isNotReadyYet(error) {
    return /not ready to be submitted yet/i.test(appleWords(error, 409) ?? '');
}
/** "The attribute 'releaseType' can not be modified." right after a version is created (fastlane#16679, #16911). */
function isReleaseTypeLocked(error) {
    return /'releaseType' can ?not be modified/i.test(appleWords(error, 409) ?? '');
}
/** The submission named in "There is another reviewSubmissions with id <id> still in progress" (microsoft/asconnect). */
function inProgressSubmissionId(error) {
    return /another reviewSubmissions? with id '?([\w-]+)'? still in progress/i.exec(appleWords(error, 409) ?? '')?.[1];
}
/** The submission named in "already added to another reviewSubmission with id <id>" (rorkai 21384c75). */
function alreadyAddedSubmissionId(error) {
    return /already added to another reviewSubmissions? with id '?([\w-]+)'?/i.exec(appleWords(error, 409) ?? '')?.[1];
}

// EXTERNAL MODULE: ./src/appstore/resources.ts
var appstore_resources = __webpack_require__(3481);
;// CONCATENATED MODULE: ./src/appstore/submission.ts







/** Apple usually finishes canceling within seconds; minutes mean something is stuck on its side. */
const CANCEL_TIMEOUT_MS = 10 * 60_000;
/** fastlane waits 10 × 15 s for READY_FOR_REVIEW before submitting (fastlane PR #20515). */
const NOT_READY_TIMEOUT_MS = 150_000;
const NOT_READY_INTERVAL_MS = 15_000;
/**
 * Clears the way for this release's submission: with cancel_previous_submissions every open submission is
 * canceled; otherwise a draft (or a rejected submission of this version) is reused and anything else
 * stops the run. Either way, canceled submissions are waited for until COMPLETE.
 */
async function settleSubmissions(ctx, s) {
    const { log } = ctx;
    if (ctx.settings.appStore.cancelPreviousSubmissions) {
        const toCancel = s.submissions.filter((sub) => !isFinishing(sub));
        for (const sub of toCancel) {
            await ctx.client.patch(`/v1/reviewSubmissions/${sub.id}`, {
                data: { type: 'reviewSubmissions', id: sub.id, attributes: { canceled: true } },
            });
            log.info(`Canceled ${(0,appstore_situation/* describeSubmission */.C8)(s, sub)} (cancel_previous_submissions).`);
        }
        await waitUntilComplete(ctx, s.submissions.map((sub) => sub.id));
        return { canceledIds: toCancel.map((sub) => sub.id), changed: s.submissions.length > 0 };
    }
    const verdict = (0,appstore_situation/* judgeSubmissions */.J4)(s, (0,appstore_situation/* editableVersion */.xx)(s));
    if (verdict.conflicts.length > 0)
        throw new Error((0,appstore_situation/* conflictMessage */.GN)(s, verdict.conflicts));
    await waitUntilComplete(ctx, verdict.canceling.map((sub) => sub.id));
    if (verdict.reusable)
        log.info(`Reusing ${(0,appstore_situation/* describeSubmission */.C8)(s, verdict.reusable)}.`);
    return { reusable: verdict.reusable, canceledIds: [], changed: verdict.canceling.length > 0 };
}
const isFinishing = (sub) => appstore_resources/* FINISHING_SUBMISSION_STATES */.ml.has(sub.attributes?.state ?? '');
/** Polls canceled submissions until Apple has finished them: CANCELING, then COMPLETING, then COMPLETE. */
async function waitUntilComplete(ctx, ids) {
    let pending = ids;
    await (0,poll/* pollUntil */.g3)({
        clock: ctx.clock,
        intervalMs: ctx.settings.wait.pollIntervalMs,
        timeoutMs: CANCEL_TIMEOUT_MS,
        read: async () => {
            const states = await Promise.all(pending.map(async (id) => readSubmission(ctx, id)));
            pending = states.filter(isFinishing).map((s) => s.id);
            return states.filter(isFinishing);
        },
        pending: (still) => still.length > 0
            ? still.map((s) => `${s.id} to finish canceling (${s.attributes?.state ?? '?'})`).join(', ')
            : undefined,
        onWait: (still, elapsed) => ctx.log.info(`Waiting for review submission ${still}, ${(0,poll/* elapsedText */.QF)(elapsed)}`),
        onTimeout: (still, elapsed) => new Error(`Review submission ${still} did not happen in ${(0,format/* formatDuration */.a3)(elapsed)}. ` +
            'Check its state in App Store Connect and re-run once it is canceled.'),
    });
}
async function readSubmission(ctx, id) {
    return (await ctx.client.get(`/v1/reviewSubmissions/${id}`, {
        'fields[reviewSubmissions]': 'state,appStoreVersionForReview',
        include: 'appStoreVersionForReview',
    })).data;
}
/** Creates (or reuses) the review submission, adds the version to it and submits it for review. */
async function submitForReview(ctx, version, platform, reusable, names = new Map()) {
    const { log } = ctx;
    let submission = reusable ?? (await createSubmission(ctx, platform));
    const subject = `App Store version ${version.attributes?.versionString ?? version.id} for ${ctx.identity.platform}`;
    try {
        if ((0,resources/* relatedId */.D)(submission, 'appStoreVersionForReview') !== version.id) {
            submission = await addVersion(ctx, submission, version);
            await waitUntilReadyForReview(ctx, version);
        }
        const submissionId = submission.id;
        const submitted = await (0,poll/* retryWhile */.i9)({
            ...appleBackoff(ctx, NOT_READY_TIMEOUT_MS, NOT_READY_INTERVAL_MS),
            retryable: (e) => isNotReadyYet(e)
                ? 'App Store Connect says the version is not ready to be submitted yet'
                : undefined,
        }, () => ctx.client.patch(`/v1/reviewSubmissions/${submissionId}`, {
            data: { type: 'reviewSubmissions', id: submissionId, attributes: { submitted: true } },
        }));
        log.info(`Submitted for App Store review: submission ${submissionId} is ${submitted.data.attributes?.state ?? 'submitted'}.`);
        return submitted.data;
    }
    catch (error) {
        throw reviewRefusal(error, subject, submission.id, names);
    }
}
/**
 * A new review submission. While another one of the platform is not COMPLETE, Apple answers 409 "There
 * is another reviewSubmissions with id <id> still in progress", also for a while after it completed
 * (microsoft/asconnect version_client.py; rorkai 21384c75): a canceled one is waited out, a draft that
 * appeared meanwhile is used, anything else stops the run.
 */
async function createSubmission(ctx, platform) {
    const submission = await (0,poll/* retryWhile */.i9)({
        ...appleBackoff(ctx, CANCEL_TIMEOUT_MS, 30_000),
        retryable: (e) => {
            const id = inProgressSubmissionId(e);
            return id ? `App Store Connect says review submission ${id} is still in progress` : undefined;
        },
    }, async () => {
        try {
            const created = await ctx.client.post('/v1/reviewSubmissions', {
                data: {
                    type: 'reviewSubmissions',
                    attributes: { platform },
                    relationships: { app: { data: { type: 'apps', id: ctx.app.id } } },
                },
            });
            ctx.log.info(`Created review submission ${created.data.id}.`);
            return created.data;
        }
        catch (error) {
            const otherId = inProgressSubmissionId(error);
            if (!otherId)
                throw error;
            const draft = await draftOrFinishing(ctx, otherId, error, 'App Store Connect allows no new review submission while there is');
            if (!draft)
                throw error;
            ctx.log.info(`Using draft review submission ${draft.id}, which appeared meanwhile.`);
            return draft;
        }
    });
    return submission;
}
/**
 * The submission Apple names in a refusal: a draft is returned to be used instead, one that is canceling
 * or complete gives undefined (wait and try again), anything else stops the run.
 */
async function draftOrFinishing(ctx, id, error, refusal) {
    const other = await readSubmission(ctx, id);
    const state = other.attributes?.state ?? 'unknown';
    if (state === 'READY_FOR_REVIEW')
        return other;
    if (isFinishing(other) || state === 'COMPLETE')
        return undefined;
    throw new Error(`${refusal} review submission ${other.id}, which is ${state}. Set cancel_previous_submissions: true to ` +
        'cancel it first, or finish it in App Store Connect and re-run.', { cause: error });
}
/**
 * Adds the version to the submission. A version that is still an item of another submission is refused
 * "already added to another reviewSubmission with id <id>" (rorkai 21384c75): a draft holding it is used
 * instead, a canceled one is waited out and the version added again.
 */
async function addVersion(ctx, submission, version) {
    const add = () => ctx.client.post('/v1/reviewSubmissionItems', {
        data: {
            type: 'reviewSubmissionItems',
            relationships: {
                reviewSubmission: { data: { type: 'reviewSubmissions', id: submission.id } },
                appStoreVersion: { data: { type: 'appStoreVersions', id: version.id } },
            },
        },
    });
    try {
        await add();
    }
    catch (error) {
        const otherId = alreadyAddedSubmissionId(error);
        if (!otherId)
            throw error;
        const name = version.attributes?.versionString ?? version.id;
        const draft = await draftOrFinishing(ctx, otherId, error, `App Store version ${name} is already in`);
        if (draft) {
            ctx.log.info(`Version ${name} is already in draft review submission ${draft.id}: using that one.`);
            return draft;
        }
        ctx.log.info(`Version ${version.id} is still held by canceled review submission ${otherId}: waiting.`);
        await waitUntilComplete(ctx, [otherId]);
        await add();
    }
    ctx.log.info(`Added version ${version.id} to review submission ${submission.id}.`);
    return submission;
}
/**
 * Adding the version moves it to READY_FOR_REVIEW (fastlane fixture tunes/review_submission.json); submitting
 * before that is refused (fastlane#20065), so it is waited for like fastlane does. A version that does not get
 * there in time is submitted anyway: the submit's own retry covers the rest.
 */
async function waitUntilReadyForReview(ctx, version) {
    try {
        await (0,poll/* pollUntil */.g3)({
            clock: ctx.clock,
            intervalMs: Math.min(ctx.settings.wait.pollIntervalMs, NOT_READY_INTERVAL_MS),
            timeoutMs: NOT_READY_TIMEOUT_MS,
            read: async () => (await ctx.client.get(`/v1/appStoreVersions/${version.id}`, {
                'fields[appStoreVersions]': 'appVersionState',
            })).data.attributes?.appVersionState ?? 'UNKNOWN',
            pending: (state) => (state === 'READY_FOR_REVIEW' ? undefined : state),
            onWait: (state, elapsed) => ctx.log.info(`Waiting for the version to be READY_FOR_REVIEW (now ${state}), ${(0,poll/* elapsedText */.QF)(elapsed)}`),
            onTimeout: (state) => new NotReadyInTime(state),
        });
    }
    catch (error) {
        if (!(error instanceof NotReadyInTime))
            throw error;
        ctx.log.info(`The version is still ${error.message}; submitting anyway.`);
    }
}
class NotReadyInTime extends Error {
}

;// CONCATENATED MODULE: ./src/appstore/version.ts





/** A few tries over a minute: the refusal passes within seconds when it comes at all. */
const RELEASE_TYPE_RETRY_MS = 60_000;
/**
 * The editable App Store version for this release, with release type, date, copyright and the build set.
 * Apple allows one editable version per platform, so one that carries another version string is renamed
 * rather than a second one created.
 */
async function prepareVersion(ctx, situation, buildId) {
    const { identity, log } = ctx;
    const wanted = wantedAttributes(ctx);
    const editable = (0,appstore_situation/* editableVersion */.xx)(situation);
    if (!editable) {
        const blocker = (0,appstore_situation/* creationBlocker */.w2)(situation, identity.version);
        if (blocker)
            throw new Error(blocker);
        const doc = await ctx.client.post('/v1/appStoreVersions', {
            data: {
                type: 'appStoreVersions',
                attributes: { platform: situation.platform, versionString: identity.version, ...wanted },
                relationships: {
                    app: { data: { type: 'apps', id: ctx.app.id } },
                    build: { data: { type: 'builds', id: buildId } },
                },
            },
        });
        log.info(`Created App Store version ${identity.version} (${doc.data.id}) with build ${buildId}.`);
        return { version: doc.data, action: 'created' };
    }
    const current = editable.attributes ?? {};
    const changes = {};
    if (current.versionString !== identity.version)
        changes['versionString'] = identity.version;
    if (current.releaseType !== wanted.releaseType)
        changes['releaseType'] = wanted.releaseType;
    if (!sameInstant(current.earliestReleaseDate, wanted.earliestReleaseDate))
        changes['earliestReleaseDate'] = wanted.earliestReleaseDate;
    if (wanted.copyright !== undefined && current.copyright !== wanted.copyright)
        changes['copyright'] = wanted.copyright;
    const attachBuild = (0,resources/* relatedId */.D)(editable, 'build') !== buildId;
    const name = `App Store version ${current.versionString ?? editable.id} (${editable.id}, ${(0,appstore_situation/* stateOf */.L4)(editable)})`;
    if (Object.keys(changes).length === 0 && !attachBuild) {
        log.info(`${name} already has this build and these settings.`);
        return { version: editable, action: 'reused' };
    }
    // Apple intermittently refuses a releaseType change on a new version; fastlane sleeps around this PATCH
    // (fastlane#16679, #16911, deliver upload_metadata.rb). Sending it again is harmless: it sets, not adds.
    const doc = await (0,poll/* retryWhile */.i9)({
        ...appleBackoff(ctx, RELEASE_TYPE_RETRY_MS, 15_000),
        retryable: (e) => isReleaseTypeLocked(e) ? "App Store Connect says 'releaseType' can not be modified yet" : undefined,
    }, () => ctx.client.patch(`/v1/appStoreVersions/${editable.id}`, {
        data: {
            type: 'appStoreVersions',
            id: editable.id,
            attributes: changes,
            ...(attachBuild ? { relationships: { build: { data: { type: 'builds', id: buildId } } } } : {}),
        },
    }));
    const what = [...Object.keys(changes), ...(attachBuild ? [`build ${buildId}`] : [])].join(', ');
    log.info(`Updated ${name}: ${what}.`);
    const renamed = 'versionString' in changes;
    return {
        version: doc.data,
        action: renamed ? 'updated' : 'reused',
        ...(renamed && current.versionString ? { previousVersionString: current.versionString } : {}),
    };
}
/**
 * The release settings as Apple takes them. earliestReleaseDate is the given instant exactly (as UTC);
 * it is cleared for other release types, which Apple would otherwise keep from an earlier schedule.
 */
function wantedAttributes(ctx) {
    const { releaseType, earliestReleaseDate, copyright } = ctx.settings.appStore;
    return {
        releaseType,
        earliestReleaseDate: releaseType === 'SCHEDULED' && earliestReleaseDate ? earliestReleaseDate.toISOString() : null,
        ...(copyright !== undefined ? { copyright } : {}),
    };
}
function sameInstant(a, b) {
    if (!a || !b)
        return !a && !b;
    return Date.parse(a) === Date.parse(b);
}

// EXTERNAL MODULE: ./src/appstore/whats-new.ts
var whats_new = __webpack_require__(8704);
;// CONCATENATED MODULE: ./src/appstore/index.ts








/**
 * Takes the processed build to App Store review: settles open submissions, prepares the editable version
 * (release settings, build, What's New, phased release) and submits it through a review submission.
 * A rerun finds the version already in review with this build and changes nothing.
 */
async function submitToAppStore(ctx, build) {
    const platform = (0,shared_platform/* toAscPlatform */.kA)(ctx.identity.platform);
    let situation = await (0,appstore_situation/* readSituation */.ZN)(ctx.client, ctx.app.id, platform);
    const done = (0,appstore_situation/* findSubmitted */.vw)(situation, ctx.identity.version, (id) => id === build.buildId);
    if (done) {
        const { version, submission } = done;
        const a = version.attributes ?? {};
        const state = submission?.attributes?.state ?? a.appVersionState ?? 'WAITING_FOR_REVIEW';
        ctx.log.info(`App Store version ${ctx.identity.version} is already ${a.appVersionState ?? 'in review'} with this build` +
            `${submission ? ` (review submission ${submission.id})` : ''}: nothing to submit again.`);
        if ((0,metadata/* wantsListing */.oH)(ctx.settings))
            ctx.log.info('Store listing: the version is in review, so metadata_path was left for the next version.');
        return {
            versionId: version.id,
            versionString: ctx.identity.version,
            versionAction: 'in-review',
            releaseType: a.releaseType ?? ctx.settings.appStore.releaseType,
            ...(a.earliestReleaseDate ? { earliestReleaseDate: a.earliestReleaseDate } : {}),
            ...(a.copyright ? { copyright: a.copyright } : {}),
            phasedRelease: (0,appstore_situation/* phasedReleaseOf */.iQ)(situation, version.id) ? 'kept' : 'none',
            whatsNewLocales: [],
            whatsNewSkippedFirstVersion: false,
            canceledSubmissionIds: [],
            reviewSubmissionId: submission?.id ?? '',
            reviewSubmissionState: state,
            alreadySubmitted: true,
        };
    }
    const settled = await settleSubmissions(ctx, situation);
    // Canceling moves versions out of review (to DEVELOPER_REJECTED), so they are read again.
    if (settled.changed)
        situation = await (0,appstore_situation/* readSituation */.ZN)(ctx.client, ctx.app.id, platform);
    const prepared = await prepareVersion(ctx, situation, build.buildId);
    const { version } = prepared;
    // The listing goes on before What's New, which then finds the localizations it created (locales new to the version).
    const listing = (0,metadata/* wantsListing */.oH)(ctx.settings)
        ? await (0,src_listing/* applyListing */.j)(ctx, {
            id: version.id,
            versionString: ctx.identity.version,
            live: false,
            justPrepared: true,
        })
        : undefined;
    const whatsNew = await (0,whats_new/* setWhatsNew */.ug)(ctx, version.id, ctx.identity.version, (0,appstore_situation/* isFirstVersion */.PC)(situation, version.id));
    const phasedRelease = await setPhasedRelease(ctx, version.id, (0,appstore_situation/* phasedReleaseOf */.iQ)(situation, version.id));
    // App Review needs the screenshots, so they are synced before the submission.
    const media = (ctx.settings.media.screenshots ?? ctx.settings.media.previews)
        ? await (await __webpack_require__.e(/* import() */ 140).then(__webpack_require__.bind(__webpack_require__, 9140))).syncMedia(ctx, version.id)
        : undefined;
    const submission = await submitForReview(ctx, version, platform, settled.reusable, whatsNew.names);
    const { releaseType, earliestReleaseDate, copyright } = ctx.settings.appStore;
    return {
        versionId: version.id,
        versionString: ctx.identity.version,
        versionAction: prepared.action,
        ...(prepared.previousVersionString ? { previousVersionString: prepared.previousVersionString } : {}),
        releaseType,
        ...(releaseType === 'SCHEDULED' && earliestReleaseDate
            ? { earliestReleaseDate: earliestReleaseDate.toISOString() }
            : {}),
        ...(copyright !== undefined ? { copyright } : {}),
        phasedRelease,
        whatsNewLocales: whatsNew.locales,
        whatsNewSkippedFirstVersion: whatsNew.skippedFirstVersion,
        canceledSubmissionIds: settled.canceledIds,
        reviewSubmissionId: submission.id,
        reviewSubmissionState: submission.attributes?.state ?? 'WAITING_FOR_REVIEW',
        alreadySubmitted: false,
        ...(media ? { media } : {}),
        ...(listing ? { listing } : {}),
    };
}


/***/ }),

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

/***/ 8704:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gq: () => (/* binding */ homeLocale),
/* harmony export */   Kt: () => (/* binding */ readWhatsNew),
/* harmony export */   MZ: () => (/* binding */ newLanguagesWithoutListing),
/* harmony export */   Tk: () => (/* binding */ missingWhatsNewMessage),
/* harmony export */   bX: () => (/* binding */ planWhatsNew),
/* harmony export */   h$: () => (/* binding */ newLanguagesMessage),
/* harmony export */   ug: () => (/* binding */ setWhatsNew)
/* harmony export */ });
/* harmony import */ var _asc_localizations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6327);

/**
 * Apple wants What's New in every localization of an update, once per locale (fastlane#20612, asc#836).
 * A text with a language goes to that language. The text without one (whats_new, or the "default" entry
 * of whats_new_file) goes to `home` (the locale input, else the app's primary locale) and fills every
 * other localization that has no text of its own.
 */
function planWhatsNew(texts, home, localizations) {
    const fallback = texts.find((t) => t.language === undefined)?.text;
    const writes = new Map();
    for (const { language, text } of texts)
        if (language !== undefined)
            writes.set(language, text);
    if (fallback !== undefined && home && !writes.has(home))
        writes.set(home, fallback);
    const missing = [];
    for (const { locale, whatsNew } of localizations) {
        if (writes.has(locale) || (whatsNew ?? '').trim() !== '')
            continue;
        if (fallback !== undefined)
            writes.set(locale, fallback);
        else
            missing.push(locale);
    }
    return { writes: [...writes].map(([locale, text]) => ({ locale, text })), missing };
}
/** The texts App Review wants in every language of a version besides What's New (fastlane#20009). */
const REVIEWED_TEXTS = ['description', 'keywords', 'supportUrl'];
/**
 * Languages What's New would add to the version (a whats_new_file entry for a language it lacks) without
 * the texts App Review requires in each language, which metadata_path could give: Apple would refuse the
 * submission for them, after the upload, so the check comes first.
 */
function newLanguagesWithoutListing(writes, localizations, listing) {
    const existing = new Set(localizations.map((l) => l.locale));
    return writes
        .map((w) => w.locale)
        .filter((locale) => !existing.has(locale))
        .filter((locale) => {
        const texts = listing?.locales.find((l) => l.locale === locale)?.version;
        return REVIEWED_TEXTS.some((field) => !texts?.[field]);
    });
}
/** The failure for What's New that would add languages App Review would refuse. */
function newLanguagesMessage(versionString, locales) {
    return (`What's New names ${locales.join(', ')}, which App Store version ${versionString} does not have: adding a ` +
        'language needs its description, keywords and support URL too, or App Review refuses the submission. Give ' +
        `them in metadata_path (${locales.map((l) => `${l}/description.txt`).join(', ')}, keywords.txt, ` +
        'support_url.txt), add the language in App Store Connect, or leave it out of whats_new_file.');
}
/** The failure for localizations left without What's New, naming them and the inputs that fill them. */
function missingWhatsNewMessage(versionString, missing) {
    return (`What's New is missing for ${missing.join(', ')} in App Store version ${versionString}: Apple requires it ` +
        'in every language of an update. Set whats_new (one text for every language that has none), or ' +
        `whats_new_file with an entry for ${missing.length === 1 ? 'this language' : 'each of these languages'} ` +
        'or a {"language": "default", "text": "..."} entry for the rest.');
}
/** Where the text without a language goes first, by the one locale rule; only asked when there is one. */
function homeLocale(texts, settings, app) {
    if (!texts.some((t) => t.language === undefined))
        return undefined;
    return (0,_asc_localizations_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveLocale */ .rv)(undefined, [settings.locale, app.primaryLocale]);
}
async function readWhatsNew(client, versionId) {
    const { data } = await client.getAll(`/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`, { 'fields[appStoreVersionLocalizations]': 'locale,whatsNew' });
    return data.map((l) => ({ id: l.id, locale: l.attributes?.locale ?? '', whatsNew: l.attributes?.whatsNew }));
}
/**
 * Sets What's New on every localization of an update, creating those given that it lacks. Fails before
 * anything is written when a localization would be left without it, since Apple would refuse the version
 * when it is added to the submission.
 */
async function setWhatsNew(ctx, versionId, versionString, firstVersion) {
    const texts = ctx.settings.appStore.whatsNew;
    if (firstVersion) {
        if (texts.length > 0)
            ctx.log.notice("What's New was skipped: this is the app's first App Store version, and Apple takes What's New only " +
                'for updates. The rest of the submission goes ahead.');
        return { locales: [], skippedFirstVersion: texts.length > 0, names: new Map() };
    }
    const localizations = await readWhatsNew(ctx.client, versionId);
    const names = new Map(localizations.map((l) => [`/v1/appStoreVersionLocalizations/${l.id}`, l.locale]));
    const plan = planWhatsNew(texts, homeLocale(texts, ctx.settings, ctx.app), localizations);
    if (plan.missing.length > 0)
        throw new Error(missingWhatsNewMessage(versionString, plan.missing));
    const locales = await (0,_asc_localizations_js__WEBPACK_IMPORTED_MODULE_0__/* .upsertLocalizedTexts */ .d)(ctx.client, ctx.log, {
        label: "What's New",
        type: 'appStoreVersionLocalizations',
        attribute: 'whatsNew',
        list: {
            path: `/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`,
            query: { 'fields[appStoreVersionLocalizations]': 'locale,whatsNew' },
        },
        parent: { relationship: 'appStoreVersion', type: 'appStoreVersions', id: versionId },
    }, plan.writes);
    return { locales, skippedFirstVersion: false, names };
}


/***/ }),

/***/ 6327:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ upsertLocalizedTexts),
/* harmony export */   kJ: () => (/* binding */ upsertLocalizations),
/* harmony export */   rv: () => (/* binding */ resolveLocale)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9678);

/**
 * The one locale rule: a text without a language is for the `locale` input, else for the app's primary
 * locale. Throws when neither is known.
 */
function resolveLocale(language, fallbacks) {
    const locale = language ?? fallbacks.find((l) => l !== undefined && l !== '');
    if (!locale)
        throw new Error('Cannot tell which locale the text is for: set the locale input (e.g. en-US).');
    return locale;
}
/**
 * Writes each text to its locale's localization: patched only where it differs, created where missing.
 * Returns the locales written or found already right.
 */
async function upsertLocalizedTexts(client, log, target, texts) {
    return upsertLocalizations(client, log, target, texts.map(({ locale, text }) => ({ locale, attributes: { [target.attribute]: text } })));
}
/**
 * The one localization upsert: each locale's attributes are patched only where they differ, and its
 * localization created where missing. Apple creates some localizations itself, possibly at the moment we
 * create ours (a build's What to Test localization appears some time after the build:
 * Apple-Actions/upload-testflight-build#169, rorkai#763), so a create refused with 409 re-reads the
 * localizations and patches the one Apple made. Returns the locales written or found already right.
 */
async function upsertLocalizations(client, log, target, entries) {
    if (entries.length === 0)
        return [];
    const read = async () => (await client.getAll(target.list.path, target.list.query)).data;
    const differing = (found, attributes) => Object.fromEntries(Object.entries(attributes).filter(([name, value]) => found.attributes?.[name] !== value));
    let existing = await read();
    for (const { locale, attributes } of entries) {
        const found = existing.find((l) => l.attributes?.locale === locale);
        const changes = found ? differing(found, attributes) : attributes;
        if (found && Object.keys(changes).length === 0) {
            log.info(`${target.label} (${locale}): already set.`);
        }
        else if (found) {
            await patch(client, target, found.id, changes);
            log.info(`${target.label} (${locale}): updated.`);
        }
        else {
            try {
                await client.post(`/v1/${target.type}`, {
                    data: {
                        type: target.type,
                        attributes: { locale, ...attributes },
                        relationships: {
                            [target.parent.relationship]: { data: { type: target.parent.type, id: target.parent.id } },
                        },
                    },
                });
                log.info(`${target.label} (${locale}): set.`);
            }
            catch (error) {
                if (!(error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .AscApiError */ .oF && error.status === 409))
                    throw error;
                existing = await read();
                const made = existing.find((l) => l.attributes?.locale === locale);
                if (!made)
                    throw error;
                const rest = differing(made, attributes);
                if (Object.keys(rest).length > 0)
                    await patch(client, target, made.id, rest);
                log.info(`${target.label} (${locale}): App Store Connect had just created it; updated.`);
            }
        }
    }
    return entries.map((e) => e.locale);
}
async function patch(client, target, id, attributes) {
    await client.patch(`/v1/${target.type}/${id}`, { data: { type: target.type, id, attributes } });
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

/***/ 3067:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  j: () => (/* binding */ applyListing),
  g: () => (/* binding */ planListing),
  updateStoreListing: () => (/* binding */ updateStoreListing)
});

// EXTERNAL MODULE: ./src/asc/localizations.ts
var localizations = __webpack_require__(6327);
// EXTERNAL MODULE: ./src/appstore/situation.ts
var appstore_situation = __webpack_require__(9832);
// EXTERNAL MODULE: ./src/appstore/whats-new.ts
var whats_new = __webpack_require__(8704);
// EXTERNAL MODULE: ./src/shared/platform.ts
var shared_platform = __webpack_require__(5130);
// EXTERNAL MODULE: ./src/shared/poll.ts
var poll = __webpack_require__(9340);
// EXTERNAL MODULE: ./src/asc/errors.ts
var errors = __webpack_require__(9678);
;// CONCATENATED MODULE: ./src/listing/state.ts

/**
 * App info states in which its localizations can be edited, as fastlane picks the editable app info
 * (spaceship connect_api/models/app.rb fetch_edit_app_info; the live one is READY_FOR_DISTRIBUTION,
 * PENDING_RELEASE or IN_REVIEW: fetch_live_app_info). READY_FOR_REVIEW is taken too, as the version in
 * a draft submission is (appstore/situation.ts editableVersion).
 */
const EDITABLE_APP_INFO_STATES = new Set([
    'PREPARE_FOR_SUBMISSION',
    'DEVELOPER_REJECTED',
    'REJECTED',
    'WAITING_FOR_REVIEW',
    'READY_FOR_REVIEW',
]);
const VERSION_LOCALIZATION_FIELDS = 'locale,description,keywords,promotionalText,supportUrl,marketingUrl';
async function readVersionLocalizations(client, versionId) {
    return (await client.getAll(`/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`, {
        'fields[appStoreVersionLocalizations]': VERSION_LOCALIZATION_FIELDS,
    })).data;
}
/**
 * The app info whose localizations can be edited now (fastlane fetch_edit_app_info). `orLatest`, for a dry
 * run before the version exists: the app info a new version's would start from.
 */
async function readEditableAppInfo(client, appId, orLatest = false) {
    const infos = (await client.getAll(`/v1/apps/${appId}/appInfos`, { 'fields[appInfos]': 'state' }))
        .data;
    const editable = infos.find((i) => EDITABLE_APP_INFO_STATES.has(i.attributes?.state ?? '')) ??
        (orLatest ? infos[0] : undefined);
    if (!editable)
        return undefined;
    const localizations = (await client.getAll(`/v1/appInfos/${editable.id}/appInfoLocalizations`, {
        'fields[appInfoLocalizations]': 'locale,name,subtitle,privacyPolicyUrl',
    })).data;
    return { id: editable.id, localizations };
}
/**
 * The version's App Review details. Apple answers 404 while a version has none; fastlane creates them then
 * (deliver upload_metadata.rb set_review_information: "errors if doesn't exist").
 */
async function readReviewDetail(client, versionId) {
    try {
        const doc = await client.get(`/v1/appStoreVersions/${versionId}/appStoreReviewDetail`);
        return { id: doc.data.id, attributes: doc.data.attributes ?? {} };
    }
    catch (error) {
        if (error instanceof errors/* AscApiError */.oF && error.status === 404)
            return undefined;
        throw error;
    }
}

// EXTERNAL MODULE: ./src/listing/fields.ts
var fields = __webpack_require__(4327);
// EXTERNAL MODULE: ./src/shared/format.ts
var format = __webpack_require__(6338);
;// CONCATENATED MODULE: ./src/listing/writes.ts
// The writes a listing needs, worked out from what App Store Connect holds: only fields a file gives and
// whose value differs, never a blank. Pure, so the dry run and the real run decide alike.


function planListingWrites(listing, state, options) {
    const writes = {
        version: [],
        appInfo: [],
        changes: [],
        createdLocales: [],
        notes: [],
        problems: [],
    };
    const created = new Set();
    for (const entry of listing.locales) {
        const wanted = Object.fromEntries(Object.entries(entry.version)
            .filter(([field]) => !options.live || field === 'promotionalText')
            .map(([field, text]) => [field, text.value]));
        if (options.live && Object.keys(wanted).length < Object.keys(entry.version).length)
            writes.notes.push(`${entry.locale}: only the promotional text of the live version can change without a new version; the rest is left as is`);
        const found = state.versionLocalizations.find((l) => l.attributes?.locale === entry.locale);
        if (!found && options.live) {
            writes.notes.push(`${entry.locale}: the live version has no such localization; a new version can add it`);
            continue;
        }
        const write = localizationWrite(entry.locale, found, wanted, writes.changes, '');
        if (write)
            writes.version.push(write);
        if (!found)
            created.add(entry.locale);
    }
    const appInfoGiven = listing.locales.some((l) => Object.keys(l.appInfo).length > 0);
    if (appInfoGiven && options.live) {
        writes.notes.push('name, subtitle and privacy policy URL change only with a new version; left as is');
    }
    else if (appInfoGiven && !state.appInfo) {
        writes.problems.push('the app has no editable app info (name, subtitle, privacy policy URL): App Store Connect makes one with a new App Store version');
    }
    else if (appInfoGiven && state.appInfo) {
        for (const entry of listing.locales) {
            const wanted = Object.fromEntries(Object.entries(entry.appInfo).map(([f, t]) => [f, t.value]));
            if (Object.keys(wanted).length === 0)
                continue;
            const found = state.appInfo.localizations.find((l) => l.attributes?.locale === entry.locale);
            if (!found && wanted['name'] === undefined) {
                // Apple requires a name to create an app info localization (spec AppInfoLocalizationCreateRequest).
                writes.problems.push(`the app info has no ${entry.locale} localization yet, and Apple needs a name to create one: add ${entry.locale}/name.txt`);
                continue;
            }
            const write = localizationWrite(entry.locale, found, wanted, writes.changes, ' (app info)');
            if (write)
                writes.appInfo.push(write);
            if (!found)
                created.add(entry.locale);
        }
    }
    const review = reviewWanted(listing, options.demoAccountPassword);
    if (Object.keys(review).length > 0) {
        if (options.live)
            writes.notes.push('App Review information goes with a new version; left as is');
        else {
            const current = state.reviewDetail?.attributes ?? {};
            const attributes = {};
            for (const [field, value] of Object.entries(review)) {
                if (current[field] === value)
                    continue;
                attributes[field] = value;
                // Fields the files give have a rule; demoAccountRequired is derived and has none.
                const rule = field in fields/* REVIEW_FIELDS */.lp ? fields/* REVIEW_FIELDS */.lp[field] : undefined;
                const secret = rule?.secret === true;
                writes.changes.push({
                    field: `App Review ${field}`,
                    ...(secret ? (current[field] ? { from: '(set)' } : {}) : fromOf(current[field])),
                    to: secret ? '(set)' : brief(String(value)),
                });
            }
            if (Object.keys(attributes).length > 0)
                writes.review = { ...(state.reviewDetail ? { id: state.reviewDetail.id } : {}), attributes };
        }
    }
    writes.createdLocales = [...created];
    return writes;
}
/** The review attributes the files (and the secret) give; a demo account is required once both parts are known. */
function reviewWanted(listing, secretPassword) {
    const wanted = Object.fromEntries(Object.entries(listing.review).map(([field, text]) => [field, text.value]));
    if (secretPassword !== undefined)
        wanted['demoAccountPassword'] = secretPassword;
    // As fastlane deliver sets it (upload_metadata.rb set_review_information): required when a user and a password are given.
    if (wanted['demoAccountName'] !== undefined && wanted['demoAccountPassword'] !== undefined)
        wanted['demoAccountRequired'] = true;
    return wanted;
}
function localizationWrite(locale, found, wanted, changes, suffix) {
    const current = found?.attributes ?? {};
    const attributes = {};
    for (const [field, value] of Object.entries(wanted)) {
        if (current[field] === value)
            continue;
        attributes[field] = value;
        changes.push({ field: `${locale} ${field}${suffix}`, ...fromOf(current[field]), to: brief(value) });
    }
    if (found && Object.keys(attributes).length === 0)
        return undefined;
    return { locale, ...(found ? { id: found.id } : {}), attributes };
}
function fromOf(value) {
    return typeof value === 'string' && value !== '' ? { from: brief(value) } : {};
}
/** A listing text as a change shows it: one line of at most 40 characters (the listing has many fields). */
const brief = (text) => (0,format/* shorten */.ml)(text, 40);

// EXTERNAL MODULE: ./src/listing/target.ts
var listing_target = __webpack_require__(9299);
;// CONCATENATED MODULE: ./src/listing/index.ts
// The store listing step: the version's texts, the app info's texts and the App Review details from the
// metadata_path folder (and the demo_account_password secret), read before written.








/** The listing as given, or an empty one when only the demo password is. */
function listingOf(ctx) {
    return ctx.settings.listing ?? { path: '', locales: [], review: {} };
}
/** How long a new version's editable app info may take to show (fastlane deliver waits for it too). */
const EDIT_APP_INFO_TIMEOUT_MS = 120_000;
const EDIT_APP_INFO_POLL_MS = 5_000;
/**
 * The editable app info, waited for: App Store Connect makes one for a new version, and it shows a moment
 * after the version (deliver upload_metadata.rb fetch_edit_app_info in retry_if_nil "Cannot find edit app info").
 */
async function waitForEditableAppInfo(ctx) {
    const { value } = await (0,poll/* pollUntil */.g3)({
        clock: ctx.clock,
        intervalMs: Math.min(ctx.settings.wait.pollIntervalMs, EDIT_APP_INFO_POLL_MS),
        timeoutMs: EDIT_APP_INFO_TIMEOUT_MS,
        read: () => readEditableAppInfo(ctx.client, ctx.app.id),
        pending: (info) => (info ? undefined : 'no editable app info yet'),
        onWait: (state, elapsedMs) => ctx.log.info(`Store listing: ${state} (${(0,poll/* elapsedText */.QF)(elapsedMs)}).`),
        onTimeout: () => new Error('App Store Connect shows no editable app info for the app (name, subtitle, privacy policy URL) two minutes ' +
            'after the version was prepared. Check the App Information page in App Store Connect, then re-run.'),
    });
    return value;
}
/** Reads what App Store Connect holds for this version's listing. */
async function readListingState(ctx, version) {
    const listing = listingOf(ctx);
    const wantsAppInfo = !version.live && listing.locales.some((l) => Object.keys(l.appInfo).length > 0);
    const wantsReview = !version.live &&
        (Object.keys(listing.review).length > 0 || ctx.settings.demoAccountPassword !== undefined);
    const planned = version.createdFrom !== undefined;
    const localizationsOf = planned ? version.createdFrom : version.id;
    const [versionLocalizations, appInfo, reviewDetail] = await Promise.all([
        listing.locales.length > 0 && localizationsOf
            ? readVersionLocalizations(ctx.client, localizationsOf)
            : Promise.resolve([]),
        wantsAppInfo
            ? version.justPrepared
                ? waitForEditableAppInfo(ctx)
                : readEditableAppInfo(ctx.client, ctx.app.id, planned)
            : Promise.resolve(undefined),
        // A new version starts with the previous version's App Review details, as App Store Connect fills them in.
        wantsReview && localizationsOf
            ? readReviewDetail(ctx.client, localizationsOf)
            : Promise.resolve(undefined),
    ]);
    return {
        versionLocalizations,
        ...(appInfo ? { appInfo } : {}),
        ...(reviewDetail ? { reviewDetail } : {}),
    };
}
/** The writes this version's listing needs, from what App Store Connect holds (GET requests only). */
async function planListing(ctx, version) {
    const state = await readListingState(ctx, version);
    const { demoAccountPassword } = ctx.settings;
    const writes = planListingWrites(listingOf(ctx), state, {
        live: version.live,
        ...(demoAccountPassword !== undefined ? { demoAccountPassword } : {}),
    });
    return { state, writes };
}
/**
 * Writes the listing to the version: localizations patched only where a file gives a field that differs,
 * created for a locale the version or app info lacks; App Review details patched or created. Fails before
 * any write when the listing cannot be written as it is.
 */
async function applyListing(ctx, version) {
    const { client, log } = ctx;
    const { state, writes } = await planListing(ctx, version);
    if (writes.problems.length > 0)
        throw new Error(`The store listing in metadata_path cannot be written: ${writes.problems.join('; ')}.`);
    await (0,localizations/* upsertLocalizations */.kJ)(client, log, {
        label: 'Store listing',
        type: 'appStoreVersionLocalizations',
        list: { path: `/v1/appStoreVersions/${version.id}/appStoreVersionLocalizations` },
        parent: { relationship: 'appStoreVersion', type: 'appStoreVersions', id: version.id },
    }, writes.version);
    if (state.appInfo) {
        await (0,localizations/* upsertLocalizations */.kJ)(client, log, {
            label: 'App info',
            type: 'appInfoLocalizations',
            list: { path: `/v1/appInfos/${state.appInfo.id}/appInfoLocalizations` },
            parent: { relationship: 'appInfo', type: 'appInfos', id: state.appInfo.id },
        }, writes.appInfo);
    }
    if (writes.review) {
        const { id, attributes } = writes.review;
        if (id) {
            await client.patch(`/v1/appStoreReviewDetails/${id}`, {
                data: { type: 'appStoreReviewDetails', id, attributes },
            });
        }
        else {
            await client.post('/v1/appStoreReviewDetails', {
                data: {
                    type: 'appStoreReviewDetails',
                    attributes,
                    relationships: { appStoreVersion: { data: { type: 'appStoreVersions', id: version.id } } },
                },
            });
        }
        log.info(`App Review information: ${id ? 'updated' : 'set'} (${Object.keys(attributes).join(', ')}).`);
    }
    for (const note of writes.notes)
        log.info(`Store listing: ${note}.`);
    if (writes.changes.length === 0)
        log.info(`Store listing of version ${version.versionString}: already as given.`);
    return {
        versionString: version.versionString,
        live: version.live,
        changes: writes.changes,
        createdLocales: writes.createdLocales,
        notes: writes.notes,
    };
}
/**
 * The listing step when the App Store step does not run (submit_to_app_store false): the listing, copyright
 * and What's New go to this release's version, which needs no build. See chooseListingTarget.
 */
async function updateStoreListing(ctx) {
    const platform = (0,shared_platform/* toAscPlatform */.kA)(ctx.identity.platform);
    const situation = await (0,appstore_situation/* readSituation */.ZN)(ctx.client, ctx.app.id, platform);
    const target = (0,listing_target/* chooseListingTarget */.r)(situation, ctx.identity.version);
    if (target.problem !== undefined)
        throw new Error(target.problem);
    const { version, live } = target;
    const result = await applyListing(ctx, { id: version.id, versionString: ctx.identity.version, live });
    if (live)
        return result;
    const { copyright, whatsNew } = ctx.settings.appStore;
    const current = version.attributes?.copyright;
    if (copyright !== undefined && current !== copyright) {
        await ctx.client.patch(`/v1/appStoreVersions/${version.id}`, {
            data: { type: 'appStoreVersions', id: version.id, attributes: { copyright } },
        });
        ctx.log.info(`Copyright of version ${ctx.identity.version}: updated.`);
        result.changes.push({
            field: 'copyright',
            ...(current ? { from: brief(current) } : {}),
            to: brief(copyright),
        });
    }
    if (whatsNew.length > 0) {
        const set = await (0,whats_new/* setWhatsNew */.ug)(ctx, version.id, ctx.identity.version, (0,appstore_situation/* isFirstVersion */.PC)(situation, version.id));
        result.whatsNewLocales = set.locales;
    }
    return result;
}


/***/ }),

/***/ 9299:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   r: () => (/* binding */ chooseListingTarget)
/* harmony export */ });
/* harmony import */ var _appstore_situation_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9832);

/**
 * The editable version of this release takes the whole listing. The live one (READY_FOR_DISTRIBUTION) takes
 * only promotional text, which Apple lets change without a new submission (fastlane deliver edit_live,
 * LOCALISED_LIVE_VALUES). Any other state takes nothing now.
 */
function chooseListingTarget(situation, versionString) {
    const editable = (0,_appstore_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .editableVersion */ .xx)(situation);
    if (editable?.attributes?.versionString === versionString)
        return { version: editable, live: false };
    const same = situation.versions.find((v) => v.attributes?.versionString === versionString);
    if (same && (0,_appstore_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .stateOf */ .L4)(same) === 'READY_FOR_DISTRIBUTION')
        return { version: same, live: true };
    if (same)
        return {
            problem: `App Store version ${versionString} is ${(0,_appstore_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .stateOf */ .L4)(same)}: its store listing cannot change now. ` +
                'Set a new app_version, or wait until it is released (then only promotional text can change).',
        };
    const other = editable
        ? ` (the editable version is ${editable.attributes?.versionString ?? editable.id})`
        : '';
    return {
        problem: `App Store version ${versionString} does not exist yet${other}, so metadata_path has nowhere to go: ` +
            'set submit_to_app_store: true (which creates or renames it), or create it in App Store Connect.',
    };
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

//# sourceMappingURL=872.index.js.map