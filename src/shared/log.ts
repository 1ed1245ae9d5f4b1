/** Where modules write progress. main.ts passes one backed by @actions/core; tests pass their own. */
export interface Logger {
  debug(message: string): void
  info(message: string): void
  /** Something the user should know but need not act on. */
  notice(message: string): void
  warning(message: string): void
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  notice: () => undefined,
  warning: () => undefined,
}
