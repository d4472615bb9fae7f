import { getConnInfo } from '@hono/node-server/conninfo'
import { ApiError } from '../errors.js'
import { accessOf, bearerOf } from './authenticate.js'
import { atLeast } from './roles.js'
import { hashToken } from './secret-tokens.js'
import type { AccessCache } from './access-cache.js'
import type { Context, MiddlewareHandler } from 'hono'
import type { Db } from '../db/database.js'
import type { Access, Role } from './roles.js'

declare module 'hono' {
  interface ContextVariableMap {
    /** Who is asking, when the request carried a live bearer secret. */
    access: Access | undefined
  }
}

/** Resolves the request's bearer secret, once, for every route after it. */
export function authenticate(deps: {
  db: Db
  now: () => number
  auth: { cache: AccessCache }
}): MiddlewareHandler {
  return async (c, next) => {
    const bearer = bearerOf(c.req.header('authorization'))
    const now = deps.now()
    const access = bearer
      ? await deps.auth.cache.get(hashToken(bearer), now, () => accessOf(deps.db, bearer, now))
      : undefined
    c.set('access', access)
    await next()
  }
}

/**
 * The request's access, when it may do this: 401 without a live sign-in, 403 when its role is
 * too low or it only reads (a kiosk) and this writes.
 */
export function requireAccess(c: Context, need: { role?: Role; writes?: boolean } = {}): Access {
  const access = c.get('access')
  if (!access) {
    throw new ApiError(
      401,
      'unauthorized',
      'sign in first: a session, kiosk or API token is required',
    )
  }
  if (need.writes && access.readOnly) {
    throw new ApiError(403, 'forbidden', 'a kiosk token only reads')
  }
  if (need.role && !atLeast(access, need.role)) {
    throw new ApiError(403, 'forbidden', `this needs the ${need.role} role or higher`)
  }
  return access
}

/**
 * The caller's address: the socket's peer, or the first `X-Forwarded-For` hop when the peer is a
 * trusted proxy (the dashboard forwards people's addresses, so their sign-ins are limited apart).
 */
export function clientAddress(c: Context, trustedProxies: ReadonlySet<string>): string {
  let peer = 'unknown'
  try {
    peer = getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // Not served by a node server (a test's app.request): no socket to ask.
  }
  const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded && trustedProxies.has(peer) ? forwarded : peer
}
