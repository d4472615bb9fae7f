import { createRoute, z } from '@hono/zod-openapi'
import { createRouter } from './router.js'
import { ApiError, notFound } from '../errors.js'
import { tokenAllows } from '../beats/ping-tokens.js'
import { bearerOf } from '../auth/authenticate.js'
import { clientAddress, requireAccess } from '../auth/request-access.js'
import { seesTeam } from '../auth/roles.js'
import { problem } from './schemas.js'
import type { MiddlewareHandler } from 'hono'
import type { AppDeps } from './deps.js'

const BeatBodySchema = z
  .object({
    ok: z.boolean().default(true).openapi({ description: 'false for a failed run' }),
    at: z
      .union([z.iso.datetime({ offset: true }), z.number().int().nonnegative()])
      .optional()
      .openapi({ description: 'when it happened: ISO 8601 with offset, or epoch ms; default now' }),
    player: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'the device or person that played it' }),
    key: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'for SLA rhythms: the trigger (ticket) it answers' }),
    idempotencyKey: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: 'a retried call with the same key makes no second beat' }),
  })
  .strict()
  .openapi('BeatInput')

/**
 * Checks the rhythm exists and the caller may beat it, before the body is even read: a ping
 * token from the score (the rhythm's or its organisation's), or a session or API token of a
 * section leader or higher whose teams include the rhythm's. Kiosks and viewers only read.
 */
function requireBeatAccess(deps: AppDeps): MiddlewareHandler {
  return async (c, next) => {
    await deps.auth.requests.pings.take(clientAddress(c, deps.auth.trustedProxies))
    const rhythmId = c.req.param('rhythm') ?? ''
    const rhythm = deps.catalog().get(rhythmId)
    const access = c.get('access')
    // A signed-in caller learns nothing of another team's rhythms, not even that they exist.
    if (!rhythm || (access && !seesTeam(access, rhythm.team_id))) throw notFound('rhythm', rhythmId)
    if (access) {
      requireAccess(c, { role: 'section-leader', writes: true })
      return next()
    }
    const token = bearerOf(c.req.header('authorization'))
    if (!token || !tokenAllows({ token, rhythm, tokens: deps.tokens() })) {
      throw new ApiError(
        401,
        'unauthorized',
        `a token for rhythm ${rhythmId} or its organisation is required`,
      )
    }
    await next()
  }
}

const postRoute = (deps: AppDeps) =>
  createRoute({
    method: 'post',
    path: '/{rhythm}',
    middleware: [requireBeatAccess(deps)] as const,
    summary: 'Record a beat: the ping API any script can call, and a person\u2019s check-in',
    security: [{ bearer: [] }],
    request: {
      params: z.object({ rhythm: z.string().min(1) }),
      body: { required: false, content: { 'application/json': { schema: BeatBodySchema } } },
    },
    responses: {
      201: {
        description: 'a new beat',
        content: {
          'application/json': {
            schema: z.object({ created: z.literal(true), inRest: z.boolean() }),
          },
        },
      },
      200: {
        description: 'a replay of a beat already recorded',
        content: { 'application/json': { schema: z.object({ created: z.literal(false) }) } },
      },
      400: problem('invalid body'),
      403: problem('signed in, but may not beat it (a viewer or kiosk)'),
      401: problem('missing or wrong token'),
      429: problem('too many pings from this address; Retry-After says when to send again'),
      404: problem('no such rhythm'),
    },
  })

// A day of clock skew is tolerated; beyond that a time is a mistake, not a late beat.
const FUTURE_LIMIT_MS = 86_400_000

export function beatRoutes(deps: AppDeps) {
  return createRouter().openapi(postRoute(deps), async (c) => {
    const { rhythm: rhythmId } = c.req.valid('param')
    const rhythm = deps.catalog().get(rhythmId)
    if (!rhythm) throw notFound('rhythm', rhythmId)
    // The body is optional (`curl -X POST` is a beat): without one, the defaults apply.
    const body = BeatBodySchema.parse(c.req.valid('json') ?? {})
    const now = deps.now()
    const at =
      body.at === undefined ? now : typeof body.at === 'number' ? body.at : Date.parse(body.at)
    if (at > now + FUTURE_LIMIT_MS) {
      throw new ApiError(
        400,
        'invalid_request',
        `at: ${new Date(at).toISOString()} is more than a day in the future`,
      )
    }
    const { created } = await deps.sink.recordBeat({
      rhythmId,
      at,
      ok: body.ok,
      ...(body.player === undefined ? {} : { player: body.player }),
      ...(body.key === undefined ? {} : { key: body.key }),
      ...(body.idempotencyKey === undefined ? {} : { idempotencyKey: body.idempotencyKey }),
      origin: 'api',
    })
    if (!created) return c.json({ created: false as const }, 200)
    return c.json({ created: true as const, inRest: deps.catalog().inRest(rhythm, at) }, 201)
  })
}
