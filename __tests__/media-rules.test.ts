import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { planSet, type RemoteAsset } from '../src/media/diff.js'
import { acceptsSize, displayTypeForSize, platformOfSetType } from '../src/media/display-types.js'
import { MediaFolderError, readMediaFolder } from '../src/media/folder.js'
import { readImageHeader } from '../src/media/image-header.js'
import { describeChange } from '../src/media/plan.js'
import type { LocalAsset } from '../src/media/types.js'
import { solidPng } from './helpers/png.js'

/** A JPEG's first segments: SOI, an APP0 segment, then a baseline frame header (SOF0). */
function jpegHeader(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x06, 0x4a, 0x46, 0x49, 0x46])
  const sof = Buffer.from([
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    3,
  ])
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, Buffer.from([0xff]), sof, Buffer.alloc(20)])
}

describe('image headers', () => {
  it('reads the size of a PNG and whether it has alpha, and of a JPEG after its other segments', () => {
    expect(readImageHeader(solidPng(3, 2, [0, 0, 0]))).toEqual({
      format: 'png',
      width: 3,
      height: 2,
      alpha: false,
    })
    expect(readImageHeader(solidPng(3, 2, [0, 0, 0], true))?.alpha).toBe(true)
    expect(readImageHeader(jpegHeader(1290, 2796))).toEqual({
      format: 'jpeg',
      width: 1290,
      height: 2796,
      alpha: false,
    })
  })

  it('reads nothing from what is not a PNG or JPEG, or is cut short', () => {
    expect(readImageHeader(Buffer.from('GIF89a, not taken'))).toBeUndefined()
    expect(readImageHeader(jpegHeader(10, 10).subarray(0, 14))).toBeUndefined()
    expect(readImageHeader(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0, 0]))).toBeUndefined()
    const png = solidPng(3, 2, [0, 0, 0])
    png.write('XXXX', 12, 'latin1')
    expect(readImageHeader(png)).toBeUndefined()
  })
})

describe('display types', () => {
  it('takes the display type from the size as fastlane deliver does', () => {
    expect(displayTypeForSize(1290, 2796, 'a.png')).toBe('APP_IPHONE_67')
    expect(displayTypeForSize(2796, 1290, 'a.png')).toBe('APP_IPHONE_67')
    expect(displayTypeForSize(1242, 2208, 'a.png')).toBe('APP_IPHONE_55')
    expect(displayTypeForSize(2048, 2732, 'iPad Pro (12.9-inch) (2nd generation)-01.png')).toBe(
      'APP_IPAD_PRO_129',
    )
    expect(displayTypeForSize(2048, 2732, 'iPad Pro (12.9-inch) (6th generation)-01.png')).toBe(
      'APP_IPAD_PRO_3GEN_129',
    )
    expect(displayTypeForSize(2048, 2732, 'IPAD_PRO_3GEN_129_1.png', true)).toBe(
      'IMESSAGE_APP_IPAD_PRO_3GEN_129',
    )
    expect(displayTypeForSize(1290, 2796, 'a.png', true)).toBe('IMESSAGE_APP_IPHONE_67')
    expect(displayTypeForSize(2880, 1800, 'mac.png')).toBe('APP_DESKTOP')
    expect(displayTypeForSize(1000, 1000, 'a.png')).toBeUndefined()
    expect(acceptsSize('APP_APPLE_VISION_PRO', 3840, 2160)).toBe(true)
  })

  it('gives each display type and preview type the platform whose version takes it', () => {
    expect(['APP_DESKTOP', 'DESKTOP'].map(platformOfSetType)).toEqual(['MAC_OS', 'MAC_OS'])
    expect(['APP_APPLE_TV', 'APPLE_TV'].map(platformOfSetType)).toEqual(['TV_OS', 'TV_OS'])
    expect(['APP_APPLE_VISION_PRO', 'APPLE_VISION_PRO'].map(platformOfSetType)).toEqual([
      'VISION_OS',
      'VISION_OS',
    ])
    for (const type of [
      'APP_IPHONE_67',
      'APP_IPAD_PRO_129',
      'APP_WATCH_ULTRA',
      'IMESSAGE_APP_IPHONE_67',
      'IPHONE_67',
    ])
      expect(platformOfSetType(type)).toBe('IOS')
  })
})

const file = (fileName: string, md5: string): LocalAsset => ({
  locale: 'en-US',
  setType: 'APP_IPHONE_67',
  path: `/shots/en-US/${fileName}`,
  fileName,
  shownName: `en-US/${fileName}`,
  fileSize: 10,
  md5,
})
const remote = (id: string, md5: string, state = 'COMPLETE'): RemoteAsset => ({
  id,
  fileName: `${id}.png`,
  md5,
  state,
})

describe('planning a set by checksum', () => {
  it('sync keeps what is there in the right order and sends nothing', () => {
    const plan = planSet(
      [file('1.png', 'a'), file('2.png', 'b')],
      [remote('x', 'a'), remote('y', 'b')],
      'sync',
    )
    expect(plan).toMatchObject({ uploads: [], deletes: [], change: { unchanged: 2, reordered: false } })
    expect(plan.order).toBeUndefined()
  })

  it('sync asks for the order when the kept assets move, and when a new one is not last', () => {
    const moved = planSet(
      [file('1.png', 'b'), file('2.png', 'a')],
      [remote('x', 'a'), remote('y', 'b')],
      'sync',
    )
    expect(moved.change.reordered).toBe(true)
    expect(moved.order).toEqual([{ keep: 'y' }, { keep: 'x' }])
    const first = planSet([file('0.png', 'n'), file('1.png', 'a')], [remote('x', 'a')], 'sync')
    expect(first.change).toMatchObject({ added: ['0.png'], reordered: false })
    expect(first.order).toEqual([{ upload: file('0.png', 'n') }, { keep: 'x' }])
    const last = planSet([file('1.png', 'a'), file('2.png', 'n')], [remote('x', 'a')], 'sync')
    expect(last.order).toBeUndefined()
  })

  it('a failed or never committed asset never stands for the file: sync and append take it out and send the file again', () => {
    for (const mode of ['sync', 'append'] as const) {
      const remotes = [remote('x', 'a', 'FAILED'), remote('w', 'a', 'AWAITING_UPLOAD'), remote('y', 'z')]
      const plan = planSet([file('1.png', 'a')], remotes, mode)
      expect(plan.uploads.map((u) => u.fileName)).toEqual(['1.png'])
      expect(plan.deletes.map((d) => d.id)).toEqual(mode === 'sync' ? ['x', 'w', 'y'] : ['x', 'w'])
    }
  })

  it('append keeps everything and orders several new ones; replace deletes all and sends all in order', () => {
    const appended = planSet([file('1.png', 'n'), file('2.png', 'm')], [remote('x', 'a')], 'append')
    expect(appended.order).toEqual([
      { keep: 'x' },
      { upload: file('1.png', 'n') },
      { upload: file('2.png', 'm') },
    ])
    const replaced = planSet([file('1.png', 'a'), file('2.png', 'b')], [remote('x', 'a')], 'replace')
    expect(replaced.deletes.map((d) => d.id)).toEqual(['x'])
    expect(replaced.uploads).toHaveLength(2)
    expect(describeChange(replaced.change)).toBe('add 1.png, 2.png; remove x.png; 0 unchanged')
  })
})

describe('reading the folder', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'asc-media-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function problemsOf(root: string, kind: 'screenshot' | 'preview'): Promise<string[]> {
    try {
      await readMediaFolder(root, kind)
      return []
    } catch (error) {
      if (error instanceof MediaFolderError) return error.problems
      throw error
    }
  }

  it('lists every problem, each naming its file', async () => {
    const root = join(dir, 'bad')
    await mkdir(join(root, 'en-US/APP_IPHONE_99'), { recursive: true })
    await mkdir(join(root, 'English'), { recursive: true })
    await writeFile(join(root, 'en-US/empty.png'), '')
    await writeFile(join(root, 'en-US/text.png'), 'not an image')
    await writeFile(join(root, 'en-US/notes.txt'), 'ignored')
    await writeFile(join(root, 'en-US/APP_IPHONE_99/a.png'), solidPng(1290, 2796, [1, 1, 1]))
    for (let i = 0; i < 11; i++)
      await writeFile(join(root, `en-US/${String(i).padStart(2, '0')}.png`), solidPng(1290, 2796, [i, 1, 1]))
    expect(await problemsOf(root, 'screenshot')).toEqual([
      "'English' is not a locale folder such as en-US or de-DE",
      "en-US/APP_IPHONE_99/a.png: 'APP_IPHONE_99' is not a display type App Store Connect knows (e.g. APP_IPHONE_67, APP_IPAD_PRO_3GEN_129)",
      'en-US/empty.png is empty',
      'en-US/text.png is not a PNG or JPEG image',
      'en-US/APP_IPHONE_67 has 11 files; App Store Connect takes at most 10',
    ])
    expect(await problemsOf(join(root, 'missing'), 'screenshot')).toEqual([
      `'${join(root, 'missing')}' is not a folder`,
    ])
  })

  it('reads previews with their type from a folder or from the file name, and checks the poster frame time', async () => {
    const root = join(dir, 'previews')
    await mkdir(join(root, 'en-US/IPAD_PRO_3GEN_129'), { recursive: true })
    await mkdir(join(root, 'en-US/PHONE'), { recursive: true })
    await writeFile(join(root, 'en-US/IPAD_PRO_3GEN_129/a.mov'), 'v')
    await writeFile(join(root, 'en-US/demo-IPAD_PRO_3GEN_129.m4v'), 'w')
    await writeFile(join(root, 'en-US/demo-IPAD_PRO_3GEN_129.timecode.txt'), 'soon')
    await writeFile(join(root, 'en-US/PHONE/b.mp4'), 'x')
    expect(await problemsOf(root, 'preview')).toEqual([
      "en-US/PHONE/b.mp4: 'PHONE' is not a preview type (IPHONE_67, IPHONE_61, IPHONE_65, IPHONE_58, IPHONE_55, IPHONE_47, IPHONE_40, IPHONE_35, IPAD_PRO_3GEN_129, IPAD_PRO_3GEN_11, IPAD_PRO_129, IPAD_105, IPAD_97, DESKTOP, APPLE_TV, APPLE_VISION_PRO)",
      "en-US/demo-IPAD_PRO_3GEN_129.m4v: its poster frame time 'soon' is not a time code such as 00:00:05:00",
    ])
    await writeFile(join(root, 'en-US/demo-IPAD_PRO_3GEN_129.timecode.txt'), '00:00:02:10')
    await rm(join(root, 'en-US/PHONE'), { recursive: true })
    const media = await readMediaFolder(root, 'preview')
    expect(media).toEqual([
      expect.objectContaining({
        locale: 'en-US',
        setType: 'IPAD_PRO_3GEN_129',
        assets: [
          expect.objectContaining({ fileName: 'a.mov' }),
          expect.objectContaining({ fileName: 'demo-IPAD_PRO_3GEN_129.m4v', frameTimeCode: '00:00:02:10' }),
        ],
      }),
    ])
  })
})
