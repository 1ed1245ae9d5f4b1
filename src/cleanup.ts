import * as core from '@actions/core'
import { rm } from 'node:fs/promises'
import { cleanupPaths } from './state.js'

/** The post step: removes what main left behind (key files), even after a failure or cancellation. Never fails. */
export async function runPost(): Promise<void> {
  for (const path of cleanupPaths()) {
    try {
      await rm(path, { recursive: true, force: true })
      core.info(`Removed ${path}`)
    } catch (error) {
      core.warning(`Could not remove ${path}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
}
