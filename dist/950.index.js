export const id = 950;
export const ids = [950];
export const modules = {

/***/ 9950:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TestInformationError: () => (/* binding */ TestInformationError),
/* harmony export */   readTestInformationFile: () => (/* binding */ readTestInformationFile)
/* harmony export */ });
/* unused harmony exports MAX_TEST_INFORMATION_BYTES, MAX_BETA_DESCRIPTION, MAX_REVIEW_NOTES */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _fields_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(764);
/* harmony import */ var _shared_text_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5777);
/* harmony import */ var _zod_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7369);




/** A Test Information file is a page of text: anything larger is not one. */
const MAX_TEST_INFORMATION_BYTES = 64 * 1024;
/** The deepest a Test Information file nests (localized_app_info > locale > field). */
const MAX_DEPTH = 8;
/** YAML aliases, bounded so that a "billion laughs" file cannot blow up. */
const MAX_YAML_ALIASES = 20;
/** Apple's limit on the Beta App Description and on review notes, in characters (App Store Connect Help). */
const MAX_BETA_DESCRIPTION = 4000;
const MAX_REVIEW_NOTES = 4000;
const DEFAULT_ENTRY = 'default';
/** YAML reads an unquoted 4085550100 or 2026-01-01 as a number or a date. */
const TEXT_EXPECTED = 'must be a text (in YAML, quote a value that looks like a number, date or true/false)';
/** A text field: YAML's `|` and a file's last line end in a newline, which is not part of the text. */
const text = (max) => _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .pipe */ .FsL(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: TEXT_EXPECTED }), _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .transform */ .pdi((v) => v.replace(/\r?\n$/, '')))
    .check(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .refine */ .YPB((v) => v.trim() !== '', {
    error: 'must not be empty (leave the key out to leave the field as it is)',
}), _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .refine */ .YPB((v) => max === undefined || Array.from(v).length <= max, {
    error: (i) => `must be at most ${max} characters (got ${Array.from(String(i.input)).length})`,
}));
const email = text(254).check(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .refine */ .YPB((v) => _fields_js__WEBPACK_IMPORTED_MODULE_1__/* .EMAIL */ .Tm.test(v), {
    error: (i) => `must be an e-mail address such as beta@example.com (got '${String(i.input)}')`,
}));
const url = text(2048).check(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .refine */ .YPB(_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .isWebUrl */ .O9, {
    error: (i) => `must be an http(s) URL such as https://example.com/beta (got '${String(i.input)}')`,
}));
const phone = text(40).check(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .refine */ .YPB((v) => /^\+?[0-9 ().-]+$/.test(v) && v.replace(/\D/g, '').length >= 4, {
    error: (i) => `must be a phone number such as +1 408 555 0100 (got '${String(i.input)}')`,
}));
const localizedInfo = _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    description: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(text(MAX_BETA_DESCRIPTION)),
    feedback_email: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(email),
    marketing_url: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(url),
    privacy_policy_url: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(url),
}, { error: localizedKeysError });
function localizedKeysError(issue) {
    if (issue.code === 'unrecognized_keys') {
        return `unknown key ${(issue.keys ?? []).map((k) => `'${k}'`).join(', ')}; accepted: description, feedback_email, marketing_url, privacy_policy_url`;
    }
    return 'must be a map of description, feedback_email, marketing_url, privacy_policy_url';
}
const reviewInfo = _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    contact_first_name: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(text(100)),
    contact_last_name: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(text(100)),
    contact_phone: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(phone),
    contact_email: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(email),
    demo_account_name: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(text(255)),
    // The password is never quoted in a message.
    demo_account_password: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP({ error: TEXT_EXPECTED }).check(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .minLength */ .BpQ(1, { error: 'must not be empty' }))),
    demo_account_required: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .boolean */ .zMY({ error: 'must be true or false' })),
    notes: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(text(MAX_REVIEW_NOTES)),
}, {
    error: (issue) => issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}; accepted: contact_first_name, contact_last_name, contact_phone, contact_email, demo_account_name, demo_account_password, demo_account_required, notes`
        : 'must be a map of contact_first_name, contact_last_name, contact_phone, contact_email, demo_account_name, demo_account_password, demo_account_required, notes',
});
const fileSchema = _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .strictObject */ .rej({
    beta_app_description: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(text(MAX_BETA_DESCRIPTION)),
    beta_app_feedback_email: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(email),
    localized_app_info: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .record */ .g1P(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .string */ .YjP(), localizedInfo, {
        error: 'must be a map of locales (en-US: {...}) or "default"',
    })
        .check(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .superRefine */ .zni((map, ctx) => {
        for (const locale of Object.keys(map)) {
            if (locale !== DEFAULT_ENTRY && !_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .LOCALE */ .ne.test(locale)) {
                ctx.addIssue({
                    code: 'custom',
                    path: [locale],
                    message: `'${locale}' is not a locale: use names such as en-US, de-DE, ja (or "${DEFAULT_ENTRY}")`,
                });
            }
        }
    }))),
    beta_app_review_info: _zod_js__WEBPACK_IMPORTED_MODULE_3__/* .optional */ .lqM(reviewInfo),
}, {
    error: (issue) => issue.code === 'unrecognized_keys'
        ? `unknown key ${issue.keys.map((k) => `'${k}'`).join(', ')}; accepted: beta_app_description, beta_app_feedback_email, localized_app_info, beta_app_review_info`
        : 'must be a map with beta_app_description, beta_app_feedback_email, localized_app_info, beta_app_review_info',
})
    .check(_zod_js__WEBPACK_IMPORTED_MODULE_3__/* .superRefine */ .zni((f, ctx) => {
    const topLevel = f.beta_app_description !== undefined || f.beta_app_feedback_email !== undefined;
    if (topLevel && f.localized_app_info?.[DEFAULT_ENTRY] !== undefined) {
        ctx.addIssue({
            code: 'custom',
            path: ['localized_app_info', DEFAULT_ENTRY],
            message: 'cannot be combined with beta_app_description or beta_app_feedback_email: both give the text for ' +
                'the languages not named; give one of them',
        });
    }
}));
/** A problem with the file, already naming the file and the key path. */
class TestInformationError extends Error {
    problems;
    constructor(problems) {
        super(problems.join('; '));
        this.problems = problems;
        this.name = 'TestInformationError';
    }
}
/**
 * Reads a test_information_file: JSON (`.json`) or YAML (`.yml`, `.yaml`), bounded in size, depth and
 * aliases, checked key by key. Parser messages are not passed on: they quote the file, which may hold the
 * demo account password.
 */
async function readTestInformationFile(path) {
    const format = formatOf(path);
    const data = await parseText(path, format, await readBounded(path));
    if (depthOf(data) > MAX_DEPTH) {
        throw new TestInformationError([`'${path}' nests deeper than a Test Information file does`]);
    }
    const parsed = fileSchema.safeParse(data);
    if (!parsed.success) {
        throw new TestInformationError(parsed.error.issues.map((issue) => {
            const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
            return `'${path}' ${where}: ${issue.message}`;
        }));
    }
    return toTestInformation(path, parsed.data);
}
function formatOf(path) {
    const ext = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.extname)(path).toLowerCase();
    if (ext === '.json')
        return 'json';
    if (ext === '.yml' || ext === '.yaml')
        return 'yaml';
    throw new TestInformationError([`'${path}' must be a .json, .yml or .yaml file`]);
}
async function readBounded(path) {
    const file = await (0,_shared_text_file_js__WEBPACK_IMPORTED_MODULE_2__/* .readTextFile */ .Gu)(path, MAX_TEST_INFORMATION_BYTES);
    if ('text' in file)
        return file.text;
    throw new TestInformationError([
        (0,_shared_text_file_js__WEBPACK_IMPORTED_MODULE_2__/* .textFileProblem */ .vu)(path, file, 'a Test Information file', MAX_TEST_INFORMATION_BYTES),
    ]);
}
async function parseText(path, format, source) {
    if (format === 'json') {
        try {
            return JSON.parse(source);
        }
        catch (error) {
            const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
            throw new TestInformationError([
                `'${path}' is not valid JSON${at ? ` (${lineAndColumn(source, Number(at[1]))})` : ''}`,
            ]);
        }
    }
    // Loaded only for a YAML file: start-up reads only what the first request needs.
    const { parseDocument } = await __webpack_require__.e(/* import() */ 815).then(__webpack_require__.t.bind(__webpack_require__, 8815, 19));
    let doc;
    try {
        doc = parseDocument(source, { uniqueKeys: true, prettyErrors: false, version: '1.2' });
    }
    catch {
        throw new TestInformationError([`'${path}' is not valid YAML`]);
    }
    const first = doc.errors[0];
    if (first) {
        throw new TestInformationError([`'${path}' is not valid YAML (${lineAndColumn(source, first.pos[0])})`]);
    }
    try {
        return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    }
    catch {
        throw new TestInformationError([`'${path}' uses more YAML aliases than a Test Information file needs`]);
    }
}
function lineAndColumn(source, offset) {
    const before = source.slice(0, offset).split('\n');
    return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}
/** How deep a parsed value nests, without recursion. */
function depthOf(value) {
    let deepest = 0;
    const stack = [[value, 0]];
    while (stack.length > 0) {
        const [v, depth] = stack.pop();
        deepest = Math.max(deepest, depth);
        if (deepest > MAX_DEPTH)
            return deepest;
        if (v !== null && typeof v === 'object') {
            for (const child of Object.values(v))
                stack.push([child, depth + 1]);
        }
    }
    return deepest;
}
function toTestInformation(file, f) {
    const fields = (info) => withoutUndefined({
        description: info.description,
        feedbackEmail: info.feedback_email,
        marketingUrl: info.marketing_url,
        privacyPolicyUrl: info.privacy_policy_url,
    });
    const named = Object.entries(f.localized_app_info ?? {}).filter(([locale]) => locale !== DEFAULT_ENTRY);
    const fromTopLevel = withoutUndefined({
        description: f.beta_app_description,
        feedbackEmail: f.beta_app_feedback_email,
    });
    const defaultEntry = f.localized_app_info?.[DEFAULT_ENTRY];
    const defaultFields = defaultEntry
        ? fields(defaultEntry)
        : Object.keys(fromTopLevel).length > 0
            ? fromTopLevel
            : undefined;
    const r = f.beta_app_review_info ?? {};
    return {
        file,
        localizations: named.map(([locale, info]) => ({ locale, fields: fields(info) })),
        ...(defaultFields ? { defaultFields } : {}),
        review: withoutUndefined({
            contactFirstName: r.contact_first_name,
            contactLastName: r.contact_last_name,
            contactPhone: r.contact_phone,
            contactEmail: r.contact_email,
            demoAccountName: r.demo_account_name,
            demoAccountPassword: r.demo_account_password,
            demoAccountRequired: r.demo_account_required,
            notes: r.notes,
        }),
    };
}
function withoutUndefined(value) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}


/***/ })

};

//# sourceMappingURL=950.index.js.map