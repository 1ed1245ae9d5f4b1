export const id = 884;
export const ids = [884];
export const modules = {

/***/ 3884:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readPackageMetadata: () => (/* binding */ readPackageMetadata)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7021);
/* harmony import */ var _settings_version_rules_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2027);





const ACCEPTED = 'expected an .ipa (iOS, tvOS, visionOS) or a .pkg (macOS)';
/** Reads bundle id, version, build number and platform from an .ipa or .pkg, chosen by extension. */
async function readPackageMetadata(path) {
    const extension = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.extname)(path).toLowerCase();
    if (extension !== '.ipa' && extension !== '.pkg') {
        throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .JP(`${path} is not an .ipa or .pkg file (${ACCEPTED})`);
    }
    let fileSize;
    try {
        const info = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.stat)(path);
        if (!info.isFile())
            throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .JP(`${path} is not a file (${ACCEPTED})`);
        fileSize = info.size;
    }
    catch (err) {
        if (err instanceof _types_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .JP)
            throw err;
        if ((0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .errorCode */ .CA)(err) === 'ENOENT')
            throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .JP(`${path} does not exist (${ACCEPTED})`, { cause: err });
        throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .JP(`${path} cannot be read (${(0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(err)})`, { cause: err });
    }
    let contents;
    try {
        // Only the parser this package needs is loaded (plist and yauzl are most of the .ipa one).
        contents =
            extension === '.ipa'
                ? await (await Promise.all(/* import() */[__webpack_require__.e(663), __webpack_require__.e(964)]).then(__webpack_require__.bind(__webpack_require__, 964))).readIpaContents(path)
                : await (await Promise.all(/* import() */[__webpack_require__.e(351), __webpack_require__.e(906)]).then(__webpack_require__.bind(__webpack_require__, 6906))).readPkgContents(path);
    }
    catch (err) {
        if (err instanceof _types_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .JP)
            throw err;
        throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .JP(`${path} cannot be read (${(0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(err)})`, { cause: err });
    }
    checkVersions(path, contents);
    const metadata = {
        kind: extension === '.ipa' ? 'ipa' : 'pkg',
        path,
        fileName: (0,node_path__WEBPACK_IMPORTED_MODULE_1__.basename)(path),
        fileSize,
        bundleId: contents.bundleId,
        version: contents.version,
        buildNumber: contents.buildNumber,
        platform: contents.platform,
    };
    if (contents.usesNonExemptEncryption !== undefined) {
        metadata.usesNonExemptEncryption = contents.usesNonExemptEncryption;
    }
    return metadata;
}
/** The package's version and build number follow the same rule as the app_version and build_number inputs. */
function checkVersions(path, contents) {
    const problems = ['app_version', 'build_number'].flatMap((field) => {
        const value = field === 'app_version' ? contents.version : contents.buildNumber;
        const problem = (0,_settings_version_rules_js__WEBPACK_IMPORTED_MODULE_3__/* .versionProblem */ .E)(field, value);
        return problem === undefined ? [] : [`its ${_settings_version_rules_js__WEBPACK_IMPORTED_MODULE_3__/* .VERSION_FIELDS */ .p[field].plistKey} ${problem}, as ${field} must`];
    });
    if (problems.length > 0)
        throw new _types_js__WEBPACK_IMPORTED_MODULE_2__/* .PackageError */ .JP(`${path} is refused: ${problems.join('; ')}`);
}


/***/ }),

/***/ 7021:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   JP: () => (/* binding */ PackageError),
/* harmony export */   Uc: () => (/* binding */ describeError)
/* harmony export */ });
/** Every user-facing failure to read a package; the message names the file, what is wrong and what is accepted. */
class PackageError extends Error {
    constructor(message, options) {
        super(message, options);
        this.name = 'PackageError';
    }
}
/** The message of an error, also for errors from another realm (jest's vm, worker threads). */
function describeError(err) {
    if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') {
        return err.message;
    }
    return String(err);
}
function errorCode(err) {
    if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string')
        return err.code;
    return undefined;
}


/***/ })

};

//# sourceMappingURL=884.index.js.map