import { evaluate } from '@baton/cadence'
import { createRoute, z } from '@hono/zod-openapi'
import { PageQuerySchema, PageSchema } from './page.js'
import { createRouter } from './router.js'
import { requireAccess } from '../auth/request-access.js'
import { notFound } from '../errors.js'
import { loadInputs } from '../evaluation/load-inputs.js'
import {
  ErrorSchema,
  EvaluationSchema,
  LayerSchema,
  ReasonSchema,
  RhythmItemSchema,
  StateSchema,
} from './schemas.js'
import type { AppDeps } from './deps.js'

const list = createRoute({
  method: 'get',
  path: '/',
  summary: 'Rhythms, worst first, with their latest state, a page at a time',
  request: {
    query: z
      .object({
        layer: LayerSchema.optional(),
        team: z.string().optional(),
        organisation: z.string().optional(),
        state: StateSchema.optional(),
      })
      .extend(PageQuerySchema.shape),
  },
  responses: {
    200: {
      description: 'rhythms',
      content: {
        'application/json': { schema: PageSchema.extend({ rhythms: z.array(RhythmItemSchema) }) },
      },
    },
  },
})

const BeatSchema = z.object({
  id: z.number(),
  at: z.number(),
  ok: z.boolean(),
  player: z.string().nullable(),
  key: z.string().nullable(),
  origin: z.string(),
  inRest: z.boolean(),
})
const FlipSchema = z.object({
  at: z.number(),
  from: StateSchema.nullable(),
  to: StateSchema,
  reasons: z.array(ReasonSchema),
})

const detail = createRoute({
  method: 'get',
  path: '/{id}',
  summary: 'One rhythm: its evaluation now (slots and figures), recent beats and flip history',
  request: { params: z.object({ id: z.string().min(1) }) },
  responses: {
    200: {
      description: 'the rhythm',
      content: {
        'application/json': {
          schema: z.object({
            rhythm: RhythmItemSchema,
            evaluation: EvaluationSchema,
            range: z.object({
              from: z.number(),
              now: z.number(),
              signal: z.enum(['live', 'stale']),
            }),
            beats: z.array(BeatSchema),
            flips: z.array(FlipSchema),
          }),
        },
      },
    },
    404: {
      description: 'no such rhythm',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
})

const RECENT_BEATS = 200
const RECENT_FLIPS = 50

export function rhythmRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(list, async (c) => {
      const { limit, offset, ...filters } = c.req.valid('query')
      const { teams } = requireAccess(c)
      const items = await deps.readModel.filtered(filters, teams)
      return c.json(
        { total: items.length, limit, offset, rhythms: items.slice(offset, offset + limit) },
        200,
      )
    })
    .openapi(detail, async (c) => {
      const { teams } = requireAccess(c)
      const { id } = c.req.valid('param')
      const catalog = deps.catalog()
      const rhythm = catalog.get(id)
      // Another team's rhythm is as good as absent: guessing its id tells nothing.
      const [item] = rhythm ? await deps.readModel.filtered({ id }, teams) : []
      if (!rhythm || !item) throw notFound('rhythm', id)
      const [work] = await loadInputs({ db: deps.db, catalog, rhythms: [rhythm], now: deps.now() })
      const evaluation = evaluate(work!.spec, work!.input, work!.range)
      const [beats, flips] = await Promise.all([
        deps.db
          .selectFrom('beats')
          .select(['id', 'at', 'ok', 'player', 'key', 'origin', 'in_rest'])
          .where('rhythm_id', '=', id)
          .orderBy('at', 'desc')
          .limit(RECENT_BEATS)
          .execute(),
        deps.db
          .selectFrom('rhythm_flips')
          .select(['at', 'from_state', 'to_state', 'reasons'])
          .where('rhythm_id', '=', id)
          .orderBy('at', 'desc')
          .orderBy('id', 'desc')
          .limit(RECENT_FLIPS)
          .execute(),
      ])
      return c.json(
        {
          rhythm: item,
          evaluation,
          range: {
            from: work!.range.from,
            now: work!.range.now,
            signal: work!.range.signal ?? 'live',
          },
          beats: beats.map((beat) => ({
            id: beat.id,
            at: beat.at.getTime(),
            ok: beat.ok,
            player: beat.player,
            key: beat.key,
            origin: beat.origin,
            inRest: beat.in_rest,
          })),
          flips: flips.map((flip) => ({
            at: flip.at.getTime(),
            from: flip.from_state,
            to: flip.to_state,
            reasons: flip.reasons,
          })),
        },
        200,
      )
    })
}
