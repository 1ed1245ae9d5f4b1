export const id = 496;
export const ids = [496];
export const modules = {

/***/ 3496:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  writeReport: () => (/* binding */ writeReport)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: ./src/report/log.ts + 1 modules
var log = __webpack_require__(3874);
// EXTERNAL MODULE: ./src/report/model.ts
var model = __webpack_require__(6867);
;// CONCATENATED MODULE: ./src/report/outputs.ts

/**
 * The action's outputs, all read from what the run recorded; an unknown value is left out. With several
 * packages a single-value output holds the value every package shares (the app ID of an .ipa and a .pkg of
 * one app) and is left out where they differ; `results` holds each package's values.
 */
function deriveOutputs(report) {
    const records = (0,model/* packageRecords */.pl)(report);
    const perPackage = records.map(singleOutputs);
    const outputs = {};
    for (const [name, value] of Object.entries(perPackage[0] ?? {})) {
        const shared = perPackage.every((values) => values[name] === value);
        if (shared && value !== undefined && value !== '')
            outputs[name] = value;
    }
    // One key, one hourly budget for the whole run: the last answer's count.
    if (report.rateLimit)
        outputs.rate_limit_remaining = report.rateLimit.remaining.toString();
    // A dry run acts on no build: its plan is in the summary.
    if (!report.dryRun && records.length > 0)
        outputs.results = JSON.stringify(records.map(packageResult));
    return outputs;
}
function singleOutputs(record) {
    const { app, identity, upload, processing, testflight, appStore } = record;
    // Every output is named here: the type fails to compile if one is missing.
    return {
        app_id: app?.id,
        bundle_id: app?.bundleId,
        app_version: identity?.version,
        build_number: identity?.buildNumber,
        platform: identity?.platform,
        build_upload_id: upload?.buildUploadId,
        build_id: processing?.buildId ?? upload?.buildId,
        processing_state: processing?.processingState ?? upload?.processingState,
        beta_groups: testflight?.groups.map((group) => group.id).join(','),
        beta_review_state: testflight?.betaReviewState,
        app_store_version_id: appStore?.versionId,
        review_submission_id: appStore?.reviewSubmissionId,
        review_submission_state: appStore?.reviewSubmissionState,
        public_link: testflight?.publicLink,
    };
}
function packageResult(record) {
    const values = singleOutputs(record);
    const known = (value) => (value === undefined || value === '' ? null : value);
    return {
        package: record.packageFile?.name ?? null,
        app_id: known(values.app_id),
        platform: known(values.platform),
        app_version: known(values.app_version),
        build_number: known(values.build_number),
        build_id: known(values.build_id),
        processing_state: known(values.processing_state),
        review_submission_id: known(values.review_submission_id),
    };
}

// EXTERNAL MODULE: ./src/report/progress.ts
var progress = __webpack_require__(8991);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/report/summary-file.ts

/**
 * Appends Markdown to the job summary ($GITHUB_STEP_SUMMARY), as core.summary.write() does; shared by
 * main and the post step, which does not load @actions/core. False when there is no summary file.
 */
async function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        return false;
    await (0,promises_.appendFile)(file, markdown, 'utf8');
    return true;
}

// EXTERNAL MODULE: ./src/shared/format.ts
var format = __webpack_require__(6338);
;// CONCATENATED MODULE: ./src/report/links.ts
/** The app's page in App Store Connect; its pages (distribution, testflight, …) hang below it. */
function appUrl(appId) {
    return `https://appstoreconnect.apple.com/apps/${encodeURIComponent(appId)}`;
}
/** Pages a reader of the summary goes to next for one release: the app, the build in TestFlight, the version. */
function packageLinks(record) {
    const links = [];
    const { app, identity } = record;
    if (app) {
        const home = appUrl(app.id);
        links.push(['App in App Store Connect', `${home}/distribution`]);
        const buildId = record.processing?.buildId ?? record.upload?.buildId;
        if (buildId && identity) {
            links.push([
                'Build in TestFlight',
                `${home}/testflight/${identity.platform}/${encodeURIComponent(buildId)}`,
            ]);
        }
        if (record.appStore && identity) {
            links.push(['App Store version', `${home}/distribution/${identity.platform}/version/inflight`]);
        }
    }
    return links;
}
/** The workflow run's page. */
function runLinks() {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: runId } = process.env;
    return server && repo && runId ? [['Workflow run', `${server}/${repo}/actions/runs/${runId}`]] : [];
}

// EXTERNAL MODULE: ./src/report/untrusted.ts
var untrusted = __webpack_require__(480);
;// CONCATENATED MODULE: ./src/report/markdown.ts

/**
 * Escapes user-controlled text (app names, notes, error details) for the Markdown job summary. Secrets are taken
 * out first: once escaped (`_` and `+` get backslashes) a secret would no longer match its mask.
 */
function escapeMarkdown(text) {
    return (0,untrusted/* redactSecrets */.fp)(text)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
        .replace(/\r\n|\r|\n/g, '<br>');
}

;// CONCATENATED MODULE: ./src/report/sections/testflight.ts


function processingSection(build) {
    return [
        '### Processing',
        '',
        `${escapeMarkdown(build.processingState)} after ${(0,format/* formatDuration */.a3)(build.appearMs + build.processingMs)}: ` +
            `${(0,format/* formatDuration */.a3)(build.appearMs)} for the build to appear, ${(0,format/* formatDuration */.a3)(build.processingMs)} of processing.`,
        '',
    ];
}
const COMPLIANCE = {
    'declared-by-package': 'declared in Info.plist',
    set: 'answered by this run',
    'already-set': 'already answered',
    missing: '⚠️ missing: testers cannot install the build until it is answered',
};
/** Test Information: per field, old → new (shortened); the demo account password only as "(hidden)". */
function testInformationSection(info) {
    const lines = ['### TestFlight Test Information', ''];
    if (info.changes.length === 0) {
        lines.push(`Already as in ${escapeMarkdown(info.file)}.`, '');
        return lines;
    }
    lines.push('| Where | Field | Was | Now |', '|---|---|---|---|');
    for (const c of info.changes) {
        const cell = (text) => text === undefined ? '' : c.secret ? escapeMarkdown(text) : escapeMarkdown((0,format/* shorten */.ml)(text, 60));
        lines.push(`| ${escapeMarkdown(c.where)}${c.create ? ' (new)' : ''} | ${escapeMarkdown(c.field)} | ${cell(c.from)} | ${cell(c.to)} |`);
    }
    lines.push('');
    return lines;
}
function testflightSection(tf) {
    const lines = ['### TestFlight', ''];
    if (tf.groups.length > 0) {
        lines.push('| Group | Type | Build |', '|---|---|---|');
        for (const g of tf.groups) {
            lines.push(`| ${escapeMarkdown(g.name)} | ${g.isInternal ? 'internal' : 'external'} | ${g.added ? 'added' : 'already there'} |`);
        }
        lines.push('');
    }
    if (tf.createdGroups.length > 0) {
        lines.push(`- Created groups: ${tf.createdGroups.map((g) => escapeMarkdown(g.name)).join(', ')}`);
    }
    if (tf.testersAdded.length > 0) {
        lines.push(`- Testers added: ${tf.testersAdded.map((t) => `${escapeMarkdown(t.email)} → ${escapeMarkdown(t.group)}`).join(', ')}`);
    }
    if (tf.publicLink)
        lines.push(`- Public link: ${escapeMarkdown(tf.publicLink)}`);
    if (tf.betaReviewState)
        lines.push(`- Beta App Review: ${escapeMarkdown(tf.betaReviewState)}`);
    if (tf.replacedBuildIds.length > 0) {
        lines.push(`- Expired to make way in Beta App Review: ${tf.replacedBuildIds.map(escapeMarkdown).join(', ')}`);
    }
    if (tf.whatToTestLocales.length > 0)
        lines.push(`- What to Test: ${tf.whatToTestLocales.map(escapeMarkdown).join(', ')}`);
    if (tf.exportCompliance)
        lines.push(`- Export compliance: ${COMPLIANCE[tf.exportCompliance]}`);
    if (tf.expiredBuildIds.length > 0)
        lines.push(`- Expired ${tf.expiredBuildIds.length} earlier build(s)`);
    if (tf.notificationSent)
        lines.push('- Testers were notified');
    lines.push('');
    return lines;
}

;// CONCATENATED MODULE: ./src/report/sections/appstore.ts

const RELEASE = {
    MANUAL: 'manually, after approval',
    AFTER_APPROVAL: 'automatically, as soon as approved',
};
const PHASED = {
    created: 'over 7 days (turned on)',
    kept: 'over 7 days',
    removed: 'to everyone at once (phased release removed)',
    none: 'to everyone at once',
};
/** The App Store part of the job summary: the version, its release and the review submission. */
function appStoreSection(result) {
    const lines = ['### App Store', ''];
    const version = escapeMarkdown(result.versionString);
    lines.push(result.alreadySubmitted
        ? `Version ${version} was already submitted with this build by an earlier run, so nothing was sent again.`
        : `Version ${version} was submitted for App Store review.`, '');
    const how = {
        created: 'created',
        updated: `renamed from ${escapeMarkdown(result.previousVersionString ?? '?')}`,
        reused: 'existing version',
        'in-review': 'in review',
    }[result.versionAction];
    lines.push(`- Version: ${version} (${how}), ${escapeMarkdown(result.versionId)}`);
    const release = result.releaseType === 'SCHEDULED' && result.earliestReleaseDate
        ? `after approval, not before ${escapeMarkdown(utc(result.earliestReleaseDate))}`
        : (RELEASE[result.releaseType] ?? escapeMarkdown(result.releaseType));
    lines.push(`- Release: ${release} (${escapeMarkdown(result.releaseType)})`);
    lines.push(`- Phased release: ${PHASED[result.phasedRelease]}`);
    if (result.whatsNewLocales.length > 0)
        lines.push(`- What's New: ${result.whatsNewLocales.map(escapeMarkdown).join(', ')}`);
    if (result.whatsNewSkippedFirstVersion)
        lines.push("- What's New: skipped, the app's first version takes none");
    if (result.copyright)
        lines.push(`- Copyright: ${escapeMarkdown(result.copyright)}`);
    if (result.canceledSubmissionIds.length > 0)
        lines.push(`- Canceled submissions: ${result.canceledSubmissionIds.map(escapeMarkdown).join(', ')}`);
    const submission = result.reviewSubmissionId ? `${escapeMarkdown(result.reviewSubmissionId)}, ` : '';
    lines.push(`- Review submission: ${submission}${escapeMarkdown(result.reviewSubmissionState)}`);
    if (result.appVersionState)
        lines.push(`- Version after App Review: ${escapeMarkdown(result.appVersionState)}`);
    lines.push('');
    return lines;
}
/** An instant as "2027-01-01 14:00 UTC": the summary reader's timezone is unknown. */
function utc(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

;// CONCATENATED MODULE: ./src/report/sections/listing.ts

/** The store listing part of the job summary: each field that changed, old → new (shortened; secrets as "(set)"). */
function listingSection(result) {
    const lines = ['### Store listing', ''];
    const version = escapeMarkdown(result.versionString);
    if (result.changes.length === 0) {
        lines.push(`The store listing of version ${version} was already as given: nothing changed.`, '');
    }
    else {
        lines.push(`${result.live ? 'Live version' : 'Version'} ${version}: ${result.changes.length} ${result.changes.length === 1 ? 'field' : 'fields'} changed.`, '', '| Field | Before | After |', '|---|---|---|');
        for (const change of result.changes)
            lines.push(`| ${escapeMarkdown(change.field)} | ${change.from === undefined ? '(empty)' : escapeMarkdown(change.from)} | ${escapeMarkdown(change.to)} |`);
        lines.push('');
    }
    if (result.createdLocales.length > 0)
        lines.push(`- New localizations: ${result.createdLocales.map(escapeMarkdown).join(', ')}`);
    if (result.whatsNewLocales && result.whatsNewLocales.length > 0)
        lines.push(`- What's New: ${result.whatsNewLocales.map(escapeMarkdown).join(', ')}`);
    for (const note of result.notes)
        lines.push(`- ${escapeMarkdown(note)}`);
    if (result.createdLocales.length > 0 || result.notes.length > 0 || result.whatsNewLocales?.length)
        lines.push('');
    return lines;
}

;// CONCATENATED MODULE: ./src/report/sections/media.ts


/** Per locale and display type: what was added, removed, reordered and left as it was. */
function mediaSection(results) {
    const lines = [];
    for (const result of results) {
        const title = result.kind === 'screenshot' ? 'Screenshots' : 'App previews';
        lines.push(`### ${title} (${result.mode})`, '');
        if (result.changes.length === 0) {
            lines.push('No sets in the folder.', '');
            continue;
        }
        lines.push('| Locale | Type | Added | Removed | Reordered | Unchanged |', '|---|---|---|---|---|---|');
        for (const c of result.changes) {
            const files = (names) => (names.length ? escapeMarkdown(names.join(', ')) : '–');
            lines.push(`| ${escapeMarkdown(c.locale)} | ${escapeMarkdown(c.setType)} | ${files(c.added)} | ${files(c.removed)} | ` +
                `${c.reordered ? 'yes' : 'no'} | ${c.unchanged} |`);
        }
        lines.push('', `Sent ${(0,format/* formatBytes */.z3)(result.uploadedBytes)}.`, '');
    }
    return lines;
}

;// CONCATENATED MODULE: ./src/report/sections/upload.ts


const VIA = { api: 'the build upload API', altool: 'xcrun altool', none: '' };
function uploadSection(upload) {
    const lines = ['### Upload', ''];
    if (upload.method === 'none') {
        lines.push('No upload: acting on a build already in App Store Connect.', '');
    }
    else if (upload.reused && upload.bytesSent > 0) {
        lines.push(`Another run committed this build's upload first; this run had sent ${(0,format/* formatBytes */.z3)(upload.bytesSent)} of its parts.`, '');
    }
    else if (upload.reused) {
        const what = upload.reused === 'build' ? 'the build' : 'an upload of this build';
        lines.push(`Already in App Store Connect: an earlier run uploaded ${what}, so nothing was sent again.`, '');
    }
    else {
        const seconds = upload.sendMs / 1000;
        // altool's time covers its whole session (checks, processing handshakes), not the transfer alone.
        const speed = seconds > 0 && upload.method === 'api'
            ? ` at ${(upload.bytesSent / 1e6 / seconds).toFixed(1)} MB/s`
            : '';
        lines.push(`Sent ${(0,format/* formatBytes */.z3)(upload.bytesSent)} through ${VIA[upload.method]} in ${(0,format/* formatDuration */.a3)(upload.sendMs)}${speed}.`, '');
    }
    if (upload.buildUploadId)
        lines.push(`- Build upload: ${escapeMarkdown(upload.buildUploadId)}`);
    if (upload.deliveryUuid)
        lines.push(`- Delivery UUID: ${escapeMarkdown(upload.deliveryUuid)}`);
    if (upload.buildId)
        lines.push(`- Build: ${escapeMarkdown(upload.buildId)}`);
    lines.push('');
    return lines;
}

;// CONCATENATED MODULE: ./src/report/summary.ts









/** The job summary as Markdown: one page of the release, or of the plan in a dry run. */
function renderSummary(report) {
    const lines = [];
    const title = report.dryRun ? 'App Store Connect release: dry run' : 'App Store Connect release';
    const outcome = report.interrupted
        ? '⏹ stopped before it finished'
        : report.failure
            ? '❌ failed'
            : report.dryRun
                ? '📝 plan only, nothing changed'
                : '✅ done';
    lines.push(`## ${title} ${outcome}`, '');
    const several = report.releasesSeveral();
    if (!several)
        lines.push(...identityTable(report));
    // A stopped run ended in its current step, or between that step's end and the next one's start.
    const stoppedIn = report.interrupted && report.steps.at(-1)?.name !== report.currentStep;
    if (report.interrupted) {
        const where = `${escapeMarkdown(report.currentStep)}${report.currentPackage ? ` of ${escapeMarkdown(report.currentPackage)}` : ''}`;
        lines.push('### Where it stopped', '', `The run was cancelled or ended ${stoppedIn ? 'during' : 'after'} **${where}**, ` +
            'before it could report. What it had done until then is below; a rerun finds what already reached ' +
            'App Store Connect.', '');
    }
    if (!several)
        lines.push(...stepSections(report));
    // Several packages: a section each, its steps' headings one level down, its own links.
    else {
        for (const record of (0,model/* packageRecords */.pl)(report)) {
            lines.push(`### ${escapeMarkdown(record.packageFile?.name ?? 'Package')}`, '', ...identityTable(record));
            lines.push(...stepSections(record).map((line) => (line.startsWith('### ') ? `#${line}` : line)));
            const links = packageLinks(record);
            if (links.length > 0)
                lines.push(linkLine(links), '');
        }
    }
    if (report.plan.length > 0) {
        lines.push('### Plan', '');
        for (const item of report.plan) {
            const mark = item.check && !item.check.ok ? '✗' : '✓';
            const check = item.check ? ` (${mark} ${escapeMarkdown(item.check.detail)})` : '';
            const step = item.package ? `${item.package} · ${item.step}` : item.step;
            lines.push(`- [ ] **${escapeMarkdown(step)}**: ${escapeMarkdown(item.action)}${check}`);
        }
        lines.push('');
    }
    if (report.failure) {
        const of = report.failure.package ? ` of **${escapeMarkdown(report.failure.package)}**` : '';
        lines.push('### What failed', '', `**${escapeMarkdown(report.failure.step)}**${of}`, '');
        lines.push(`> ${escapeMarkdown(report.failure.message)}`, '');
    }
    if (report.steps.length > 0 || stoppedIn) {
        // With several packages, a first column says whose step it was.
        const whose = (name) => (several ? `| ${escapeMarkdown(name ?? '')} ` : '');
        lines.push('### Steps', '', `${whose('Package')}| Step | Result | Time |`, `${several ? '|---' : ''}|---|---|---|`);
        for (const step of report.steps) {
            lines.push(`${whose(step.package)}| ${escapeMarkdown(step.name)} | ${step.status === 'done' ? '✅' : '❌'} | ${(0,format/* formatDuration */.a3)(step.durationMs)} |`);
        }
        if (stoppedIn)
            lines.push(`${whose(report.currentPackage)}| ${escapeMarkdown(report.currentStep)} | ⏹ stopped | |`);
        lines.push('');
    }
    if (report.rateLimit) {
        lines.push(`API requests left this hour for the key: ${report.rateLimit.remaining} of ${report.rateLimit.limit}`, '');
    }
    const links = several ? runLinks() : [...packageLinks(report), ...runLinks()];
    if (links.length > 0)
        lines.push(linkLine(links), '');
    return lines.join('\n');
}
function linkLine(links) {
    return links.map(([text, url]) => `[${text}](${url})`).join(' · ');
}
/** The app, version, platform and package of one release, as a table. */
function identityTable(record) {
    const { app, identity, packageFile } = record;
    if (!app && !identity)
        return [];
    const lines = ['| | |', '|---|---|'];
    if (app) {
        const url = appUrl(app.id);
        lines.push(`| App | [${escapeMarkdown(app.name || app.bundleId)}](${url}) (${escapeMarkdown(app.bundleId)}) |`);
    }
    if (identity) {
        lines.push(`| Version | ${escapeMarkdown(identity.version)} (${escapeMarkdown(identity.buildNumber)}) |`);
        lines.push(`| Platform | ${identity.platform} |`);
    }
    if (packageFile) {
        lines.push(`| Package | ${escapeMarkdown(packageFile.name)}, ${(0,format/* formatBytes */.z3)(packageFile.sizeBytes)} |`);
    }
    lines.push('');
    return lines;
}
/** What each step did for one release. */
function stepSections(record) {
    return [
        ...(record.upload ? uploadSection(record.upload) : []),
        ...(record.testInformation ? testInformationSection(record.testInformation) : []),
        ...(record.processing ? processingSection(record.processing) : []),
        ...(record.testflight ? testflightSection(record.testflight) : []),
        ...(record.media ? mediaSection(record.media) : []),
        ...(record.appStore ? appStoreSection(record.appStore) : []),
        ...listingSectionOf(record),
    ];
}
/** The listing is written by the App Store step, or by its own step when the run does not submit. */
function listingSectionOf(record) {
    const listing = record.listing ?? record.appStore?.listing;
    return listing ? listingSection(listing) : [];
}

;// CONCATENATED MODULE: ./src/report/write.ts






/** Writes the outputs and the job summary. Never throws: a reporting problem must not hide the result. */
async function writeReport(report) {
    try {
        for (const [name, value] of Object.entries(deriveOutputs(report)))
            core.setOutput(name, value);
        if (await appendSummary(renderSummary(report)))
            (0,progress/* markSummaryWritten */.Bx)();
    }
    catch (error) {
        log/* runLogger */.E_.warning(`Could not write the outputs or the job summary: ${error instanceof Error ? error.message : String(error)}`);
    }
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


/***/ })

};

//# sourceMappingURL=496.index.js.map