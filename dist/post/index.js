import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 13:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  a: () => (/* binding */ runPost)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(455);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
;// CONCATENATED MODULE: ./src/report/plain-log.ts

/**
 * Workflow commands written straight to stdout, in the runner's format and byte for byte as @actions/core
 * writes them (its command.js `issueCommand`). Loading @actions/core costs more than the rest of the start-up
 * together (its OIDC client brings undici, 1 MB, to compile), so the post step never loads it and main loads it
 * only to write outputs, the summary and the failure (report/write.ts, report/log.ts `failRun`).
 */
function issue(command, message = '') {
    process.stdout.write(`::${command}::${escapeData(message)}${external_node_os_namespaceObject.EOL}`);
}
/** As @actions/core escapes command data, so that a message stays one command. */
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** A Logger that writes as core.debug/info/notice/warning do. Callers neutralise untrusted text first. */
const plainLog = {
    debug: (message) => issue('debug', message),
    info: (message) => {
        process.stdout.write(`${message}${external_node_os_namespaceObject.EOL}`);
    },
    notice: (message) => issue('notice', message),
    warning: (message) => issue('warning', message),
};
/** As core.setSecret: the runner masks `secret` in every later line of the job's log. */
function addMask(secret) {
    issue('add-mask', secret);
}
/** As core.group: `run`'s lines fold under `name` in the log; the group ends however `run` ends. */
async function group(name, run) {
    issue('group', name);
    try {
        return await run();
    }
    finally {
        issue('endgroup');
    }
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./src/state.ts


// Everything main hands to the post step goes through here: GitHub keeps it in $GITHUB_STATE and gives
// it to the post step as STATE_<name>. The runner reads the file even when main was cancelled or failed
// (actions/runner ActionRunner.cs: ProcessFiles runs in a `finally` around the step). No @actions/core here: the post step imports this module, and
// core's OIDC client would bring undici (1 MB) into dist/post.
const state_StateKey = {
    /** Key file directories for altool, which the post step removes whatever happened. */
    CleanupPaths: 'cleanupPaths',
    /** The run's report as far as it got, for the post step to summarise a run that was stopped. */
    Progress: 'progress',
    /** Set once main has written the job summary itself. */
    SummaryWritten: 'summaryWritten',
};
/**
 * Saves a value for the post step, as JSON on one `name=value` line (GitHub's documented form; JSON
 * never holds a raw line break). A later value of a key replaces the earlier one.
 */
function state_saveState(key, value) {
    const file = process.env.GITHUB_STATE;
    if (file)
        appendFileSync(file, `${key}=${JSON.stringify(value)}${EOL}`);
}
/** In the post step: what main saved under `key`, or undefined. */
function readState(key) {
    const raw = process.env[`STATE_${key}`];
    if (!raw)
        return undefined;
    try {
        return JSON.parse(raw);
    }
    catch {
        return undefined;
    }
}
/** State written in main is only readable in post, so main keeps its own list. */
const registered = (/* unused pure expression or super */ null && ([]));
/** Remembers a path (a key file directory for altool) that the post step must remove, whatever happens. */
function addCleanupPath(path) {
    if (!registered.includes(path))
        registered.push(path);
    state_saveState(state_StateKey.CleanupPaths, registered);
}
/** In the post step: the paths main registered. */
function cleanupPaths() {
    const paths = readState(state_StateKey.CleanupPaths);
    return Array.isArray(paths) ? paths.filter((p) => typeof p === 'string') : [];
}

// EXTERNAL MODULE: ./src/report/model.ts
var model = __nccwpck_require__(867);
;// CONCATENATED MODULE: ./src/report/progress.ts


/** Saves the report as it is now; main calls it at every step, since a cancelled run never reaches its end. */
function saveProgress(report) {
    try {
        saveState(StateKey.Progress, report);
    }
    catch {
        // Only a stopped run's summary depends on it; the release must not fail for it.
    }
}
/** Main wrote the job summary itself: the post step has nothing to add. */
function markSummaryWritten() {
    saveState(StateKey.SummaryWritten, true);
}
/**
 * In the post step: the report main saved, when main ended without writing the summary (cancelled,
 * killed, crashed); undefined when it wrote it or saved nothing.
 */
function unfinishedReport() {
    if (readState(state_StateKey.SummaryWritten) === true)
        return undefined;
    const saved = readState(state_StateKey.Progress);
    if (typeof saved !== 'object' || saved === null || !Array.isArray(saved.steps))
        return undefined;
    // Main's own RunReport, through JSON: the same fields, no methods to lose but fail().
    return Object.assign(new model/* RunReport */.ek(), saved);
}

;// CONCATENATED MODULE: ./src/cleanup.ts




/**
 * The post step: removes what main left behind (key files), even after a failure or cancellation, and
 * writes the job summary main did not get to write. Never fails. Imports only what that needs: no
 * @actions/core, no client, no zod or jose, and the summary only for a stopped run (dist/post stays small
 * and starts fast).
 */
async function runPost() {
    for (const path of cleanupPaths()) {
        try {
            await (0,promises_.rm)(path, { recursive: true, force: true });
            plainLog.info(`Removed ${path}`);
        }
        catch (error) {
            plainLog.warning(`Could not remove ${path}: ${describe(error)}`);
        }
    }
    try {
        const report = unfinishedReport();
        if (!report)
            return;
        report.interrupted = true;
        // Only a stopped run needs the summary's code (a chunk): the usual post step loads none of it.
        const [{ appendSummary }, { renderSummary }] = await Promise.all([
            __nccwpck_require__.e(/* import() */ 789).then(__nccwpck_require__.bind(__nccwpck_require__, 789)),
            __nccwpck_require__.e(/* import() */ 286).then(__nccwpck_require__.bind(__nccwpck_require__, 286)),
        ]);
        if (await appendSummary(renderSummary(report))) {
            plainLog.info(`The main step ended during "${report.currentStep}" without a summary; wrote what it had recorded.`);
        }
    }
    catch (error) {
        plainLog.warning(`Could not write the job summary of the stopped run: ${describe(error)}`);
    }
}
function describe(error) {
    return error instanceof Error ? error.message : String(error);
}


/***/ }),

/***/ 661:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _cleanup_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(13);

await (0,_cleanup_js__WEBPACK_IMPORTED_MODULE_0__/* .runPost */ .a)();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 867:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ek: () => (/* binding */ RunReport),
/* harmony export */   pl: () => (/* binding */ packageRecords)
/* harmony export */ });
/* unused harmony export OUTPUT_NAMES */
const OUTPUT_NAMES = (/* unused pure expression or super */ null && ([
    'app_id',
    'bundle_id',
    'app_version',
    'build_number',
    'platform',
    'build_upload_id',
    'build_id',
    'processing_state',
    'beta_groups',
    'beta_review_state',
    'app_store_version_id',
    'review_submission_id',
    'review_submission_state',
    'results',
    'public_link',
    'rate_limit_remaining',
]));
// A Record over PackageRecord's keys, so that a field added there must be named here too (else startPackage
// would carry it into the next package).
const RECORD_FIELD_SET = {
    app: true,
    identity: true,
    packageFile: true,
    upload: true,
    processing: true,
    testInformation: true,
    testflight: true,
    appStore: true,
    media: true,
    listing: true,
};
const RECORD_FIELDS = Object.keys(RECORD_FIELD_SET);
/**
 * What the run learned and did. main fills it in as the story goes; report/ derives the outputs and the
 * job summary from it, and saves it as it goes so the post step can summarise a run that was stopped.
 * Its PackageRecord fields are the package under way; with several packages, the ones released before it
 * are in `earlierPackages` (see `packageRecords`).
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
class RunReport {
    steps = [];
    plan = [];
    dryRun = false;
    /** The step under way, or the last one begun: a failure outside any step belongs to it. */
    currentStep = 'Settings';
    /** Set by the post step: main ended (cancelled, killed) before it wrote the summary. */
    interrupted = false;
    /** The key's hourly budget as the last answer gave it: one key, one budget for the whole run. */
    rateLimit;
    failure;
    /** The file name of the package under way, when the run releases several. */
    currentPackage;
    /** The packages released before the one under way, in order. */
    earlierPackages = [];
    /** Whether the run releases several packages (ipa_path names more than one). */
    releasesSeveral() {
        return this.currentPackage !== undefined || this.earlierPackages.length > 0;
    }
    /** Records the first failure, against the step (and package) under way; returns its message. */
    fail(error) {
        const message = error instanceof Error ? error.message : String(error);
        this.failure ??= { step: this.currentStep, message, ...this.packageLabel() };
        return this.failure.message;
    }
    /** `{ package }` while one of several packages is under way, else nothing: one-package records keep their shape. */
    packageLabel() {
        return this.currentPackage === undefined ? {} : { package: this.currentPackage };
    }
    /** Starts the next of several packages: the record of the one under way joins `earlierPackages`. */
    startPackage(label, sizeBytes) {
        if (this.currentPackage !== undefined) {
            this.earlierPackages.push(currentRecord(this));
            Object.assign(this, Object.fromEntries(RECORD_FIELDS.map((field) => [field, undefined])));
        }
        this.currentPackage = label;
        this.packageFile = { name: label, sizeBytes };
    }
}
function currentRecord(report) {
    return Object.fromEntries(RECORD_FIELDS.filter((field) => report[field] !== undefined).map((field) => [field, report[field]]));
}
/** Every package's record in ipa_path order: the earlier ones, then the one under way (when it got anywhere). */
function packageRecords(report) {
    const current = currentRecord(report);
    return Object.keys(current).length > 0 ? [...report.earlierPackages, current] : [...report.earlierPackages];
}


/***/ }),

/***/ 455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId](module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(661);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 

//# sourceMappingURL=index.js.map