import { fileURLToPath } from 'node:url'
import cron from 'node-cron'
import { connectDatabase } from '../db/connect.js'
import type { DatabaseHandle } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { EventBus } from '../events/event-bus.js'
import { applyScore } from '../rhythms/apply-score.js'
import { RhythmReadModel } from '../read/read-model.js'
import { RhythmCatalog } from '../rhythms/catalog.js'
import { loadScore } from '../score/load-score.js'
import { watchScore } from '../score/watch-score.js'
import { Evaluator } from './evaluator.js'
import { createRecordSink } from './record-sink.js'
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
  score: () => Score
  evaluator: Evaluator
  demo: boolean
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
}: {
  config: Config
  log: Logger
  now?: () => number
  /** An open database to use instead of connecting from the config (tests). */
  database?: DatabaseHandle
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

  const scoreFile = config.scoreFile ?? DEMO_SCORE_FILE
  let score = await loadScore(scoreFile)
  catalog = (await applyScore({ db, score })).catalog
  log.info({ file: scoreFile, rhythms: catalog.rhythms.length }, 'score loaded')
  const reload = async (next: Score) => {
    try {
      const applied = await applyScore({ db, score: next })
      score = next
      catalog = applied.catalog
      readModel.invalidate()
      evaluator.touchAll()
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
  // The states stored by the last run are still right to show: a restart answers at once and
  // re-evaluates just after; only a first start waits, having nothing to show yet.
  const stored = await db.selectFrom('rhythm_states').select('rhythm_id').limit(1).execute()
  evaluator.touchAll()
  if (stored.length === 0) await evaluator.flush()
  player?.start()
  const schedule = cron.schedule(config.evaluateCron, () => evaluator.touchAll())

  const close = async () => {
    await schedule.stop()
    await player?.stop()
    await watcher.close()
    await evaluator.close()
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
    ready: () => true,
    tz: config.tz,
  }
  return { deps, score: () => score, evaluator, demo, close, [Symbol.asyncDispose]: close }
}
