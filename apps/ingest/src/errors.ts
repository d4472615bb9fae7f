import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The API's one error type: a status, a stable code and a message a person can act on. */
export class ApiError extends HTTPException {
  override readonly name = 'ApiError'
  /** Seconds to wait, sent as Retry-After with a 429. */
  retryAfter?: number

  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
  ) {
    super(status, { message })
  }
}

export function notFound(what: string, id: string): ApiError {
  return new ApiError(404, 'not_found', `no ${what} ${JSON.stringify(id)}`)
}
