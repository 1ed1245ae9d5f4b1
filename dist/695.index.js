export const id = 695;
export const ids = [695];
export const modules = {

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

/***/ 3695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  distributeInTestFlight: () => (/* binding */ distributeInTestFlight)
});

// EXTERNAL MODULE: ./src/testflight/groups.ts
var testflight_groups = __webpack_require__(3564);
;// CONCATENATED MODULE: ./src/testflight/audience.ts

/**
 * Refuses, before anything changes, to send an internal-only build where external testers would get it:
 * a build exported for "TestFlight Internal Only" has buildAudienceType INTERNAL_ONLY and no external
 * testing (botiverse/hands `assertBuildCanDistribute`; the evidence is thin, so only that value refuses).
 */
async function assertExternalTestingAllowed(ctx, buildId, groups) {
    const external = groups.filter(testflight_groups/* isExternal */.ge);
    const wanted = [
        ...external.map((g) => `external group "${g.attributes?.name ?? g.id}"`),
        ...(ctx.settings.testflight.submitForReview ? ['submit_to_testflight (Beta App Review)'] : []),
    ];
    if (wanted.length === 0)
        return;
    const build = (await ctx.client.get(`/v1/builds/${buildId}`, { 'fields[builds]': 'buildAudienceType' })).data;
    if (build.attributes?.buildAudienceType !== 'INTERNAL_ONLY')
        return;
    throw new Error(`The build was exported for internal testing only (buildAudienceType INTERNAL_ONLY), so it cannot go ` +
        `to external testers: ${wanted.join(', ')}. Export the archive again without Xcode's ` +
        `"TestFlight Internal Only" option (testFlightInternalTestingOnly in ExportOptions.plist) with a new ` +
        'build number, or use only internal groups and leave submit_to_testflight false.');
}

;// CONCATENATED MODULE: ./src/testflight/compliance.ts
const EXPORT_COMPLIANCE_FIX = 'Set uses_non_exempt_encryption: false if the app uses no encryption beyond what Apple exempts ' +
    '(HTTPS, the OS), or add ITSAppUsesNonExemptEncryption to Info.plist so every build answers it.';
/**
 * Answers export compliance on the build when the package does not: Apple reads
 * ITSAppUsesNonExemptEncryption from Info.plist, and only then is the build's own flag settable.
 */
async function answerExportCompliance(ctx, buildId) {
    if (ctx.pkg?.usesNonExemptEncryption !== undefined)
        return 'declared-by-package';
    const answer = ctx.settings.testflight.usesNonExemptEncryption;
    if (answer !== undefined) {
        const build = (await ctx.client.get(`/v1/builds/${buildId}`, { 'fields[builds]': 'usesNonExemptEncryption' })).data;
        const current = build.attributes?.usesNonExemptEncryption;
        if (current === answer)
            return 'already-set';
        if (typeof current === 'boolean') {
            ctx.log.warning(`The build already answers export compliance with usesNonExemptEncryption ${current}; ` +
                `uses_non_exempt_encryption: ${answer} was not applied (Apple does not let an answer change).`);
            return 'already-set';
        }
        await ctx.client.patch(`/v1/builds/${buildId}`, {
            data: { type: 'builds', id: buildId, attributes: { usesNonExemptEncryption: answer } },
        });
        ctx.log.info(`Export compliance: set usesNonExemptEncryption to ${answer}.`);
        return 'set';
    }
    const detail = (await ctx.client.get(`/v1/builds/${buildId}/buildBetaDetail`)).data;
    if (detail.attributes?.internalBuildState === 'MISSING_EXPORT_COMPLIANCE') {
        ctx.log.warning(`The build waits for export compliance (Missing Compliance): testers cannot install it. ${EXPORT_COMPLIANCE_FIX}`);
        return 'missing';
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/shared/platform.ts
var platform = __webpack_require__(5130);
;// CONCATENATED MODULE: ./src/testflight/expire.ts

/** Expires the app's builds for this platform uploaded before this one; never this one, nor later ones. */
async function expirePreviousBuilds(ctx, buildId) {
    const current = (await ctx.client.get(`/v1/builds/${buildId}`, { 'fields[builds]': 'uploadedDate' }))
        .data;
    const uploadedAt = Date.parse(current.attributes?.uploadedDate ?? '');
    const { data: builds } = await ctx.client.getAll('/v1/builds', {
        'filter[app]': ctx.app.id,
        'filter[preReleaseVersion.platform]': (0,platform/* toAscPlatform */.kA)(ctx.identity.platform),
        'filter[expired]': 'false',
        'fields[builds]': 'version,uploadedDate,expired',
    });
    // A build whose date is unknown is left alone (NaN compares false).
    const earlier = builds.filter((b) => b.id !== buildId && Date.parse(b.attributes?.uploadedDate ?? '') < uploadedAt);
    for (const build of earlier) {
        await ctx.client.patch(`/v1/builds/${build.id}`, {
            data: { type: 'builds', id: build.id, attributes: { expired: true } },
        });
    }
    ctx.log.info(earlier.length === 0
        ? 'No earlier builds to expire.'
        : `Expired ${earlier.length} earlier build${earlier.length === 1 ? '' : 's'}: ${earlier.map((b) => b.attributes?.version ?? b.id).join(', ')}.`);
    return earlier.map((b) => b.id);
}

// EXTERNAL MODULE: ./src/testflight/notes.ts
var notes = __webpack_require__(2939);
;// CONCATENATED MODULE: ./src/testflight/public-link.ts

/**
 * public_link: enables the public link of each named external group (internal groups have none), with
 * the limit when one is given, once the group has the build: Apple allows no public link on a group
 * without a build (fastlane PR #17984). Returns the first external group's link, in the order named.
 */
async function enablePublicLinks(ctx, groups) {
    const wanted = ctx.settings.testflight.publicLink;
    if (!wanted)
        return undefined;
    const links = [];
    for (const group of groups.filter(testflight_groups/* isExternal */.ge)) {
        const a = group.attributes ?? {};
        const limit = wanted.limit;
        const asked = a.publicLinkEnabled === true &&
            (limit === undefined || (a.publicLinkLimitEnabled === true && a.publicLinkLimit === limit));
        let link = a.publicLink ?? undefined;
        if (!asked) {
            const answer = await ctx.client.patch(`/v1/betaGroups/${group.id}`, {
                data: {
                    type: 'betaGroups',
                    id: group.id,
                    attributes: {
                        publicLinkEnabled: true,
                        ...(limit !== undefined ? { publicLinkLimitEnabled: true, publicLinkLimit: limit } : {}),
                    },
                },
            });
            link = answer.data.attributes?.publicLink ?? undefined;
        }
        const name = a.name ?? group.id;
        ctx.log.info(`Public link of "${name}"${asked ? ' (already enabled)' : ''}: ${link ?? 'not given by App Store Connect'}` +
            `${limit !== undefined ? `, up to ${limit} testers` : ''}.`);
        if (link)
            links.push(link);
    }
    return links[0];
}

// EXTERNAL MODULE: ./src/asc/errors.ts
var errors = __webpack_require__(9678);
// EXTERNAL MODULE: ./src/shared/format.ts
var format = __webpack_require__(6338);
// EXTERNAL MODULE: ./src/shared/poll.ts
var poll = __webpack_require__(9340);
;// CONCATENATED MODULE: ./src/testflight/review.ts





/** What to do when Beta App Review finds Test Information missing; names the file when one was given. */
function testInformationFix(ctx) {
    const fields = 'the Beta App Description and Feedback Email, and the Beta App Review Information (contact first and ' +
        'last name, email, phone, and sign-in details if the app needs them)';
    const file = ctx.settings.testInformation?.file;
    const where = file
        ? `Add what is missing to ${file} (beta_app_description, beta_app_feedback_email, beta_app_review_info), or fill in`
        : 'Give them in a test_information_file, or fill in';
    return (`${where} App Store Connect > TestFlight > Test Information for the app: ${fields}. ` +
        'Also give What to Test (release_notes) for the build.');
}
/** How long the refusal that follows export compliance is retried (codemagic cli-tools#346). */
const SETTLE_TIMEOUT_MS = 5 * 60_000;
const SETTLE_MAX_DELAY_MS = 30_000;
/** Every shape Apple has refused missing test information with (fastlane#28630, #16294, #20723). */
const TEST_INFORMATION_MISSING = [
    /Beta App Description is missing/i,
    /Feedback Email is missing/i,
    /Missing required information to submit for external testing/i,
    /betaAppLocalizations? (not found|must exist)/i,
    /provide a value for the attribute '(contact|demoAccount)/i,
];
/** Apple's refusal while another build of the version is in Beta App Review (fastlane#12551). */
const ANOTHER_BUILD_IN_REVIEW = /another build is (already )?in review/i;
/** Apple's refusal for a while after export compliance is set (codemagic cli-tools#346). */
const NOT_YET_PROCESSED = /not in a valid processing state/i;
const REVIEW_STATES = ['WAITING_FOR_REVIEW', 'IN_REVIEW'];
/** The build's Beta App Review submission: the existing one, or a new one, with its state. */
async function submitForBetaReview(ctx, buildId) {
    const existing = await findSubmission(ctx, buildId);
    if (existing) {
        const state = existing.attributes?.betaReviewState ?? undefined;
        ctx.log.info(`Beta App Review: already submitted (${state ?? 'unknown state'}).`);
        return { state, replacedBuildIds: [] };
    }
    try {
        return { state: await review_submit(ctx, buildId), replacedBuildIds: [] };
    }
    catch (error) {
        if (!(isAnotherBuildInReview(error) && ctx.settings.testflight.replaceBuildInBetaReview)) {
            throw await explain(ctx, buildId, error);
        }
        const expired = await expireBuildsWaitingForReview(ctx, buildId);
        if (expired.length === 0)
            throw await explain(ctx, buildId, error);
        try {
            return { state: await review_submit(ctx, buildId), replacedBuildIds: expired };
        }
        catch (retried) {
            throw await explain(ctx, buildId, retried);
        }
    }
}
/**
 * Creates the submission, retrying the refusal Apple answers for a while after export compliance. An
 * answer that may have been lost (network, 500) is settled by looking the submission up.
 */
async function review_submit(ctx, buildId) {
    try {
        const created = await (0,poll/* retryWhile */.i9)({
            clock: ctx.clock,
            timeoutMs: SETTLE_TIMEOUT_MS,
            delayMs: Math.min(ctx.settings.wait.pollIntervalMs, 5_000),
            maxDelayMs: SETTLE_MAX_DELAY_MS,
            retryable: (error) => error instanceof errors/* AscApiError */.oF && error.status === 422 && NOT_YET_PROCESSED.test(error.message)
                ? 'the build is not ready for Beta App Review yet'
                : undefined,
            onRetry: (reason, elapsedMs) => ctx.log.info(`Beta App Review: ${reason} (${(0,format/* formatDuration */.a3)(elapsedMs)} elapsed); retrying.`),
        }, () => ctx.client.post('/v1/betaAppReviewSubmissions', {
            data: {
                type: 'betaAppReviewSubmissions',
                relationships: { build: { data: { type: 'builds', id: buildId } } },
            },
        }));
        const state = created.data.attributes?.betaReviewState ?? undefined;
        ctx.log.info(`Beta App Review: submitted (${state ?? 'unknown state'}).`);
        return state;
    }
    catch (error) {
        const ambiguous = error instanceof errors/* AscNetworkError */.Us || (error instanceof errors/* AscApiError */.oF && error.ambiguous);
        const found = ambiguous ? await findSubmission(ctx, buildId) : undefined;
        if (!found)
            throw error;
        const state = found.attributes?.betaReviewState ?? undefined;
        ctx.log.info(`Beta App Review: submitted (${state ?? 'unknown state'}).`);
        return state;
    }
}
const isAnotherBuildInReview = (error) => error instanceof errors/* AscApiError */.oF && ANOTHER_BUILD_IN_REVIEW.test(error.message);
/** The refusal as the user needs it: Apple's words, and what to do next for the refusals we know. */
async function explain(ctx, buildId, error) {
    if (!(error instanceof errors/* AscApiError */.oF))
        return error;
    const refused = (fix) => new Error(`Beta App Review refused the build:\n${error.message}\n${fix}`, { cause: error });
    if (isAnotherBuildInReview(error)) {
        const others = await buildsInReview(ctx, buildId, { sameVersion: true });
        const named = others.length === 0
            ? 'another build'
            : others.map((b) => `build ${ctx.identity.version} (${b.version}), ${b.state}, id ${b.id}`).join('; ');
        const next = ctx.settings.testflight.replaceBuildInBetaReview
            ? 'A build already IN_REVIEW cannot be replaced: wait until its review ends, then run again.'
            : 'Wait until that review ends, or set replace_build_in_beta_review: true to expire the builds ' +
                'waiting for review and submit this one (a build already IN_REVIEW cannot be replaced).';
        return refused(`Another build of version ${ctx.identity.version} is in Beta App Review: ${named}. App Store Connect ` +
            `reviews one build of a version at a time. ${next}`);
    }
    if (/export compliance|usesNonExemptEncryption/i.test(error.message))
        return refused(EXPORT_COMPLIANCE_FIX);
    if (TEST_INFORMATION_MISSING.some((shape) => shape.test(error.message))) {
        return refused(testInformationFix(ctx));
    }
    if (error.status === 500) {
        // codemagic PR #118: missing test information is answered with a bare 500; the submission was looked up.
        return refused(`App Store Connect answers 500 here when the app's test information is incomplete. ${testInformationFix(ctx)}`);
    }
    if (error.status === 422 && NOT_YET_PROCESSED.test(error.message)) {
        return refused(`The build was still not ready for Beta App Review after ${(0,format/* formatDuration */.a3)(SETTLE_TIMEOUT_MS)}; ` +
            'run again later (the build, its notes and groups are already in place).');
    }
    return refused('Check the build and the app in App Store Connect > TestFlight.');
}
/** Other builds of this app and platform in Beta App Review; of this version only with `sameVersion`. */
async function buildsInReview(ctx, buildId, options) {
    const found = [];
    for (const state of options.states ?? REVIEW_STATES) {
        const { data } = await ctx.client.getAll('/v1/builds', {
            'filter[app]': ctx.app.id,
            'filter[preReleaseVersion.platform]': (0,platform/* toAscPlatform */.kA)(ctx.identity.platform),
            ...(options.sameVersion ? { 'filter[preReleaseVersion.version]': ctx.identity.version } : {}),
            'filter[expired]': 'false',
            'filter[betaAppReviewSubmission.betaReviewState]': state,
            'fields[builds]': 'version',
        });
        for (const b of data) {
            if (b.id !== buildId)
                found.push({ id: b.id, version: b.attributes?.version ?? b.id, state });
        }
    }
    return found;
}
/**
 * replace_build_in_beta_review: expires the app's builds for this platform that wait for Beta App Review
 * (as fastlane's reject_build_waiting_for_review and codemagic's --expire-build-submitted-for-review do);
 * a build already in review, or any other build, is left alone.
 */
async function expireBuildsWaitingForReview(ctx, buildId) {
    const waiting = await buildsInReview(ctx, buildId, { sameVersion: false, states: ['WAITING_FOR_REVIEW'] });
    for (const build of waiting) {
        await ctx.client.patch(`/v1/builds/${build.id}`, {
            data: { type: 'builds', id: build.id, attributes: { expired: true } },
        });
    }
    if (waiting.length > 0) {
        ctx.log.info(`Beta App Review: expired ${waiting.map((b) => `build ${b.version}`).join(', ')}, which waited for review.`);
    }
    return waiting.map((b) => b.id);
}
async function findSubmission(ctx, buildId) {
    const page = await ctx.client.get('/v1/betaAppReviewSubmissions', {
        'filter[build]': buildId,
    });
    return page.data[0];
}

;// CONCATENATED MODULE: ./src/testflight/testers.ts

const same = (a, b) => (a ?? '').toLowerCase() === b.toLowerCase();
/**
 * Adds each tester to every named external group that does not have them yet, and never removes one. The
 * groups' testers are read first, so a rerun sends nothing. A known tester is found by e-mail and linked
 * to the groups; a new one is created with them, as fastlane pilot does (tester_manager.rb: BetaTester.find
 * by email, then add to groups, or create with betaGroups).
 */
async function addTesters(ctx, groups) {
    const testers = ctx.settings.testflight.testers;
    const external = groups.filter(testflight_groups/* isExternal */.ge);
    if (testers.length === 0 || external.length === 0)
        return [];
    const members = new Map();
    for (const group of external) {
        const { data } = await ctx.client.getAll(`/v1/betaGroups/${group.id}/betaTesters`, {
            'fields[betaTesters]': 'email',
        });
        members.set(group.id, data.map((t) => (t.attributes?.email ?? '').toLowerCase()));
    }
    const added = [];
    const linkByGroup = new Map();
    for (const tester of testers) {
        const lacking = external.filter((g) => !members.get(g.id)?.includes(tester.email.toLowerCase()));
        if (lacking.length === 0)
            continue;
        const existing = await findTester(ctx, tester.email);
        if (existing) {
            for (const group of lacking)
                linkByGroup.set(group.id, [...(linkByGroup.get(group.id) ?? []), existing.id]);
        }
        else {
            await createTester(ctx, tester, lacking);
        }
        for (const group of lacking)
            added.push({ email: tester.email, group: group.attributes?.name ?? group.id });
    }
    for (const [groupId, testerIds] of linkByGroup) {
        // Adding to a to-many relationship is idempotent, so this request may be retried safely.
        await ctx.client.post(`/v1/betaGroups/${groupId}/relationships/betaTesters`, { data: testerIds.map((id) => ({ type: 'betaTesters', id })) }, { idempotent: true });
    }
    const names = external.map((g) => `"${g.attributes?.name ?? g.id}"`).join(', ');
    ctx.log.info(added.length === 0
        ? `Testers: all ${testers.length} already in ${names}.`
        : `Testers: added ${added.map((a) => `${a.email} to "${a.group}"`).join(', ')}.`);
    return added;
}
async function findTester(ctx, email) {
    const { data } = await ctx.client.get('/v1/betaTesters', {
        'filter[email]': email,
        'fields[betaTesters]': 'email',
    });
    return data.find((t) => same(t.attributes?.email, email));
}
async function createTester(ctx, tester, groups) {
    await ctx.client.post('/v1/betaTesters', {
        data: {
            type: 'betaTesters',
            attributes: {
                email: tester.email,
                ...(tester.firstName !== undefined ? { firstName: tester.firstName } : {}),
                ...(tester.lastName !== undefined ? { lastName: tester.lastName } : {}),
            },
            relationships: { betaGroups: { data: groups.map((g) => ({ type: 'betaGroups', id: g.id })) } },
        },
    });
}

;// CONCATENATED MODULE: ./src/testflight/index.ts








/**
 * Hands the processed build to testers. Every step reads before it writes, so a rerun changes nothing
 * that is already as asked.
 */
async function distributeInTestFlight(ctx, build) {
    const tf = ctx.settings.testflight;
    // Unknown groups, an audience without an external group and an internal-only build going external
    // fail here, before anything changes.
    const lookup = await (0,testflight_groups/* resolveGroups */.bq)(ctx);
    const planned = (0,testflight_groups/* plannedGroups */.t_)(lookup, tf.createMissingGroups);
    const problem = (0,testflight_groups/* audienceProblem */.Kl)(ctx.settings, planned);
    if (problem !== undefined)
        throw new Error(problem);
    await assertExternalTestingAllowed(ctx, build.buildId, planned);
    const created = await (0,testflight_groups/* createGroups */.PH)(ctx, lookup.toCreate);
    const groups = [...lookup.groups, ...created];
    const exportCompliance = await answerExportCompliance(ctx, build.buildId);
    const whatToTestLocales = await (0,notes/* setWhatToTest */.a)(ctx, build.buildId);
    const announce = await (0,testflight_groups/* setNotification */.Gg)(ctx, build.buildId);
    const groupResults = await (0,testflight_groups/* addToGroups */.Bg)(ctx, build.buildId, groups);
    const testersAdded = await addTesters(ctx, groups);
    const publicLink = await enablePublicLinks(ctx, groups);
    const notifyHolders = announce && groupResults.some((g) => !g.added);
    if (notifyHolders) {
        // Testers who already had the build were never told; tell them once.
        await ctx.client.post('/v1/buildBetaNotifications', {
            data: {
                type: 'buildBetaNotifications',
                relationships: { build: { data: { type: 'builds', id: build.buildId } } },
            },
        });
    }
    const betaReview = tf.submitForReview ? await submitForBetaReview(ctx, build.buildId) : undefined;
    if (!tf.submitForReview && groupResults.some((g) => !g.isInternal)) {
        ctx.log.warning('External groups only get a build after Beta App Review approves it: set submit_to_testflight: true, ' +
            'or submit the build in App Store Connect.');
    }
    const expiredBuildIds = tf.expirePreviousBuilds ? await expirePreviousBuilds(ctx, build.buildId) : [];
    return {
        exportCompliance,
        whatToTestLocales,
        groups: groupResults,
        createdGroups: created.map((g) => ({
            id: g.id,
            name: g.attributes?.name ?? '',
            isInternal: g.attributes?.isInternalGroup === true,
        })),
        testersAdded,
        ...(publicLink !== undefined ? { publicLink } : {}),
        betaReviewState: betaReview?.state,
        replacedBuildIds: betaReview?.replacedBuildIds ?? [],
        expiredBuildIds,
        notificationSent: notifyHolders,
    };
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


/***/ })

};

//# sourceMappingURL=695.index.js.map