export const id = 964;
export const ids = [964];
export const modules = {

/***/ 964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readIpaContents: () => (/* binding */ readIpaContents)
});

;// CONCATENATED MODULE: ./src/package/plist.ts
/** A real Info.plist is a few KiB, nests 5 or 6 levels and holds a few hundred values. */
const PLIST_LIMITS = { maxBytes: 4 * 1024 * 1024, maxDepth: 32, maxValues: 100_000 };
class PlistError extends Error {
    name = 'PlistError';
}
/**
 * Parses a binary or XML (UTF-8 or UTF-16) property list. The XML parser (xmldom, the largest part of the .ipa
 * reader) is loaded only for an XML plist: Xcode writes an app's Info.plist in the binary format.
 */
async function parsePlist(bytes, limits = PLIST_LIMITS) {
    if (bytes.length > limits.maxBytes) {
        throw new PlistError(`${bytes.length} bytes, more than the ${limits.maxBytes} accepted`);
    }
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    if (buffer.subarray(0, 6).toString('latin1') === 'bplist')
        return parseBinary(buffer, limits);
    return parseXmlPlist(decodeText(buffer), limits);
}
/** Counts values and depth against the limits, for both formats. */
class Budget {
    limits;
    values = 0;
    constructor(limits) {
        this.limits = limits;
    }
    enter(depth) {
        if (++this.values > this.limits.maxValues) {
            throw new PlistError(`holds more than ${this.limits.maxValues} values (objects referenced repeatedly)`);
        }
        if (depth > this.limits.maxDepth) {
            throw new PlistError(`nests arrays or dictionaries more than ${this.limits.maxDepth} levels deep`);
        }
    }
}
/** A dictionary without a prototype: a key named `__proto__` is an ordinary key and supplies no others. */
function newDict() {
    return Object.create(null);
}
// ---- binary: https://opensource.apple.com/source/CF/CF-1153.18/CFBinaryPList.c ----
const EPOCH_2001_MS = Date.UTC(2001, 0, 1);
const TRAILER_BYTES = 32;
function parseBinary(bytes, limits) {
    if (bytes.length < 8 + 1 + TRAILER_BYTES || bytes.subarray(0, 8).toString('latin1') !== 'bplist00') {
        throw new PlistError('binary plist is truncated or not version 00');
    }
    const trailer = bytes.length - TRAILER_BYTES;
    const offsetSize = bytes[trailer + 6] ?? 0;
    const refSize = bytes[trailer + 7] ?? 0;
    const objectCount = uint(bytes, trailer + 8, 8);
    const topObject = uint(bytes, trailer + 16, 8);
    const tableOffset = uint(bytes, trailer + 24, 8);
    if (offsetSize < 1 ||
        offsetSize > 8 ||
        refSize < 1 ||
        refSize > 8 ||
        objectCount < 1 ||
        topObject >= objectCount ||
        tableOffset < 9 ||
        tableOffset + objectCount * offsetSize > trailer) {
        throw new PlistError('binary plist has a damaged trailer');
    }
    const offsets = [];
    for (let i = 0; i < objectCount; i++) {
        const offset = uint(bytes, tableOffset + i * offsetSize, offsetSize);
        if (offset < 8 || offset >= tableOffset)
            throw new PlistError(`binary plist object ${i} lies outside the file`);
        offsets.push(offset);
    }
    const budget = new Budget(limits);
    const active = new Set();
    const need = (at, length) => {
        if (at + length > tableOffset)
            throw new PlistError('binary plist object runs past its data');
    };
    /** The length of an array, dict, string or data: in the marker's low nibble, or an int object after it. */
    const lengthAt = (at, nibble) => {
        if (nibble !== 0x0f)
            return [nibble, at + 1];
        need(at + 1, 1);
        const marker = bytes[at + 1] ?? 0;
        if (marker >> 4 !== 0x1)
            throw new PlistError('binary plist has a malformed length');
        const size = 1 << (marker & 0x0f);
        if (size > 8)
            throw new PlistError('binary plist has a malformed length');
        need(at + 2, size);
        return [uint(bytes, at + 2, size), at + 2 + size];
    };
    const refAt = (at) => {
        const ref = uint(bytes, at, refSize);
        if (ref >= objectCount)
            throw new PlistError('binary plist refers to an object that does not exist');
        return ref;
    };
    const read = (index, depth) => {
        budget.enter(depth);
        if (active.has(index))
            throw new PlistError('binary plist has an object that contains itself');
        const at = offsets[index] ?? 0;
        const marker = bytes[at] ?? 0;
        const type = marker >> 4;
        const nibble = marker & 0x0f;
        switch (type) {
            case 0x0:
                if (marker === 0x08)
                    return false;
                if (marker === 0x09)
                    return true;
                throw new PlistError(`binary plist has an unsupported value (marker 0x${marker.toString(16)})`);
            case 0x1: {
                const size = 1 << nibble;
                if (size > 16)
                    throw new PlistError('binary plist has a malformed integer');
                need(at + 1, size);
                // 16-byte integers are unsigned; the low 8 bytes carry any value a plist writer produces.
                if (size === 16)
                    return Number(bytes.readBigUInt64BE(at + 9));
                return size === 8 ? Number(bytes.readBigInt64BE(at + 1)) : uint(bytes, at + 1, size);
            }
            case 0x2: {
                const size = 1 << nibble;
                need(at + 1, size);
                if (size === 4)
                    return bytes.readFloatBE(at + 1);
                if (size === 8)
                    return bytes.readDoubleBE(at + 1);
                throw new PlistError('binary plist has a malformed real number');
            }
            case 0x3:
                need(at + 1, 8);
                return new Date(EPOCH_2001_MS + bytes.readDoubleBE(at + 1) * 1000);
            case 0x4: {
                const [length, start] = lengthAt(at, nibble);
                need(start, length);
                return Uint8Array.from(bytes.subarray(start, start + length));
            }
            case 0x5: {
                const [length, start] = lengthAt(at, nibble);
                need(start, length);
                return bytes.toString('latin1', start, start + length);
            }
            case 0x6: {
                const [length, start] = lengthAt(at, nibble);
                need(start, length * 2);
                return Buffer.from(bytes.subarray(start, start + length * 2))
                    .swap16()
                    .toString('utf16le');
            }
            case 0x8:
                need(at + 1, nibble + 1);
                return uint(bytes, at + 1, nibble + 1);
            case 0xa:
            case 0xd: {
                const [count, start] = lengthAt(at, nibble);
                const refs = type === 0xd ? count * 2 : count;
                need(start, refs * refSize);
                active.add(index);
                try {
                    if (type === 0xa) {
                        const array = [];
                        for (let i = 0; i < count; i++)
                            array.push(read(refAt(start + i * refSize), depth + 1));
                        return array;
                    }
                    const dict = newDict();
                    for (let i = 0; i < count; i++) {
                        const key = read(refAt(start + i * refSize), depth + 1);
                        if (typeof key !== 'string')
                            throw new PlistError('binary plist has a dictionary key that is not a string');
                        dict[key] = read(refAt(start + (count + i) * refSize), depth + 1);
                    }
                    return dict;
                }
                finally {
                    active.delete(index);
                }
            }
            default:
                throw new PlistError(`binary plist has an unsupported value (marker 0x${marker.toString(16)})`);
        }
    };
    return read(topObject, 0);
}
/** A big-endian unsigned integer of 1 to 8 bytes, refused when past 2^53. */
function uint(bytes, at, size) {
    if (at + size > bytes.length)
        throw new PlistError('binary plist is truncated');
    let value = 0n;
    for (let i = 0; i < size; i++)
        value = (value << 8n) | BigInt(bytes[at + i] ?? 0);
    if (value > BigInt(Number.MAX_SAFE_INTEGER))
        throw new PlistError('binary plist has an out-of-range number');
    return Number(value);
}
// ---- XML: https://www.apple.com/DTDs/PropertyList-1.0.dtd ----
async function parseXmlPlist(text, limits) {
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('(')) {
        throw new PlistError('is an old-style (OpenStep) property list; expected a binary or XML plist');
    }
    const { XmlError, childElements, ownText, parseXml } = await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(813)]).then(__webpack_require__.bind(__webpack_require__, 8813));
    let root;
    try {
        root = parseXml(text);
    }
    catch (err) {
        if (err instanceof XmlError)
            throw new PlistError(err.message);
        throw err;
    }
    if (root.nodeName !== 'plist')
        throw new PlistError(`root element is <${root.nodeName}>, not <plist>`);
    const [top, ...more] = childElements(root);
    if (top === undefined || more.length > 0)
        throw new PlistError('<plist> must hold exactly one value');
    const budget = new Budget(limits);
    const value = (element, depth) => {
        budget.enter(depth);
        const text = ownText(element);
        switch (element.nodeName) {
            case 'string':
                return text;
            case 'integer':
                if (!/^\s*[+-]?\d+\s*$/.test(text))
                    throw new PlistError(`<integer> holds "${text.trim().slice(0, 40)}"`);
                return Number(text);
            case 'real': {
                const number = Number(text);
                if (text.trim() === '' || Number.isNaN(number))
                    throw new PlistError('<real> holds no number');
                return number;
            }
            case 'true':
                return true;
            case 'false':
                return false;
            case 'date': {
                const date = new Date(text.trim());
                if (Number.isNaN(date.getTime()))
                    throw new PlistError('<date> holds no date');
                return date;
            }
            case 'data':
                return Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'base64'));
            case 'array':
                return childElements(element).map((child) => value(child, depth + 1));
            case 'dict': {
                const dict = newDict();
                const children = childElements(element);
                for (let i = 0; i < children.length; i += 2) {
                    const key = children[i];
                    const item = children[i + 1];
                    if (key?.nodeName !== 'key')
                        throw new PlistError('<dict> must alternate <key> and a value');
                    if (item === undefined || item.nodeName === 'key') {
                        throw new PlistError(`<dict> has no value for the key "${ownText(key).slice(0, 40)}"`);
                    }
                    dict[ownText(key)] = value(item, depth + 1);
                }
                return dict;
            }
            default:
                throw new PlistError(`<${element.nodeName}> is not a property list value`);
        }
    };
    return value(top, 0);
}
function decodeText(bytes) {
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
        const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
        return swapped.swap16().toString('utf16le');
    }
    if (bytes[0] === 0xff && bytes[1] === 0xfe)
        return new TextDecoder('utf-16le').decode(bytes.subarray(2));
    return new TextDecoder('utf-8').decode(bytes); // TextDecoder drops a UTF-8 BOM
}

// EXTERNAL MODULE: ./src/package/types.ts
var types = __webpack_require__(7021);
;// CONCATENATED MODULE: ./src/package/info-plist.ts


/**
 * The app bundle an entry belongs to: `Payload/<Name>.app/`, optionally under one leading folder (hand-zipped
 * IPAs; fastlane's ipa_file_analyser tolerates it too), never under `__MACOSX/` or an AppleDouble name.
 */
function appBundleOf(name) {
    const match = /^(?:([^/]+)\/)?Payload\/([^/]+\.app)\//.exec(name);
    if (!match)
        return undefined;
    const [bundle, leading, app] = match;
    if (leading === '__MACOSX' || leading?.startsWith('._'))
        return undefined;
    if (app === undefined || app === '.app' || app.startsWith('._'))
        return undefined;
    return bundle;
}
const ONE_APP = 'an .ipa must hold exactly one app, at Payload/<Name>.app/ with its Info.plist';
/**
 * The IPA's one app and its Info.plist, from the entry names. Two apps are refused rather than guessed between:
 * the one uploaded would depend on the order or length of their names.
 */
function selectMainApp(names) {
    const apps = new Set();
    const plists = new Set();
    let payload = false;
    for (const name of names) {
        if (/^(?:[^/]+\/)?Payload\//.test(name))
            payload = true;
        const app = appBundleOf(name);
        if (app === undefined)
            continue;
        apps.add(app);
        if (name === `${app}Info.plist`)
            plists.add(name);
    }
    const [app, ...others] = [...apps].sort();
    if (app === undefined) {
        const found = payload ? 'a Payload/ folder with no <Name>.app in it' : 'no Payload/ folder';
        return { problem: `has no Payload/<Name>.app/ (found ${found}); ${ONE_APP}` };
    }
    if (others.length > 0) {
        const shown = [app, ...others].slice(0, 10).join(', ');
        return { problem: `holds ${others.length + 1} apps (${shown}); ${ONE_APP}` };
    }
    if (!plists.has(`${app}Info.plist`))
        return { problem: `has no ${app}Info.plist; ${ONE_APP}` };
    return { app, infoPlist: `${app}Info.plist` };
}
/** Parses the Info.plist bytes (binary or XML, with limits) into its top-level dictionary. */
async function parseInfoPlist(path, name, bytes) {
    let value;
    try {
        value = await parsePlist(bytes);
    }
    catch (err) {
        if (!(err instanceof PlistError))
            throw err;
        throw new types/* PackageError */.JP(`${path}: ${name} is not a valid property list (${err.message}); it is refused`, {
            cause: err,
        });
    }
    if (!isDictionary(value)) {
        throw new types/* PackageError */.JP(`${path}: ${name} is not a property list dictionary; expected a <dict> at the top`);
    }
    return value;
}
function isDictionary(value) {
    return (typeof value === 'object' &&
        !Array.isArray(value) &&
        !(value instanceof Date) &&
        !(value instanceof Uint8Array));
}
const REQUIRED_KEYS = ['CFBundleIdentifier', 'CFBundleShortVersionString', 'CFBundleVersion'];
function contentsFromInfoPlist(path, name, info) {
    const [bundleId, version, buildNumber] = REQUIRED_KEYS.map((key) => requiredString(path, name, info, key));
    const contents = { bundleId, version, buildNumber, platform: platformFromInfoPlist(info) };
    const encryption = booleanValue(own(info, 'ITSAppUsesNonExemptEncryption'));
    if (encryption !== undefined)
        contents.usesNonExemptEncryption = encryption;
    return contents;
}
function requiredString(path, name, info, key) {
    const value = own(info, key);
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
        throw new types/* PackageError */.JP(`${path}: ${name} has no ${key}; the app's Info.plist must set it`);
    }
    if (typeof value !== 'string') {
        throw new types/* PackageError */.JP(`${path}: ${name} has a non-string ${key} (${typeName(value)}); it must be a string`);
    }
    if (value.includes('$(')) {
        throw new types/* PackageError */.JP(`${path}: ${name} has ${key} "${value}", an unexpanded build setting; build the archive with Xcode so it is set`);
    }
    return value;
}
function typeName(value) {
    if (Array.isArray(value))
        return 'array';
    if (value instanceof Date)
        return 'date';
    if (value instanceof Uint8Array)
        return 'data';
    return typeof value === 'object' ? 'dictionary' : typeof value;
}
function booleanValue(value) {
    if (typeof value === 'boolean')
        return value;
    if (typeof value === 'string') {
        const lower = value.trim().toLowerCase();
        if (lower === 'yes' || lower === 'true')
            return true;
        if (lower === 'no' || lower === 'false')
            return false;
    }
    if (typeof value === 'number')
        return value !== 0;
    return undefined;
}
/**
 * The upload service's rules: UIDeviceFamily 3 is tvOS, 7 is visionOS; DTPlatformName and
 * CFBundleSupportedPlatforms say the same for apps that omit the family. macOS only for a Mac-style plist.
 */
function platformFromInfoPlist(info) {
    const families = listOf(own(info, 'UIDeviceFamily')).map((v) => (typeof v === 'string' ? Number(v) : v));
    const dtName = own(info, 'DTPlatformName');
    const dtPlatform = typeof dtName === 'string' ? dtName.toLowerCase() : '';
    const supported = listOf(own(info, 'CFBundleSupportedPlatforms')).filter((v) => typeof v === 'string');
    const tv = families.includes(3) || dtPlatform === 'appletvos' || supported.some((p) => /appletv/i.test(p));
    const vision = families.includes(7) || dtPlatform === 'xros' || supported.some((p) => /^xr/i.test(p));
    const mac = Object.hasOwn(info, 'LSMinimumSystemVersion') && !Object.hasOwn(info, 'MinimumOSVersion');
    if (tv)
        return 'tvos';
    if (vision)
        return 'visionos';
    if (mac)
        return 'macos';
    return 'ios';
}
/** Own keys only: a plist key named `__proto__` must not make other keys appear. */
function own(info, key) {
    return Object.hasOwn(info, key) ? info[key] : undefined;
}
function listOf(value) {
    if (value === undefined)
        return [];
    return Array.isArray(value) ? value : [value];
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./node_modules/yauzl/index.js
var yauzl = __webpack_require__(663);
;// CONCATENATED MODULE: ./src/package/zip.ts





/** Why a zip could not be read; the IPA reader turns it into a PackageError that says what an IPA is. */
class ZipError extends Error {
    kind;
    name = 'ZipError';
    constructor(kind, message, options) {
        super(message, options);
        this.kind = kind;
    }
}
/**
 * A zip read through its central directory only: the archive is never read whole. yauzl finds the central
 * directory (the end records, zip64 included) and checks the local header of the entry read; the walk over the
 * central directory is done here, in place in a block, because yauzl's costs too much at start-up: two reads,
 * two buffers, an event and about twenty `Buffer.readUInt*` calls per record (interpreted at start-up, each
 * through Node's argument validation): 21 ms for an app of 3,000 files, against about 4 ms here (the IPA
 * reader's look at each name included).
 */
class ZipArchive {
    zip;
    reader;
    constructor(zip, reader) {
        this.zip = zip;
        this.reader = reader;
    }
    /**
     * `readAt` is fs.readSync unless a test counts the reads. The few reads of a package's metadata are made
     * synchronously: at start-up nothing else waits, and each thread-pool round trip costs more than the read.
     */
    static async open(path, readAt = external_node_fs_.readSync) {
        try {
            const reader = new BlockReader((0,external_node_fs_.openSync)(path, 'r'), readAt);
            let zip;
            try {
                const { size } = (0,external_node_fs_.fstatSync)(reader.fd);
                zip = await yauzl.fromRandomAccessReaderPromise(reader, size, {
                    lazyEntries: true,
                    // Closed explicitly (autoClose only fires after the last entry or an error).
                    autoClose: false,
                    // Names are decoded by the walk below; yauzl's own walk (and its name checks) is not used.
                    decodeStrings: false,
                    validateEntrySizes: true,
                });
            }
            catch (err) {
                // Not yet a ZipFile, which would close the file with itself: close it here.
                reader.close(() => undefined);
                throw err;
            }
            // yauzl emits 'error' at most once; a permanent listener keeps a late one from crashing the process.
            zip.on('error', () => undefined);
            return new ZipArchive(zip, reader);
        }
        catch (err) {
            if (!(await looksLikeZip(path)))
                throw new ZipError('not-zip', 'not a zip archive', { cause: err });
            const { size } = await (0,promises_.stat)(path);
            const hint = size > 0xffffffff ? ' (over 4 GiB it must be zip64; archives zipped without it cannot be read)' : '';
            throw new ZipError('damaged', `${(0,types/* describeError */.Uc)(err)}${hint}`, { cause: err });
        }
    }
    /** Walks the central directory record by record, showing each entry's name to `visit`. */
    walk(visit) {
        // Where yauzl found the central directory (from the end records, zip64 or not): a field of its ZipFile
        // since yauzl 2, outside its typed API; the tests read real archives through it.
        const start = this.zip.readEntryCursor;
        if (typeof start !== 'number')
            throw new ZipError('damaged', 'the central directory was not found');
        let offset = start;
        for (let index = 0, count = this.zip.entryCount; index < count; index++) {
            // Only the name is decoded, in place: an app has thousands of entries and one is read.
            const block = this.recordBlock(offset);
            const at = offset - block.start;
            visit({ name: nameOf(block, at), offset });
            offset += recordLength(block.view, at);
        }
    }
    /** The block holding the whole central directory record at `offset`, read if the block in hand does not. */
    recordBlock(offset) {
        const block = this.reader.holding(offset, RECORD_BYTES) ?? this.reader.load(offset, RECORD_BYTES);
        const at = offset - block.start;
        if (block.view.getUint32(at, true) !== RECORD_SIGNATURE) {
            throw new ZipError('damaged', `invalid central directory file header signature at byte ${offset}`);
        }
        const length = recordLength(block.view, at);
        return at + length <= block.bytes.length ? block : this.reader.load(offset, length);
    }
    /**
     * Reads one entry into memory, refusing it past `maxBytes` (declared or actual). yauzl checks the local header
     * and that the data lies within the file; the bytes come from the block in hand (an app's Info.plist is a few
     * KB) and are inflated in one call: a stream would cost a thread-pool round trip per hop at start-up.
     */
    async read({ name, offset }, maxBytes) {
        const block = this.recordBlock(offset);
        // yauzl's own Entry (its class is public), for its checks of the local header.
        const entry = Object.assign(new yauzl.Entry(), recordOf(block, offset - block.start));
        for (const size of [entry.uncompressedSize, entry.compressedSize]) {
            if (size > maxBytes) {
                throw new ZipError('unsupported', `${name} is ${size} bytes, larger than the ${maxBytes} bytes accepted`);
            }
        }
        if (entry.isEncrypted())
            throw new ZipError('unsupported', `${name} is encrypted`);
        if (!entry.canDecodeFileData()) {
            throw new ZipError('unsupported', `${name} uses zip compression method ${entry.compressionMethod}; only stored (0) and deflate (8) are supported (re-export the IPA from Xcode)`);
        }
        try {
            const { fileDataStart } = await this.zip.readLocalFileHeaderPromise(entry, { minimal: true });
            const data = this.reader.holding(fileDataStart, entry.compressedSize) ??
                this.reader.load(fileDataStart, entry.compressedSize);
            const from = fileDataStart - data.start;
            const stored = data.bytes.subarray(from, from + entry.compressedSize);
            const bytes = entry.compressionMethod === DEFLATE
                ? (0,external_node_zlib_.inflateRawSync)(stored, { maxOutputLength: maxBytes })
                : Buffer.from(stored);
            if (bytes.length !== entry.uncompressedSize) {
                throw new Error(`${bytes.length} bytes where its record says ${entry.uncompressedSize}`);
            }
            return bytes;
        }
        catch (err) {
            throw new ZipError('damaged', `cannot read ${name} (${(0,types/* describeError */.Uc)(err)})`, { cause: err });
        }
    }
    close() {
        this.zip.close();
    }
}
const RECORD_SIGNATURE = 0x02014b50;
const DEFLATE = 8;
/** A central directory record's fixed part; its name, extra fields and comment follow. */
const RECORD_BYTES = 46;
const UTF8_FLAG = 0x800;
const STRONG_ENCRYPTION_FLAG = 0x40;
const ZIP64_EXTRA_FIELD = 0x0001;
const UNICODE_PATH_EXTRA_FIELD = 0x7075;
/** The length of the central directory record at `at`: its fixed part, name, extra fields and comment. */
function recordLength(view, at) {
    return (RECORD_BYTES +
        view.getUint16(at + 28, true) +
        view.getUint16(at + 30, true) +
        view.getUint16(at + 32, true));
}
/**
 * The name of the record at `at`, decoded as yauzl decodes it: by the UTF-8 flag, else by an Info-ZIP Unicode
 * Path extra field, else as CP437 (which is ASCII below 0x80). A UTF-8 or ASCII name without that extra field,
 * the common case, is decoded in place.
 */
function nameOf({ bytes, view }, at) {
    const flags = view.getUint16(at + 8, true);
    const nameStart = at + RECORD_BYTES;
    const extraStart = nameStart + view.getUint16(at + 28, true);
    const extraEnd = extraStart + view.getUint16(at + 30, true);
    if (!hasExtraField(view, extraStart, extraEnd, UNICODE_PATH_EXTRA_FIELD)) {
        if (flags & UTF8_FLAG)
            return bytes.toString('utf8', nameStart, extraStart);
        const name = bytes.toString('latin1', nameStart, extraStart);
        if (!NOT_ASCII.test(name))
            return name;
    }
    const extraFields = yauzl.parseExtraFields(bytes.subarray(extraStart, extraEnd));
    return yauzl.getFileNameLowLevel(flags, bytes.subarray(nameStart, extraStart), extraFields, false);
}
/** The record at `at`, read as yauzl reads it: sizes and offset from the zip64 extra field when 32 bits are full. */
function recordOf({ bytes, view }, at) {
    const record = {
        generalPurposeBitFlag: view.getUint16(at + 8, true),
        compressionMethod: view.getUint16(at + 10, true),
        compressedSize: view.getUint32(at + 20, true),
        uncompressedSize: view.getUint32(at + 24, true),
        relativeOffsetOfLocalHeader: view.getUint32(at + 42, true),
    };
    if (record.generalPurposeBitFlag & STRONG_ENCRYPTION_FLAG) {
        throw new ZipError('unsupported', 'strong encryption is not supported');
    }
    if (record.uncompressedSize === 0xffffffff ||
        record.compressedSize === 0xffffffff ||
        record.relativeOffsetOfLocalHeader === 0xffffffff) {
        const extraStart = at + RECORD_BYTES + view.getUint16(at + 28, true);
        const extraFields = yauzl.parseExtraFields(bytes.subarray(extraStart, extraStart + view.getUint16(at + 30, true)));
        readZip64Fields(record, extraFields.find((field) => field.id === ZIP64_EXTRA_FIELD)?.data);
    }
    return record;
}
/** A byte of 0x80 or more, once read as Latin-1: where CP437 and ASCII part. */
const NOT_ASCII = /[\u0080-\u00ff]/;
/** Whether the extra fields between `start` and `end` (each an id, a size and its data) hold one of this id. */
function hasExtraField(view, start, end, id) {
    for (let at = start; at + 4 <= end; at += 4 + view.getUint16(at + 2, true)) {
        if (view.getUint16(at, true) === id)
            return true;
    }
    return false;
}
/** The zip64 extended information extra field holds, in this order, each value whose 32-bit field is full. */
function readZip64Fields(record, data) {
    let at = 0;
    for (const field of ['uncompressedSize', 'compressedSize', 'relativeOffsetOfLocalHeader']) {
        if (record[field] !== 0xffffffff)
            continue;
        if (data === undefined || at + 8 > data.length) {
            throw new ZipError('damaged', `the zip64 extra field lacks the ${field} its record leaves to it`);
        }
        record[field] = data.readUInt32LE(at) + data.readUInt32LE(at + 4) * 0x100000000;
        at += 8;
    }
}
/** Bytes read at once for small reads: the whole central directory of most apps in one or two reads. */
const BLOCK_BYTES = 1024 * 1024;
/**
 * The file read in blocks: for the central directory walk, yauzl's small reads (the end records, an entry's
 * local header) and the one entry read (its data follows its local header, most often in the same block).
 */
class BlockReader extends yauzl.RandomAccessReader {
    fd;
    readAt;
    block = { start: 0, bytes: Buffer.alloc(0), view: new DataView(new ArrayBuffer(0)) };
    constructor(fd, readAt) {
        super();
        this.fd = fd;
        this.readAt = readAt;
    }
    /** The block in hand if it holds all `length` bytes at `position`. */
    holding(position, length) {
        const { start, bytes } = this.block;
        return position >= start && position + length <= start + bytes.length ? this.block : undefined;
    }
    /** Reads the block that starts at `position`, which must hold at least `length` bytes. */
    load(position, length) {
        const buffer = Buffer.allocUnsafe(Math.max(length, BLOCK_BYTES));
        const bytesRead = this.readAt(this.fd, buffer, 0, buffer.length, position);
        if (bytesRead < length)
            throw new ZipError('damaged', `unexpected end of file at byte ${position + bytesRead}`);
        const bytes = buffer.subarray(0, bytesRead);
        this.block = { start: position, bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytesRead) };
        return this.block;
    }
    read(buffer, offset, length, position, callback) {
        // The callback never runs synchronously: yauzl may read again from within the callback of the last read.
        void Promise.resolve().then(() => {
            let block;
            try {
                block = this.holding(position, length) ?? this.load(position, length);
            }
            catch (err) {
                callback(err instanceof Error ? err : new Error(String(err)));
                return;
            }
            const from = position - block.start;
            callback(null, block.bytes.copy(buffer, offset, from, from + length));
        });
    }
    close(callback) {
        (0,external_node_fs_.close)(this.fd, callback);
    }
}
async function looksLikeZip(path) {
    const handle = await (0,promises_.open)(path, 'r');
    try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
        // Local file header, or the end-of-central-directory record of an empty archive.
        return bytesRead === 4 && buffer[0] === 0x50 && buffer[1] === 0x4b && (buffer[2] === 3 || buffer[2] === 5);
    }
    finally {
        await handle.close();
    }
}

;// CONCATENATED MODULE: ./src/package/ipa.ts




const ACCEPTED = 'an .ipa is a zip with Payload/<App>.app/Info.plist';
/** Reads bundle id, versions, platform and the encryption declaration from an IPA without reading it whole. */
async function readIpaContents(path) {
    let zip;
    try {
        zip = await ZipArchive.open(path);
    }
    catch (err) {
        throw zipFailure(path, err);
    }
    try {
        // Only the names that tell the app bundles apart are kept: one per bundle, and its Info.plist.
        const names = [];
        const plists = new Map();
        const seen = new Set();
        let payload;
        // The app folder of the last entry, and its Info.plist. Entries come folder by folder: a name under the last
        // app's folder is in that app (appBundleOf would say so too), which spares a regular expression per entry,
        // most of the walk's time for an app of thousands of files.
        let app;
        let infoPlist = '';
        zip.walk((entry) => {
            const { name } = entry;
            if (app === undefined || !name.startsWith(app)) {
                app = appBundleOf(name);
                if (app === undefined) {
                    if (payload === undefined && /^(?:[^/]+\/)?Payload\//.test(name))
                        names.push((payload = name));
                    return;
                }
                infoPlist = `${app}Info.plist`;
                if (!seen.has(app)) {
                    seen.add(app);
                    names.push(name);
                }
            }
            if (name === infoPlist && !plists.has(name)) {
                plists.set(name, entry);
                names.push(name);
            }
        });
        const main = selectMainApp(names);
        if ('problem' in main)
            throw new types/* PackageError */.JP(`${path} ${main.problem}`);
        const entry = plists.get(main.infoPlist);
        if (entry === undefined)
            throw new types/* PackageError */.JP(`${path} has no ${main.infoPlist}; ${ACCEPTED}`);
        const bytes = await zip.read(entry, PLIST_LIMITS.maxBytes);
        return contentsFromInfoPlist(path, entry.name, await parseInfoPlist(path, entry.name, bytes));
    }
    catch (err) {
        throw zipFailure(path, err);
    }
    finally {
        zip.close();
    }
}
function zipFailure(path, err) {
    if (err instanceof types/* PackageError */.JP)
        return err;
    if (err instanceof ZipError) {
        if (err.kind === 'not-zip')
            return new types/* PackageError */.JP(`${path} is not a zip archive (${ACCEPTED})`, { cause: err });
        if (err.kind === 'unsupported') {
            return new types/* PackageError */.JP(`${path}: ${err.message}; it is refused`, {
                cause: err,
            });
        }
        return new types/* PackageError */.JP(`${path} is a damaged or unsupported zip archive (${err.message}); ${ACCEPTED}`, {
            cause: err,
        });
    }
    return new types/* PackageError */.JP(`${path} cannot be read (${err instanceof Error ? err.message : String(err)})`, {
        cause: err,
    });
}


/***/ })

};

//# sourceMappingURL=964.index.js.map