import { readAhead } from '../lib/read-ahead.js'
import { tryLockIntegration } from './advisory-lock.js'
import { connectorSettings, parseSettings, syncWindows } from './settings.js'
import type { Connector, SyncPage } from './connector.js'
import type { SyncProgress } from './sync-progress.js'
import type { Driver } from '../db/connect.js'
import type { Database } from '../db/database.js'
import type { RecordSink } from '../records/types.js'
import type { ScoreIntegration } from '../score/score-types.js'
import type { Kysely } from 'kysely'
import type { Logger } from 'pino'

/** What one sync did; `skipped` when another sync of the integration held its lock. */
export interface SyncReport {
  integrationId: string
  status: 'succeeded' | 'failed' | 'skipped'
  /** Why it failed or was skipped. */
  error?: string
  dryRun: boolean
  /** Epoch ms. */
  startedAt: number
  finishedAt: number
  pages: number
  /** Records read from the vendor; on a dry run nothing more is known. */
  records: number
  created: number
  updated: number
  quarantined: number
  requests: number
  retries: number
}

export interface RunSyncOptions {
  db: Kysely<Database>
  /** Which lock applies: an advisory lock across instances on a server, the process on PGlite. */
  driver: Driver
  sink: RecordSink
  connector: Connector
  integration: ScoreIntegration
  /** Epoch ms: read every stream from here, ignoring stored cursors (`baton sync --since`). */
  since?: number
  /** Read and count, store nothing (no records, no cursors, no sync run). */
  dryRun?: boolean
  now?: () => number
  log: Logger
  onProgress?: (progress: SyncProgress) => void
  /** Stops the sync after the page being stored has committed (shutdown). */
  signal?: AbortSignal
}

const INTERRUPTED = 'interrupted: the sync was stopped before the end'

/**
 * Runs one sync of an integration: under its lock, from each stream's stored cursor (or `since`,
 * else the configured history), one transaction per page with the page's cursor, so a failure or
 * a crash leaves every stream at its last committed page. The run is recorded either way.
 */
export async function runSync(options: RunSyncOptions): Promise<SyncReport> {
  const { db, driver, integration, dryRun = false, now = Date.now, log } = options
  const startedAt = now()
  const lock = await tryLockIntegration({ db, driver, integrationId: integration.id })
  if (!lock) {
    const report = emptyReport(integration.id, startedAt, dryRun)
    const error = 'another sync of this integration is running'
    log.info({ integration: integration.id }, `sync skipped: ${error}`)
    return { ...report, status: 'skipped', error, finishedAt: now() }
  }
  try {
    return await syncUnderLock(options, startedAt)
  } finally {
    await lock.release()
  }
}

async function syncUnderLock(options: RunSyncOptions, startedAt: number): Promise<SyncReport> {
  const { db, sink, connector, integration, dryRun = false, now = Date.now, log, signal } = options
  const report = emptyReport(integration.id, startedAt, dryRun)
  const before = { ...connector.stats }
  const progress: SyncProgress = {
    integrationId: integration.id,
    startedAt,
    stream: null,
    done: 0,
    total: null,
    pages: 0,
    records: 0,
  }
  try {
    const { historyMs } = syncWindows(parseSettings(integration, connectorSettings))
    const cursors =
      options.since === undefined
        ? await readCursors(db, integration.id)
        : new Map<string, string>()
    const since = options.since ?? startedAt - historyMs
    options.onProgress?.(progress)
    const pages = connector.sync({ cursors, since, now: startedAt, signal })
    for await (const page of readAhead(pages)) {
      await storePage(options, report, page)
      trackProgress(progress, page)
      options.onProgress?.({ ...progress })
      if (signal?.aborted) throw new Error(INTERRUPTED)
    }
    report.status = 'succeeded'
  } catch (error) {
    report.status = 'failed'
    report.error = signal?.aborted
      ? INTERRUPTED
      : error instanceof Error
        ? error.message
        : String(error)
  }
  report.finishedAt = now()
  report.requests = connector.stats.requests - before.requests
  report.retries = connector.stats.retries - before.retries
  if (!dryRun) {
    await sink.recordSyncRun({
      ...report,
      status: report.status === 'succeeded' ? 'succeeded' : 'failed',
    })
  }
  // The one wide line per sync run.
  log[report.status === 'failed' ? 'warn' : 'info'](
    { ...report, ms: report.finishedAt - report.startedAt },
    'sync run',
  )
  return report
}

async function storePage(options: RunSyncOptions, report: SyncReport, page: SyncPage) {
  report.pages++
  report.records += page.records.length
  if (options.dryRun) {
    report.quarantined += page.quarantined.length
    return
  }
  const stored = await options.sink.storeBatch({
    integrationId: options.integration.id,
    records: page.records,
    quarantined: page.quarantined,
    ...(page.cursor === undefined ? {} : { cursor: { stream: page.stream, value: page.cursor } }),
  })
  report.created += stored.created
  report.updated += stored.updated
  report.quarantined += stored.quarantined
}

function trackProgress(progress: SyncProgress, page: SyncPage): void {
  const read = page.records.length + page.quarantined.length
  if (progress.stream !== page.stream) {
    progress.stream = page.stream
    progress.done = 0
    progress.total = null
  }
  progress.done = page.progress?.done ?? progress.done + read
  progress.total = page.progress?.total ?? progress.total
  progress.pages++
  progress.records += read
}

async function readCursors(db: Kysely<Database>, integrationId: string) {
  const rows = await db
    .selectFrom('sync_cursors')
    .select(['stream', 'cursor'])
    .where('integration_id', '=', integrationId)
    .execute()
  return new Map(rows.map((row) => [row.stream, row.cursor]))
}

function emptyReport(integrationId: string, startedAt: number, dryRun: boolean): SyncReport {
  return {
    integrationId,
    status: 'failed',
    dryRun,
    startedAt,
    finishedAt: startedAt,
    pages: 0,
    records: 0,
    created: 0,
    updated: 0,
    quarantined: 0,
    requests: 0,
    retries: 0,
  }
}
