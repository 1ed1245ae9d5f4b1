import { runCompanion } from '../run.js'
import { nextBuildNumber } from './compute.js'
import { readNextBuildNumberSettings } from './settings.js'

// next-build-number/action.yml's entry: the build number to give the next build.
await runCompanion('Next build number', () => readNextBuildNumberSettings(), nextBuildNumber)
