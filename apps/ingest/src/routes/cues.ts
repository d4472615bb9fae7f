import { createRoute, z } from '@hono/zod-openapi'
import { requireAccess } from '../auth/request-access.js'
import { CUE_KINDS, CUE_STATUSES } from '../db/tables/cues.js'
import { SEVERITIES } from '../score/score-types.js'
import { createRouter } from './router.js'
import { problem } from './schemas.js'
import type { AppDeps } from './deps.js'

const CueSchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    rhythm: z.string(),
    kind: z.enum(CUE_KINDS),
    severity: z.enum(SEVERITIES),
    title: z.string(),
    status: z.enum(CUE_STATUSES),
    attempts: z.number(),
    nextAttemptAt: z.number().describe('epoch ms: when it is due, or retried'),
    note: z.string().nullable().describe('why it was suppressed, or the last failure to send it'),
    createdAt: z.number(),
    sentAt: z.number().nullable(),
  })
  .openapi('Cue')

const list = createRoute({
  method: 'get',
  path: '/',
  summary: "Notifications planned from flips and their delivery, newest first (the caller's teams)",
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      status: z.enum(CUE_STATUSES).optional(),
      channel: z.string().max(100).optional(),
      rhythm: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      before: z.coerce.number().int().positive().optional().openapi({ description: 'a cue id' }),
    }),
  },
  responses: {
    200: {
      description: 'cues',
      content: { 'application/json': { schema: z.object({ cues: z.array(CueSchema) }) } },
    },
    401: problem('not signed in'),
  },
})

export function cueRoutes(deps: AppDeps) {
  return createRouter().openapi(list, async (c) => {
    const access = requireAccess(c)
    const { status, channel, rhythm, limit, before } = c.req.valid('query')
    let query = deps.db
      .selectFrom('cues')
      .innerJoin('rhythms', 'rhythms.id', 'cues.rhythm_id')
      .selectAll('cues')
      .orderBy('cues.id', 'desc')
      .limit(limit)
    // A section leader or viewer sees the cues of their teams' rhythms only.
    if (access.teams !== 'all') {
      const teams = [...access.teams]
      if (teams.length === 0) return c.json({ cues: [] }, 200)
      query = query.where('rhythms.team_id', 'in', teams)
    }
    if (status) query = query.where('cues.status', '=', status)
    if (channel) query = query.where('cues.channel_id', '=', channel)
    if (rhythm) query = query.where('cues.rhythm_id', '=', rhythm)
    if (before !== undefined) query = query.where('cues.id', '<', before)
    const rows = await query.execute()
    return c.json(
      {
        cues: rows.map((row) => ({
          id: String(row.id),
          channel: row.channel_id,
          rhythm: row.rhythm_id,
          kind: row.kind,
          severity: row.severity,
          title: row.message.title,
          status: row.status,
          attempts: row.attempts,
          nextAttemptAt: row.next_attempt_at.getTime(),
          note: row.note,
          createdAt: row.created_at.getTime(),
          sentAt: row.sent_at?.getTime() ?? null,
        })),
      },
      200,
    )
  })
}
