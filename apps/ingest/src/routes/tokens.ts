import { createRoute, z } from '@hono/zod-openapi'
import { accessTokenView, createAccessToken } from '../auth/access-tokens.js'
import { recordAudit } from '../auth/audit.js'
import { requireAccess } from '../auth/request-access.js'
import { mayGrant, seesTeam, teamList } from '../auth/roles.js'
import { ApiError, notFound } from '../errors.js'
import { checkTeams } from './accounts.js'
import { AccessTokenSchema, NewAccessTokenSchema } from './auth-schemas.js'
import { createRouter } from './router.js'
import { problem } from './schemas.js'
import type { Access } from '../auth/roles.js'
import type { AppDeps } from './deps.js'

const refusals = { 401: problem('not signed in'), 403: problem('not allowed') }

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Kiosk and API tokens: all of them for owners, one’s own for others, with last use',
  security: [{ bearer: [] }],
  responses: {
    200: {
      description: 'tokens',
      content: { 'application/json': { schema: z.object({ tokens: z.array(AccessTokenSchema) }) } },
    },
    ...refusals,
  },
})

const create = createRoute({
  method: 'post',
  path: '/',
  summary: 'Make a kiosk token (a read-only wall screen) or an API token; its secret is shown once',
  security: [{ bearer: [] }],
  request: {
    body: { content: { 'application/json': { schema: NewAccessTokenSchema } }, required: true },
  },
  responses: {
    201: {
      description: 'made',
      content: {
        'application/json': { schema: AccessTokenSchema.extend({ token: z.string() }) },
      },
    },
    400: problem('an unknown team or a bad field'),
    ...refusals,
  },
})

const revoke = createRoute({
  method: 'delete',
  path: '/{id}',
  summary: 'Revoke a token: it stops working at once',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.string().min(1).max(100) }) },
  responses: { 204: { description: 'revoked' }, 404: problem('no such token'), ...refusals },
})

export function tokenRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(list, async (c) => {
      const access = requireAccess(c, { role: 'section-leader' })
      let query = deps.db.selectFrom('access_tokens').selectAll().orderBy('created_at', 'desc')
      if (access.role !== 'owner') query = query.where('created_by', '=', access.accountId)
      return c.json({ tokens: (await query.execute()).map(accessTokenView) }, 200)
    })
    .openapi(create, async (c) => {
      const access = requireAccess(c, { role: 'section-leader', writes: true })
      const body = c.req.valid('json')
      const role = body.kind === 'kiosk' ? 'viewer' : (body.role ?? 'viewer')
      if (!mayGrant(access.role, role)) {
        throw new ApiError(403, 'forbidden', `a ${access.role} cannot make a ${role} token`)
      }
      await checkTeams(deps.db, body.teams)
      const teams = tokenTeams(access, body.teams ?? null)
      const made = await deps.db.transaction().execute(async (tx) => {
        const result = await createAccessToken(tx, {
          kind: body.kind,
          name: body.name,
          role,
          teams,
          createdBy: access.accountId,
        })
        await recordAudit(tx, {
          actor: access.actor,
          action: 'token.create',
          target: result.row.id,
          details: { kind: body.kind, name: body.name, role, teams },
        })
        return result
      })
      return c.json({ ...accessTokenView(made.row), token: made.token }, 201)
    })
    .openapi(revoke, async (c) => {
      const access = requireAccess(c, { role: 'section-leader', writes: true })
      const { id } = c.req.valid('param')
      await deps.db.transaction().execute(async (tx) => {
        const token = await tx
          .selectFrom('access_tokens')
          .select(['id', 'created_by', 'revoked_at'])
          .where('id', '=', id)
          .executeTakeFirst()
        // Someone else's token is as good as absent: its id tells nothing.
        if (!token || (access.role !== 'owner' && token.created_by !== access.accountId)) {
          throw notFound('token', id)
        }
        if (token.revoked_at !== null) return
        await tx
          .updateTable('access_tokens')
          .set({ revoked_at: new Date(deps.now()) })
          .where('id', '=', id)
          .execute()
        await recordAudit(tx, { actor: access.actor, action: 'token.revoke', target: id })
      })
      deps.auth.cache.clear()
      return c.body(null, 204)
    })
}

/** A token sees at most what its creator sees: chosen teams inside theirs, or all of theirs. */
function tokenTeams(access: Access, chosen: readonly string[] | null): string[] | null {
  if (chosen === null) return teamList(access.teams)
  const outside = chosen.filter((team) => !seesTeam(access, team))
  if (outside.length > 0) {
    throw new ApiError(403, 'forbidden', `teams: not yours to share: ${outside.join(', ')}`)
  }
  return [...new Set(chosen)].sort()
}
