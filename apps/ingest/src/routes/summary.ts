import { createRoute, z } from '@hono/zod-openapi'
import { ApiError } from '../errors.js'
import { monthRange } from '../summary/month-range.js'
import { monthlySummary } from '../summary/monthly-summary.js'
import { monthlyTrend } from '../summary/monthly-trend.js'
import { summaryCsv } from '../summary/summary-csv.js'
import { createRouter } from './router.js'
import { requireAccess } from '../auth/request-access.js'
import { CountsSchema, ErrorSchema, LayerSchema, ReasonSchema, StateSchema } from './schemas.js'
import type { AppDeps } from './deps.js'

const FiguresSchema = z.object({
  adherence: z.number().nullable(),
  expected: z.number(),
  onTime: z.number(),
  late: z.number(),
  missed: z.number(),
  failed: z.number(),
})
const GroupSchema = FiguresSchema.extend({
  previous: FiguresSchema.nullable(),
  change: z.number().nullable(),
  rhythms: z.number(),
  tight: z.number(),
  drifting: z.number(),
  silent: z.number(),
})
const RhythmMonthSchema = z.object({
  id: z.string(),
  name: z.string(),
  layer: LayerSchema,
  team: z.string(),
  organisation: z.string(),
  target: z.number(),
  adherence: z.number().nullable(),
  previousAdherence: z.number().nullable(),
  counts: CountsSchema,
  state: StateSchema,
  reasons: z.array(ReasonSchema),
  beatNoun: z.string(),
})
const MonthlySummarySchema = z
  .object({
    month: z.string(),
    tz: z.string(),
    from: z.number(),
    to: z.number(),
    partial: z.boolean(),
    generatedAt: z.number(),
    demo: z.boolean(),
    overall: FiguresSchema.extend({
      previous: FiguresSchema.nullable(),
      change: z.number().nullable(),
    }),
    layers: z.array(GroupSchema.extend({ layer: LayerSchema })),
    teams: z.array(GroupSchema.extend({ team: z.string(), name: z.string() })),
    organisations: z.array(GroupSchema.extend({ organisation: z.string(), name: z.string() })),
    drifted: z.array(RhythmMonthSchema),
    held: z.array(RhythmMonthSchema),
    sentences: z.array(z.string()),
    trend: z
      .array(
        z.object({
          month: z.string(),
          overall: z.number().nullable(),
          layers: z.record(z.string(), z.number().nullable()),
        }),
      )
      .optional(),
  })
  .openapi('MonthlySummary')

const get = createRoute({
  method: 'get',
  path: '/{month}',
  summary:
    "The owner's monthly cadence summary: per layer, team and organisation, this month against the last",
  request: {
    params: z.object({
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month like 2026-11'),
    }),
    query: z.object({
      tz: z
        .string()
        .optional()
        .openapi({ description: 'the zone months are counted in; default BATON_TZ' }),
      trend: z
        .enum(['true', 'false'])
        .optional()
        .openapi({ description: 'add the 12 months ending with this one' }),
      format: z.enum(['json', 'csv']).optional(),
    }),
  },
  responses: {
    200: {
      description: 'the summary (or its numbers as CSV with format=csv)',
      content: {
        'application/json': { schema: MonthlySummarySchema },
        'text/csv': { schema: z.string() },
      },
    },
    400: {
      description: 'a bad month or zone, or a month that has not begun',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
})

export function summaryRoutes(deps: AppDeps) {
  return createRouter().openapi(get, async (c) => {
    const { teams } = requireAccess(c)
    const { month } = c.req.valid('param')
    const query = c.req.valid('query')
    const tz = query.tz ?? deps.tz
    const now = deps.now()
    let range
    try {
      range = monthRange(month, tz)
    } catch (error) {
      throw new ApiError(400, 'invalid_request', `tz: ${(error as Error).message}`)
    }
    if (now < range.from) {
      throw new ApiError(400, 'invalid_request', `month: ${month} has not begun yet in ${tz}`)
    }
    // A section leader's summary is of their teams' rhythms alone.
    const catalog = deps.catalog().withinTeams(teams)
    const summary = await monthlySummary({ db: deps.db, catalog, month, tz, now })
    if (query.format === 'csv') {
      return c.body(summaryCsv(summary), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="baton-summary-${month}.csv"`,
      })
    }
    const trend =
      query.trend === 'true'
        ? await monthlyTrend({ db: deps.db, catalog, tz, now, endMonth: month })
        : undefined
    return c.json({ ...summary, ...(trend ? { trend } : {}) }, 200)
  })
}
