import { createRoute, z } from '@hono/zod-openapi'
import { accountView } from '../auth/accounts.js'
import { clientAddress } from '../auth/request-access.js'
import { createSession } from '../auth/sessions.js'
import { accountForIdentity } from '../auth/sign-on-account.js'
import { ApiError } from '../errors.js'
import { AccountSchema } from './auth-schemas.js'
import { createRouter } from './router.js'
import { problems } from './schemas.js'
import type { SingleSignOn } from '../auth/single-sign-on.js'
import type { AppDeps } from './deps.js'
import type { Context } from 'hono'

const start = createRoute({
  method: 'post',
  path: '/start',
  summary: 'Begin an OpenID Connect sign-in (public): where to send the browser',
  request: {
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              redirectUri: z
                .url({ protocol: /^https?$/ })
                .max(2000)
                .describe('the dashboard address the provider returns to, as registered there'),
            })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: "the identity provider's sign-in address",
      content: { 'application/json': { schema: z.object({ authorizationUrl: z.string() }) } },
    },
    ...problems(400, 404, 429, 502),
  },
})

const finish = createRoute({
  method: 'post',
  path: '/finish',
  summary: "Complete a sign-in with the provider's return (public): a session token",
  request: {
    body: {
      content: {
        'application/json': {
          schema: z
            .object({
              query: z
                .string()
                .max(8000)
                .describe('the query string the provider sent to the redirect URI'),
            })
            .strict(),
        },
      },
      required: true,
    },
  },
  responses: {
    200: {
      description: 'signed in',
      content: {
        'application/json': {
          schema: z.object({ token: z.string(), expiresAt: z.number(), account: AccountSchema }),
        },
      },
    },
    ...problems(400, 401, 403, 404, 429, 502),
  },
})

/** Sign-in through the configured identity provider; both steps are public and rate-limited. */
export function singleSignOnRoutes(deps: AppDeps) {
  const configured = async (c: Context): Promise<SingleSignOn> => {
    if (!deps.singleSignOn) {
      throw new ApiError(404, 'not_found', 'single sign-on is not configured here')
    }
    await deps.auth.requests.signOns.take(clientAddress(c, deps.auth.trustedProxies))
    return deps.singleSignOn
  }
  return createRouter()
    .openapi(start, async (c) => {
      const sso = await configured(c)
      return c.json(await sso.begin(c.req.valid('json').redirectUri), 200)
    })
    .openapi(finish, async (c) => {
      const sso = await configured(c)
      const address = clientAddress(c, deps.auth.trustedProxies)
      const identity = await sso.finish(c.req.valid('json').query)
      const account = await accountForIdentity(deps.db, identity).catch((error: unknown) => {
        deps.log.warn(
          { subject: identity.subject, email: identity.email, address },
          'single sign-on refused',
        )
        throw error
      })
      const session = await createSession(deps.db, account.id, deps.now())
      deps.log.info({ account: account.id, address, via: 'sso' }, 'signed in')
      return c.json({ ...session, account: accountView(account) }, 200)
    })
}
