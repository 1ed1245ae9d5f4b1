import type { Logger } from '../../src/shared/log.js'

/**
 * A stand-in for src/report/plain-log.ts that prints nothing (no `::add-mask::` or group lines among jest's
 * output), for `jest.unstable_mockModule`. `onMask` sees each secret the code masks.
 */
export function quietPlainLog(onMask: (secret: string) => void = () => undefined) {
  const plainLog: Logger = {
    debug: () => undefined,
    info: () => undefined,
    notice: () => undefined,
    warning: () => undefined,
  }
  return { addMask: onMask, group: <T>(_name: string, run: () => Promise<T>): Promise<T> => run(), plainLog }
}
