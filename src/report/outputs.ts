import { packageRecords, type OutputName, type PackageRecord, type RunReport } from './model.js'

/** Outputs about the run as a whole; every other output is about one package's build. */
type RunOutputName = 'results' | 'rate_limit_remaining'
type SingleOutputName = Exclude<OutputName, RunOutputName>

/** One package's entry in the `results` output: every key present, null when unknown. */
export interface PackageResult {
  package: string | null
  app_id: string | null
  platform: string | null
  app_version: string | null
  build_number: string | null
  build_id: string | null
  processing_state: string | null
  review_submission_id: string | null
}

/**
 * The action's outputs, all read from what the run recorded; an unknown value is left out. With several
 * packages a single-value output holds the value every package shares (the app ID of an .ipa and a .pkg of
 * one app) and is left out where they differ; `results` holds each package's values.
 */
export function deriveOutputs(report: RunReport): Partial<Record<OutputName, string>> {
  const records = packageRecords(report)
  const perPackage = records.map(singleOutputs)
  const outputs: Partial<Record<OutputName, string>> = {}
  for (const [name, value] of Object.entries(perPackage[0] ?? {}) as [
    SingleOutputName,
    string | undefined,
  ][]) {
    const shared = perPackage.every((values) => values[name] === value)
    if (shared && value !== undefined && value !== '') outputs[name] = value
  }
  // One key, one hourly budget for the whole run: the last answer's count.
  if (report.rateLimit) outputs.rate_limit_remaining = report.rateLimit.remaining.toString()
  // A dry run acts on no build: its plan is in the summary.
  if (!report.dryRun && records.length > 0) outputs.results = JSON.stringify(records.map(packageResult))
  return outputs
}

function singleOutputs(record: PackageRecord): Record<SingleOutputName, string | undefined> {
  const { app, identity, upload, processing, testflight, appStore } = record
  // Every output is named here: the type fails to compile if one is missing.
  return {
    app_id: app?.id,
    bundle_id: app?.bundleId,
    app_version: identity?.version,
    build_number: identity?.buildNumber,
    platform: identity?.platform,
    build_upload_id: upload?.buildUploadId,
    build_id: processing?.buildId ?? upload?.buildId,
    processing_state: processing?.processingState ?? upload?.processingState,
    beta_groups: testflight?.groups.map((group) => group.id).join(','),
    beta_review_state: testflight?.betaReviewState,
    app_store_version_id: appStore?.versionId,
    review_submission_id: appStore?.reviewSubmissionId,
    review_submission_state: appStore?.reviewSubmissionState,
    public_link: testflight?.publicLink,
  }
}

function packageResult(record: PackageRecord): PackageResult {
  const values = singleOutputs(record)
  const known = (value: string | undefined) => (value === undefined || value === '' ? null : value)
  return {
    package: record.packageFile?.name ?? null,
    app_id: known(values.app_id),
    platform: known(values.platform),
    app_version: known(values.app_version),
    build_number: known(values.build_number),
    build_id: known(values.build_id),
    processing_state: known(values.processing_state),
    review_submission_id: known(values.review_submission_id),
  }
}
