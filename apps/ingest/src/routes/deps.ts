import type { AccessCache } from '../auth/access-cache.js'
import type { LoginLimiter } from '../auth/login-limiter.js'
import type { requestLimiters } from '../auth/request-limiter.js'
import type { SingleSignOn } from '../auth/single-sign-on.js'
import type { Db } from '../db/database.js'
import type { EventBus } from '../events/event-bus.js'
import type { RhythmReadModel } from '../read/read-model.js'
import type { RecordSink } from '../records/types.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { ScoreToken } from '../score/score-schema.js'
import type { Syncs } from '../service/sync-scheduler.js'
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
  /** The integrations' connectors (for webhooks) and their running syncs' progress. */
  syncs: Syncs
  /** Whether the score is loaded and the database migrated. */
  ready: () => boolean
  /** The zone months are counted in for summaries, unless a request names one. */
  tz: string
  /** Sign-in: failed attempts counted, and the proxies whose X-Forwarded-For is believed. */
  auth: {
    limiter: LoginLimiter
    trustedProxies: ReadonlySet<string>
    cache: AccessCache
    /** Pings per caller address and webhook calls per integration. */
    requests: ReturnType<typeof requestLimiters>
  }
  /** OpenID Connect sign-in, when configured. */
  singleSignOn?: SingleSignOn
  /** Whether the demo plays: its sign-in page then offers the demo accounts. */
  demo: boolean
  /** The stream's keep-alive interval. */
  heartbeatMs?: number
}
