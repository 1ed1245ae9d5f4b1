export const id = 406;
export const ids = [406];
export const modules = {

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

/***/ 4406:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MediaFolderError: () => (/* binding */ MediaFolderError),
  readMediaFolder: () => (/* binding */ readMediaFolder)
});

// UNUSED EXPORTS: MAX_FILE_BYTES, MAX_PER_SET

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./src/media/display-types.ts
var display_types = __webpack_require__(7446);
;// CONCATENATED MODULE: ./src/media/image-header.ts
// The pixel size of a PNG or JPEG from its first bytes: the only thing the action needs from an image, so
// no image library is loaded. PNG: the IHDR chunk right after the signature. JPEG: the first start-of-frame
// marker, found by walking the segments.
/** How many leading bytes to read: a JPEG's frame header may follow a large EXIF or ICC segment. */
const IMAGE_HEADER_BYTES = 256 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
function readImageHeader(head) {
    if (head.length >= 26 && head.subarray(0, 8).equals(PNG_SIGNATURE)) {
        if (head.toString('latin1', 12, 16) !== 'IHDR')
            return undefined;
        const colourType = head[25] ?? 0;
        return {
            format: 'png',
            width: head.readUInt32BE(16),
            height: head.readUInt32BE(20),
            alpha: colourType === 4 || colourType === 6,
        };
    }
    if (head.length >= 4 && head[0] === 0xff && head[1] === 0xd8)
        return readJpegFrame(head);
    return undefined;
}
/** SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size. */
const isStartOfFrame = (marker) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
function readJpegFrame(head) {
    let at = 2;
    while (at + 4 <= head.length) {
        if (head[at] !== 0xff)
            return undefined;
        const marker = head[at + 1] ?? 0;
        if (marker === 0xff) {
            at += 1; // fill byte
            continue;
        }
        const length = head.readUInt16BE(at + 2);
        if (isStartOfFrame(marker)) {
            if (at + 9 > head.length)
                return undefined;
            return {
                format: 'jpeg',
                height: head.readUInt16BE(at + 5),
                width: head.readUInt16BE(at + 7),
                alpha: false,
            };
        }
        at += 2 + length;
    }
    return undefined;
}

// EXTERNAL MODULE: ./src/media/types.ts
var types = __webpack_require__(2677);
// EXTERNAL MODULE: ./src/shared/text-file.ts
var text_file = __webpack_require__(5777);
// EXTERNAL MODULE: ./src/settings/fields.ts
var fields = __webpack_require__(764);
;// CONCATENATED MODULE: ./src/media/folder.ts
// Reads screenshots_path or app_previews_path into the sets it asks for, checking every file before any
// request: the layout is fastlane deliver's (`<locale>/<file>`), a subfolder may name the display type.










const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);
const VIDEO_EXTENSIONS = new Set(['.mov', '.m4v', '.mp4']);
/** fastlane deliver's folder for iMessage screenshots of the same sizes (app_screenshot.rb calculate_screen_size). */
const IMESSAGE_FOLDER = 'iMessage';
/** The poster frame time of `<name>.mp4` sits in `<name>.timecode.txt`, e.g. `00:00:05:00`. */
const TIMECODE_SUFFIX = '.timecode.txt';
const TIMECODE = /^\d{2}(:\d{2}){1,3}$/;
/** Apple takes at most 10 screenshots and 3 previews per set (Apple's "Screenshot specifications"; fastlane sync_app_previews.rb). */
const MAX_PER_SET = { screenshot: 10, preview: 3 };
/** Bounds of this action: App Store Connect has 39 locales; 500 MB is fastlane's preview limit. */
const MAX_FILE_BYTES = { screenshot: 30 * 1024 * 1024, preview: 500 * 1024 * 1024 };
const MAX_LOCALES = 60;
const MAX_FILES = 2000;
/** Problems found in the folder, each naming the file; empty when every file is fit to upload. */
class MediaFolderError extends Error {
    input;
    problems;
    constructor(input, problems) {
        super(`${input}: ${problems.length === 1 ? (problems[0] ?? '') : `\n- ${problems.join('\n- ')}`}`);
        this.input = input;
        this.problems = problems;
        this.name = 'MediaFolderError';
    }
}
/** Every locale's sets, each file checked; throws MediaFolderError listing every problem. */
async function readMediaFolder(root, kind) {
    const input = types/* MEDIA_KINDS */.P[kind].input;
    const problems = [];
    const sets = new Map();
    const localeDirs = await directories(root, input);
    if (localeDirs.length > MAX_LOCALES)
        throw new MediaFolderError(input, [`more than ${MAX_LOCALES} locale folders`]);
    let files = 0;
    for (const locale of localeDirs) {
        if (!fields/* LOCALE */.ne.test(locale)) {
            problems.push(`'${locale}' is not a locale folder such as en-US or de-DE`);
            continue;
        }
        for (const found of await listFiles((0,external_node_path_.join)(root, locale), kind)) {
            if (++files > MAX_FILES)
                throw new MediaFolderError(input, [`more than ${MAX_FILES} files`]);
            const asset = await readAsset(found, locale, kind, problems);
            if (!asset)
                continue;
            const key = `${locale}\u0000${asset.setType}`;
            sets.set(key, [...(sets.get(key) ?? []), asset]);
        }
    }
    const result = [];
    for (const assets of sets.values()) {
        assets.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
        const first = assets[0];
        if (!first)
            continue;
        if (assets.length > MAX_PER_SET[kind]) {
            problems.push(`${first.locale}/${first.setType} has ${assets.length} files; App Store Connect takes at most ${MAX_PER_SET[kind]}`);
        }
        result.push({ locale: first.locale, setType: first.setType, assets });
    }
    if (problems.length > 0)
        throw new MediaFolderError(input, problems);
    result.sort((a, b) => (a.locale + a.setType < b.locale + b.setType ? -1 : 1));
    return result;
}
async function directories(root, input) {
    const info = await (0,promises_.stat)(root).catch(() => undefined);
    if (!info?.isDirectory())
        throw new MediaFolderError(input, [`'${root}' is not a folder`]);
    const entries = await (0,promises_.readdir)(root, { withFileTypes: true });
    return entries
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort();
}
async function listFiles(dir, kind) {
    const extensions = kind === 'screenshot' ? IMAGE_EXTENSIONS : VIDEO_EXTENSIONS;
    const found = [];
    const byName = (a, b) => (a.name < b.name ? -1 : 1);
    for (const entry of (await (0,promises_.readdir)(dir, { withFileTypes: true })).sort(byName)) {
        if (entry.name.startsWith('.'))
            continue;
        if (entry.isFile() && extensions.has((0,external_node_path_.extname)(entry.name).toLowerCase())) {
            found.push({ path: (0,external_node_path_.join)(dir, entry.name), fileName: entry.name });
        }
        else if (entry.isDirectory()) {
            for (const inner of (await (0,promises_.readdir)((0,external_node_path_.join)(dir, entry.name), { withFileTypes: true })).sort(byName)) {
                if (inner.isFile() &&
                    extensions.has((0,external_node_path_.extname)(inner.name).toLowerCase()) &&
                    !inner.name.startsWith('.'))
                    found.push({ path: (0,external_node_path_.join)(dir, entry.name, inner.name), fileName: inner.name, folder: entry.name });
            }
        }
    }
    return found;
}
async function readAsset(file, locale, kind, problems) {
    const shown = `${locale}/${file.folder ? `${file.folder}/` : ''}${file.fileName}`;
    const size = (await (0,promises_.stat)(file.path)).size;
    if (size === 0) {
        problems.push(`${shown} is empty`);
        return undefined;
    }
    if (size > MAX_FILE_BYTES[kind]) {
        problems.push(`${shown} is larger than ${MAX_FILE_BYTES[kind] / 1024 / 1024} MB`);
        return undefined;
    }
    const setType = kind === 'screenshot' ? await screenshotType(file, shown, problems) : previewType(file, shown, problems);
    if (!setType)
        return undefined;
    const frameTimeCode = kind === 'preview' ? await readTimecode(file.path, shown, problems) : undefined;
    return {
        locale,
        setType,
        path: file.path,
        fileName: file.fileName,
        shownName: shown,
        fileSize: size,
        md5: await md5Of(file.path),
        ...(frameTimeCode ? { frameTimeCode } : {}),
    };
}
async function screenshotType(file, shown, problems) {
    const handle = await (0,promises_.open)(file.path, 'r');
    let head;
    try {
        const buffer = Buffer.alloc(IMAGE_HEADER_BYTES);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        head = buffer.subarray(0, bytesRead);
    }
    finally {
        await handle.close();
    }
    const image = readImageHeader(head);
    if (!image) {
        problems.push(`${shown} is not a PNG or JPEG image`);
        return undefined;
    }
    // "Images can't contain alpha channels or transparencies." (App Store Connect, fastlane-old/snapshot#2, RocketSimApp#302)
    if (image.alpha) {
        problems.push(`${shown} has an alpha channel, which App Store Connect refuses: save it without transparency`);
        return undefined;
    }
    const size = `${image.width}×${image.height}`;
    const named = file.folder && file.folder !== IMESSAGE_FOLDER ? file.folder : undefined;
    if (named !== undefined) {
        if (!(0,display_types/* isDisplayType */.rr)(named)) {
            problems.push(`${shown}: '${named}' is not a display type App Store Connect knows (e.g. APP_IPHONE_67, APP_IPAD_PRO_3GEN_129)`);
            return undefined;
        }
        if (!(0,display_types/* acceptsSize */.$u)(named, image.width, image.height)) {
            problems.push(`${shown} is ${size}, which ${named} does not take (it takes ${(0,display_types/* describeSizes */.w_)(named)})`);
            return undefined;
        }
        return named;
    }
    const type = (0,display_types/* displayTypeForSize */.dC)(image.width, image.height, file.fileName, file.folder === IMESSAGE_FOLDER);
    if (!type) {
        problems.push(`${shown} is ${size}, which fits no App Store display type (e.g. 1290×2796 for iPhone 6.7", 2064×2752 for iPad 13")`);
    }
    return type;
}
/** The preview type from a subfolder named after it, or, as fastlane does, from a token in the file name. */
function previewType(file, shown, problems) {
    if (file.folder !== undefined) {
        if ((0,display_types/* isPreviewType */.Nr)(file.folder))
            return file.folder;
        problems.push(`${shown}: '${file.folder}' is not a preview type (${display_types/* PREVIEW_TYPES */.J8.join(', ')})`);
        return undefined;
    }
    // Longest first, so IPAD_PRO_3GEN_129 is not read as IPAD_PRO_129 (fastlane preview_type_from_filename).
    const token = [...display_types/* PREVIEW_TYPES */.J8].sort((a, b) => b.length - a.length).find((t) => file.fileName.includes(t));
    if (token)
        return token;
    problems.push(`${shown}: put it in a folder named after its preview type (e.g. ${shown.split('/')[0] ?? ''}/IPHONE_67/)`);
    return undefined;
}
/** A time code is a dozen characters; a sidecar far larger is not one. */
const MAX_TIMECODE_BYTES = 1024;
async function readTimecode(path, shown, problems) {
    const sidecar = path.slice(0, path.length - (0,external_node_path_.extname)(path).length) + TIMECODE_SUFFIX;
    const file = await (0,text_file/* readTextFile */.Gu)(sidecar, MAX_TIMECODE_BYTES);
    if ('missing' in file)
        return undefined;
    const code = 'text' in file ? file.text.trim() : '';
    if (TIMECODE.test(code))
        return code;
    problems.push(`${shown}: its poster frame time '${code.slice(0, 20)}' is not a time code such as 00:00:05:00`);
    return undefined;
}
async function md5Of(path) {
    const hash = (0,external_node_crypto_.createHash)('md5');
    await (0,external_node_stream_promises_.pipeline)((0,external_node_fs_.createReadStream)(path), hash);
    return hash.digest('hex');
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


/***/ })

};

//# sourceMappingURL=406.index.js.map