import { Hono } from 'hono'

/** Builds the ingest HTTP app. Storage, the score and the read API arrive with issue 3. */
export function createApp() {
  return new Hono().get('/healthz', (c) => c.json({ status: 'ok' }))
}

export type AppType = ReturnType<typeof createApp>
