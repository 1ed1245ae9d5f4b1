export const id = 844;
export const ids = [844];
export const modules = {

/***/ 8049:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   planMediaItems: () => (/* binding */ planMediaItems)
/* harmony export */ });
/* unused harmony export describeChange */
/* harmony import */ var _shared_platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5130);
/* harmony import */ var _index_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9140);
/* harmony import */ var _diff_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(2269);
/* harmony import */ var _sync_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4664);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2677);





async function planMediaItems(ctx) {
    const wanted = (0,_index_js__WEBPACK_IMPORTED_MODULE_1__.wantedMedia)(ctx.settings, (0,_shared_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .toAscPlatform */ .kA)(ctx.identity.platform));
    if (wanted.length === 0)
        return [];
    const { mode } = ctx.settings.media;
    let versionId;
    try {
        versionId = await (0,_index_js__WEBPACK_IMPORTED_MODULE_1__.findReleaseVersion)(ctx);
    }
    catch (error) {
        // The App Store step creates the version: then every file is new.
        if (!ctx.settings.appStore.submit) {
            return [{ step: 'Screenshots', action: 'sync', check: { ok: false, detail: message(error) } }];
        }
    }
    const localizations = versionId ? await (0,_sync_js__WEBPACK_IMPORTED_MODULE_2__/* .readLocalizations */ .tm)(ctx.client, versionId) : undefined;
    const items = [];
    let needed = 0;
    for (const { kind, local } of wanted) {
        const label = _types_js__WEBPACK_IMPORTED_MODULE_3__/* .MEDIA_KINDS */ .P[kind].label;
        let sets;
        try {
            sets = localizations
                ? await (0,_sync_js__WEBPACK_IMPORTED_MODULE_2__/* .planMedia */ .iT)(ctx.client, localizations, kind, local, mode)
                : local.map((s) => ({
                    locale: s.locale,
                    localizationId: '',
                    setType: s.setType,
                    plan: (0,_diff_js__WEBPACK_IMPORTED_MODULE_4__/* .planSet */ .e)(s.assets, [], mode),
                }));
        }
        catch (error) {
            items.push({
                step: label,
                action: `${mode} ${_types_js__WEBPACK_IMPORTED_MODULE_3__/* .MEDIA_KINDS */ .P[kind].input}`,
                check: { ok: false, detail: message(error) },
            });
            continue;
        }
        needed += (0,_sync_js__WEBPACK_IMPORTED_MODULE_2__/* .requestsNeeded */ .Kn)(sets);
        for (const s of sets)
            items.push({ step: label, action: `${s.locale} ${s.setType}: ${describeChange(s.plan.change)}` });
    }
    try {
        (0,_index_js__WEBPACK_IMPORTED_MODULE_1__.assertQuota)(ctx.client, needed);
    }
    catch (error) {
        items.push({
            step: 'Screenshots',
            action: `about ${needed} requests`,
            check: { ok: false, detail: message(error) },
        });
    }
    return items;
}
/** "add 01.png, 02.png; remove old.png; reorder; 3 unchanged", the same words the job summary uses. */
function describeChange(change) {
    const parts = [
        ...(change.added.length ? [`add ${change.added.join(', ')}`] : []),
        ...(change.removed.length ? [`remove ${change.removed.join(', ')}`] : []),
        ...(change.reordered ? ['reorder'] : []),
        `${change.unchanged} unchanged`,
    ];
    return parts.join('; ');
}
const message = (error) => (error instanceof Error ? error.message : String(error));


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

//# sourceMappingURL=844.index.js.map