import { createRoute, z } from '@hono/zod-openapi'
import { createRouter } from './router.js'
import { requireAccess } from '../auth/request-access.js'
import type { AppDeps } from './deps.js'

const SyncRunSchema = z.object({
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  status: z.enum(['running', 'succeeded', 'failed']),
  pages: z.number(),
  recordsNew: z.number(),
  recordsUpdated: z.number(),
  recordsQuarantined: z.number(),
  requests: z.number(),
  retries: z.number(),
  error: z.string().nullable(),
})

const SyncProgressSchema = z
  .object({
    startedAt: z.string(),
    stream: z.string().nullable().openapi({ description: 'the stream being read, like tickets' }),
    done: z.number().openapi({ description: 'records read so far in that stream' }),
    total: z
      .number()
      .nullable()
      .openapi({ description: 'the stream total, when the vendor tells' }),
    pages: z.number(),
    records: z.number(),
  })
  .openapi('SyncProgress')

const IntegrationSchema = z
  .object({
    id: z.string(),
    vendor: z.string(),
    demo: z.boolean(),
    active: z.boolean(),
    schedule: z.string(),
    freshnessMs: z.number(),
    lastSuccessAt: z.string().nullable(),
    lastRunAt: z.string().nullable(),
    lastError: z.string().nullable(),
    state: z.enum(['fresh', 'stale', 'never-synced']),
    quarantined: z.number(),
    syncing: SyncProgressSchema.nullable().openapi({
      description: 'the sync running in this instance now, if any',
    }),
    runs: z.array(SyncRunSchema),
  })
  .openapi('Integration')

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Integrations with their sync state, live progress, recent runs and quarantined records',
  responses: {
    200: {
      description: 'integrations',
      content: {
        'application/json': { schema: z.object({ integrations: z.array(IntegrationSchema) }) },
      },
    },
  },
})

const RECENT_RUNS = 10

export function integrationRoutes(deps: AppDeps) {
  return createRouter().openapi(list, async (c) => {
    requireAccess(c, { role: 'conductor' })
    const [integrations, quarantine] = await Promise.all([
      deps.db.selectFrom('integrations').selectAll().orderBy('id').execute(),
      deps.db
        .selectFrom('quarantine')
        .select(['integration_id', (eb) => eb.fn.countAll<number>().as('count')])
        .groupBy('integration_id')
        .execute(),
    ])
    const now = deps.now()
    const result = []
    for (const integration of integrations) {
      const runs = await deps.db
        .selectFrom('sync_runs')
        .selectAll()
        .where('integration_id', '=', integration.id)
        .orderBy('started_at', 'desc')
        .limit(RECENT_RUNS)
        .execute()
      const last = integration.last_success_at?.getTime()
      const syncing = deps.syncs.progress(integration.id)
      result.push({
        id: integration.id,
        vendor: integration.vendor,
        demo: integration.demo,
        active: integration.active,
        schedule: integration.schedule,
        freshnessMs: integration.freshness_ms,
        lastSuccessAt: integration.last_success_at?.toISOString() ?? null,
        lastRunAt: integration.last_run_at?.toISOString() ?? null,
        lastError: integration.last_error,
        state:
          last === undefined
            ? ('never-synced' as const)
            : now - last <= integration.freshness_ms
              ? ('fresh' as const)
              : ('stale' as const),
        quarantined: Number(
          quarantine.find((row) => row.integration_id === integration.id)?.count ?? 0,
        ),
        syncing: syncing
          ? {
              startedAt: new Date(syncing.startedAt).toISOString(),
              stream: syncing.stream,
              done: syncing.done,
              total: syncing.total,
              pages: syncing.pages,
              records: syncing.records,
            }
          : null,
        runs: runs.map((run) => ({
          startedAt: run.started_at.toISOString(),
          finishedAt: run.finished_at?.toISOString() ?? null,
          status: run.status,
          pages: run.pages,
          recordsNew: run.records_new,
          recordsUpdated: run.records_updated,
          recordsQuarantined: run.records_quarantined,
          requests: run.requests,
          retries: run.retries,
          error: run.error,
        })),
      })
    }
    return c.json({ integrations: result }, 200)
  })
}
