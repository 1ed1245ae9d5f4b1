// The dry run's store listing line: what would change, field by field, from GET requests only.
import { editableVersion, latestVersion, type Situation } from '../appstore/situation.js'
import type { ReleaseContext } from '../context.js'
import type { PlanItem } from '../report/model.js'
import { planListing, type ListingVersion } from './index.js'
import { chooseListingTarget } from './target.js'
import type { ListingChange } from './types.js'

/** At most this many changes are named; the rest are counted. */
const NAMED_CHANGES = 12

export async function planStoreListing(ctx: ReleaseContext, situation: Situation): Promise<PlanItem> {
  const { identity, settings } = ctx
  const item = {
    step: 'Store listing',
    action: `write metadata_path to App Store version ${identity.version}`,
  }
  let version: ListingVersion
  if (settings.appStore.submit) {
    // The App Store step prepares (creates or renames) the editable version, then writes the listing to it.
    const editable = editableVersion(situation)
    version = editable
      ? { id: editable.id, versionString: identity.version, live: false }
      : {
          id: '(new)',
          versionString: identity.version,
          live: false,
          createdFrom: latestVersion(situation)?.id ?? null,
        }
  } else {
    const target = chooseListingTarget(situation, identity.version)
    if (target.problem !== undefined) return { ...item, check: { ok: false, detail: target.problem } }
    version = { id: target.version.id, versionString: identity.version, live: target.live }
  }
  const { writes } = await planListing(ctx, version)
  if (writes.problems.length > 0) return { ...item, check: { ok: false, detail: writes.problems.join('; ') } }
  const parts = [
    writes.changes.length === 0 ? 'nothing would change' : `would change ${describeChanges(writes.changes)}`,
    ...(writes.createdLocales.length > 0 ? [`would add ${writes.createdLocales.join(', ')}`] : []),
    ...writes.notes,
  ]
  return { ...item, check: { ok: true, detail: parts.join('; ') } }
}

/** "en-US keywords 'a' → 'b', …": each change shortened, secrets already "(set)". */
export function describeChanges(changes: ListingChange[]): string {
  const named = changes
    .slice(0, NAMED_CHANGES)
    .map((c) => `${c.field} ${c.from === undefined ? '(empty)' : `'${c.from}'`} → '${c.to}'`)
  const rest = changes.length - named.length
  return named.join(', ') + (rest > 0 ? ` and ${rest} more` : '')
}
