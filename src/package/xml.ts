/**
 * A small, non-validating XML reader for the two documents a .pkg needs (the xar TOC and the Distribution
 * script): elements, attributes, text, CDATA and the predefined/numeric entities. Comments, processing
 * instructions and DOCTYPE are skipped. No DTD, no external entities, no namespaces: nothing to exploit.
 */
export interface XmlElement {
  name: string
  attributes: Record<string, string>
  children: XmlElement[]
  /** Concatenated text directly inside this element (not its children). */
  text: string
}

export class XmlError extends Error {
  override name = 'XmlError'
}

const NAME = /^[^\s/>=]+/
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g

export function parseXml(source: string): XmlElement {
  let root: XmlElement | undefined
  const stack: XmlElement[] = []
  let pos = 0
  const skipPast = (terminator: string, what: string): void => {
    const end = source.indexOf(terminator, pos)
    if (end < 0) throw new XmlError(`unterminated ${what}`)
    pos = end + terminator.length
  }
  while (pos < source.length) {
    const lt = source.indexOf('<', pos)
    const textEnd = lt < 0 ? source.length : lt
    if (textEnd > pos) {
      const current = stack[stack.length - 1]
      if (current) current.text += decodeEntities(source.slice(pos, textEnd))
      else if (source.slice(pos, textEnd).trim() !== '') throw new XmlError('text outside the root element')
    }
    if (lt < 0) break
    pos = lt
    if (source.startsWith('<!--', pos)) {
      skipPast('-->', 'comment')
    } else if (source.startsWith('<![CDATA[', pos)) {
      const start = pos + 9
      skipPast(']]>', 'CDATA section')
      const current = stack[stack.length - 1]
      if (current) current.text += source.slice(start, pos - 3)
    } else if (source.startsWith('<?', pos)) {
      skipPast('?>', 'processing instruction')
    } else if (source.startsWith('<!', pos)) {
      // DOCTYPE, possibly with an internal subset in brackets.
      const bracket = source.indexOf('[', pos)
      const close = source.indexOf('>', pos)
      if (bracket >= 0 && (close < 0 || bracket < close)) skipPast(']', 'DOCTYPE')
      skipPast('>', 'DOCTYPE')
    } else if (source.startsWith('</', pos)) {
      const close = source.indexOf('>', pos)
      if (close < 0) throw new XmlError('unterminated end tag')
      const name = source.slice(pos + 2, close).trim()
      const current = stack.pop()
      if (!current || current.name !== name) {
        throw new XmlError(`unexpected </${name}>${current ? ` (expected </${current.name}>)` : ''}`)
      }
      pos = close + 1
    } else {
      const end = findTagEnd(source, pos + 1)
      const body = source.slice(pos + 1, end)
      const selfClosing = body.endsWith('/')
      const name = NAME.exec(body)?.[0]
      if (name === undefined) throw new XmlError(`malformed tag at offset ${pos}`)
      const element: XmlElement = {
        name,
        attributes: parseAttributes(body.slice(name.length)),
        children: [],
        text: '',
      }
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(element)
      else if (root) throw new XmlError('more than one root element')
      else root = element
      if (!selfClosing) stack.push(element)
      pos = end + 1
    }
  }
  const open = stack[stack.length - 1]
  if (open) throw new XmlError(`<${open.name}> is not closed`)
  if (!root) throw new XmlError('no root element')
  return root
}

function findTagEnd(source: string, from: number): number {
  let quote: string | undefined
  for (let i = from; i < source.length; i++) {
    const c = source[i]
    if (quote !== undefined) {
      if (c === quote) quote = undefined
    } else if (c === '"' || c === "'") {
      quote = c
    } else if (c === '>') {
      return i
    }
  }
  throw new XmlError('unterminated tag')
}

function parseAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = Object.create(null) as Record<string, string>
  for (const match of text.matchAll(ATTRIBUTE)) {
    const [, key, double, single] = match
    if (key !== undefined && !(key in attributes)) attributes[key] = decodeEntities(double ?? single ?? '')
  }
  return attributes
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return Object.hasOwn(NAMED, ref) ? (NAMED[ref] ?? whole) : whole
  })
}

/** Direct children named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name)
}

export function childNamed(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((child) => child.name === name)
}

/** All descendants named `name`, in document order (iterative: nesting depth is attacker-controlled). */
export function descendantsNamed(element: XmlElement, name: string): XmlElement[] {
  const found: XmlElement[] = []
  const stack: XmlElement[] = [...element.children].reverse()
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.name === name) found.push(node)
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i]
      if (child) stack.push(child)
    }
  }
  return found
}
