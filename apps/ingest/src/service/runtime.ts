import { fileURLToPath } from 'node:url'
import cron from 'node-cron'
import { AccessCache } from '../auth/access-cache.js'
import { ensureDemoAccounts } from '../auth/demo-accounts.js'
import { LoginLimiter } from '../auth/login-limiter.js'
import { requestLimiters } from '../auth/request-limiter.js'
import { SingleSignOn } from '../auth/single-sign-on.js'
import { singleSignOnSettings } from '../auth/single-sign-on-settings.js'
import { connectDatabase } from '../db/connect.js'
import { CueService } from '../cues/cue-service.js'
import { credentialSources } from '../secrets/credential-sources.js'
import type { DatabaseHandle } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { EventBus } from '../events/event-bus.js'
import { applyScore } from '../rhythms/apply-score.js'
import { RhythmReadModel } from '../read/read-model.js'
import { RhythmCatalog } from '../rhythms/catalog.js'
import { loadScore } from '../score/load-score.js'
import { watchScore } from '../score/watch-score.js'
import { Evaluator } from './evaluator.js'
import { listenForChanges } from './listen-for-changes.js'
import { createRecordSink } from './record-sink.js'
import { SyncScheduler } from './sync-scheduler.js'
import type { ConnectorBuilder } from '../connectors/registry.js'
import type { RetryPolicy } from '../connectors/http/vendor-http.js'
import type { Config } from '../config.js'
import type { AppDeps } from '../routes/deps.js'
import type { Score } from '../score/score-schema.js'
import type { Logger } from 'pino'

/** The score the demo plays when no score file is configured. */
export const DEMO_SCORE_FILE = fileURLToPath(
  new URL('../../../src/demo/demo.score.yaml', import.meta.url),
)

export interface Runtime extends AsyncDisposable {
  deps: AppDeps
  syncs: SyncScheduler
  score: () => Score
  evaluator: Evaluator
  /** Notifications: plans cues from flips and delivers them (tests call `round`). */
  cues: CueService
  demo: boolean
  /** False on a new install: nobody can sign in until the first owner is added. */
  hasAccounts: boolean
  close(): Promise<void>
}

/**
 * Starts everything behind the API: database and migrations, the score (watched for changes),
 * evaluation on change and on schedule, and the demo ensemble when no real integration exists.
 */
export async function startRuntime({
  config,
  log,
  now = () => Date.now(),
  database: given,
  connectors,
  http,
  env = process.env,
}: {
  config: Config
  log: Logger
  now?: () => number
  /** An open database to use instead of connecting from the config (tests). */
  database?: DatabaseHandle
  /** How integrations get their connectors (default: the vendor registry; tests). */
  connectors?: ConnectorBuilder
  /** Vendor HTTP retry overrides (tests). */
  http?: Partial<RetryPolicy>
  /** Where `{ env: VAR }` credentials are read. */
  env?: NodeJS.ProcessEnv
}): Promise<Runtime> {
  const database =
    given ??
    (await connectDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onConnectionError: (error) =>
        log.warn({ err: error }, 'database connection lost; reconnecting'),
    }))
  const { db } = database
  const migrated = await migrateToLatest(db)
  log.info(
    { driver: database.driver, migrations: migrated.map((m) => m.migrationName) },
    'database ready',
  )

  const bus = new EventBus()
  let catalog = new RhythmCatalog([], [])
  const readModel = new RhythmReadModel(db)
  const evaluator = new Evaluator({
    db,
    bus,
    log,
    catalog: () => catalog,
    now,
    onEvaluated: () => readModel.invalidate(),
  })
  const sink = createRecordSink({ db, bus, evaluator, catalog: () => catalog, now })
  const changes = await listenForChanges({ database, evaluator, bus, readModel, log })
  // The environment and the stored secrets, decrypted once at start: a changed secret takes
  // effect when the service restarts.
  const credentials = await credentialSources(db, env).catch((error: unknown) => {
    // The service still serves what it has; integrations that need a stored secret say so.
    log.error({ err: error }, 'stored secrets cannot be read; only environment credentials work')
    return env
  })
  const signOn = singleSignOnSettings(config, credentials)
  const singleSignOn = signOn && new SingleSignOn(signOn, { db, now, log })
  const syncs = new SyncScheduler({
    db,
    driver: database.driver,
    sink,
    log,
    now,
    env: credentials,
    ...(connectors && { build: connectors }),
    ...(http && { http }),
  })

  const scoreFile = config.scoreFile ?? DEMO_SCORE_FILE
  const scoreAudit = { actor: 'score-file', target: scoreFile }
  let score = await loadScore(scoreFile)
  catalog = (await applyScore({ db, score, audit: scoreAudit })).catalog
  log.info({ file: scoreFile, rhythms: catalog.rhythms.length }, 'score loaded')
  const reload = async (next: Score) => {
    try {
      const applied = await applyScore({ db, score: next, audit: scoreAudit })
      score = next
      catalog = applied.catalog
      readModel.invalidate()
      evaluator.allInputsChanged()
      log.info(
        { file: scoreFile, rhythms: catalog.rhythms.length, rederived: applied.rederived.length },
        'score reloaded',
      )
    } catch (error) {
      log.error(
        { err: error, file: scoreFile },
        'score change not applied; the previous score keeps running',
      )
    }
  }
  const watcher = watchScore({
    file: scoreFile,
    onChange: (next) => void reload(next),
    onError: (error) => {
      log.error(
        { err: error, file: scoreFile },
        'score change rejected; the previous score keeps running',
      )
    },
  })

  await watcher.ready
  const demo =
    config.demo === 'on' ||
    (config.demo === 'auto' && score.integrations.every((i) => i.vendor === 'demo'))
  // Loaded only when playing: a real installation never runs demo code.
  const player = demo
    ? new (await import('./demo-player.js')).DemoPlayer({
        db,
        sink,
        log,
        now,
        intervalMs: config.demoIntervalMs,
      })
    : undefined
  await player?.catchUp()
  if (demo) await ensureDemoAccounts(db)
  const hasAccounts = (await db.selectFrom('accounts').select('id').limit(1).execute()).length > 0
  // The states stored by the last run are still right to show: a restart answers at once and
  // re-evaluates just after; only a first start waits, having nothing to show yet.
  const stored = await db.selectFrom('rhythm_states').select('rhythm_id').limit(1).execute()
  evaluator.touchAll()
  if (stored.length === 0) await evaluator.flush()
  player?.start()
  const cues = new CueService({
    db,
    bus,
    channels: () => score.channels,
    catalog: () => catalog,
    credentials,
    now,
    log,
    publicUrl: config.publicUrl,
    intervalMs: config.cueIntervalMs,
  })
  cues.start()
  await syncs.plan(score.integrations)
  const schedule = cron.schedule(config.evaluateCron, () => evaluator.touchAll())

  const close = async () => {
    await schedule.stop()
    // A running sync commits its page and records its run before the database closes.
    await syncs.stop()
    await player?.stop()
    await cues.close()
    await watcher.close()
    await evaluator.close()
    await changes.close()
    await database.close()
  }
  const deps: AppDeps = {
    db,
    log,
    bus,
    sink,
    now,
    catalog: () => catalog,
    readModel,
    tokens: () => score.tokens,
    syncs,
    ready: () => true,
    tz: config.tz,
    auth: {
      limiter: new LoginLimiter(),
      trustedProxies: config.trustedProxies,
      cache: new AccessCache(),
      requests: requestLimiters(),
    },
    ...(singleSignOn && { singleSignOn }),
    demo,
  }
  return {
    deps,
    syncs,
    score: () => score,
    evaluator,
    cues,
    demo,
    hasAccounts,
    close,
    [Symbol.asyncDispose]: close,
  }
}
