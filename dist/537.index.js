export const id = 537;
export const ids = [537];
export const modules = {

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

/***/ 5537:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   describeChanges: () => (/* binding */ describeChanges),
/* harmony export */   planStoreListing: () => (/* binding */ planStoreListing)
/* harmony export */ });
/* harmony import */ var _appstore_situation_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9832);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3067);
/* harmony import */ var _target_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9299);
// The dry run's store listing line: what would change, field by field, from GET requests only.



/** At most this many changes are named; the rest are counted. */
const NAMED_CHANGES = 12;
async function planStoreListing(ctx, situation) {
    const { identity, settings } = ctx;
    const item = {
        step: 'Store listing',
        action: `write metadata_path to App Store version ${identity.version}`,
    };
    let version;
    if (settings.appStore.submit) {
        // The App Store step prepares (creates or renames) the editable version, then writes the listing to it.
        const editable = (0,_appstore_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .editableVersion */ .xx)(situation);
        version = editable
            ? { id: editable.id, versionString: identity.version, live: false }
            : {
                id: '(new)',
                versionString: identity.version,
                live: false,
                createdFrom: (0,_appstore_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .latestVersion */ .qD)(situation)?.id ?? null,
            };
    }
    else {
        const target = (0,_target_js__WEBPACK_IMPORTED_MODULE_2__/* .chooseListingTarget */ .r)(situation, identity.version);
        if (target.problem !== undefined)
            return { ...item, check: { ok: false, detail: target.problem } };
        version = { id: target.version.id, versionString: identity.version, live: target.live };
    }
    const { writes } = await (0,_index_js__WEBPACK_IMPORTED_MODULE_1__/* .planListing */ .g)(ctx, version);
    if (writes.problems.length > 0)
        return { ...item, check: { ok: false, detail: writes.problems.join('; ') } };
    const parts = [
        writes.changes.length === 0 ? 'nothing would change' : `would change ${describeChanges(writes.changes)}`,
        ...(writes.createdLocales.length > 0 ? [`would add ${writes.createdLocales.join(', ')}`] : []),
        ...writes.notes,
    ];
    return { ...item, check: { ok: true, detail: parts.join('; ') } };
}
/** "en-US keywords 'a' → 'b', …": each change shortened, secrets already "(set)". */
function describeChanges(changes) {
    const named = changes
        .slice(0, NAMED_CHANGES)
        .map((c) => `${c.field} ${c.from === undefined ? '(empty)' : `'${c.from}'`} → '${c.to}'`);
    const rest = changes.length - named.length;
    return named.join(', ') + (rest > 0 ? ` and ${rest} more` : '');
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

//# sourceMappingURL=537.index.js.map