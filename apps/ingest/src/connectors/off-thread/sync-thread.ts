import { parentPort, workerData } from 'node:worker_threads'
import { createLogger } from '../../logger.js'
import { connectorFor } from '../registry.js'
import { pageToWire } from './wire.js'
import type { FromThread, SyncThreadInput, ToThread } from './wire.js'

// A worker thread that runs one sync's reading side: the vendor's HTTP, JSON parsing and
// mapping. The sync's thread only stores, so reading the next pages and storing this one run
// on both cores instead of taking turns on one.

/**
 * Pages sent but not yet taken. With the sync's own read-ahead, a page or two wait beside the one
 * being stored: more bought no speed in the benchmark, only memory (299 against 281 MB).
 */
const AHEAD = 1

const input = workerData as SyncThreadInput
const port = parentPort!
const stopping = new AbortController()
let credit = AHEAD
let wake: (() => void) | undefined

port.on('message', (message: ToThread) => {
  if (message.type === 'stop') stopping.abort()
  else credit++
  wake?.()
})

const log = createLogger(input.log.level).child(input.log.bindings)
const connector = connectorFor(input.integration, {
  env: input.env,
  log,
  ...(input.http && { http: input.http }),
})
const send = (message: FromThread) => port.postMessage(message)
const stats = () => ({ ...connector.stats })

try {
  const pages = connector.sync({
    ...input.options,
    cursors: new Map(input.options.cursors),
    signal: stopping.signal,
  })
  for await (const page of pages) {
    while (credit === 0 && !stopping.signal.aborted) await new Promise<void>((r) => (wake = r))
    if (stopping.signal.aborted) break
    credit--
    send({ type: 'page', page: pageToWire(page), stats: stats() })
  }
  send({ type: 'done', stats: stats() })
} catch (error) {
  send({
    type: 'failed',
    message: error instanceof Error ? error.message : String(error),
    stats: stats(),
  })
} finally {
  port.close()
}
