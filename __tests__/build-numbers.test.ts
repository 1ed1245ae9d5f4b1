import { describe, expect, it } from '@jest/globals'
import {
  compareBuildNumbers,
  formatBuildNumber,
  incrementBuildNumber,
  parseBuildNumber,
  type BuildNumber,
} from '../src/companions/next-build-number/numbers.js'

const parse = (text: string): BuildNumber => {
  const n = parseBuildNumber(text)
  if (n === undefined) throw new Error(`not a build number: ${text}`)
  return n
}

describe('build numbers as Apple compares them', () => {
  it('reads one to three integers and nothing else', () => {
    expect(parseBuildNumber(' 1.2.3 ')).toEqual([1n, 2n, 3n])
    for (const bad of ['', '1.2.3.4', '1..2', 'v1', '1.2-beta', '-1'])
      expect(parseBuildNumber(bad)).toBeUndefined()
  })

  it('compares number by number, a missing number counting as 0', () => {
    expect(compareBuildNumbers(parse('1.10'), parse('1.9'))).toBe(1)
    expect(compareBuildNumbers(parse('1.2.9'), parse('1.2.10'))).toBe(-1)
    expect(compareBuildNumbers(parse('2'), parse('2.0.0'))).toBe(0)
    expect(compareBuildNumbers(parse('010'), parse('9'))).toBe(1)
  })

  it('increments the last number, however large', () => {
    expect(formatBuildNumber(incrementBuildNumber(parse('41'), 1n))).toBe('42')
    expect(formatBuildNumber(incrementBuildNumber(parse('1.2.9'), 1n))).toBe('1.2.10')
    expect(formatBuildNumber(incrementBuildNumber(parse('20261203999999999999'), 1n))).toBe(
      '20261204000000000000',
    )
  })
})
