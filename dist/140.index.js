export const id = 140;
export const ids = [140];
export const modules = {

/***/ 2269:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   e: () => (/* binding */ planSet)
/* harmony export */ });
function planSet(local, remote, mode) {
    const locale = local[0]?.locale ?? '';
    const setType = local[0]?.setType ?? '';
    // A failed asset, or one reserved and never committed (a run that stopped halfway), is never the file:
    // every mode takes it out, and the file goes up again.
    const broken = (r) => r.state === 'FAILED' || r.state === 'AWAITING_UPLOAD';
    const usable = remote.filter((r) => !broken(r));
    if (mode === 'replace') {
        return {
            change: {
                locale,
                setType,
                added: names(local),
                removed: remote.map((r) => r.fileName),
                unchanged: 0,
                reordered: false,
            },
            uploads: local,
            deletes: remote,
            ...(local.length > 1 ? { order: local.map((file) => ({ upload: file })) } : {}),
        };
    }
    const taken = new Set();
    const slots = local.map((file) => {
        const match = usable.find((r) => r.md5 === file.md5 && !taken.has(r.id));
        if (match)
            taken.add(match.id);
        return match;
    });
    const uploads = local.filter((_, i) => slots[i] === undefined);
    const deletes = mode === 'sync' ? remote.filter((r) => !taken.has(r.id)) : remote.filter(broken);
    const kept = remote.filter((r) => !deletes.includes(r));
    const change = {
        locale,
        setType,
        added: names(uploads),
        removed: deletes.map((r) => r.fileName),
        unchanged: local.length - uploads.length,
        reordered: false,
    };
    // Uploads run in parallel, so Apple's order among several new assets is whichever was created first.
    const natural = [
        ...kept.map((r) => ({ keep: r.id })),
        ...uploads.map((file) => ({ upload: file })),
    ];
    if (mode === 'append')
        return { change, uploads, deletes, ...(uploads.length > 1 ? { order: natural } : {}) };
    // Apple puts new assets last; the folder's order is asked for only when that is not it already.
    const wanted = local.map((file, i) => {
        const match = slots[i];
        return match ? { keep: match.id } : { upload: file };
    });
    const key = (slot) => slot === undefined ? '' : 'keep' in slot ? slot.keep : slot.upload.path;
    const same = uploads.length <= 1 &&
        wanted.length === natural.length &&
        wanted.every((w, i) => key(w) === key(natural[i]));
    const keptOrder = wanted.flatMap((w) => ('keep' in w ? [w.keep] : []));
    change.reordered = keptOrder.some((id, i) => id !== kept[i]?.id);
    return { change, uploads, deletes, ...(same ? {} : { order: wanted }) };
}
const names = (assets) => assets.map((a) => a.fileName);


/***/ }),

/***/ 7446:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $u: () => (/* binding */ acceptsSize),
/* harmony export */   J8: () => (/* binding */ PREVIEW_TYPES),
/* harmony export */   Nr: () => (/* binding */ isPreviewType),
/* harmony export */   dC: () => (/* binding */ displayTypeForSize),
/* harmony export */   lq: () => (/* binding */ platformOfSetType),
/* harmony export */   rr: () => (/* binding */ isDisplayType),
/* harmony export */   w_: () => (/* binding */ describeSizes)
/* harmony export */ });
/* unused harmony export SCREENSHOT_SIZES */
// Apple's screenshot display types and preview types, and the pixel sizes App Store Connect accepts for
// each. Sizes: fastlane deliver app_screenshot.rb `devices` (which cites Apple's "Screenshot
// specifications", help.apple.com/app-store-connect/#/devd274dd925) and rorkai asc screenshot_sizes.go;
// both list each size in portrait and landscape, except the Mac, Apple TV, Vision Pro and watches.
const both = (...sizes) => sizes.flatMap(([w, h]) => [[w, h], [h, w]]);
const IPHONE_67 = both([1290, 2796], [1260, 2736], [1320, 2868]);
const IPHONE_65 = both([1242, 2688], [1284, 2778]);
const IPHONE_61 = both([1179, 2556], [1206, 2622]);
const IPHONE_58 = both([1125, 2436], [1170, 2532]);
const IPHONE_55 = both([1242, 2208]);
const IPHONE_47 = both([750, 1334]);
const IPHONE_40 = [...both([640, 1136]), [640, 1096], [1136, 600]];
const IPHONE_35 = [...both([640, 960]), [640, 920], [960, 600]];
const IPAD_PRO_129 = both([2048, 2732], [2064, 2752]);
const IPAD_11 = both([1668, 2388], [1668, 2420]);
const IPAD_105 = both([1668, 2224]);
const IPAD_97 = both([768, 1024], [1536, 2048], [768, 1004], [1536, 2008]);
/**
 * Accepted sizes per display type, in fastlane's matching order: the first type that accepts a size is
 * the one an image of that size goes to when its folder does not name one.
 */
const SCREENSHOT_SIZES = {
    APP_IPHONE_67: IPHONE_67,
    APP_IPHONE_65: IPHONE_65,
    APP_IPHONE_61: IPHONE_61,
    APP_IPHONE_58: IPHONE_58,
    APP_IPHONE_55: IPHONE_55,
    APP_IPHONE_47: IPHONE_47,
    APP_IPHONE_40: IPHONE_40,
    APP_IPHONE_35: IPHONE_35,
    APP_IPAD_PRO_129: IPAD_PRO_129,
    APP_IPAD_PRO_3GEN_129: IPAD_PRO_129,
    APP_IPAD_PRO_3GEN_11: IPAD_11,
    APP_IPAD_105: IPAD_105,
    APP_IPAD_97: IPAD_97,
    APP_DESKTOP: [
        [1280, 800],
        [1440, 900],
        [2560, 1600],
        [2880, 1800],
    ],
    APP_APPLE_TV: [
        [1920, 1080],
        [3840, 2160],
    ],
    APP_APPLE_VISION_PRO: [[3840, 2160]],
    APP_WATCH_ULTRA: [
        [410, 502],
        [422, 514],
    ],
    APP_WATCH_SERIES_10: [[416, 496]],
    APP_WATCH_SERIES_7: [[396, 484]],
    APP_WATCH_SERIES_4: [[368, 448]],
    APP_WATCH_SERIES_3: [[312, 390]],
    IMESSAGE_APP_IPHONE_67: IPHONE_67,
    IMESSAGE_APP_IPHONE_65: IPHONE_65,
    IMESSAGE_APP_IPHONE_61: IPHONE_61,
    IMESSAGE_APP_IPHONE_58: IPHONE_58,
    IMESSAGE_APP_IPHONE_55: IPHONE_55,
    IMESSAGE_APP_IPHONE_47: IPHONE_47,
    IMESSAGE_APP_IPHONE_40: IPHONE_40,
    IMESSAGE_APP_IPAD_PRO_129: IPAD_PRO_129,
    IMESSAGE_APP_IPAD_PRO_3GEN_129: IPAD_PRO_129,
    IMESSAGE_APP_IPAD_PRO_3GEN_11: IPAD_11,
    IMESSAGE_APP_IPAD_105: IPAD_105,
    IMESSAGE_APP_IPAD_97: IPAD_97,
};
/** The spec's `PreviewType` enum. */
const PREVIEW_TYPES = [
    'IPHONE_67',
    'IPHONE_61',
    'IPHONE_65',
    'IPHONE_58',
    'IPHONE_55',
    'IPHONE_47',
    'IPHONE_40',
    'IPHONE_35',
    'IPAD_PRO_3GEN_129',
    'IPAD_PRO_3GEN_11',
    'IPAD_PRO_129',
    'IPAD_105',
    'IPAD_97',
    'DESKTOP',
    'APPLE_TV',
    'APPLE_VISION_PRO',
];
function isDisplayType(name) {
    return Object.hasOwn(SCREENSHOT_SIZES, name);
}
function isPreviewType(name) {
    return PREVIEW_TYPES.includes(name);
}
function acceptsSize(type, width, height) {
    return SCREENSHOT_SIZES[type].some(([w, h]) => w === width && h === height);
}
/**
 * fastlane's names for a 12.9" iPad Pro of the 3rd generation or later in a file name: the sizes are the
 * 2nd generation's, so only the name tells them apart (deliver app_screenshot.rb resolve_ipadpro_conflict_if_needed).
 */
const IPAD_PRO_3GEN_MARKERS = [
    'iPad Pro (12.9-inch) (3rd generation)',
    'iPad Pro (12.9-inch) (4th generation)',
    'iPad Pro (12.9-inch) (5th generation)',
    'iPad Pro (12.9-inch) (6th generation)',
    'IPAD_PRO_3GEN_129',
    'ipadPro129',
    'iPad Air 13-inch (M2)',
    'iPad Air 13-inch (M3)',
    'iPad Pro 13-inch (M4)',
];
/**
 * The display type of an image that sits directly in its locale folder, as fastlane deliver decides it:
 * by pixel size, an iMessage folder (`<locale>/iMessage/`) for the iMessage types, and the 3rd-generation
 * iPad Pro by file name. Undefined when no display type takes the size.
 */
function displayTypeForSize(width, height, fileName, iMessage = false) {
    for (const name of Object.keys(SCREENSHOT_SIZES)) {
        if (name.startsWith('IMESSAGE_') !== iMessage || name.includes('3GEN_129'))
            continue;
        if (!acceptsSize(name, width, height))
            continue;
        if (name.endsWith('IPAD_PRO_129') && IPAD_PRO_3GEN_MARKERS.some((m) => fileName.includes(m)))
            return iMessage ? 'IMESSAGE_APP_IPAD_PRO_3GEN_129' : 'APP_IPAD_PRO_3GEN_129';
        return name;
    }
    return undefined;
}
/**
 * The platform whose App Store version takes a screenshot display type or preview type: the Mac's desktop
 * type for macOS, Apple TV's for tvOS, Vision Pro's for visionOS, and the iPhone, iPad, Apple Watch and
 * iMessage types for iOS. Apple refuses any other on a version: "Display Type Not Allowed" at
 * /data/attributes/screenshotDisplayType (security-union/remote-shutter#147, deliver with a shared folder).
 */
function platformOfSetType(setType) {
    if (setType.endsWith('DESKTOP'))
        return 'MAC_OS';
    if (setType.endsWith('APPLE_TV'))
        return 'TV_OS';
    if (setType.endsWith('APPLE_VISION_PRO'))
        return 'VISION_OS';
    return 'IOS';
}
function describeSizes(type) {
    return SCREENSHOT_SIZES[type].map(([w, h]) => `${w}×${h}`).join(', ');
}


/***/ }),

/***/ 9140:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   assertQuota: () => (/* binding */ assertQuota),
/* harmony export */   findReleaseVersion: () => (/* binding */ findReleaseVersion),
/* harmony export */   syncMedia: () => (/* binding */ syncMedia),
/* harmony export */   wantedMedia: () => (/* binding */ wantedMedia)
/* harmony export */ });
/* harmony import */ var _shared_platform_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5130);
/* harmony import */ var _display_types_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7446);
/* harmony import */ var _sync_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4664);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2677);
/* harmony import */ var _appstore_resources_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3481);
/* harmony import */ var _appstore_situation_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9832);






/**
 * The kinds the settings ask for, with the sets of their folders that a version of this platform takes;
 * `skipped` names the others (one folder serves every package of a run, and each platform has its own
 * display types).
 */
function wantedMedia(settings, platform) {
    const { screenshots, previews } = settings.media;
    const wanted = [
        ...(screenshots ? [{ kind: 'screenshot', all: screenshots }] : []),
        ...(previews ? [{ kind: 'preview', all: previews }] : []),
    ];
    return wanted.map(({ kind, all }) => ({
        kind,
        local: all.filter((s) => (0,_display_types_js__WEBPACK_IMPORTED_MODULE_1__/* .platformOfSetType */ .lq)(s.setType) === platform),
        skipped: [...new Set(all.filter((s) => (0,_display_types_js__WEBPACK_IMPORTED_MODULE_1__/* .platformOfSetType */ .lq)(s.setType) !== platform).map((s) => s.setType))],
    }));
}
/** Syncs every kind asked for into the version; `versionId` defaults to this release's editable version. */
async function syncMedia(ctx, versionId) {
    const id = versionId ?? (await findReleaseVersion(ctx));
    const target = {
        client: ctx.client,
        log: ctx.log,
        clock: ctx.clock,
        versionId: id,
        pollIntervalMs: ctx.settings.wait.pollIntervalMs,
    };
    const { mode } = ctx.settings.media;
    const planned = [];
    const platform = (0,_shared_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .toAscPlatform */ .kA)(ctx.identity.platform);
    const localizations = await (0,_sync_js__WEBPACK_IMPORTED_MODULE_2__/* .readLocalizations */ .tm)(ctx.client, id);
    for (const { kind, local, skipped } of wantedMedia(ctx.settings, platform)) {
        if (skipped.length > 0)
            ctx.log.info(`${_types_js__WEBPACK_IMPORTED_MODULE_3__/* .MEDIA_KINDS */ .P[kind].input}: skipped ${skipped.join(', ')} for this ${platform} version: not ${platform} types.`);
        planned.push({ kind, sets: await (0,_sync_js__WEBPACK_IMPORTED_MODULE_2__/* .planMedia */ .iT)(ctx.client, localizations, kind, local, mode) });
    }
    assertQuota(ctx.client, planned.reduce((sum, p) => sum + (0,_sync_js__WEBPACK_IMPORTED_MODULE_2__/* .requestsNeeded */ .Kn)(p.sets), 0));
    const results = [];
    for (const { kind, sets } of planned)
        results.push(await (0,_sync_js__WEBPACK_IMPORTED_MODULE_2__/* .applyMedia */ .jv)(target, kind, sets, mode));
    return results;
}
/**
 * Stops before the first change when the key's hourly quota would run out halfway: a set half synced is
 * worse than one not touched (fastlane deliver re-uploads everything and runs out on apps with many
 * languages; the quota is 3600 requests an hour per key, Apple's "Identifying Rate Limits").
 */
function assertQuota(client, needed) {
    const quota = client.rateLimit;
    if (!quota || needed <= quota.remaining)
        return;
    throw new Error(`Syncing the screenshots and previews takes about ${needed} requests, but the API key has ${quota.remaining} of its ` +
        `${quota.limit} requests for this hour left. Nothing was changed: rerun after the hour, or sync fewer locales at once.`);
}
/** The editable App Store version of this release's version string and platform. */
async function findReleaseVersion(ctx) {
    const platform = (0,_shared_platform_js__WEBPACK_IMPORTED_MODULE_0__/* .toAscPlatform */ .kA)(ctx.identity.platform);
    const { data } = await ctx.client.getAll(`/v1/apps/${ctx.app.id}/appStoreVersions`, {
        'filter[versionString]': ctx.identity.version,
        'filter[platform]': platform,
    });
    const version = data[0];
    if (!version) {
        const inputs = Object.values(_types_js__WEBPACK_IMPORTED_MODULE_3__/* .MEDIA_KINDS */ .P)
            .map((k) => k.input)
            .join(' and ');
        throw new Error(`There is no App Store version ${ctx.identity.version} for ${platform} to put the ${inputs} on: ` +
            'set submit_to_app_store: true to create it, or create it in App Store Connect.');
    }
    // A submitted or released version's screenshots cannot change; say so before any delete or upload.
    // READY_FOR_REVIEW is a version in a draft submission, still editable (appstore/situation.ts).
    const state = (0,_appstore_situation_js__WEBPACK_IMPORTED_MODULE_5__/* .stateOf */ .L4)(version);
    if (!_appstore_resources_js__WEBPACK_IMPORTED_MODULE_4__/* .EDITABLE_STATES */ .MX.has(state) && state !== 'READY_FOR_REVIEW') {
        throw new Error(`App Store version ${ctx.identity.version} for ${platform} is ${state}: its screenshots and previews can ` +
            'change only while it is being prepared. Give the next version (app_version) with submit_to_app_store: true.');
    }
    return version.id;
}


/***/ }),

/***/ 4664:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jv: () => (/* binding */ applyMedia),
  iT: () => (/* binding */ planMedia),
  tm: () => (/* binding */ readLocalizations),
  Kn: () => (/* binding */ requestsNeeded)
});

// UNUSED EXPORTS: MEDIA_CONCURRENCY

// EXTERNAL MODULE: ./src/shared/poll.ts
var poll = __webpack_require__(9340);
// EXTERNAL MODULE: ./src/shared/pool.ts
var pool = __webpack_require__(5135);
// EXTERNAL MODULE: ./src/media/diff.ts
var diff = __webpack_require__(2269);
// EXTERNAL MODULE: ./src/upload/parts.ts
var parts = __webpack_require__(3603);
// EXTERNAL MODULE: ./src/upload/progress.ts
var upload_progress = __webpack_require__(850);
// EXTERNAL MODULE: ./src/media/types.ts
var types = __webpack_require__(2677);
;// CONCATENATED MODULE: ./src/media/upload.ts



/** Parts of one asset in flight at once; several assets go up in parallel (sync.ts). */
const PARTS_PER_ASSET = 2;
async function uploadAsset(target, kind, setId, file) {
    const { client, log, clock } = target;
    const k = types/* MEDIA_KINDS */.P[kind];
    const reserved = await client.post(`/v1/${k.assetType}`, {
        data: {
            type: k.assetType,
            attributes: {
                fileName: file.fileName,
                fileSize: file.fileSize,
                ...(file.frameTimeCode ? { previewFrameTimeCode: file.frameTimeCode } : {}),
            },
            relationships: { [k.setRelationship]: { data: { type: k.setType, id: setId } } },
        },
    });
    const { id } = reserved.data;
    const operations = reserved.data.attributes?.uploadOperations ?? [];
    if (operations.length === 0)
        throw new Error(`App Store Connect gave no upload operations for ${file.shownName} (${k.assetType} ${id}).`);
    const progress = new upload_progress/* Progress */.k(file.fileSize, log, 5000, () => clock.now());
    await (0,parts/* sendParts */.h)({ path: file.path, operations, concurrency: PARTS_PER_ASSET, progress, log, clock });
    await client.patch(`/v1/${k.assetType}/${id}`, {
        data: { type: k.assetType, id, attributes: { uploaded: true, sourceFileChecksum: file.md5 } },
    });
    return { id, file };
}

;// CONCATENATED MODULE: ./src/media/sync.ts





/** Assets worked on at once (each a few requests and usually one part). */
const MEDIA_CONCURRENCY = 4;
/** Apple processes a screenshot in seconds and a preview in minutes. */
const PROCESSING_TIMEOUT_MS = { screenshot: 10 * 60_000, preview: 30 * 60_000 };
/** The version's localizations, read once for every kind of media (each kind's sets hang from them). */
async function readLocalizations(client, versionId) {
    return (await client.getAll(`/v1/appStoreVersions/${versionId}/appStoreVersionLocalizations`))
        .data;
}
/** Reads the sets of the version's localizations and plans every set; GET requests only. */
async function planMedia(client, localizations, kind, local, mode) {
    const k = types/* MEDIA_KINDS */.P[kind];
    const missing = [...new Set(local.map((s) => s.locale))].filter((locale) => !localizations.some((l) => l.attributes?.locale === locale));
    if (missing.length > 0) {
        const have = localizations.map((l) => l.attributes?.locale ?? '').join(', ');
        throw new Error(`${k.input} has folders for ${missing.join(', ')}, but the App Store version has no such localization ` +
            `(it has ${have || 'none'}): add the language to the version in App Store Connect, or rename the folder.`);
    }
    const planned = [];
    for (const localization of localizations) {
        const locale = localization.attributes?.locale ?? '';
        const wanted = local.filter((s) => s.locale === locale);
        if (wanted.length === 0)
            continue;
        const sets = (await client.getAll(`/v1/appStoreVersionLocalizations/${localization.id}/${k.setType}`)).data;
        for (const { setType, assets } of wanted) {
            const set = sets.find((s) => s.attributes?.[k.typeAttribute] === setType);
            const remote = set ? await readAssets(client, kind, set.id) : [];
            planned.push({
                locale,
                localizationId: localization.id,
                setType,
                ...(set ? { setId: set.id } : {}),
                plan: (0,diff/* planSet */.e)(assets, remote, mode),
            });
        }
    }
    return planned;
}
async function readAssets(client, kind, setId) {
    const k = types/* MEDIA_KINDS */.P[kind];
    const { data } = await client.getAll(`/v1/${k.setType}/${setId}/${k.assetType}`);
    return data.map((a) => {
        const attributes = a.attributes ?? {};
        const state = stateOf(a, kind)?.state ?? undefined;
        return {
            id: a.id,
            fileName: attributes.fileName ?? a.id,
            ...(attributes.sourceFileChecksum ? { md5: attributes.sourceFileChecksum.toLowerCase() } : {}),
            ...(state ? { state } : {}),
        };
    });
}
/** The requests the changes take, polls included, to compare with what is left of the key's hourly quota. */
function requestsNeeded(sets) {
    return sets.reduce((sum, s) => {
        const { uploads, deletes, order } = s.plan;
        const create = s.setId === undefined && uploads.length > 0 ? 1 : 0;
        // Reserve and commit each file; about five reads of the set while Apple processes them.
        const polls = uploads.length > 0 ? 5 : 0;
        return sum + create + deletes.length + uploads.length * 2 + polls + (order ? 1 : 0);
    }, 0);
}
/** Carries out the planned changes; throws with every asset Apple refused, by file name. */
async function applyMedia(target, kind, sets, mode) {
    const { client, log } = target;
    const k = types/* MEDIA_KINDS */.P[kind];
    for (const s of sets) {
        const where = `${s.locale} ${s.setType}`;
        if (s.plan.uploads.length === 0 && s.plan.deletes.length === 0 && !s.plan.order) {
            log.info(`${k.label} ${where}: all ${s.plan.change.unchanged} already there.`);
            continue;
        }
        if (s.setId === undefined && s.plan.uploads.length > 0) {
            const created = await client.post(`/v1/${k.setType}`, {
                data: {
                    type: k.setType,
                    attributes: { [k.typeAttribute]: s.setType },
                    relationships: {
                        appStoreVersionLocalization: {
                            data: { type: 'appStoreVersionLocalizations', id: s.localizationId },
                        },
                    },
                },
            });
            s.setId = created.data.id;
        }
    }
    // Deletions first: a set holds at most 10 screenshots, so room is made before anything is added.
    await (0,pool/* forEachConcurrently */.D)(sets.flatMap((s) => s.plan.deletes.map((d) => ({ s, d }))), MEDIA_CONCURRENCY, async ({ s, d }) => {
        await client.delete(`/v1/${k.assetType}/${d.id}`);
        log.info(`${k.label} ${s.locale} ${s.setType}: removed ${d.fileName}.`);
    });
    const jobs = sets.flatMap((s) => s.plan.uploads.map((file) => ({ s, file })));
    const uploaded = new Map();
    await (0,pool/* forEachConcurrently */.D)(jobs, MEDIA_CONCURRENCY, async ({ s, file }) => {
        const setId = s.setId ?? '';
        uploaded.set(file.path, { ...(await uploadAsset(target, kind, setId, file)), setId });
        log.info(`${k.label} ${s.locale} ${s.setType}: uploaded ${file.fileName}.`);
    });
    await waitForProcessing(target, kind, [...uploaded.values()]);
    for (const s of sets) {
        if (!s.plan.order || s.setId === undefined)
            continue;
        const ids = s.plan.order.map((slot) => 'keep' in slot ? slot.keep : (uploaded.get(slot.upload.path)?.id ?? ''));
        // The folder's order, as fastlane does once the uploads are in (sync_app_previews.rb reorder_previews).
        await client.patch(`/v1/${k.setType}/${s.setId}/relationships/${k.assetType}`, {
            data: ids.map((id) => ({ type: k.assetType, id })),
        });
        log.info(`${k.label} ${s.locale} ${s.setType}: put in the folder's order.`);
    }
    const uploadedBytes = jobs.reduce((sum, j) => sum + j.file.fileSize, 0);
    return { kind, mode, changes: sets.map((s) => s.plan.change), uploadedBytes };
}
/** One wait for every uploaded asset: done when each is COMPLETE or FAILED. */
async function waitForProcessing(target, kind, assets) {
    if (assets.length === 0)
        return;
    const k = types/* MEDIA_KINDS */.P[kind];
    const states = new Map();
    const open = () => assets.filter((a) => !['COMPLETE', 'FAILED'].includes(states.get(a.id)?.state ?? ''));
    await (0,poll/* pollUntil */.g3)({
        clock: target.clock,
        intervalMs: target.pollIntervalMs,
        timeoutMs: PROCESSING_TIMEOUT_MS[kind],
        // One read per set with assets still processing, not one per asset: the quota is per hour.
        read: async () => {
            const setIds = [...new Set(open().map((a) => a.setId))];
            await (0,pool/* forEachConcurrently */.D)(setIds, MEDIA_CONCURRENCY, async (setId) => {
                const { data } = await target.client.getAll(`/v1/${k.setType}/${setId}/${k.assetType}`);
                for (const asset of data) {
                    const state = stateOf(asset, kind);
                    if (state)
                        states.set(asset.id, state);
                }
            });
            return open().length;
        },
        pending: (left) => (left === 0 ? undefined : `${left} of ${assets.length} still processing`),
        onTimeout: (state, ms) => new Error(`${k.label}: App Store Connect had not processed every upload after ${(0,poll/* elapsedText */.QF)(ms)} (${state}): ` +
            `${open()
                .map((a) => a.file.shownName)
                .join(', ')}. Rerun the job: files already processed are not sent again.`),
    });
    const failed = assets.filter((a) => states.get(a.id)?.state === 'FAILED');
    if (failed.length === 0)
        return;
    const lines = failed.map((a) => {
        const errors = states.get(a.id)?.errors ?? [];
        const why = errors
            .map((e) => `${e.code ?? 'ERROR'}${e.description ? `: ${e.description}` : ''}`)
            .join('; ');
        return `${a.file.shownName}: ${why || 'processing failed'}`;
    });
    throw new Error(`${k.label}: App Store Connect refused ${failed.length} file${failed.length > 1 ? 's' : ''}:\n- ${lines.join('\n- ')}\n` +
        'Fix or replace each file and rerun; the failed assets are removed and the files uploaded again.');
}
/** A preview's state is videoDeliveryState since API 3.7; assetDeliveryState, deprecated, is read when it is absent. */
function stateOf(asset, kind) {
    const attributes = asset.attributes ?? {};
    return attributes[types/* MEDIA_KINDS */.P[kind].stateAttribute] ?? attributes.assetDeliveryState ?? undefined;
}


/***/ }),

/***/ 2677:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ MEDIA_KINDS)
/* harmony export */ });
// Screenshots and app previews: what the folders hold and what the sync did. report/ renders MediaResult.
/** How each kind is named in the API: the set, the asset, their attributes and relationships. */
const MEDIA_KINDS = {
    screenshot: {
        input: 'screenshots_path',
        label: 'Screenshots',
        setType: 'appScreenshotSets',
        assetType: 'appScreenshots',
        typeAttribute: 'screenshotDisplayType',
        setRelationship: 'appScreenshotSet',
        /** The asset's processing state; previews moved to videoDeliveryState (AppMediaVideoState, API 3.7). */
        stateAttribute: 'assetDeliveryState',
    },
    preview: {
        input: 'app_previews_path',
        label: 'App previews',
        setType: 'appPreviewSets',
        assetType: 'appPreviews',
        typeAttribute: 'previewType',
        setRelationship: 'appPreviewSet',
        stateAttribute: 'videoDeliveryState',
    },
};


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

//# sourceMappingURL=140.index.js.map