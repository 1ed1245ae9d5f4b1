export const id = 813;
export const ids = [813];
export const modules = {

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

//# sourceMappingURL=813.index.js.map