export const id = 407;
export const ids = [407];
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

//# sourceMappingURL=407.index.js.map