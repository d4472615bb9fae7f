import { createRoute, z } from '@hono/zod-openapi'
import { requireAccess } from '../auth/request-access.js'
import { AuditEntrySchema } from './auth-schemas.js'
import { createRouter } from './router.js'
import { problem } from './schemas.js'
import type { AppDeps } from './deps.js'

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Who changed the score, integrations, tokens and accounts, newest first (owners only)',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      before: z.coerce.number().int().positive().optional().openapi({ description: 'an entry id' }),
    }),
  },
  responses: {
    200: {
      description: 'entries',
      content: { 'application/json': { schema: z.object({ entries: z.array(AuditEntrySchema) }) } },
    },
    401: problem('not signed in'),
    403: problem('not an owner'),
  },
})

export function auditRoutes(deps: AppDeps) {
  return createRouter().openapi(list, async (c) => {
    requireAccess(c, { role: 'owner' })
    const { limit, before } = c.req.valid('query')
    let query = deps.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit)
    if (before !== undefined) query = query.where('id', '<', String(before))
    const rows = await query.execute()
    return c.json(
      {
        entries: rows.map((row) => ({
          id: String(row.id),
          at: row.at.getTime(),
          actor: row.actor,
          action: row.action,
          target: row.target,
          details: row.details,
        })),
      },
      200,
    )
  })
}
