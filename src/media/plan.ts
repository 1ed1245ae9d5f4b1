// The dry run's lines for screenshots and previews: what each set would gain, lose and keep. GET only.
import type { ReleaseContext } from '../context.js'
import type { PlanItem } from '../report/model.js'
import { toAscPlatform } from '../shared/platform.js'
import { assertQuota, findReleaseVersion, wantedMedia } from './index.js'
import { planSet } from './diff.js'
import { planMedia, readLocalizations, requestsNeeded, type ReadSet } from './sync.js'
import { MEDIA_KINDS, type SetChange } from './types.js'

export async function planMediaItems(ctx: ReleaseContext): Promise<PlanItem[]> {
  const wanted = wantedMedia(ctx.settings, toAscPlatform(ctx.identity.platform))
  if (wanted.length === 0) return []
  const { mode } = ctx.settings.media
  let versionId: string | undefined
  try {
    versionId = await findReleaseVersion(ctx)
  } catch (error) {
    // The App Store step creates the version: then every file is new.
    if (!ctx.settings.appStore.submit) {
      return [{ step: 'Screenshots', action: 'sync', check: { ok: false, detail: message(error) } }]
    }
  }
  const localizations = versionId ? await readLocalizations(ctx.client, versionId) : undefined
  const items: PlanItem[] = []
  let needed = 0
  for (const { kind, local } of wanted) {
    const label = MEDIA_KINDS[kind].label
    let sets: ReadSet[]
    try {
      sets = localizations
        ? await planMedia(ctx.client, localizations, kind, local, mode)
        : local.map((s) => ({
            locale: s.locale,
            localizationId: '',
            setType: s.setType,
            plan: planSet(s.assets, [], mode),
          }))
    } catch (error) {
      items.push({
        step: label,
        action: `${mode} ${MEDIA_KINDS[kind].input}`,
        check: { ok: false, detail: message(error) },
      })
      continue
    }
    needed += requestsNeeded(sets)
    for (const s of sets)
      items.push({ step: label, action: `${s.locale} ${s.setType}: ${describeChange(s.plan.change)}` })
  }
  try {
    assertQuota(ctx.client, needed)
  } catch (error) {
    items.push({
      step: 'Screenshots',
      action: `about ${needed} requests`,
      check: { ok: false, detail: message(error) },
    })
  }
  return items
}

/** "add 01.png, 02.png; remove old.png; reorder; 3 unchanged", the same words the job summary uses. */
export function describeChange(change: SetChange): string {
  const parts = [
    ...(change.added.length ? [`add ${change.added.join(', ')}`] : []),
    ...(change.removed.length ? [`remove ${change.removed.join(', ')}`] : []),
    ...(change.reordered ? ['reorder'] : []),
    `${change.unchanged} unchanged`,
  ]
  return parts.join('; ')
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))
