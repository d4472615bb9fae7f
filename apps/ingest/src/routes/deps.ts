import type { Db } from '../db/database.js'
import type { EventBus } from '../events/event-bus.js'
import type { RhythmReadModel } from '../read/read-model.js'
import type { RecordSink } from '../records/types.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { ScoreToken } from '../score/score-schema.js'
import type { Logger } from 'pino'

/** What the HTTP layer needs from the running service; tests pass their own. */
export interface AppDeps {
  db: Db
  log: Logger
  bus: EventBus
  sink: RecordSink
  now: () => number
  catalog: () => RhythmCatalog
  /** The rhythm list with latest states, kept in memory between evaluation runs. */
  readModel: RhythmReadModel
  tokens: () => readonly ScoreToken[]
  /** Whether the score is loaded and the database migrated. */
  ready: () => boolean
  /** The zone months are counted in for summaries, unless a request names one. */
  tz: string
  /** The stream's keep-alive interval. */
  heartbeatMs?: number
}
