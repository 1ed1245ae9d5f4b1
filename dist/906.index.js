export const id = 906;
export const ids = [906,813];
export const modules = {

/***/ 6906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_DISTRIBUTION_BYTES: () => (/* binding */ MAX_DISTRIBUTION_BYTES),
  parseDistribution: () => (/* binding */ parseDistribution),
  readPkgContents: () => (/* binding */ readPkgContents)
});

// EXTERNAL MODULE: ./src/package/types.ts
var types = __webpack_require__(7021);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:zlib"
var external_node_zlib_ = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/package/xml.ts
var package_xml = __webpack_require__(8813);
;// CONCATENATED MODULE: ./src/package/xar.ts





/**
 * Just enough of the xar format (the container of macOS .pkg product archives) to list the table of contents
 * and read one small file. Layout: a big-endian header (magic `xar!`, header size, version, TOC compressed
 * and uncompressed lengths as uint64, checksum algorithm), the zlib-compressed XML TOC, then the heap. File
 * data offsets in the TOC are relative to the heap.
 */
const XAR_MAGIC = 0x78617221;
const XAR_HEADER_SIZE = 28;
/** Product archives list a handful of files; their TOC is a few KiB. */
const MAX_TOC_BYTES = 16 * 1024 * 1024;
class XarError extends Error {
    kind;
    name = 'XarError';
    constructor(kind, message, options) {
        super(message, options);
        this.kind = kind;
    }
}
class XarArchive {
    handle;
    fileSize;
    heapOffset;
    entries;
    constructor(handle, fileSize, heapOffset, entries) {
        this.handle = handle;
        this.fileSize = fileSize;
        this.heapOffset = heapOffset;
        this.entries = entries;
    }
    static async open(path) {
        const handle = await (0,promises_.open)(path, 'r');
        try {
            const { size } = await handle.stat();
            const header = await readAt(handle, 0, XAR_HEADER_SIZE);
            if (header.length < XAR_HEADER_SIZE || header.readUInt32BE(0) !== XAR_MAGIC) {
                throw new XarError('not-xar', 'no xar header (magic "xar!")');
            }
            const headerSize = header.readUInt16BE(4);
            const version = header.readUInt16BE(6);
            const tocCompressed = header.readBigUInt64BE(8);
            const tocUncompressed = header.readBigUInt64BE(16);
            if (headerSize < XAR_HEADER_SIZE)
                throw new XarError('corrupt', `header size ${headerSize} is too small`);
            if (version !== 1)
                throw new XarError('unsupported', `xar version ${version} (only version 1 exists)`);
            if (tocCompressed > BigInt(MAX_TOC_BYTES) || tocUncompressed > BigInt(MAX_TOC_BYTES)) {
                throw new XarError('unsupported', `table of contents larger than ${MAX_TOC_BYTES} bytes`);
            }
            const heapOffset = headerSize + Number(tocCompressed);
            if (heapOffset > size)
                throw new XarError('corrupt', 'table of contents runs past the end of the file');
            const compressedToc = await readAt(handle, headerSize, Number(tocCompressed));
            let tocXml;
            try {
                tocXml = (0,external_node_zlib_.inflateSync)(compressedToc, { maxOutputLength: MAX_TOC_BYTES }).toString('utf8');
            }
            catch (err) {
                throw new XarError('corrupt', `table of contents does not inflate (${(0,types/* describeError */.Uc)(err)})`, {
                    cause: err,
                });
            }
            const toc = parseToc(tocXml);
            const archive = new XarArchive(handle, size, heapOffset, toc.entries);
            if (toc.checksum)
                await archive.verifyTocChecksum(compressedToc, toc.checksum);
            return archive;
        }
        catch (err) {
            await handle.close();
            throw err;
        }
    }
    /** Looks up an entry by slash-separated path. */
    find(path) {
        let level = this.entries;
        let found;
        for (const part of path.split('/')) {
            found = level.find((entry) => entry.name === part);
            if (!found)
                return undefined;
            level = found.children;
        }
        return found;
    }
    /** Reads and decodes one file, refusing anything larger than `maxBytes` before reading it. */
    async readFile(entry, maxBytes) {
        const data = entry.data;
        if (!data)
            throw new XarError('corrupt', `${entry.path} has no data`);
        if (data.size > maxBytes || data.length > maxBytes + 1024) {
            throw new XarError('unsupported', `${entry.path} is ${data.size} bytes, more than the ${maxBytes} accepted`);
        }
        const start = this.heapOffset + data.offset;
        if (start + data.length > this.fileSize)
            throw new XarError('corrupt', `${entry.path} runs past the end of the file`);
        const archived = await readAt(this.handle, start, data.length);
        if (archived.length !== data.length)
            throw new XarError('corrupt', `${entry.path} is truncated`);
        verifyChecksum(archived, data.archivedChecksum, `${entry.path} (archived)`);
        const extracted = decode(archived, data.encoding, maxBytes, entry.path);
        verifyChecksum(extracted, data.extractedChecksum, `${entry.path} (extracted)`);
        return extracted;
    }
    async close() {
        await this.handle.close();
    }
    async verifyTocChecksum(compressedToc, checksum) {
        const algorithm = hashAlgorithm(checksum.style);
        if (!algorithm)
            return;
        if (checksum.offset + checksum.size + this.heapOffset > this.fileSize) {
            throw new XarError('corrupt', 'table of contents checksum runs past the end of the file');
        }
        const stored = await readAt(this.handle, this.heapOffset + checksum.offset, checksum.size);
        const actual = (0,external_node_crypto_.createHash)(algorithm).update(compressedToc).digest();
        if (!actual.equals(stored))
            throw new XarError('corrupt', 'table of contents checksum mismatch');
    }
}
async function readAt(handle, position, length) {
    const buffer = Buffer.alloc(length);
    let filled = 0;
    while (filled < length) {
        const { bytesRead } = await handle.read(buffer, filled, length - filled, position + filled);
        if (bytesRead === 0)
            break;
        filled += bytesRead;
    }
    return buffer.subarray(0, filled);
}
function decode(archived, encoding, maxBytes, path) {
    const style = encoding.toLowerCase();
    if (style === '' || style === 'application/octet-stream')
        return archived;
    if (style === 'application/x-gzip' || style === 'application/gzip' || style === 'application/zlib') {
        try {
            // xar's "x-gzip" is a zlib stream; accept a real gzip member too.
            const isGzip = archived[0] === 0x1f && archived[1] === 0x8b;
            return isGzip
                ? (0,external_node_zlib_.gunzipSync)(archived, { maxOutputLength: maxBytes })
                : (0,external_node_zlib_.inflateSync)(archived, { maxOutputLength: maxBytes });
        }
        catch (err) {
            throw new XarError('corrupt', `${path} does not decompress (${(0,types/* describeError */.Uc)(err)})`, { cause: err });
        }
    }
    throw new XarError('unsupported', `${path} uses ${encoding} compression; only zlib (application/x-gzip) is supported`);
}
function hashAlgorithm(style) {
    const lower = style.toLowerCase().replace('-', '');
    return ['md5', 'sha1', 'sha256', 'sha512'].includes(lower) ? lower : undefined;
}
function verifyChecksum(bytes, checksum, what) {
    if (!checksum)
        return;
    const algorithm = hashAlgorithm(checksum.style);
    if (!algorithm)
        return;
    const actual = (0,external_node_crypto_.createHash)(algorithm).update(bytes).digest('hex');
    if (actual !== checksum.value.trim().toLowerCase())
        throw new XarError('corrupt', `${what} checksum mismatch`);
}
function parseToc(xml) {
    let root;
    try {
        root = (0,package_xml.parseXml)(xml);
    }
    catch (err) {
        if (err instanceof package_xml.XmlError)
            throw new XarError('corrupt', `table of contents is not XML (${err.message})`);
        throw err;
    }
    const toc = root.nodeName === 'xar' ? (0,package_xml/* childNamed */._z)(root, 'toc') : undefined;
    if (!toc)
        throw new XarError('corrupt', 'table of contents has no <xar><toc>');
    const checksumElement = (0,package_xml/* childNamed */._z)(toc, 'checksum');
    let checksum;
    if (checksumElement) {
        const offset = integer((0,package_xml/* childNamed */._z)(checksumElement, 'offset'));
        const size = integer((0,package_xml/* childNamed */._z)(checksumElement, 'size'));
        if (offset !== undefined && size !== undefined && size <= 64) {
            checksum = { style: (0,package_xml/* attribute */.lt)(checksumElement, 'style') ?? '', offset, size };
        }
    }
    return { entries: parseEntries(toc, ''), ...(checksum ? { checksum } : {}) };
}
function parseEntries(parent, prefix, depth = 0) {
    // Each level is one real directory level; guard against pathological nesting before recursing.
    if (depth > 256)
        throw new XarError('corrupt', 'directories nested too deeply');
    return (0,package_xml.childElements)(parent, 'file').map((file) => {
        const name = textOf((0,package_xml/* childNamed */._z)(file, 'name'));
        const path = prefix ? `${prefix}/${name}` : name;
        const entry = {
            name,
            path,
            type: textOf((0,package_xml/* childNamed */._z)(file, 'type')) || 'file',
            children: parseEntries(file, path, depth + 1),
        };
        const data = (0,package_xml/* childNamed */._z)(file, 'data');
        if (data)
            entry.data = parseData(data, path);
        return entry;
    });
}
function parseData(data, path) {
    const offset = integer((0,package_xml/* childNamed */._z)(data, 'offset'));
    const length = integer((0,package_xml/* childNamed */._z)(data, 'length'));
    const size = integer((0,package_xml/* childNamed */._z)(data, 'size')) ?? length;
    if (offset === undefined || length === undefined || size === undefined) {
        throw new XarError('corrupt', `${path} has no data offset/length in the table of contents`);
    }
    const result = {
        offset,
        length,
        size,
        encoding: (0,package_xml/* attribute */.lt)((0,package_xml/* childNamed */._z)(data, 'encoding'), 'style') ?? '',
    };
    const archived = checksumOf((0,package_xml/* childNamed */._z)(data, 'archived-checksum'));
    const extracted = checksumOf((0,package_xml/* childNamed */._z)(data, 'extracted-checksum'));
    if (archived)
        result.archivedChecksum = archived;
    if (extracted)
        result.extractedChecksum = extracted;
    return result;
}
function checksumOf(element) {
    const style = (0,package_xml/* attribute */.lt)(element, 'style');
    return element && style ? { style, value: (0,package_xml.ownText)(element) } : undefined;
}
function integer(element) {
    const text = textOf(element);
    if (!text || !/^\d+$/.test(text))
        return undefined;
    const value = Number(text);
    return Number.isSafeInteger(value) ? value : undefined;
}
function textOf(element) {
    return element ? (0,package_xml.ownText)(element).trim() : '';
}

;// CONCATENATED MODULE: ./src/package/pkg.ts



/** A Distribution script is a few KiB. */
const MAX_DISTRIBUTION_BYTES = 4 * 1024 * 1024;
const ACCEPTED = 'a .pkg for App Store Connect is a product archive built with productbuild, holding a Distribution file';
/** Reads bundle id and versions from a macOS product archive's Distribution file (TOC + that file only). */
async function readPkgContents(path) {
    let archive;
    try {
        archive = await XarArchive.open(path);
    }
    catch (err) {
        throw xarFailure(path, err);
    }
    let xml;
    try {
        const entry = archive.find('Distribution');
        if (!entry || entry.type !== 'file') {
            const component = archive.find('PackageInfo')
                ? ' (it looks like a component package from pkgbuild)'
                : '';
            throw new types/* PackageError */.JP(`${path} has no Distribution file${component}; ${ACCEPTED}`);
        }
        xml = new TextDecoder('utf-8').decode(await archive.readFile(entry, MAX_DISTRIBUTION_BYTES));
    }
    catch (err) {
        throw xarFailure(path, err);
    }
    finally {
        await archive.close();
    }
    return parseDistribution(path, xml);
}
function xarFailure(path, err) {
    if (err instanceof types/* PackageError */.JP)
        return err;
    if (err instanceof XarError) {
        if (err.kind === 'not-xar')
            return new types/* PackageError */.JP(`${path} is not a xar archive; ${ACCEPTED}`, { cause: err });
        const what = err.kind === 'corrupt' ? 'is a damaged xar archive' : 'is a xar archive this action cannot read';
        return new types/* PackageError */.JP(`${path} ${what} (${err.message}); ${ACCEPTED}`, { cause: err });
    }
    return new types/* PackageError */.JP(`${path} could not be read (${(0,types/* describeError */.Uc)(err)})`, {
        cause: err,
    });
}
/**
 * Takes `<bundle CFBundleShortVersionString CFBundleVersion id>` from `<pkg-ref><bundle-version>`, preferring the
 * bundle whose id is the product id, then a top-level .app; `<product id version>` fills what is missing.
 */
function parseDistribution(path, xml) {
    let root;
    try {
        root = (0,package_xml.parseXml)(xml);
    }
    catch (err) {
        if (!(err instanceof package_xml.XmlError))
            throw err;
        throw new types/* PackageError */.JP(`${path}: Distribution is not valid XML (${err.message}); ${ACCEPTED}`, {
            cause: err,
        });
    }
    if (root.nodeName !== 'installer-gui-script' && root.nodeName !== 'installer-script') {
        throw new types/* PackageError */.JP(`${path}: Distribution has root <${root.nodeName}>, expected <installer-gui-script>`);
    }
    const product = (0,package_xml/* descendantsNamed */.CI)(root, 'product')[0];
    const bundles = (0,package_xml/* descendantsNamed */.CI)(root, 'bundle-version')
        .flatMap((list) => (0,package_xml/* descendantsNamed */.CI)(list, 'bundle'))
        .filter((bundle) => nonEmpty((0,package_xml/* attribute */.lt)(bundle, 'id')) !== undefined);
    const productId = nonEmpty((0,package_xml/* attribute */.lt)(product, 'id'));
    const bundle = bundles.find((b) => productId !== undefined && (0,package_xml/* attribute */.lt)(b, 'id') === productId) ??
        bundles.find((b) => /^[^/]+\.app$/.test((0,package_xml/* attribute */.lt)(b, 'path') ?? '')) ??
        bundles[0];
    const bundleId = nonEmpty((0,package_xml/* attribute */.lt)(bundle, 'id')) ?? productId;
    const version = nonEmpty((0,package_xml/* attribute */.lt)(bundle, 'CFBundleShortVersionString')) ?? nonEmpty((0,package_xml/* attribute */.lt)(product, 'version'));
    const buildNumber = nonEmpty((0,package_xml/* attribute */.lt)(bundle, 'CFBundleVersion')) ?? nonEmpty((0,package_xml/* attribute */.lt)(product, 'version'));
    const missing = (what, where) => new types/* PackageError */.JP(`${path}: Distribution has no ${what} (looked for ${where}); ${ACCEPTED}`);
    if (bundleId === undefined)
        throw missing('bundle identifier', '<bundle id> and <product id>');
    if (version === undefined) {
        throw missing('version', '<bundle CFBundleShortVersionString> and <product version>');
    }
    if (buildNumber === undefined)
        throw missing('build number', '<bundle CFBundleVersion> and <product version>');
    return { bundleId, version, buildNumber, platform: 'macos' };
}
function nonEmpty(value) {
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
}


/***/ }),

/***/ 8813:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CI: () => (/* binding */ descendantsNamed),
/* harmony export */   XmlError: () => (/* binding */ XmlError),
/* harmony export */   _z: () => (/* binding */ childNamed),
/* harmony export */   childElements: () => (/* binding */ childElements),
/* harmony export */   lt: () => (/* binding */ attribute),
/* harmony export */   ownText: () => (/* binding */ ownText),
/* harmony export */   parseXml: () => (/* binding */ parseXml)
/* harmony export */ });
/* harmony import */ var _xmldom_xmldom__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8351);

/**
 * The XML documents a package holds (xar TOC, Distribution, XML Info.plist), read with @xmldom/xmldom. It never
 * fetches external entities; any error or warning stops parsing with one XmlError, and nothing is printed
 * (xmldom's default handler writes to the console).
 */
class XmlError extends Error {
    name = 'XmlError';
}
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
/** Parses `source` and returns its root element. */
function parseXml(source) {
    let problem;
    const parser = new _xmldom_xmldom__WEBPACK_IMPORTED_MODULE_0__/* .DOMParser */ .S4({
        onError: (level, message) => {
            problem ??= new XmlError(`${level === 'warning' ? 'suspicious' : 'malformed'} XML: ${firstLine(message)}`);
            throw problem;
        },
    });
    let root;
    try {
        root = parser.parseFromString(source, _xmldom_xmldom__WEBPACK_IMPORTED_MODULE_0__/* .MIME_TYPE */ .Wd.XML_TEXT).documentElement;
    }
    catch (err) {
        // xmldom wraps what onError threw in its ParseError; report ours.
        throw (problem ?? new XmlError(`malformed XML: ${firstLine(err instanceof Error ? err.message : String(err))}`));
    }
    if (problem)
        throw problem;
    if (root === null)
        throw new XmlError('no root element');
    return root;
}
function firstLine(message) {
    return (message.split('\n')[0] ?? '').trim();
}
function isElement(node) {
    return node.nodeType === ELEMENT_NODE;
}
/** Direct child elements, optionally only those named `name`. */
function childElements(element, name) {
    const found = [];
    for (let node = element.firstChild; node !== null; node = node.nextSibling) {
        if (isElement(node) && (name === undefined || node.nodeName === name))
            found.push(node);
    }
    return found;
}
function childNamed(element, name) {
    return childElements(element, name)[0];
}
/** The text directly inside an element (text and CDATA, not its children's). */
function ownText(element) {
    let text = '';
    for (let node = element.firstChild; node !== null; node = node.nextSibling) {
        if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE)
            text += node.nodeValue ?? '';
    }
    return text;
}
/** An attribute's value, or undefined when absent. */
function attribute(element, name) {
    return element?.hasAttribute(name) ? (element.getAttribute(name) ?? undefined) : undefined;
}
/** All descendants named `name`, in document order (iterative: nesting depth is attacker-controlled). */
function descendantsNamed(element, name) {
    const found = [];
    const stack = childElements(element).reverse();
    for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
        if (node.nodeName === name)
            found.push(node);
        stack.push(...childElements(node).reverse());
    }
    return found;
}


/***/ })

};

//# sourceMappingURL=906.index.js.map