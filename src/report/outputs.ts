import type { OutputName, RunReport } from './model.js'

/** The action's outputs, all read from what the run recorded; an unknown value is left out. */
export function deriveOutputs(report: RunReport): Partial<Record<OutputName, string>> {
  const { app, identity, upload, processing, testflight, appStore } = report
  // Every output is named here: the type fails to compile if one is missing.
  const values: Record<OutputName, string | undefined> = {
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
    rate_limit_remaining: report.rateLimit?.remaining.toString(),
  }
  const outputs: Partial<Record<OutputName, string>> = {}
  for (const [name, value] of Object.entries(values) as [OutputName, string | undefined][]) {
    if (value !== undefined && value !== '') outputs[name] = value
  }
  return outputs
}
