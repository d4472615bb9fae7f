import { createRoute, z } from '@hono/zod-openapi'
import { createRouter } from './router.js'
import { sql } from 'kysely'
import type { AppDeps } from './deps.js'

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the process answers',
  responses: {
    200: {
      description: 'alive',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
})

const ReadySchema = z.object({
  status: z.enum(['ready', 'starting', 'unavailable']),
  checks: z.record(z.string(), z.boolean()),
})
const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  summary: 'Readiness: the database answers and a score is loaded',
  responses: {
    200: { description: 'ready', content: { 'application/json': { schema: ReadySchema } } },
    503: { description: 'not ready', content: { 'application/json': { schema: ReadySchema } } },
  },
})

export function healthRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyz, async (c) => {
      const database = await sql`select 1`
        .execute(deps.db)
        .then(() => true)
        .catch(() => false)
      const score = deps.ready()
      if (database && score)
        return c.json({ status: 'ready' as const, checks: { database, score } }, 200)
      return c.json(
        {
          status: database ? ('starting' as const) : ('unavailable' as const),
          checks: { database, score },
        },
        503,
      )
    })
}
