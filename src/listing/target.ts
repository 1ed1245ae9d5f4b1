// Which App Store version the listing goes to when the App Store step does not run (submit_to_app_store
// false): this release's version, editable or live. The App Store step writes to the version it prepared.
import type { AppStoreVersion } from '../appstore/resources.js'
import { editableVersion, stateOf, type Situation } from '../appstore/situation.js'

export type ListingTargetChoice =
  | { version: AppStoreVersion; live: boolean; problem?: undefined }
  | { version?: undefined; live?: undefined; problem: string }

/**
 * The editable version of this release takes the whole listing. The live one (READY_FOR_DISTRIBUTION) takes
 * only promotional text, which Apple lets change without a new submission (fastlane deliver edit_live,
 * LOCALISED_LIVE_VALUES). Any other state takes nothing now.
 */
export function chooseListingTarget(situation: Situation, versionString: string): ListingTargetChoice {
  const editable = editableVersion(situation)
  if (editable?.attributes?.versionString === versionString) return { version: editable, live: false }
  const same = situation.versions.find((v) => v.attributes?.versionString === versionString)
  if (same && stateOf(same) === 'READY_FOR_DISTRIBUTION') return { version: same, live: true }
  if (same)
    return {
      problem:
        `App Store version ${versionString} is ${stateOf(same)}: its store listing cannot change now. ` +
        'Set a new app_version, or wait until it is released (then only promotional text can change).',
    }
  const other = editable
    ? ` (the editable version is ${editable.attributes?.versionString ?? editable.id})`
    : ''
  return {
    problem:
      `App Store version ${versionString} does not exist yet${other}, so metadata_path has nowhere to go: ` +
      'set submit_to_app_store: true (which creates or renames it), or create it in App Store Connect.',
  }
}
