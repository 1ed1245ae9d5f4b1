import { describe, expect, it } from '@jest/globals'
import { fromAscPlatform, toAscPlatform } from '../src/platform.js'

describe('platform', () => {
  it('round-trips', () => {
    expect(fromAscPlatform(toAscPlatform('visionos'))).toBe('visionos')
  })
})
