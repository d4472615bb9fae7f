import { createRoute, z } from '@hono/zod-openapi'
import { accountView, createAccount } from '../auth/accounts.js'
import { recordAudit } from '../auth/audit.js'
import { hashPassword } from '../auth/passwords.js'
import { requireAccess } from '../auth/request-access.js'
import { endSessionsOf } from '../auth/sessions.js'
import { ApiError, notFound } from '../errors.js'
import { AccountChangeSchema, AccountSchema, NewAccountSchema } from './auth-schemas.js'
import { createRouter } from './router.js'
import { problem } from './schemas.js'
import type { Account, Db } from '../db/database.js'
import type { AppDeps } from './deps.js'

const refusals = {
  401: problem('not signed in'),
  403: problem('not an owner'),
}

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Every account (owners only)',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'accounts',
      content: { 'application/json': { schema: z.object({ accounts: z.array(AccountSchema) }) } },
    },
    ...refusals,
  },
})

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Add an account (owners only)',
  security: [{ bearer: [] }],
  request: {
    body: { content: { 'application/json': { schema: NewAccountSchema } }, required: true },
  },
  responses: {
    201: { description: 'added', content: { 'application/json': { schema: AccountSchema } } },
    400: problem('an unknown team or a bad field'),
    409: problem('the e-mail has an account'),
    ...refusals,
  },
})

const change = createRoute({
  method: 'patch',
  path: '/{id}',
  summary: "Change an account's name, role, teams or password, or disable it (owners only)",
  security: [{ bearer: [] }],
  request: {
    params: z.object({ id: z.string().min(1).max(100) }),
    body: { content: { 'application/json': { schema: AccountChangeSchema } }, required: true },
  },
  responses: {
    200: { description: 'changed', content: { 'application/json': { schema: AccountSchema } } },
    400: problem('an unknown team or a bad field'),
    404: problem('no such account'),
    409: problem('it would leave no owner'),
    ...refusals,
  },
})

export function accountRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(list, async (c) => {
      requireAccess(c, { role: 'owner', writes: false })
      const accounts = await deps.db.selectFrom('accounts').selectAll().orderBy('email').execute()
      return c.json({ accounts: accounts.map(accountView) }, 200)
    })
    .openapi(create, async (c) => {
      const access = requireAccess(c, { role: 'owner', writes: true })
      const body = c.req.valid('json')
      await checkTeams(deps.db, body.teams)
      const account = await deps.db.transaction().execute(async (tx) => {
        const taken = await tx
          .selectFrom('accounts')
          .select('id')
          .where('email', '=', body.email.trim().toLowerCase())
          .executeTakeFirst()
        if (taken) throw new ApiError(409, 'conflict', `${body.email} already has an account`)
        const created = await createAccount(tx, body)
        await recordAudit(tx, {
          actor: access.actor,
          action: 'account.create',
          target: created.id,
          details: { email: created.email, role: created.role, teams: created.teams },
        })
        return created
      })
      return c.json(accountView(account), 201)
    })
    .openapi(change, async (c) => {
      const access = requireAccess(c, { role: 'owner', writes: true })
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      await checkTeams(deps.db, body.teams)
      const account = await deps.db.transaction().execute(async (tx) => {
        const before = await tx
          .selectFrom('accounts')
          .selectAll()
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst()
        if (!before) throw notFound('account', id)
        const demoted = body.role !== undefined && body.role !== 'owner'
        if (before.role === 'owner' && (demoted || body.disabled === true)) {
          await keepAnOwner(tx, id)
        }
        const after = await tx
          .updateTable('accounts')
          .set({
            ...(body.name !== undefined && { name: body.name }),
            ...(body.role !== undefined && { role: body.role }),
            ...(body.teams !== undefined && { teams: body.teams }),
            ...(body.password !== undefined && {
              password_hash: await hashPassword(body.password),
            }),
            ...(body.disabled !== undefined && {
              disabled_at: body.disabled ? (before.disabled_at ?? new Date(deps.now())) : null,
            }),
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow()
        // What it may see changed, or its password: its open sessions end.
        if (
          body.role !== undefined ||
          body.teams !== undefined ||
          body.password !== undefined ||
          body.disabled === true
        ) {
          await endSessionsOf(tx, id)
        }
        await recordAudit(tx, {
          actor: access.actor,
          action: 'account.change',
          target: id,
          details: changedFields(before, body),
        })
        return after
      })
      deps.auth.cache.clear()
      return c.json(accountView(account), 200)
    })
}

/** Refuses team ids the score does not name, with the ones it does not know. */
export async function checkTeams(
  db: Db,
  teams: readonly string[] | null | undefined,
): Promise<void> {
  if (!teams || teams.length === 0) return
  const rows = await db
    .selectFrom('teams')
    .select('id')
    .where('id', 'in', [...teams])
    .execute()
  const known = new Set(rows.map((row) => row.id))
  const unknown = teams.filter((team) => !known.has(team))
  if (unknown.length > 0) {
    throw new ApiError(
      400,
      'invalid_request',
      `teams: no team ${unknown.map((t) => JSON.stringify(t)).join(', ')}`,
    )
  }
}

async function keepAnOwner(db: Db, leaving: string): Promise<void> {
  const others = await db
    .selectFrom('accounts')
    .select('id')
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .where('id', '!=', leaving)
    .execute()
  if (others.length === 0) {
    throw new ApiError(409, 'conflict', 'this is the last owner; make another owner first')
  }
}

/** What changed, for the audit log: values for plain fields, never the password. */
function changedFields(
  before: Account,
  body: { name?: string; role?: string; teams?: string[]; password?: string; disabled?: boolean },
): Record<string, unknown> {
  return {
    ...(body.name !== undefined && { name: [before.name, body.name] }),
    ...(body.role !== undefined && { role: [before.role, body.role] }),
    ...(body.teams !== undefined && { teams: [before.teams, body.teams] }),
    ...(body.password !== undefined && { password: 'changed' }),
    ...(body.disabled !== undefined && { disabled: body.disabled }),
  }
}
