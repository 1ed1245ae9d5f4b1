// The bench's start-up floor: the least any program does before a run's first request, written by hand with
// nothing to spare. It loads what the run needs of Node (http, crypto, zlib; through createRequire, as the
// bundle does), reads the key and the .ipa's central directory, inflates Info.plist, signs and sends. No inputs
// are checked, no error is handled: it measures Node, not a product. `npm run bench` runs it beside the action.
/* global Buffer, process */
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const http = require('node:http')
const { createPrivateKey, sign } = require('node:crypto')
const { inflateRawSync } = require('node:zlib')
const { closeSync, fstatSync, openSync, readFileSync, readSync } = require('node:fs')

const key = createPrivateKey(readFileSync(process.env.INPUT_API_KEY, 'utf8'))
const fd = openSync(process.env.INPUT_IPA_PATH, 'r')
const { size } = fstatSync(fd)
const read = (position, length) => {
  const bytes = Buffer.allocUnsafe(length)
  readSync(fd, bytes, 0, length, position)
  return bytes
}
const tail = read(Math.max(0, size - 65557), Math.min(size, 65557))
const end = tail.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1'))
const directory = read(tail.readUInt32LE(end + 16), tail.readUInt32LE(end + 12))
const view = new DataView(directory.buffer, directory.byteOffset, directory.length)
let plist
for (let i = 0, at = 0, count = tail.readUInt16LE(end + 10); i < count; i++) {
  const nameEnd = at + 46 + view.getUint16(at + 28, true)
  if (/^Payload\/[^/]+\.app\/Info\.plist$/.test(directory.toString('utf8', at + 46, nameEnd)))
    plist = { offset: view.getUint32(at + 42, true), size: view.getUint32(at + 20, true) }
  at = nameEnd + view.getUint16(at + 30, true) + view.getUint16(at + 32, true)
}
const header = read(plist.offset, 30)
inflateRawSync(read(plist.offset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28), plist.size))
closeSync(fd)
sign('sha256', Buffer.from('header.claims'), { key, dsaEncoding: 'ieee-p1363' })
http.get(`${process.env.APP_STORE_CONNECT_API_BASE_URL}/v1/apps`).on('error', () => undefined)
