export const id = 464;
export const ids = [464,407];
export const modules = {

/***/ 8617:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   K: () => (/* binding */ planAppStore)
/* harmony export */ });
/* harmony import */ var _situation_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9832);
/* harmony import */ var _resources_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3481);
/* harmony import */ var _whats_new_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8704);



/** The dry run's App Store check: the same decisions a real run makes, from GET requests only. */
async function planAppStore(client, settings, identity, app, build, situation) {
    const store = settings.appStore;
    const when = store.releaseType === 'SCHEDULED' && store.earliestReleaseDate
        ? `scheduled for ${store.earliestReleaseDate.toISOString()}`
        : store.releaseType;
    const item = {
        step: 'App Store',
        action: `prepare version ${identity.version} (release ${when}${store.phasedRelease ? ', phased over 7 days' : ''}) ` +
            'and submit it for App Store review',
    };
    const done = build && (0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .findSubmitted */ .vw)(situation, identity.version, (id) => id === build.id);
    if (done) {
        const via = done.submission ? ` (review submission ${done.submission.id})` : '';
        return {
            ...item,
            check: { ok: true, detail: `already ${(0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .stateOf */ .L4)(done.version)} with this build${via}: nothing to do` },
        };
    }
    const notes = [];
    const editable = (0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .editableVersion */ .xx)(situation);
    if (store.cancelPreviousSubmissions) {
        const open = situation.submissions.filter((s) => !_resources_js__WEBPACK_IMPORTED_MODULE_1__/* .FINISHING_SUBMISSION_STATES */ .ml.has(s.attributes?.state ?? ''));
        if (open.length > 0)
            notes.push(`would cancel ${open.map((s) => (0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .describeSubmission */ .C8)(situation, s)).join(', ')}`);
    }
    else {
        const verdict = (0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .judgeSubmissions */ .J4)(situation, editable);
        if (verdict.conflicts.length > 0)
            return { ...item, check: { ok: false, detail: (0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .conflictMessage */ .GN)(situation, verdict.conflicts) } };
        if (verdict.reusable)
            notes.push(`would reuse ${(0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .describeSubmission */ .C8)(situation, verdict.reusable)}`);
    }
    // After canceling, a version that was in review becomes editable; only a blocker that stays counts.
    const canceledInReview = store.cancelPreviousSubmissions
        ? situation.versions.find((v) => _resources_js__WEBPACK_IMPORTED_MODULE_1__/* .IN_REVIEW_STATES */ .Op.has((0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .stateOf */ .L4)(v)))
        : undefined;
    const target = editable ?? canceledInReview;
    if (target) {
        const from = target.attributes?.versionString;
        notes.unshift(`version ${from ?? target.id} (${(0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .stateOf */ .L4)(target)}) would be ${from === identity.version ? 'used' : `renamed to ${identity.version}`}`);
    }
    else {
        const blocker = (0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .creationBlocker */ .w2)(situation, identity.version);
        if (blocker)
            return { ...item, check: { ok: false, detail: blocker } };
        notes.unshift(`version ${identity.version} would be created`);
    }
    if ((0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .isFirstVersion */ .PC)(situation, target?.id)) {
        if (store.whatsNew.length > 0)
            notes.push("What's New would be skipped: first version of the app");
    }
    else {
        // A new version starts with the latest version's locales and no What's New (asc#836).
        const from = target ?? (0,_situation_js__WEBPACK_IMPORTED_MODULE_0__/* .latestVersion */ .qD)(situation);
        const read = from ? await (0,_whats_new_js__WEBPACK_IMPORTED_MODULE_2__/* .readWhatsNew */ .Kt)(client, from.id) : [];
        const localizations = target ? read : read.map((l) => ({ ...l, whatsNew: null }));
        const whatsNew = (0,_whats_new_js__WEBPACK_IMPORTED_MODULE_2__/* .planWhatsNew */ .bX)(store.whatsNew, (0,_whats_new_js__WEBPACK_IMPORTED_MODULE_2__/* .homeLocale */ .Gq)(store.whatsNew, settings, app), localizations);
        if (whatsNew.missing.length > 0)
            return {
                ...item,
                check: { ok: false, detail: (0,_whats_new_js__WEBPACK_IMPORTED_MODULE_2__/* .missingWhatsNewMessage */ .Tk)(identity.version, whatsNew.missing) },
            };
        const bare = (0,_whats_new_js__WEBPACK_IMPORTED_MODULE_2__/* .newLanguagesWithoutListing */ .MZ)(whatsNew.writes, localizations, settings.listing);
        if (bare.length > 0)
            return { ...item, check: { ok: false, detail: (0,_whats_new_js__WEBPACK_IMPORTED_MODULE_2__/* .newLanguagesMessage */ .h$)(identity.version, bare) } };
        if (whatsNew.writes.length > 0)
            notes.push(`What's New would be set for ${whatsNew.writes.map((w) => w.locale).join(', ')}`);
    }
    return { ...item, check: { ok: true, detail: notes.join('; ') } };
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

/***/ 2464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   X: () => (/* binding */ planReleaseDate),
/* harmony export */   planRelease: () => (/* binding */ planRelease)
/* harmony export */ });
/* harmony import */ var _appstore_plan_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8617);
/* harmony import */ var _appstore_situation_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9832);
/* harmony import */ var _asc_builds_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3688);
/* harmony import */ var _shared_format_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(6338);
/* harmony import */ var _shared_platform_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5130);
/* harmony import */ var _settings_metadata_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3544);
/* harmony import */ var _asc_rate_limit_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7349);
/* harmony import */ var _testflight_groups_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3564);
/* harmony import */ var _testflight_notes_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2939);
/* harmony import */ var _testflight_test_information_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(407);










/**
 * The dry run: what a real run would do, each step with a read-only check of what it depends on.
 * Only GET requests are sent.
 */
async function planRelease(ctx) {
    const { client, settings, identity, app, pkg } = ctx;
    // The App Store and store listing lines start from the same versions and submissions: read once.
    const situation = (0,_appstore_situation_js__WEBPACK_IMPORTED_MODULE_1__/* .situationOnce */ ._N)(client, app.id, (0,_shared_platform_js__WEBPACK_IMPORTED_MODULE_3__/* .toAscPlatform */ .kA)(identity.platform));
    const plan = [
        {
            step: 'Authenticate',
            action: `sign App Store Connect tokens with key ${settings.apiKey.keyId}`,
            check: { ok: true, detail: 'the key was accepted' },
        },
        {
            step: 'Find the app',
            action: `act on "${app.name}" (${app.bundleId})`,
            check: { ok: true, detail: `app_id ${app.id}` },
        },
    ];
    const build = await (0,_asc_builds_js__WEBPACK_IMPORTED_MODULE_2__/* .findBuild */ .w)(client, app.id, identity);
    const existing = build?.attributes?.processingState;
    const what = `${identity.version} (${identity.buildNumber}) for ${identity.platform}`;
    if (settings.upload.method === 'none') {
        plan.push({
            step: 'Use the uploaded build',
            action: `act on build ${what}`,
            check: existing
                ? { ok: true, detail: `found, processing state ${existing}` }
                : { ok: false, detail: 'no such build in App Store Connect' },
        });
    }
    else {
        const size = pkg ? ` (${(0,_shared_format_js__WEBPACK_IMPORTED_MODULE_7__/* .formatBytes */ .z3)(pkg.fileSize)})` : '';
        const via = settings.upload.method === 'api' ? 'the App Store Connect build upload API' : 'xcrun altool';
        plan.push({
            step: 'Upload',
            action: `upload ${pkg?.fileName ?? 'the package'}${size} as ${what} through ${via}`,
            check: existing
                ? { ok: true, detail: `already uploaded (processing state ${existing}): the upload is skipped` }
                : { ok: true, detail: 'build number not used yet' },
        });
    }
    if (settings.wait.forProcessing) {
        const { buildAppearTimeoutMs, processingTimeoutMs, pollIntervalMs } = settings.wait;
        plan.push({
            step: 'Wait for processing',
            action: `wait up to ${buildAppearTimeoutMs / 60_000} min for the build to appear and ` +
                `${processingTimeoutMs / 60_000} min for processing, polling every ${pollIntervalMs / 1000} s`,
        });
    }
    const testInformation = await (0,_testflight_test_information_js__WEBPACK_IMPORTED_MODULE_6__/* .planTestInformation */ .e)(client, app, settings);
    if (testInformation && settings.testInformation) {
        const { file } = settings.testInformation;
        if (testInformation.changes.length === 0)
            plan.push({ step: 'Test Information', action: `nothing to change: already as in ${file}` });
        for (const change of testInformation.changes)
            plan.push({ step: 'Test Information', action: `set ${(0,_testflight_test_information_js__WEBPACK_IMPORTED_MODULE_6__/* .describeChange */ .u)(change)}` });
    }
    const tf = settings.testflight;
    if (tf.usesNonExemptEncryption !== undefined) {
        plan.push({
            step: 'Export compliance',
            action: `set usesNonExemptEncryption to ${tf.usesNonExemptEncryption} unless the package declares it`,
        });
    }
    if (tf.whatToTest.length > 0) {
        const locales = (0,_testflight_notes_js__WEBPACK_IMPORTED_MODULE_5__/* .whatToTestTexts */ .e)(ctx).map((t) => t.locale);
        const from = tf.whatToTestFolder
            ? ` from Xcode Cloud's ${tf.whatToTestFolder}/WhatToTest.<locale>.txt`
            : '';
        plan.push({ step: 'What to Test', action: `set the notes for ${locales.join(', ')}${from}` });
    }
    if (tf.groups.length > 0)
        plan.push(...(await planGroups(client, app, settings)));
    if (tf.submitForReview) {
        const wait = tf.waitForReviewMs > 0 ? `, and wait up to ${tf.waitForReviewMs / 60_000} min for the verdict` : '';
        plan.push({ step: 'Beta App Review', action: `submit the build for Beta App Review${wait}` });
    }
    if (tf.expirePreviousBuilds) {
        plan.push({
            step: 'Expire previous builds',
            action: `expire earlier ${identity.platform} builds of the app`,
        });
    }
    if (settings.media.screenshots ?? settings.media.previews) {
        const { planMediaItems } = await Promise.all(/* import() */[__webpack_require__.e(140), __webpack_require__.e(844)]).then(__webpack_require__.bind(__webpack_require__, 8049));
        plan.push(...(await planMediaItems(ctx)));
    }
    if (settings.appStore.submit) {
        plan.push(await (0,_appstore_plan_js__WEBPACK_IMPORTED_MODULE_0__/* .planAppStore */ .K)(client, settings, identity, app, build, await situation()));
        if (settings.appStore.waitForReviewMs > 0) {
            plan.push({
                step: 'App Review',
                action: `wait up to ${settings.appStore.waitForReviewMs / 60_000} min for the App Store review verdict`,
            });
        }
        const date = planReleaseDate(settings, ctx.clock.now());
        if (date)
            plan.push(date);
    }
    if ((0,_settings_metadata_js__WEBPACK_IMPORTED_MODULE_4__/* .wantsListing */ .oH)(settings))
        plan.push(await (await __webpack_require__.e(/* import() */ 537).then(__webpack_require__.bind(__webpack_require__, 5537))).planStoreListing(ctx, await situation()));
    plan.push(planRateLimit(ctx));
    return plan;
}
/** The key's hourly budget, as the reads so far saw it; a low budget is a warning, not a failed check. */
function planRateLimit(ctx) {
    const seen = ctx.client.rateLimit;
    const needed = (0,_asc_rate_limit_js__WEBPACK_IMPORTED_MODULE_8__/* .estimateRequests */ .D5)(ctx.settings);
    const warning = (0,_asc_rate_limit_js__WEBPACK_IMPORTED_MODULE_8__/* .rateLimitWarning */ .cu)(seen, needed);
    if (warning !== undefined)
        ctx.log.warning(warning);
    return {
        step: 'Rate limit',
        action: `send about ${needed} requests`,
        check: {
            ok: true,
            detail: seen
                ? `${seen.remaining} of ${seen.limit} requests per hour left${warning !== undefined ? ' (low)' : ''}`
                : 'App Store Connect sent no X-Rate-Limit header',
        },
    };
}
/**
 * The release date check of the dry run and of the checks before the upload: the settings already refused
 * a date that is not on the hour; whether it is still ahead is judged at `now`.
 */
function planReleaseDate(settings, now) {
    const date = settings.appStore.earliestReleaseDate;
    if (!date)
        return undefined;
    const item = { step: 'Release date', action: `release not before ${date.toISOString()}` };
    if (date.getTime() <= now)
        return {
            ...item,
            check: {
                ok: false,
                detail: 'earliest_release_date has passed: set a later date (on the hour, UTC offset allowed)',
            },
        };
    return { ...item, check: { ok: true, detail: 'in the future, on the hour, with release_type SCHEDULED' } };
}
async function planGroups(client, app, settings) {
    const tf = settings.testflight;
    const lookup = await (0,_testflight_groups_js__WEBPACK_IMPORTED_MODULE_9__/* .lookUpGroups */ .Rn)(client, app, tf.groups, tf.createMissingGroups);
    const planned = (0,_testflight_groups_js__WEBPACK_IMPORTED_MODULE_9__/* .plannedGroups */ .t_)(lookup, tf.createMissingGroups);
    const problem = lookup.problem ?? (0,_testflight_groups_js__WEBPACK_IMPORTED_MODULE_9__/* .audienceProblem */ .Kl)(settings, planned);
    const created = lookup.toCreate.length > 0 ? `; would create ${lookup.toCreate.map((n) => `"${n}"`).join(', ')}` : '';
    const items = [
        {
            step: 'Beta groups',
            action: `add the build to ${tf.groups.join(', ')}`,
            check: problem === undefined
                ? { ok: true, detail: `all groups exist${created}` }
                : { ok: false, detail: problem },
        },
    ];
    const external = planned
        .filter(_testflight_groups_js__WEBPACK_IMPORTED_MODULE_9__/* .isExternal */ .ge)
        .map((g) => `"${g.attributes?.name ?? g.id}"`)
        .join(', ');
    if (tf.testers.length > 0)
        items.push({
            step: 'Testers',
            action: `add ${tf.testers.map((t) => t.email).join(', ')} to ${external} where missing`,
        });
    if (tf.publicLink) {
        const limit = tf.publicLink.limit !== undefined ? ` limited to ${tf.publicLink.limit} testers` : '';
        items.push({ step: 'Public link', action: `enable the public link of ${external}${limit}` });
    }
    return items;
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

/***/ 3564:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bg: () => (/* binding */ addToGroups),
/* harmony export */   Gg: () => (/* binding */ setNotification),
/* harmony export */   Kl: () => (/* binding */ audienceProblem),
/* harmony export */   PH: () => (/* binding */ createGroups),
/* harmony export */   Rn: () => (/* binding */ lookUpGroups),
/* harmony export */   bq: () => (/* binding */ resolveGroups),
/* harmony export */   ge: () => (/* binding */ isExternal),
/* harmony export */   t_: () => (/* binding */ plannedGroups)
/* harmony export */ });
/* unused harmony export GROUP_FIELDS */
/**
 * Apple's beta group IDs are UUIDs (public workflows pin them, e.g. ASC_BETA_GROUP_ID=bd75f066-fd92-…); an
 * entry of that shape that matches no group name is taken as an ID.
 */
const GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GROUP_FIELDS = 'name,isInternalGroup,hasAccessToAllBuilds,publicLinkEnabled,publicLinkLimitEnabled,publicLinkLimit,publicLink';
/**
 * The one group resolution, for the real run, the checks before the upload and the dry run. Each entry is
 * an exact name first (a group may be named like an ID), then an ID; a name that matches nothing is to be
 * created only with create_missing_groups, an ID never. Read-only.
 */
async function lookUpGroups(client, app, entries, createMissing) {
    if (entries.length === 0)
        return { groups: [], toCreate: [] };
    const { data: all } = await client.getAll('/v1/betaGroups', {
        'filter[app]': app.id,
        'fields[betaGroups]': GROUP_FIELDS,
    });
    const groups = [];
    const unknownIds = [];
    const unknownNames = [];
    for (const entry of entries) {
        const found = all.find((g) => g.attributes?.name === entry) ??
            (GROUP_ID.test(entry) ? all.find((g) => g.id.toLowerCase() === entry.toLowerCase()) : undefined);
        if (found) {
            if (!groups.includes(found))
                groups.push(found);
        }
        else if (GROUP_ID.test(entry))
            unknownIds.push(entry);
        else
            unknownNames.push(entry);
    }
    const problems = [];
    if (unknownIds.length > 0) {
        problems.push(`no group with ID ${quoted(unknownIds)} in "${app.name}" (an ID is never created)`);
    }
    if (unknownNames.length > 0 && createMissing === undefined) {
        problems.push(`no group named ${quoted(unknownNames)} in "${app.name}"`);
    }
    if (problems.length === 0)
        return { groups, toCreate: createMissing === undefined ? [] : unknownNames };
    const known = all.map((g) => `"${g.attributes?.name ?? ''}"`).join(', ') || 'none';
    const create = unknownNames.length > 0 && createMissing === undefined
        ? '; set create_missing_groups to internal or external to create a missing group'
        : '';
    return {
        groups: [],
        toCreate: [],
        problem: `beta_groups: ${problems.join('; ')}. The app's groups are ${known} (names must match exactly${create}).`,
    };
}
const quoted = (items) => items.map((n) => `"${n}"`).join(', ');
/** Every named group, resolved before anything changes; an unknown entry fails with the app's groups listed. */
async function resolveGroups(ctx) {
    const tf = ctx.settings.testflight;
    const lookup = await lookUpGroups(ctx.client, ctx.app, tf.groups, tf.createMissingGroups);
    if (lookup.problem !== undefined)
        throw new Error(lookup.problem);
    return lookup;
}
/**
 * Creates the groups create_missing_groups asked for. An internal group gets no public-link attributes:
 * Apple refuses them there ("Public link limit cannot be applied to internal group", expo/eas-cli#2906).
 */
async function createGroups(ctx, names) {
    const internal = ctx.settings.testflight.createMissingGroups === 'internal';
    const created = [];
    for (const name of names) {
        const answer = await ctx.client.post('/v1/betaGroups', {
            data: {
                type: 'betaGroups',
                attributes: { name, isInternalGroup: internal },
                relationships: { app: { data: { type: 'apps', id: ctx.app.id } } },
            },
        });
        ctx.log.info(`Created the ${internal ? 'internal' : 'external'} group "${name}" (create_missing_groups).`);
        created.push(answer.data);
    }
    return created;
}
/** The groups as they would be once created: for the checks made before anything changes. */
function plannedGroups(lookup, createMissing) {
    return [
        ...lookup.groups,
        ...lookup.toCreate.map((name) => ({
            type: 'betaGroups',
            id: '',
            attributes: { name, isInternalGroup: createMissing === 'internal' },
        })),
    ];
}
const isExternal = (group) => group.attributes?.isInternalGroup !== true;
/**
 * What testers and public_link need from the named groups, judged before anything changes: an external
 * group among them (internal groups take App Store Connect users only, and have no public link).
 */
function audienceProblem(settings, groups) {
    if (groups.some(isExternal))
        return undefined;
    const wanting = [
        ...(settings.testflight.testers.length > 0 ? ['testers'] : []),
        ...(settings.testflight.publicLink ? ['public_link'] : []),
    ];
    if (wanting.length === 0)
        return undefined;
    return (`${wanting.join(' and ')} act on external groups, and beta_groups names only internal ones ` +
        `(${groups.map((g) => `"${g.attributes?.name ?? g.id}"`).join(', ')}): name an external group too`);
}
/**
 * Sets whether testers hear about the build, before it reaches any group: with auto-notify on, adding
 * the build notifies them. A build that already sat in groups unannounced gets one notification.
 */
async function setNotification(ctx, buildId) {
    const notify = ctx.settings.testflight.notifyTesters;
    const detail = (await ctx.client.get(`/v1/builds/${buildId}/buildBetaDetail`)).data;
    const wasOn = detail.attributes?.autoNotifyEnabled === true;
    if (wasOn !== notify) {
        await ctx.client.patch(`/v1/buildBetaDetails/${detail.id}`, {
            data: { type: 'buildBetaDetails', id: detail.id, attributes: { autoNotifyEnabled: notify } },
        });
        ctx.log.info(notify ? 'Testers will be notified of this build.' : 'Testers will not be notified of this build.');
    }
    return notify && !wasOn;
}
/** Adds the build to each group that does not already have it or get every build by itself. */
async function addToGroups(ctx, buildId, groups) {
    if (groups.length === 0)
        return [];
    const { data: holding } = await ctx.client.getAll('/v1/betaGroups', {
        'filter[app]': ctx.app.id,
        'filter[builds]': buildId,
        'fields[betaGroups]': 'name',
    });
    const results = groups.map((group) => {
        const a = group.attributes;
        const hasIt = holding.some((h) => h.id === group.id) ||
            (a?.isInternalGroup === true && a.hasAccessToAllBuilds === true);
        return { id: group.id, name: a?.name ?? '', isInternal: a?.isInternalGroup === true, added: !hasIt };
    });
    const toAdd = results.filter((g) => g.added);
    if (toAdd.length > 0) {
        // Adding to a to-many relationship is idempotent, so this request may be retried safely.
        await ctx.client.post(`/v1/builds/${buildId}/relationships/betaGroups`, { data: toAdd.map((g) => ({ type: 'betaGroups', id: g.id })) }, { idempotent: true });
    }
    for (const g of results) {
        ctx.log.info(`Group "${g.name}" (${g.isInternal ? 'internal' : 'external'}): ${g.added ? 'build added' : 'already has the build'}.`);
    }
    return results;
}


/***/ }),

/***/ 2939:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ setWhatToTest),
/* harmony export */   e: () => (/* binding */ whatToTestTexts)
/* harmony export */ });
/* harmony import */ var _asc_localizations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6327);

/** The What to Test texts with their locales, for the real run and the dry run alike. */
function whatToTestTexts(ctx) {
    const fallbacks = [ctx.settings.locale, ctx.app.primaryLocale, 'en-US'];
    return ctx.settings.testflight.whatToTest.map((note) => ({
        locale: (0,_asc_localizations_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveLocale */ .rv)(note.language, fallbacks),
        text: note.text,
    }));
}
/** Sets "What to Test" on the build for each locale: created where missing, updated where different. */
async function setWhatToTest(ctx, buildId) {
    const folder = ctx.settings.testflight.whatToTestFolder;
    if (folder) {
        ctx.log.info(`What to Test: from Xcode Cloud's ${folder}/WhatToTest.<locale>.txt files, as neither release_notes nor release_notes_file is given.`);
    }
    return (0,_asc_localizations_js__WEBPACK_IMPORTED_MODULE_0__/* .upsertLocalizedTexts */ .d)(ctx.client, ctx.log, {
        label: 'What to Test',
        type: 'betaBuildLocalizations',
        attribute: 'whatsNew',
        list: { path: '/v1/betaBuildLocalizations', query: { 'filter[build]': buildId } },
        parent: { relationship: 'build', type: 'builds', id: buildId },
    }, whatToTestTexts(ctx));
}


/***/ }),

/***/ 407:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ planTestInformation),
/* harmony export */   u: () => (/* binding */ describeChange),
/* harmony export */   writeTestInformation: () => (/* binding */ writeTestInformation)
/* harmony export */ });
/* harmony import */ var _asc_localizations_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6327);
/* harmony import */ var _shared_format_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6338);


const LOCALIZATION_LABELS = {
    description: 'Beta App Description',
    feedbackEmail: 'Feedback Email',
    marketingUrl: 'Marketing URL',
    privacyPolicyUrl: 'Privacy Policy URL',
};
const REVIEW_LABELS = {
    contactFirstName: 'contact first name',
    contactLastName: 'contact last name',
    contactPhone: 'contact phone',
    contactEmail: 'contact e-mail',
    demoAccountName: 'demo account name',
    demoAccountPassword: 'demo account password',
    demoAccountRequired: 'sign-in required',
    notes: 'review notes',
};
const SECRET_FIELD = 'demoAccountPassword';
const HIDDEN = '(hidden)';
/**
 * Compares TestFlight's Test Information in App Store Connect with test_information_file, reading only.
 * Localizations follow fastlane pilot (pilot/lib/pilot/build_manager.rb update_beta_app_meta): each locale
 * the file names gets its fields; the default (localized_app_info's "default", or beta_app_description and
 * beta_app_feedback_email) goes to every other existing localization, and to the locale input's or the
 * app's primary locale when the app has none there yet (Beta App Review needs it: fastlane#20723). A field
 * the file leaves out is left as it is; nothing is ever blanked.
 */
async function planTestInformation(client, app, settings) {
    const info = settings.testInformation;
    if (!info)
        return undefined;
    const detail = (await client.get(`/v1/apps/${app.id}/betaAppReviewDetail`)).data;
    const existing = (await client.getAll(`/v1/apps/${app.id}/betaAppLocalizations`)).data;
    const changes = [];
    const wanted = { ...info.review };
    if (settings.demoAccountPassword !== undefined)
        wanted.demoAccountPassword = settings.demoAccountPassword;
    const reviewPatch = {};
    for (const field of Object.keys(REVIEW_LABELS)) {
        const to = wanted[field];
        const from = detail.attributes?.[field] ?? undefined;
        if (to === undefined || to === from)
            continue;
        Object.assign(reviewPatch, { [field]: to });
        const secret = field === SECRET_FIELD;
        changes.push({
            where: 'Beta App Review',
            field: REVIEW_LABELS[field],
            ...(from !== undefined && from !== '' ? { from: secret ? HIDDEN : String(from) } : {}),
            to: secret ? HIDDEN : String(to),
            ...(secret ? { secret: true } : {}),
        });
    }
    const byLocale = new Map(info.localizations.map((l) => [l.locale, l.fields]));
    if (info.defaultFields) {
        const fallback = (0,_asc_localizations_js__WEBPACK_IMPORTED_MODULE_0__/* .resolveLocale */ .rv)(undefined, [settings.locale, app.primaryLocale, 'en-US']);
        const locales = existing.map((l) => l.attributes?.locale).filter((l) => !!l);
        for (const locale of new Set([...locales, fallback])) {
            if (!byLocale.has(locale))
                byLocale.set(locale, info.defaultFields);
        }
    }
    const texts = [];
    for (const [locale, fields] of byLocale) {
        const current = existing.find((l) => l.attributes?.locale === locale)?.attributes;
        for (const field of Object.keys(LOCALIZATION_LABELS)) {
            const to = fields[field];
            const from = current?.[field] ?? undefined;
            if (to === undefined || to === from)
                continue;
            texts.push({ locale, field, text: to });
            changes.push({
                where: locale,
                field: LOCALIZATION_LABELS[field],
                ...(from ? { from } : {}),
                to,
                ...(current ? {} : { create: true }),
            });
        }
    }
    return { changes, reviewDetailId: detail.id, reviewPatch, texts };
}
/** One change as the log and the plan show it: where, what, old → new, shortened. */
function describeChange(change) {
    const from = change.from === undefined ? 'empty' : `"${(0,_shared_format_js__WEBPACK_IMPORTED_MODULE_1__/* .shorten */ .ml)(change.from, 40)}"`;
    const to = change.secret ? change.to : `"${(0,_shared_format_js__WEBPACK_IMPORTED_MODULE_1__/* .shorten */ .ml)(change.to, 40)}"`;
    return `${change.where}: ${change.field} ${from} → ${to}${change.create ? ' (new localization)' : ''}`;
}
/**
 * Writes test_information_file to App Store Connect: the Beta App Review details (one PATCH of the fields
 * that differ) and the beta app localizations (through the one localization upsert). A rerun finds
 * everything as asked and changes nothing.
 */
async function writeTestInformation(ctx) {
    const plan = await planTestInformation(ctx.client, ctx.app, ctx.settings);
    const file = ctx.settings.testInformation?.file ?? '';
    if (!plan || plan.changes.length === 0) {
        ctx.log.info(`Test Information: already as in ${file}.`);
        return { file, changes: [] };
    }
    if (Object.keys(plan.reviewPatch).length > 0) {
        await ctx.client.patch(`/v1/betaAppReviewDetails/${plan.reviewDetailId}`, {
            data: { type: 'betaAppReviewDetails', id: plan.reviewDetailId, attributes: plan.reviewPatch },
        });
    }
    // One upsert for all fields: a new language is created with every field at once, one read for all.
    const byLocale = new Map();
    for (const { locale, field, text } of plan.texts)
        byLocale.set(locale, { ...byLocale.get(locale), [field]: text });
    await (0,_asc_localizations_js__WEBPACK_IMPORTED_MODULE_0__/* .upsertLocalizations */ .kJ)(ctx.client, ctx.log, {
        label: 'Beta app localization',
        type: 'betaAppLocalizations',
        list: { path: `/v1/apps/${ctx.app.id}/betaAppLocalizations` },
        parent: { relationship: 'app', type: 'apps', id: ctx.app.id },
    }, [...byLocale].map(([locale, attributes]) => ({ locale, attributes })));
    for (const change of plan.changes)
        ctx.log.info(`Test Information: ${describeChange(change)}`);
    return { file, changes: plan.changes };
}


/***/ })

};

//# sourceMappingURL=464.index.js.map