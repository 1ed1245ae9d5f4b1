export const id = 695;
export const ids = [695,340];
export const modules = {

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

/***/ 3695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  distributeInTestFlight: () => (/* binding */ distributeInTestFlight)
});

;// CONCATENATED MODULE: ./src/testflight/audience.ts
/**
 * Refuses, before anything changes, to send an internal-only build where external testers would get it:
 * a build exported for "TestFlight Internal Only" has buildAudienceType INTERNAL_ONLY and no external
 * testing (botiverse/hands `assertBuildCanDistribute`; the evidence is thin, so only that value refuses).
 */
async function assertExternalTestingAllowed(ctx, buildId, groups) {
    const external = groups.filter((g) => g.attributes?.isInternalGroup !== true);
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

// EXTERNAL MODULE: ./src/testflight/groups.ts
var testflight_groups = __webpack_require__(3564);
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
    if (announce && groupResults.some((g) => !g.added)) {
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
        notificationSent: announce && groupResults.some((g) => !g.added),
    };
}


/***/ })

};

//# sourceMappingURL=695.index.js.map