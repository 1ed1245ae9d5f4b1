// Apple-style error documents: {"errors":[{id,status,code,title,detail,source?}]}.
import { randomUUID } from 'node:crypto'

export type ErrorSource = { pointer: string } | { parameter: string }

export interface AppleError {
  id: string
  status: string
  code: string
  title: string
  detail: string
  source?: ErrorSource
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail: string,
    readonly source?: ErrorSource,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${code}: ${detail}`)
  }

  body(): { errors: AppleError[] } {
    return errorBody(this.status, this.code, this.title, this.detail, this.source)
  }
}

export function errorBody(
  status: number,
  code: string,
  title: string,
  detail: string,
  source?: ErrorSource,
): { errors: AppleError[] } {
  return {
    errors: [
      { id: randomUUID(), status: String(status), code, title, detail, ...(source ? { source } : {}) },
    ],
  }
}

export const NOT_AUTHORIZED = {
  code: 'NOT_AUTHORIZED',
  title: 'Authentication credentials are missing or invalid.',
  detail:
    'Provide a properly configured and signed bearer token, and make sure that it has not expired. Learn more about Generating Tokens for API Requests https://developer.apple.com/go/?id=api-generating-tokens',
}

/** The body Apple sends for a given status when nothing more specific applies (used by faults). */
export function genericError(status: number): ApiError {
  switch (status) {
    case 400:
      return new ApiError(
        400,
        'PARAMETER_ERROR.INVALID',
        'A parameter has an invalid value',
        'Injected fault.',
      )
    case 401:
      return new ApiError(401, NOT_AUTHORIZED.code, NOT_AUTHORIZED.title, NOT_AUTHORIZED.detail)
    case 403:
      return new ApiError(
        403,
        'FORBIDDEN_ERROR',
        'This request is forbidden for security reasons',
        'The API key in use does not allow this request',
      )
    case 404:
      return notFoundPath()
    case 409:
      return new ApiError(409, 'ENTITY_ERROR', 'The request entity is invalid.', 'Injected fault.')
    case 422:
      return new ApiError(
        422,
        'ENTITY_UNPROCESSABLE',
        'The request entity is unprocessable.',
        'Injected fault.',
      )
    case 429:
      return new ApiError(
        429,
        'RATE_LIMIT_EXCEEDED',
        'The request rate limit has been reached.',
        'We\u2019ve received too many requests for this API. Please wait and try again or slow down your request rate.',
      )
    case 502:
    case 503:
    case 504:
      return new ApiError(
        status,
        'SERVICE_UNAVAILABLE',
        'The service is temporarily unavailable.',
        'The request could not be processed at this time. Please try again later.',
      )
    default:
      return new ApiError(
        status,
        'UNEXPECTED_ERROR',
        'An unexpected error occurred.',
        'An unexpected error occurred on the server side. If this issue continues, contact us at https://developer.apple.com/contact/.',
      )
  }
}

export function notFoundPath(): ApiError {
  return new ApiError(
    404,
    'NOT_FOUND',
    'The specified resource does not exist',
    'The path provided does not match a defined resource type.',
  )
}

export function notFoundResource(type: string, id: string): ApiError {
  return new ApiError(
    404,
    'NOT_FOUND',
    'The specified resource does not exist',
    `There is no resource of type '${type}' with id '${id}'`,
  )
}

export function conflict(code: string, detail: string, pointer?: string): ApiError {
  const titles: Record<string, string> = {
    'ENTITY_ERROR.ATTRIBUTE.INVALID': 'An attribute value is invalid.',
    // fastlane#20581: "An attribute value is too long. - 'subtitle' cannot be longer than '30' characters."
    'ENTITY_ERROR.ATTRIBUTE.INVALID.TOO_LONG': 'An attribute value is too long.',
    'ENTITY_ERROR.ATTRIBUTE.INVALID.DUPLICATE':
      'The provided entity includes an attribute with a value that has already been used',
    'ENTITY_ERROR.ATTRIBUTE.REQUIRED': 'The provided entity is missing a required attribute',
    'ENTITY_ERROR.RELATIONSHIP.INVALID': 'The provided entity includes a relationship with an invalid value',
    'ENTITY_ERROR.RELATIONSHIP.REQUIRED': 'The provided entity is missing a required relationship',
    'ENTITY_ERROR.INCLUDED.INVALID': 'The provided entity includes an invalid included resource',
    ENTITY_ERROR: 'The request entity is invalid.',
    STATE_ERROR: 'The request cannot be fulfilled because of the state of another resource.',
  }
  return new ApiError(
    409,
    code,
    titles[code] ?? 'The provided entity is invalid',
    detail,
    pointer !== undefined ? { pointer } : undefined,
  )
}
