// TestFlight rules that go beyond plain resource storage: what Beta App Review asks for before it
// accepts a build. Apple lists each missing piece of test information as its own error.
import { randomUUID } from 'node:crypto'
import { ApiError, type AppleError } from './errors.js'

/** Test information a scenario can leave unfilled, as App Store Connect's TestFlight > Test Information page names it. */
export type BetaReviewRequirement =
  | 'betaAppDescription'
  | 'feedbackEmail'
  | 'contactFirstName'
  | 'contactLastName'
  | 'contactEmail'
  | 'contactPhone'

const MISSING: Record<BetaReviewRequirement, { code: string; title: string; detail: string }> = {
  betaAppDescription: {
    code: 'STATE_ERROR.ENTITY_STATE_INVALID',
    title: 'Beta App Description is missing.',
    detail: 'Beta App Description is required to submit a build for external testing.',
  },
  feedbackEmail: {
    code: 'STATE_ERROR.ENTITY_STATE_INVALID',
    title: 'Feedback Email is missing.',
    detail: 'Feedback Email is required to submit a build for external testing.',
  },
  contactFirstName: attributeRequired('contactFirstName'),
  contactLastName: attributeRequired('contactLastName'),
  contactEmail: attributeRequired('contactEmail'),
  contactPhone: attributeRequired('contactPhone'),
}

function attributeRequired(attribute: string) {
  return {
    code: 'ENTITY_ERROR.ATTRIBUTE.REQUIRED',
    title: 'The provided entity is missing a required attribute',
    detail: `You must provide a value for the attribute '${attribute}' with this request`,
  }
}

/** An Apple answer with several errors in one body. */
class ApiErrors extends ApiError {
  constructor(
    status: number,
    private readonly items: { code: string; title: string; detail: string }[],
  ) {
    const first = items[0] ?? { code: 'ENTITY_ERROR', title: '', detail: '' }
    super(status, first.code, first.title, first.detail)
  }

  override body(): { errors: AppleError[] } {
    return {
      errors: this.items.map((item) => ({ id: randomUUID(), status: String(this.status), ...item })),
    }
  }
}

/** The 422 Apple sends when a build is submitted for Beta App Review with test information missing. */
export function missingBetaReviewInformation(
  missing: readonly BetaReviewRequirement[],
): ApiError | undefined {
  return missing.length === 0
    ? undefined
    : new ApiErrors(
        422,
        missing.map((m) => MISSING[m]),
      )
}
