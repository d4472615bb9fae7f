import { bodyLimit } from 'hono/body-limit'
import { ApiError } from '../errors.js'
import type { MiddlewareHandler } from 'hono'

/** Bodies larger than this are refused before they are read whole: no request needs more. */
export const MAX_BODY_BYTES = 1024 * 1024

export const limitBodies: MiddlewareHandler = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError(413, 'too_large', `the body is larger than ${MAX_BODY_BYTES} bytes`)
  },
})

/**
 * PostgreSQL text cannot hold U+0000, so a NUL anywhere in the address or a JSON body would fail
 * deep in a query as a 500: it is refused here, as the bad input it is.
 */
export const refuseNulBytes: MiddlewareHandler = async (c, next) => {
  let address: string
  try {
    const url = new URL(c.req.url)
    address = decodeURIComponent(url.pathname + url.search)
  } catch {
    throw new ApiError(400, 'invalid_request', 'the address is not valid percent-encoded UTF-8')
  }
  if (address.includes('\u0000')) {
    throw new ApiError(400, 'invalid_request', 'the address contains a NUL character')
  }
  // Webhooks read their raw body themselves (its signature covers the bytes), and a record
  // that cannot be stored is quarantined there, one at a time.
  const webhook = c.req.path.startsWith('/v1/webhooks/')
  if (!webhook && c.req.header('content-type')?.includes('json')) {
    // Read once here; Hono keeps the text for the route's own parsing.
    const text = await c.req.text()
    if (text.includes('\\u0000') || text.includes('\u0000')) {
      throw new ApiError(400, 'invalid_request', 'the body contains a NUL character')
    }
  }
  await next()
}
