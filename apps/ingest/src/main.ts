#!/usr/bin/env node
import { serve } from '@hono/node-server'
import { createApp } from './app.js'

const port = Number(process.env.BATON_API_PORT ?? 8787)
const server = serve({ fetch: createApp().fetch, port, hostname: '127.0.0.1' }, (info) => {
  console.log(`Baton ingest listening on http://127.0.0.1:${info.port}`)
})

function shutdown() {
  server.close(() => process.exit(0))
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
