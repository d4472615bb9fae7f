import { createRoute, z } from '@hono/zod-openapi'
import { accountByEmail, accountView } from '../auth/accounts.js'
import { passwordMatches } from '../auth/passwords.js'
import { clientAddress, requireAccess } from '../auth/request-access.js'
import { teamList } from '../auth/roles.js'
import { createSession, endSession } from '../auth/sessions.js'
import { ApiError } from '../errors.js'
import { AccessSchema, AccountSchema, LoginSchema, RoleSchema } from './auth-schemas.js'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../auth/demo-accounts.js'
import { createRouter } from './router.js'
import { problems } from './schemas.js'
import type { AppDeps } from './deps.js'

const login = createRoute({
  method: 'post',
  path: '/login',
  summary: 'Sign in with e-mail and password: a session token for the dashboard to keep',
  request: { body: { content: { 'application/json': { schema: LoginSchema } }, required: true } },
  responses: {
    200: {
      description: 'signed in',
      content: {
        'application/json': {
          schema: z.object({ token: z.string(), expiresAt: z.number(), account: AccountSchema }),
        },
      },
    },
    ...problems(401, 429),
  },
})

const logout = createRoute({
  method: 'post',
  path: '/logout',
  summary: 'End this session',
  security: [{ bearer: [] }],
  responses: { 204: { description: 'signed out' }, ...problems(401) },
})

const me = createRoute({
  method: 'get',
  path: '/me',
  summary: 'Who this request is signed in as, and what it may see',
  security: [{ bearer: [] }],
  responses: {
    200: { description: 'the access', content: { 'application/json': { schema: AccessSchema } } },
    ...problems(401),
  },
})

const options = createRoute({
  method: 'get',
  path: '/options',
  summary: 'How one may sign in here (public): single sign-on, the demo accounts and password',
  responses: {
    200: {
      description: 'the sign-in options',
      content: {
        'application/json': {
          schema: z.object({
            singleSignOn: z
              .object({ label: z.string() })
              .nullable()
              .describe("the identity provider's name for the sign-in button, when configured"),
            demo: z
              .object({
                password: z.string(),
                accounts: z.array(
                  z.object({
                    email: z.string(),
                    name: z.string(),
                    role: RoleSchema,
                    teams: z.array(z.string()),
                  }),
                ),
              })
              .nullable(),
          }),
        },
      },
    },
  },
})

const WRONG = 'wrong e-mail or password'

export function authRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(options, (c) =>
      c.json(
        {
          singleSignOn: deps.singleSignOn ? { label: deps.singleSignOn.label } : null,
          demo: deps.demo ? { password: DEMO_PASSWORD, accounts: [...DEMO_ACCOUNTS] } : null,
        },
        200,
      ),
    )
    .openapi(login, async (c) => {
      const { email, password } = c.req.valid('json')
      const address = clientAddress(c, deps.auth.trustedProxies)
      const key = email.trim().toLowerCase()
      const wait = await deps.auth.limiter.waitSeconds(key, address)
      if (wait > 0) {
        c.header('retry-after', String(wait))
        throw new ApiError(429, 'rate_limited', `too many failed sign-ins; try again in ${wait} s`)
      }
      const account = await accountByEmail(deps.db, email)
      const matches = await passwordMatches(account?.password_hash, password)
      if (!account || !matches || account.disabled_at !== null) {
        await deps.auth.limiter.failed(key, address)
        deps.log.warn({ email: key, address }, 'sign-in refused')
        throw new ApiError(401, 'unauthorized', WRONG)
      }
      await deps.auth.limiter.succeeded(key)
      const session = await createSession(deps.db, account.id, deps.now())
      deps.log.info({ account: account.id, address }, 'signed in')
      return c.json({ ...session, account: accountView(account) }, 200)
    })
    .openapi(logout, async (c) => {
      const access = requireAccess(c)
      if (access.sessionHash) await endSession(deps.db, access.sessionHash)
      deps.auth.cache.clear()
      return c.body(null, 204)
    })
    .openapi(me, async (c) => {
      const access = requireAccess(c)
      const account = await deps.db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', access.accountId)
        .executeTakeFirst()
      return c.json(
        {
          actor: access.actor,
          role: access.role,
          teams: teamList(access.teams),
          readOnly: access.readOnly,
          ...(account && access.sessionHash ? { account: accountView(account) } : {}),
        },
        200,
      )
    })
}
