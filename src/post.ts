import * as core from '@actions/core'
import { toAscPlatform } from './platform.js'
core.info(toAscPlatform('ios'))
