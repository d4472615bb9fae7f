import { streamSSE } from 'hono/streaming'
import { eventsAfter, latestEventId } from '../db/queries/events.js'
import { createRouter } from './router.js'
import { requireAccess } from '../auth/request-access.js'
import type { EventRow } from '../db/database.js'
import type { AppDeps } from './deps.js'

const REPLAY_PAGE = 1000
const DEFAULT_HEARTBEAT_MS = 15_000

/**
 * Server-sent events of new beats and state changes. Each carries its journal id, so a client
 * that reconnects with Last-Event-ID (or ?after=) gets what it missed; heartbeats keep proxies
 * from closing the connection and tell the client the stream is alive.
 */
export function streamRoutes(deps: AppDeps) {
  const router = createRouter()
  router.openAPIRegistry.registerPath({
    method: 'get',
    path: '/stream',
    summary:
      'Live stream (text/event-stream) of `beat` and `state` events, with `heartbeat` events',
    responses: {
      200: {
        description: 'an event stream',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
    },
  })
  return router.get('/stream', (c) => {
    const { teams } = requireAccess(c)
    // Only events of rhythms one may see; a rhythm the score dropped is nobody's now.
    const visible = (event: EventRow) => {
      if (teams === 'all') return true
      const rhythm = deps.catalog().get(event.rhythm_id)
      return rhythm !== undefined && teams.has(rhythm.team_id)
    }
    const resumeFrom = Number(c.req.header('last-event-id') ?? c.req.query('after'))
    return streamSSE(c, async (stream) => {
      const queue: EventRow[] = []
      let wake: (() => void) | undefined
      let open = true
      // Subscribe before replaying, so nothing committed in between is lost; ids dedupe.
      const unsubscribe = deps.bus.subscribe((event) => {
        queue.push(event)
        wake?.()
      })
      stream.onAbort(() => {
        open = false
        unsubscribe()
        wake?.()
      })
      let cursor = Number.isFinite(resumeFrom) ? resumeFrom : await latestEventId(deps.db)
      // Ids come from a sequence but transactions commit in their own order, so a lower id can
      // arrive after a higher one: dedupe by the ids sent, never by comparing with the cursor.
      const replayed = new Set<number>()
      const send = async (event: EventRow, replay = false) => {
        if (replayed.has(event.id)) return
        if (replay) replayed.add(event.id)
        cursor = Math.max(cursor, event.id)
        if (!visible(event)) return
        await stream.writeSSE({
          id: String(event.id),
          event: event.type,
          data: JSON.stringify(event.payload),
        })
      }
      await stream.writeSSE({ event: 'hello', data: JSON.stringify({ cursor, at: deps.now() }) })
      for (
        let page = await eventsAfter(deps.db, cursor, REPLAY_PAGE);
        page.length > 0;
        page = await eventsAfter(deps.db, cursor, REPLAY_PAGE)
      ) {
        for (const event of page) await send(event, true)
        if (page.length < REPLAY_PAGE) break
      }
      const heartbeatMs = deps.heartbeatMs ?? DEFAULT_HEARTBEAT_MS
      while (open) {
        while (queue.length > 0) await send(queue.shift()!)
        const woken = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), heartbeatMs)
          wake = () => {
            clearTimeout(timer)
            resolve(true)
          }
        })
        wake = undefined
        if (!woken && open)
          await stream.writeSSE({
            event: 'heartbeat',
            data: JSON.stringify({ at: deps.now(), cursor }),
          })
      }
    })
  })
}
