import cron from 'node-cron'
import { ConnectorConfigError } from '../connectors/connector.js'
import { NoConnectorError, connectorFor } from '../connectors/registry.js'
import { runSync } from '../connectors/run-sync.js'
import { SyncProgressBoard } from '../connectors/sync-progress.js'
import type { Connector } from '../connectors/connector.js'
import type { RetryPolicy } from '../connectors/http/vendor-http.js'
import type { ConnectorBuilder } from '../connectors/registry.js'
import type { SyncReport } from '../connectors/run-sync.js'
import type { SyncProgress } from '../connectors/sync-progress.js'
import type { Driver } from '../db/connect.js'
import type { Database } from '../db/database.js'
import type { RecordSink } from '../records/types.js'
import type { ScoreIntegration } from '../score/score-types.js'
import type { Kysely } from 'kysely'
import type { ScheduledTask } from 'node-cron'
import type { Logger } from 'pino'

/** What the API knows of an integration's connector: for webhooks. */
export type ConnectorLookup =
  | { kind: 'ready'; integration: ScoreIntegration; connector: Connector }
  | { kind: 'unknown' }
  /** Misconfigured (a missing credential), or a vendor without a connector (the demo). */
  | { kind: 'unavailable'; reason: string; cause: 'config' | 'no-connector' }

/** The running syncs as the HTTP layer sees them. */
export interface Syncs {
  connector(integrationId: string): ConnectorLookup
  progress(integrationId: string): SyncProgress | undefined
}

interface Planned {
  integration: ScoreIntegration
  /** Its connector, or why it has none (a missing credential, an unbuilt vendor). */
  built: { connector: Connector } | { problem: string; cause: 'config' | 'no-connector' }
  task?: ScheduledTask
}

/**
 * Runs each connected integration's sync on its `schedule`: one at a time per integration in this
 * process (the advisory lock covers other instances), re-planned when the score changes, and
 * stopped after the page being stored has committed.
 */
export class SyncScheduler implements Syncs {
  private planned = new Map<string, Planned>()
  private readonly running = new Map<string, Promise<SyncReport>>()
  private readonly stopping = new AbortController()
  private readonly board = new SyncProgressBoard()

  constructor(
    private readonly deps: {
      db: Kysely<Database>
      driver: Driver
      sink: RecordSink
      log: Logger
      now: () => number
      env: NodeJS.ProcessEnv
      build?: ConnectorBuilder
      http?: Partial<RetryPolicy>
    },
  ) {}

  /**
   * Schedules the score's integrations (the demo's play elsewhere). A connector whose integration
   * did not change is kept, with its token cache; a new or changed one (every one, at start) syncs
   * at once, then on schedule. One that cannot be built is left unscheduled, its problem logged and
   * shown as the integration's last error.
   */
  async plan(integrations: readonly ScoreIntegration[]): Promise<void> {
    const previous = this.planned
    this.planned = new Map()
    for (const planned of previous.values()) await planned.task?.destroy()
    if (this.stopping.signal.aborted) return
    const fresh: string[] = []
    for (const integration of integrations) {
      const kept = previous.get(integration.id)
      const unchanged = kept !== undefined && sameIntegration(kept.integration, integration)
      const built = unchanged ? kept.built : this.build(integration)
      const planned: Planned = { integration, built }
      this.planned.set(integration.id, planned)
      if ('connector' in built) {
        planned.task = cron.schedule(integration.schedule, () => void this.run(integration.id), {
          name: `sync:${integration.id}`,
        })
        if (!unchanged) fresh.push(integration.id)
      } else if (integration.vendor !== 'demo') {
        this.deps.log.error({ integration: integration.id }, built.problem)
        await this.deps.db
          .updateTable('integrations')
          .set({ last_error: built.problem })
          .where('id', '=', integration.id)
          .execute()
      }
    }
    for (const id of fresh) void this.run(id)
  }

  /** Runs one sync now; undefined when one of this integration already runs in this process. */
  async run(integrationId: string): Promise<SyncReport | undefined> {
    const planned = this.planned.get(integrationId)
    if (!planned || !('connector' in planned.built) || this.stopping.signal.aborted) return
    if (this.running.has(integrationId)) {
      this.deps.log.info({ integration: integrationId }, 'sync still running; this turn skipped')
      return
    }
    const sync = runSync({
      db: this.deps.db,
      driver: this.deps.driver,
      sink: this.deps.sink,
      connector: planned.built.connector,
      integration: planned.integration,
      now: this.deps.now,
      log: this.deps.log,
      signal: this.stopping.signal,
      onProgress: (progress) => this.board.update(progress),
    })
    this.running.set(integrationId, sync)
    try {
      return await sync
    } catch (error) {
      this.deps.log.error({ err: error, integration: integrationId }, 'sync run not recorded')
      return
    } finally {
      this.running.delete(integrationId)
      this.board.finish(integrationId)
    }
  }

  connector(integrationId: string): ConnectorLookup {
    const planned = this.planned.get(integrationId)
    if (!planned) return { kind: 'unknown' }
    const { built } = planned
    if ('problem' in built)
      return { kind: 'unavailable', reason: built.problem, cause: built.cause }
    return { kind: 'ready', integration: planned.integration, connector: built.connector }
  }

  progress(integrationId: string): SyncProgress | undefined {
    return this.board.get(integrationId)
  }

  /** Stops scheduling, lets each running sync commit its page, and waits for it to record. */
  async stop(): Promise<void> {
    this.stopping.abort()
    for (const planned of this.planned.values()) await planned.task?.destroy()
    await Promise.allSettled(this.running.values())
  }

  private build(integration: ScoreIntegration): Planned['built'] {
    const { env, log, http, build = connectorFor } = this.deps
    // The demo ensemble is played, not synced.
    if (integration.vendor === 'demo') {
      return { problem: new NoConnectorError(integration).message, cause: 'no-connector' }
    }
    try {
      const connector = build(integration, {
        env,
        log: log.child({ integration: integration.id }),
        http,
      })
      return { connector }
    } catch (error) {
      if (error instanceof NoConnectorError)
        return { problem: error.message, cause: 'no-connector' }
      if (error instanceof ConnectorConfigError) return { problem: error.message, cause: 'config' }
      throw error
    }
  }
}

function sameIntegration(a: ScoreIntegration, b: ScoreIntegration): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
