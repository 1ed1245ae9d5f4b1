// Apple's screenshot display types and preview types, and the pixel sizes App Store Connect accepts for
// each. Sizes: fastlane deliver app_screenshot.rb `devices` (which cites Apple's "Screenshot
// specifications", help.apple.com/app-store-connect/#/devd274dd925) and rorkai asc screenshot_sizes.go;
// both list each size in portrait and landscape, except the Mac, Apple TV, Vision Pro and watches.

import type { AscPlatform } from '../shared/platform.js'

/** The spec's `ScreenshotDisplayType` values this action knows sizes for. */
export type ScreenshotDisplayType = keyof typeof SCREENSHOT_SIZES

type Size = readonly [width: number, height: number]

const both = (...sizes: Size[]): Size[] => sizes.flatMap(([w, h]) => [[w, h] as Size, [h, w] as Size])

const IPHONE_67 = both([1290, 2796], [1260, 2736], [1320, 2868])
const IPHONE_65 = both([1242, 2688], [1284, 2778])
const IPHONE_61 = both([1179, 2556], [1206, 2622])
const IPHONE_58 = both([1125, 2436], [1170, 2532])
const IPHONE_55 = both([1242, 2208])
const IPHONE_47 = both([750, 1334])
const IPHONE_40 = [...both([640, 1136]), [640, 1096], [1136, 600]] as Size[]
const IPHONE_35 = [...both([640, 960]), [640, 920], [960, 600]] as Size[]
const IPAD_PRO_129 = both([2048, 2732], [2064, 2752])
const IPAD_11 = both([1668, 2388], [1668, 2420])
const IPAD_105 = both([1668, 2224])
const IPAD_97 = both([768, 1024], [1536, 2048], [768, 1004], [1536, 2008])

/**
 * Accepted sizes per display type, in fastlane's matching order: the first type that accepts a size is
 * the one an image of that size goes to when its folder does not name one.
 */
export const SCREENSHOT_SIZES = {
  APP_IPHONE_67: IPHONE_67,
  APP_IPHONE_65: IPHONE_65,
  APP_IPHONE_61: IPHONE_61,
  APP_IPHONE_58: IPHONE_58,
  APP_IPHONE_55: IPHONE_55,
  APP_IPHONE_47: IPHONE_47,
  APP_IPHONE_40: IPHONE_40,
  APP_IPHONE_35: IPHONE_35,
  APP_IPAD_PRO_129: IPAD_PRO_129,
  APP_IPAD_PRO_3GEN_129: IPAD_PRO_129,
  APP_IPAD_PRO_3GEN_11: IPAD_11,
  APP_IPAD_105: IPAD_105,
  APP_IPAD_97: IPAD_97,
  APP_DESKTOP: [
    [1280, 800],
    [1440, 900],
    [2560, 1600],
    [2880, 1800],
  ] as Size[],
  APP_APPLE_TV: [
    [1920, 1080],
    [3840, 2160],
  ] as Size[],
  APP_APPLE_VISION_PRO: [[3840, 2160]] as Size[],
  APP_WATCH_ULTRA: [
    [410, 502],
    [422, 514],
  ] as Size[],
  APP_WATCH_SERIES_10: [[416, 496]] as Size[],
  APP_WATCH_SERIES_7: [[396, 484]] as Size[],
  APP_WATCH_SERIES_4: [[368, 448]] as Size[],
  APP_WATCH_SERIES_3: [[312, 390]] as Size[],
  IMESSAGE_APP_IPHONE_67: IPHONE_67,
  IMESSAGE_APP_IPHONE_65: IPHONE_65,
  IMESSAGE_APP_IPHONE_61: IPHONE_61,
  IMESSAGE_APP_IPHONE_58: IPHONE_58,
  IMESSAGE_APP_IPHONE_55: IPHONE_55,
  IMESSAGE_APP_IPHONE_47: IPHONE_47,
  IMESSAGE_APP_IPHONE_40: IPHONE_40,
  IMESSAGE_APP_IPAD_PRO_129: IPAD_PRO_129,
  IMESSAGE_APP_IPAD_PRO_3GEN_129: IPAD_PRO_129,
  IMESSAGE_APP_IPAD_PRO_3GEN_11: IPAD_11,
  IMESSAGE_APP_IPAD_105: IPAD_105,
  IMESSAGE_APP_IPAD_97: IPAD_97,
} satisfies Record<string, Size[]>

/** The spec's `PreviewType` enum. */
export const PREVIEW_TYPES = [
  'IPHONE_67',
  'IPHONE_61',
  'IPHONE_65',
  'IPHONE_58',
  'IPHONE_55',
  'IPHONE_47',
  'IPHONE_40',
  'IPHONE_35',
  'IPAD_PRO_3GEN_129',
  'IPAD_PRO_3GEN_11',
  'IPAD_PRO_129',
  'IPAD_105',
  'IPAD_97',
  'DESKTOP',
  'APPLE_TV',
  'APPLE_VISION_PRO',
] as const
export type PreviewType = (typeof PREVIEW_TYPES)[number]

export function isDisplayType(name: string): name is ScreenshotDisplayType {
  return Object.hasOwn(SCREENSHOT_SIZES, name)
}

export function isPreviewType(name: string): name is PreviewType {
  return (PREVIEW_TYPES as readonly string[]).includes(name)
}

export function acceptsSize(type: ScreenshotDisplayType, width: number, height: number): boolean {
  return SCREENSHOT_SIZES[type].some(([w, h]) => w === width && h === height)
}

/**
 * fastlane's names for a 12.9" iPad Pro of the 3rd generation or later in a file name: the sizes are the
 * 2nd generation's, so only the name tells them apart (deliver app_screenshot.rb resolve_ipadpro_conflict_if_needed).
 */
const IPAD_PRO_3GEN_MARKERS = [
  'iPad Pro (12.9-inch) (3rd generation)',
  'iPad Pro (12.9-inch) (4th generation)',
  'iPad Pro (12.9-inch) (5th generation)',
  'iPad Pro (12.9-inch) (6th generation)',
  'IPAD_PRO_3GEN_129',
  'ipadPro129',
  'iPad Air 13-inch (M2)',
  'iPad Air 13-inch (M3)',
  'iPad Pro 13-inch (M4)',
]

/**
 * The display type of an image that sits directly in its locale folder, as fastlane deliver decides it:
 * by pixel size, an iMessage folder (`<locale>/iMessage/`) for the iMessage types, and the 3rd-generation
 * iPad Pro by file name. Undefined when no display type takes the size.
 */
export function displayTypeForSize(
  width: number,
  height: number,
  fileName: string,
  iMessage = false,
): ScreenshotDisplayType | undefined {
  for (const name of Object.keys(SCREENSHOT_SIZES) as ScreenshotDisplayType[]) {
    if (name.startsWith('IMESSAGE_') !== iMessage || name.includes('3GEN_129')) continue
    if (!acceptsSize(name, width, height)) continue
    if (name.endsWith('IPAD_PRO_129') && IPAD_PRO_3GEN_MARKERS.some((m) => fileName.includes(m)))
      return iMessage ? 'IMESSAGE_APP_IPAD_PRO_3GEN_129' : 'APP_IPAD_PRO_3GEN_129'
    return name
  }
  return undefined
}

/**
 * The platform whose App Store version takes a screenshot display type or preview type: the Mac's desktop
 * type for macOS, Apple TV's for tvOS, Vision Pro's for visionOS, and the iPhone, iPad, Apple Watch and
 * iMessage types for iOS. Apple refuses any other on a version: "Display Type Not Allowed" at
 * /data/attributes/screenshotDisplayType (security-union/remote-shutter#147, deliver with a shared folder).
 */
export function platformOfSetType(setType: string): AscPlatform {
  if (setType.endsWith('DESKTOP')) return 'MAC_OS'
  if (setType.endsWith('APPLE_TV')) return 'TV_OS'
  if (setType.endsWith('APPLE_VISION_PRO')) return 'VISION_OS'
  return 'IOS'
}

export function describeSizes(type: ScreenshotDisplayType): string {
  return SCREENSHOT_SIZES[type].map(([w, h]) => `${w}×${h}`).join(', ')
}
