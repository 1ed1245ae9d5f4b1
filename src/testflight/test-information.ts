import type { FoundApp } from '../asc/apps.js'
import type { AscClient } from '../asc/client.js'
import { resolveLocale, upsertLocalizations } from '../asc/localizations.js'
import type { Resource } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import type { BetaAppLocalizationFields, BetaAppReviewFields } from '../settings/test-information.js'
import type { Settings } from '../settings/settings.js'
import { shorten } from '../shared/format.js'
import type { TestInformationChange, TestInformationResult } from './types.js'

type BetaAppLocalization = Resource<'betaAppLocalizations', BetaAppLocalizationFields & { locale?: string }>
type BetaAppReviewDetail = Resource<'betaAppReviewDetails', BetaAppReviewFields>

type LocalizationField = keyof BetaAppLocalizationFields
type ReviewField = keyof BetaAppReviewFields

const LOCALIZATION_LABELS: Record<LocalizationField, string> = {
  description: 'Beta App Description',
  feedbackEmail: 'Feedback Email',
  marketingUrl: 'Marketing URL',
  privacyPolicyUrl: 'Privacy Policy URL',
}
const REVIEW_LABELS: Record<ReviewField, string> = {
  contactFirstName: 'contact first name',
  contactLastName: 'contact last name',
  contactPhone: 'contact phone',
  contactEmail: 'contact e-mail',
  demoAccountName: 'demo account name',
  demoAccountPassword: 'demo account password',
  demoAccountRequired: 'sign-in required',
  notes: 'review notes',
}
const SECRET_FIELD: ReviewField = 'demoAccountPassword'
const HIDDEN = '(hidden)'

/** What would change, and what a write needs: the review detail's patch and each localization text. */
export interface TestInformationPlan {
  changes: TestInformationChange[]
  reviewDetailId: string
  reviewPatch: Partial<BetaAppReviewFields>
  texts: { locale: string; field: LocalizationField; text: string }[]
}

/**
 * Compares TestFlight's Test Information in App Store Connect with test_information_file, reading only.
 * Localizations follow fastlane pilot (pilot/lib/pilot/build_manager.rb update_beta_app_meta): each locale
 * the file names gets its fields; the default (localized_app_info's "default", or beta_app_description and
 * beta_app_feedback_email) goes to every other existing localization, and to the locale input's or the
 * app's primary locale when the app has none there yet (Beta App Review needs it: fastlane#20723). A field
 * the file leaves out is left as it is; nothing is ever blanked.
 */
export async function planTestInformation(
  client: AscClient,
  app: FoundApp,
  settings: Pick<Settings, 'testInformation' | 'demoAccountPassword' | 'locale'>,
): Promise<TestInformationPlan | undefined> {
  const info = settings.testInformation
  if (!info) return undefined
  const detail = (await client.get<BetaAppReviewDetail>(`/v1/apps/${app.id}/betaAppReviewDetail`)).data
  const existing = (await client.getAll<BetaAppLocalization>(`/v1/apps/${app.id}/betaAppLocalizations`)).data

  const changes: TestInformationChange[] = []
  const wanted: BetaAppReviewFields = { ...info.review }
  if (settings.demoAccountPassword !== undefined) wanted.demoAccountPassword = settings.demoAccountPassword
  const reviewPatch: Partial<BetaAppReviewFields> = {}
  for (const field of Object.keys(REVIEW_LABELS) as ReviewField[]) {
    const to = wanted[field]
    const from = detail.attributes?.[field] ?? undefined
    if (to === undefined || to === from) continue
    Object.assign(reviewPatch, { [field]: to })
    const secret = field === SECRET_FIELD
    changes.push({
      where: 'Beta App Review',
      field: REVIEW_LABELS[field],
      ...(from !== undefined && from !== '' ? { from: secret ? HIDDEN : String(from) } : {}),
      to: secret ? HIDDEN : String(to),
      ...(secret ? { secret: true } : {}),
    })
  }

  const byLocale = new Map(info.localizations.map((l) => [l.locale, l.fields]))
  if (info.defaultFields) {
    const fallback = resolveLocale(undefined, [settings.locale, app.primaryLocale, 'en-US'])
    const locales = existing.map((l) => l.attributes?.locale).filter((l): l is string => !!l)
    for (const locale of new Set([...locales, fallback])) {
      if (!byLocale.has(locale)) byLocale.set(locale, info.defaultFields)
    }
  }
  const texts: TestInformationPlan['texts'] = []
  for (const [locale, fields] of byLocale) {
    const current = existing.find((l) => l.attributes?.locale === locale)?.attributes
    for (const field of Object.keys(LOCALIZATION_LABELS) as LocalizationField[]) {
      const to = fields[field]
      const from = current?.[field] ?? undefined
      if (to === undefined || to === from) continue
      texts.push({ locale, field, text: to })
      changes.push({
        where: locale,
        field: LOCALIZATION_LABELS[field],
        ...(from ? { from } : {}),
        to,
        ...(current ? {} : { create: true }),
      })
    }
  }
  return { changes, reviewDetailId: detail.id, reviewPatch, texts }
}

/** One change as the log and the plan show it: where, what, old → new, shortened. */
export function describeChange(change: TestInformationChange): string {
  const from = change.from === undefined ? 'empty' : `"${shorten(change.from, 40)}"`
  const to = change.secret ? change.to : `"${shorten(change.to, 40)}"`
  return `${change.where}: ${change.field} ${from} → ${to}${change.create ? ' (new localization)' : ''}`
}

/**
 * Writes test_information_file to App Store Connect: the Beta App Review details (one PATCH of the fields
 * that differ) and the beta app localizations (through the one localization upsert). A rerun finds
 * everything as asked and changes nothing.
 */
export async function writeTestInformation(ctx: ReleaseContext): Promise<TestInformationResult> {
  const plan = await planTestInformation(ctx.client, ctx.app, ctx.settings)
  const file = ctx.settings.testInformation?.file ?? ''
  if (!plan || plan.changes.length === 0) {
    ctx.log.info(`Test Information: already as in ${file}.`)
    return { file, changes: [] }
  }
  if (Object.keys(plan.reviewPatch).length > 0) {
    await ctx.client.patch(`/v1/betaAppReviewDetails/${plan.reviewDetailId}`, {
      data: { type: 'betaAppReviewDetails', id: plan.reviewDetailId, attributes: plan.reviewPatch },
    })
  }
  // One upsert for all fields: a new language is created with every field at once, one read for all.
  const byLocale = new Map<string, Record<string, string>>()
  for (const { locale, field, text } of plan.texts)
    byLocale.set(locale, { ...byLocale.get(locale), [field]: text })
  await upsertLocalizations(
    ctx.client,
    ctx.log,
    {
      label: 'Beta app localization',
      type: 'betaAppLocalizations',
      list: { path: `/v1/apps/${ctx.app.id}/betaAppLocalizations` },
      parent: { relationship: 'app', type: 'apps', id: ctx.app.id },
    },
    [...byLocale].map(([locale, attributes]) => ({ locale, attributes })),
  )
  for (const change of plan.changes) ctx.log.info(`Test Information: ${describeChange(change)}`)
  return { file, changes: plan.changes }
}
