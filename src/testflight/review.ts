import { AscApiError, AscNetworkError } from '../asc/errors.js'
import type { BetaAppReviewSubmission, Document } from '../asc/resources.js'
import type { ReleaseContext } from '../context.js'
import { EXPORT_COMPLIANCE_FIX } from './compliance.js'

const TEST_INFORMATION_FIX =
  'Fill in App Store Connect > TestFlight > Test Information for the app: the Beta App Description and ' +
  'Feedback Email, and the Beta App Review Information (contact first and last name, email, phone, and ' +
  'sign-in details if the app needs them). Also give What to Test (release_notes) for the build.'

/** The build's Beta App Review submission: the existing one, or a new one. Its state is returned. */
export async function submitForBetaReview(ctx: ReleaseContext, buildId: string): Promise<string | undefined> {
  const existing = await findSubmission(ctx, buildId)
  if (existing) {
    const state = existing.attributes?.betaReviewState ?? undefined
    ctx.log.info(`Beta App Review: already submitted (${state ?? 'unknown state'}).`)
    return state
  }
  try {
    const created = await ctx.client.post<Document<BetaAppReviewSubmission>>('/v1/betaAppReviewSubmissions', {
      data: {
        type: 'betaAppReviewSubmissions',
        relationships: { build: { data: { type: 'builds', id: buildId } } },
      },
    })
    const state = created.data.attributes?.betaReviewState ?? undefined
    ctx.log.info(`Beta App Review: submitted (${state ?? 'unknown state'}).`)
    return state
  } catch (error) {
    // Apple sometimes answers 500 when test information is missing; a lost answer may have created it.
    const ambiguous = error instanceof AscNetworkError || (error instanceof AscApiError && error.ambiguous)
    const found = ambiguous ? await findSubmission(ctx, buildId) : undefined
    if (found) return found.attributes?.betaReviewState ?? undefined
    if (error instanceof AscApiError) {
      const fix = /export compliance|usesNonExemptEncryption/i.test(error.message)
        ? EXPORT_COMPLIANCE_FIX
        : TEST_INFORMATION_FIX
      throw new Error(`Beta App Review refused the build:\n${error.message}\n${fix}`, { cause: error })
    }
    throw error
  }
}

async function findSubmission(
  ctx: ReleaseContext,
  buildId: string,
): Promise<BetaAppReviewSubmission | undefined> {
  const page = await ctx.client.get<BetaAppReviewSubmission[]>('/v1/betaAppReviewSubmissions', {
    'filter[build]': buildId,
  })
  return page.data[0]
}
