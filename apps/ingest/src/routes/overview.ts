import { createRoute, z } from '@hono/zod-openapi'
import { PageQuerySchema, PageSchema } from './page.js'
import { jsonTextResponse, toJsonText } from './json-text.js'
import { createRouter } from './router.js'
import { requireAccess } from '../auth/request-access.js'
import { seesTeam } from '../auth/roles.js'
import { notFound } from '../errors.js'
import { groupItems, layerOverviews, summaryOf } from '../read/aggregates.js'
import {
  AttentionSchema,
  ErrorSchema,
  LayerSchema,
  RhythmItemSchema,
  SummarySchema,
} from './schemas.js'
import type { AppDeps } from './deps.js'

const LayerOverviewSchema = z.object({
  layer: LayerSchema,
  summary: SummarySchema,
  drifting: z.array(AttentionSchema),
  silent: z.array(AttentionSchema),
})

const layers = createRoute({
  method: 'get',
  path: '/layers',
  summary: 'Every layer, note to portfolio: tight, drifting and silent counts, and what drifts',
  responses: {
    200: {
      description: 'the layers',
      content: {
        'application/json': {
          schema: z.object({
            generatedAt: z.string(),
            demo: z.boolean(),
            overall: SummarySchema,
            layers: z.array(LayerOverviewSchema),
          }),
        },
      },
    },
  },
})

const GroupSchema = z.object({
  id: z.string(),
  name: z.string(),
  summary: SummarySchema,
  layers: z.array(z.object({ layer: LayerSchema, summary: SummarySchema })),
})

const teams = createRoute({
  method: 'get',
  path: '/teams',
  summary: 'Teams with their summary overall and per layer',
  responses: {
    200: {
      description: 'teams',
      content: { 'application/json': { schema: z.object({ teams: z.array(GroupSchema) }) } },
    },
  },
})

const team = createRoute({
  method: 'get',
  path: '/teams/{id}',
  summary: "A team's rhythms, worst first, a page at a time",
  request: { params: z.object({ id: z.string().min(1) }), query: PageQuerySchema },
  responses: {
    200: {
      description: 'the team',
      content: {
        'application/json': {
          schema: GroupSchema.extend(PageSchema.shape).extend({
            rhythms: z.array(RhythmItemSchema),
          }),
        },
      },
    },
    404: { description: 'no such team', content: { 'application/json': { schema: ErrorSchema } } },
  },
})

const organisations = createRoute({
  method: 'get',
  path: '/organisations',
  summary: 'Organisations (clients) with their summary overall and per layer',
  responses: {
    200: {
      description: 'organisations',
      content: {
        'application/json': {
          schema: z.object({ organisations: z.array(GroupSchema.extend({ tz: z.string() })) }),
        },
      },
    },
  },
})

export function overviewRoutes(deps: AppDeps) {
  return createRouter()
    .openapi(layers, async (c) => {
      const { teams } = requireAccess(c)
      const view = await deps.readModel.derivedFor(teams, 'layers', (items) => ({
        demo: items.length > 0 && items.every((item) => item.demo),
        overall: summaryOf(items),
        layers: layerOverviews(items),
      }))
      return c.json({ generatedAt: new Date(deps.now()).toISOString(), ...view }, 200)
    })
    .openapi(teams, async (c) => {
      const access = requireAccess(c)
      const rows = await deps.db
        .selectFrom('teams')
        .select(['id', 'name'])
        .orderBy('name')
        .execute()
      const groups = await deps.readModel.derivedFor(access.teams, 'teams', (items) =>
        rows
          .filter((row) => seesTeam(access, row.id))
          .map((row) =>
            groupOf(
              row,
              items.filter((item) => item.team.id === row.id),
            ),
          ),
      )
      return c.json({ teams: groups }, 200)
    })
    .openapi(team, async (c) => {
      const access = requireAccess(c)
      const { id } = c.req.valid('param')
      const { limit, offset } = c.req.valid('query')
      // Another team is as good as absent: its id tells nothing.
      if (!seesTeam(access, id)) throw notFound('team', id)
      const row = await deps.db
        .selectFrom('teams')
        .select(['id', 'name'])
        .where('id', '=', id)
        .executeTakeFirst()
      if (!row) throw notFound('team', id)
      // The page is serialised once per read-model version: a section leader's screen and
      // its neighbours ask for the same page again and again between evaluation runs.
      const body = await deps.readModel.derived(`team:${id}:${limit}:${offset}`, (all) => {
        const mine = all.filter((item) => item.team.id === id)
        return toJsonText({
          ...groupOf(row, mine),
          total: mine.length,
          limit,
          offset,
          rhythms: mine.slice(offset, offset + limit),
        })
      })
      return jsonTextResponse(c, body)
    })
    .openapi(organisations, async (c) => {
      const access = requireAccess(c)
      const rows = await deps.db
        .selectFrom('organisations')
        .select(['id', 'name', 'tz'])
        .orderBy('name')
        .execute()
      // A scoped reader sees the clients its teams serve, with only its teams' rhythms.
      const groups = await deps.readModel.derivedFor(access.teams, 'organisations', (items) =>
        rows.flatMap((row) => {
          const mine = items.filter((item) => item.organisation.id === row.id)
          if (access.teams !== 'all' && mine.length === 0) return []
          return [{ ...groupOf(row, mine), tz: row.tz }]
        }),
      )
      return c.json({ organisations: groups }, 200)
    })
}

function groupOf(row: { id: string; name: string }, items: Parameters<typeof summaryOf>[0]) {
  return {
    id: row.id,
    name: row.name,
    summary: summaryOf(items),
    layers: groupItems(items, (item) => ({ id: item.layer, name: item.layer })).map((group) => ({
      layer: group.items[0]!.layer,
      summary: summaryOf(group.items),
    })),
  }
}
