import { open } from 'node:fs/promises'

/**
 * A text file from the repository as read: its text, or why there is none. A problem reads after the
 * file's name ("… is not a file"); a file that is too large gives its size, for the caller's own limit.
 */
export type TextFile =
  | { text: string }
  | { missing: true }
  | { problem: 'cannot be read' | 'is not a file' | 'is not UTF-8 text' }
  | { tooLarge: number }

/**
 * The one bounded reader of the text files the inputs name: at most `maxBytes`, strictly UTF-8 (a byte
 * order mark is dropped by the decoder), never more than that read into memory.
 */
export async function readTextFile(path: string, maxBytes: number): Promise<TextFile> {
  let handle
  try {
    handle = await open(path, 'r')
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? { missing: true }
      : { problem: 'cannot be read' }
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) return { problem: 'is not a file' }
    if (info.size > maxBytes) return { tooLarge: info.size }
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(await handle.readFile()) }
    } catch {
      return { problem: 'is not UTF-8 text' }
    }
  } finally {
    await handle.close()
  }
}

/** Why a file an input names gave no text, in one sentence naming the file (`what` it is, for the limit). */
export function textFileProblem(
  path: string,
  file: Exclude<TextFile, { text: string }>,
  what: string,
  maxBytes: number,
): string {
  if ('tooLarge' in file) return `'${path}' is ${file.tooLarge} bytes; ${what} is at most ${maxBytes}`
  if ('missing' in file || file.problem === 'cannot be read') return `cannot read the file '${path}'`
  return `'${path}' ${file.problem}`
}

/** One trailing newline (\n or \r\n, as editors add) is not part of the text. */
export function withoutFinalNewline(text: string): string {
  return text.replace(/\r?\n$/, '')
}
