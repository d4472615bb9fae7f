import { Worker } from 'node:worker_threads'
import { connectorFor } from '../registry.js'
import { pageFromWire } from './wire.js'
import type { Connector, ConnectorDeps, SyncOptions, SyncPage } from '../connector.js'
import type { HttpStats } from '../http/vendor-http.js'
import type { ScoreIntegration } from '../../score/score-types.js'
import type { FromThread, SyncThreadInput, ToThread } from './wire.js'

const THREAD = new URL('./sync-thread.js', import.meta.url)

/**
 * Builds a connector like `connectorFor` (its settings checked here, its webhooks served here)
 * whose syncs read the vendor on a worker thread (`sync-thread.ts`). A large sync is bound by
 * one core otherwise: parsing megabytes of vendor JSON and storing the last page took turns.
 * The composition roots use it; tests that mock vendors with msw, which intercepts only its own
 * thread, build connectors in-thread.
 */
export function threadedConnectorFor(
  integration: ScoreIntegration,
  deps: ConnectorDeps,
): Connector {
  const local = connectorFor(integration, deps)
  const finished: HttpStats = { requests: 0, retries: 0 }
  let current: HttpStats = { requests: 0, retries: 0 }
  const input = (options: SyncOptions): SyncThreadInput => ({
    integration,
    env: { ...deps.env },
    ...(deps.http && { http: deps.http }),
    log: { level: deps.log.level, bindings: deps.log.bindings() },
    options: { since: options.since, now: options.now, cursors: [...options.cursors] },
  })

  async function* sync(options: SyncOptions): AsyncGenerator<SyncPage> {
    current = { requests: 0, retries: 0 }
    try {
      yield* syncOnThread(input(options), options.signal, (stats) => (current = stats))
    } finally {
      finished.requests += current.requests
      finished.retries += current.retries
      current = { requests: 0, retries: 0 }
    }
  }

  return {
    vendor: local.vendor,
    integrationId: local.integrationId,
    stats: {
      get requests() {
        return local.stats.requests + finished.requests + current.requests
      },
      get retries() {
        return local.stats.retries + finished.retries + current.retries
      },
    },
    sync,
    ...(local.webhook && { webhook: local.webhook.bind(local) }),
  }
}

async function* syncOnThread(
  input: SyncThreadInput,
  signal: AbortSignal | undefined,
  onStats: (stats: HttpStats) => void,
): AsyncGenerator<SyncPage> {
  const worker = new Worker(THREAD, {
    workerData: input,
    // The thread keeps a few pages at most; a young generation that holds a page's parsed
    // tickets lets them die young instead of being promoted and marked (a third fewer GC ms).
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 32 },
  })
  type Message = FromThread | { type: 'crashed'; message: string } | { type: 'exit'; code: number }
  const inbox: Message[] = []
  let wake: (() => void) | undefined
  const deliver = (message: Message) => {
    inbox.push(message)
    wake?.()
  }
  worker.on('message', deliver)
  worker.on('error', (error) => deliver({ type: 'crashed', message: error.message }))
  worker.on('exit', (code) => deliver({ type: 'exit', code }))
  const tell = (message: ToThread) => worker.postMessage(message)
  const stop = () => tell({ type: 'stop' })
  signal?.addEventListener('abort', stop, { once: true })
  try {
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve))
      const message = inbox.shift()!
      if (message.type === 'exit') {
        throw new Error(`the sync thread stopped (exit code ${message.code}) before the end`)
      }
      if (message.type === 'crashed') throw new Error(`the sync thread failed: ${message.message}`)
      onStats(message.stats)
      if (message.type === 'failed') throw new Error(message.message)
      if (message.type === 'done') return
      tell({ type: 'taken' })
      yield pageFromWire(message.page)
    }
  } finally {
    signal?.removeEventListener('abort', stop)
    await worker.terminate()
  }
}
