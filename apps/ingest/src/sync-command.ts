import { parseConfig } from './config.js'
import { connectorFor } from './connectors/registry.js'
import { runSync } from './connectors/run-sync.js'
import { connectDatabase } from './db/connect.js'
import { migrateToLatest } from './db/migrate.js'
import { EventBus } from './events/event-bus.js'
import { createLogger } from './logger.js'
import { credentialSources } from './secrets/credential-sources.js'
import { applyScore } from './rhythms/apply-score.js'
import { RhythmCatalog } from './rhythms/catalog.js'
import { parseDuration } from './score/durations.js'
import { loadScore } from './score/load-score.js'
import { Evaluator } from './service/evaluator.js'
import { createRecordSink } from './service/record-sink.js'
import { DEMO_SCORE_FILE } from './service/runtime.js'
import { createProgressView } from './sync-progress-view.js'
import type { Connector } from './connectors/connector.js'
import type { ConnectorBuilder } from './connectors/registry.js'
import type { Score, ScoreIntegration } from './score/score-types.js'
import type { SyncReport } from './connectors/run-sync.js'
import type { Output } from './sync-progress-view.js'

export interface CliIo {
  env: NodeJS.ProcessEnv
  stdout: Output
  stderr: Output
}

/**
 * `baton sync <integration>`: one sync by hand against the configured database and score, with
 * its progress on the terminal and a summary. Returns the exit code: 0 only when it succeeded.
 */
export async function syncCommand({
  integrationId,
  since: sinceText,
  dryRun = false,
  io,
  connectors = connectorFor,
}: {
  integrationId: string | undefined
  since?: string | undefined
  dryRun?: boolean
  io: CliIo
  connectors?: ConnectorBuilder
}): Promise<number> {
  const fail = (message: string, code = 1) => {
    io.stderr.write(`${message}\n`)
    return code
  }
  if (!integrationId)
    return fail('usage: baton sync <integration> [--since <date|30d>] [--dry-run]', 2)
  const now = Date.now()
  let config: ReturnType<typeof parseConfig>
  let since: number | undefined
  try {
    config = parseConfig(io.env)
    since = sinceText === undefined ? undefined : parseSince(sinceText, now)
  } catch (error) {
    return fail(messageOf(error), 2)
  }
  // Progress and the summary go to the terminal; the log only says what went wrong.
  const log = createLogger(io.env.BATON_LOG_LEVEL ? config.logLevel : 'error')
  const scoreFile = config.scoreFile ?? DEMO_SCORE_FILE
  let score: Score
  let integration: ScoreIntegration | undefined
  let connector: Connector
  try {
    score = await loadScore(scoreFile)
    integration = score.integrations.find((i) => i.id === integrationId)
    if (!integration) {
      const known = score.integrations.map((i) => i.id).join(', ') || 'none'
      return fail(`${scoreFile}: no integration '${integrationId}' (the score has: ${known})`)
    }
  } catch (error) {
    return fail(messageOf(error))
  }

  await using database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  })
  const { db } = database
  await migrateToLatest(db)
  try {
    // Settings and credentials (stored secrets too) are checked before the vendor is called.
    connector = connectors(integration, { env: await credentialSources(db, io.env), log })
  } catch (error) {
    return fail(messageOf(error))
  }
  // A dry run writes nothing: not even the score's rhythms.
  let catalog = new RhythmCatalog([], [])
  if (!dryRun) catalog = (await applyScore({ db, score })).catalog
  const bus = new EventBus()
  const evaluator = new Evaluator({ db, bus, log, catalog: () => catalog, now: Date.now })
  const sink = createRecordSink({ db, bus, evaluator, catalog: () => catalog, now: Date.now })
  const view = createProgressView(io.stdout)
  // Ctrl-C stops after the page being stored, so the run is recorded and resumes from there.
  const stopping = new AbortController()
  const stop = () => stopping.abort()
  process.once('SIGINT', stop)
  let report: SyncReport
  try {
    report = await runSync({
      db,
      driver: database.driver,
      sink,
      connector,
      integration,
      since,
      dryRun,
      log,
      signal: stopping.signal,
      onProgress: (progress) => view.update(progress),
    })
  } finally {
    process.off('SIGINT', stop)
    view.stop()
  }
  // The rhythms this sync fed are judged again before the command ends.
  await evaluator.flush()
  await evaluator.close()
  if (report.status === 'succeeded') {
    io.stdout.write(summarise(report))
    return 0
  }
  io.stderr.write(summarise(report))
  return 1
}

/** An ISO date or date-time, or a duration back from now (`30d`). */
function parseSince(text: string, now: number): number {
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const at = Date.parse(text)
    if (Number.isNaN(at)) throw new Error(`--since: '${text}' is not a valid date`)
    return at
  }
  try {
    return now - parseDuration(text)
  } catch (error) {
    throw new Error(`--since: expected an ISO date or a duration like 30d: ${messageOf(error)}`, {
      cause: error,
    })
  }
}

function summarise(report: SyncReport): string {
  const seconds = ((report.finishedAt - report.startedAt) / 1000).toFixed(1)
  const what = `sync ${report.integrationId}${report.dryRun ? ' (dry run)' : ''}`
  const head =
    report.status === 'succeeded'
      ? `${what} succeeded in ${seconds}s`
      : `${what} ${report.status} after ${seconds}s: ${report.error ?? 'unknown error'}`
  const records = report.dryRun
    ? `${report.records} records read, ${report.quarantined} quarantined, nothing stored`
    : `${report.records} records read: ${report.created} new, ${report.updated} updated, ${report.quarantined} quarantined`
  return [
    head,
    `  pages     ${report.pages}`,
    `  records   ${records}`,
    `  requests  ${report.requests} (${report.retries} retries)`,
    `  duration  ${seconds}s`,
    '',
  ].join('\n')
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
