import { DOMParser, MIME_TYPE } from '@xmldom/xmldom'
import type { Element, Node } from '@xmldom/xmldom'

/**
 * The XML documents a package holds (xar TOC, Distribution, XML Info.plist), read with @xmldom/xmldom. It never
 * fetches external entities; any error or warning stops parsing with one XmlError, and nothing is printed
 * (xmldom's default handler writes to the console).
 */
export class XmlError extends Error {
  override name = 'XmlError'
}

export type { Element as XmlElement } from '@xmldom/xmldom'

const ELEMENT_NODE = 1
const TEXT_NODE = 3
const CDATA_SECTION_NODE = 4

/** Parses `source` and returns its root element. */
export function parseXml(source: string): Element {
  let problem: XmlError | undefined
  const parser = new DOMParser({
    onError: (level, message) => {
      problem ??= new XmlError(
        `${level === 'warning' ? 'suspicious' : 'malformed'} XML: ${firstLine(message)}`,
      )
      throw problem
    },
  })
  let root: Element | null
  try {
    root = parser.parseFromString(source, MIME_TYPE.XML_TEXT).documentElement
  } catch (err) {
    // xmldom wraps what onError threw in its ParseError; report ours.
    throw (
      problem ?? new XmlError(`malformed XML: ${firstLine(err instanceof Error ? err.message : String(err))}`)
    )
  }
  if (problem) throw problem
  if (root === null) throw new XmlError('no root element')
  return root
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? '').trim()
}

function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE
}

/** Direct child elements, optionally only those named `name`. */
export function childElements(element: Element, name?: string): Element[] {
  const found: Element[] = []
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (isElement(node) && (name === undefined || node.nodeName === name)) found.push(node)
  }
  return found
}

export function childNamed(element: Element, name: string): Element | undefined {
  return childElements(element, name)[0]
}

/** The text directly inside an element (text and CDATA, not its children's). */
export function ownText(element: Element): string {
  let text = ''
  for (let node = element.firstChild; node !== null; node = node.nextSibling) {
    if (node.nodeType === TEXT_NODE || node.nodeType === CDATA_SECTION_NODE) text += node.nodeValue ?? ''
  }
  return text
}

/** An attribute's value, or undefined when absent. */
export function attribute(element: Element | undefined, name: string): string | undefined {
  return element?.hasAttribute(name) ? (element.getAttribute(name) ?? undefined) : undefined
}

/** All descendants named `name`, in document order (iterative: nesting depth is attacker-controlled). */
export function descendantsNamed(element: Element, name: string): Element[] {
  const found: Element[] = []
  const stack: Element[] = childElements(element).reverse()
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeName === name) found.push(node)
    stack.push(...childElements(node).reverse())
  }
  return found
}
