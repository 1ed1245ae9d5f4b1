import type { Build, BuildBetaDetail } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import type { TestFlightResult } from './types.js'

export const EXPORT_COMPLIANCE_FIX =
  'Set uses_non_exempt_encryption: false if the app uses no encryption beyond what Apple exempts ' +
  '(HTTPS, the OS), or add ITSAppUsesNonExemptEncryption to Info.plist so every build answers it.'

/**
 * Answers export compliance on the build when the package does not: Apple reads
 * ITSAppUsesNonExemptEncryption from Info.plist, and only then is the build's own flag settable.
 */
export async function answerExportCompliance(
  ctx: ReleaseContext,
  buildId: string,
): Promise<TestFlightResult['exportCompliance']> {
  if (ctx.pkg?.usesNonExemptEncryption !== undefined) return 'declared-by-package'
  const answer = ctx.settings.testflight.usesNonExemptEncryption
  if (answer !== undefined) {
    const build = (
      await ctx.client.get<Build>(`/v1/builds/${buildId}`, { 'fields[builds]': 'usesNonExemptEncryption' })
    ).data
    const current = build.attributes?.usesNonExemptEncryption
    if (current === answer) return 'already-set'
    if (typeof current === 'boolean') {
      ctx.log.warning(
        `The build already answers export compliance with usesNonExemptEncryption ${current}; ` +
          `uses_non_exempt_encryption: ${answer} was not applied (Apple does not let an answer change).`,
      )
      return 'already-set'
    }
    await ctx.client.patch(`/v1/builds/${buildId}`, {
      data: { type: 'builds', id: buildId, attributes: { usesNonExemptEncryption: answer } },
    })
    ctx.log.info(`Export compliance: set usesNonExemptEncryption to ${answer}.`)
    return 'set'
  }
  const detail = (await ctx.client.get<BuildBetaDetail>(`/v1/builds/${buildId}/buildBetaDetail`)).data
  if (detail.attributes?.internalBuildState === 'MISSING_EXPORT_COMPLIANCE') {
    ctx.log.warning(
      `The build waits for export compliance (Missing Compliance): testers cannot install it. ${EXPORT_COMPLIANCE_FIX}`,
    )
    return 'missing'
  }
  return undefined
}
