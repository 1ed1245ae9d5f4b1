/** The platforms this action ships, as users write them in the `platform` input. */
export const PLATFORMS = ['ios', 'macos', 'tvos', 'visionos'] as const
export type Platform = (typeof PLATFORMS)[number]

/** App Store Connect's `Platform` enum (buildUploads, preReleaseVersions, appStoreVersions, reviewSubmissions). */
export type AscPlatform = 'IOS' | 'MAC_OS' | 'TV_OS' | 'VISION_OS'

const TO_ASC: Record<Platform, AscPlatform> = {
  ios: 'IOS',
  macos: 'MAC_OS',
  tvos: 'TV_OS',
  visionos: 'VISION_OS',
}

export function toAscPlatform(platform: Platform): AscPlatform {
  return TO_ASC[platform]
}

export function fromAscPlatform(platform: AscPlatform): Platform {
  const found = PLATFORMS.find((p) => TO_ASC[p] === platform)
  if (!found) throw new Error(`Unknown App Store Connect platform ${platform}`)
  return found
}
