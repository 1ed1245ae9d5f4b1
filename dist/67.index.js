export const id = 67;
export const ids = [67,345];
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

//# sourceMappingURL=67.index.js.map