import { runCompanion } from '../run.js'
import { releaseCommand } from './run-command.js'
import { readReleaseSettings } from './settings.js'

// release/action.yml's entry: where an App Store version stands, and its release.
await runCompanion('App Store release', () => readReleaseSettings(), releaseCommand)
