import { backfillDemo, playDemoLive } from '../demo/demo-ensemble.js'
import type { Db } from '../db/database.js'
import type { RecordSink } from '../records/types.js'
import type { Logger } from 'pino'

const DEMO_CLOCK = { integration: 'demo', stream: 'clock' }
// The `now` the history was generated for: live play continues its stories from it.
const DEMO_ANCHOR = { integration: 'demo', stream: 'anchor' }
const HISTORY_DAYS = 180

/**
 * Plays the demo ensemble: 180 days of history on first start, the gap since the last run on a
 * restart, then new beats every few seconds. Its clock is a cursor, so a restart resumes it.
 */
export class DemoPlayer {
  private timer: NodeJS.Timeout | undefined
  private playing: Promise<void> = Promise.resolve()

  constructor(
    private readonly deps: {
      db: Db
      sink: RecordSink
      log: Logger
      now: () => number
      intervalMs: number
    },
  ) {}

  /** Catches the demo up to now; resolves when its history is stored. */
  async catchUp(): Promise<void> {
    const now = this.deps.now()
    const last = await this.cursor(DEMO_CLOCK)
    const started = performance.now()
    const oldest = now - HISTORY_DAYS * 86_400_000
    if (last === undefined || last < oldest) {
      const played = await backfillDemo({ sink: this.deps.sink, now, days: HISTORY_DAYS })
      this.deps.log.info(
        { ...played, ms: Math.round(performance.now() - started) },
        'demo history backfilled',
      )
    } else if (last < now) {
      const played = await playDemoLive({ sink: this.deps.sink, from: last, to: now })
      this.deps.log.info(
        { ...played, ms: Math.round(performance.now() - started) },
        'demo caught up',
      )
    }
    await this.setCursor(DEMO_CLOCK, now)
  }

  /** Plays new beats on an interval until stopped. */
  start(): void {
    this.timer = setInterval(() => {
      this.playing = this.playing
        .then(() => this.tick())
        .catch((error: unknown) => {
          this.deps.log.error({ err: error }, 'demo tick failed')
        })
    }, this.deps.intervalMs)
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.playing
  }

  private async tick(): Promise<void> {
    const from = (await this.cursor(DEMO_CLOCK)) ?? this.deps.now()
    const to = this.deps.now()
    if (to <= from) return
    const anchor = await this.cursor(DEMO_ANCHOR)
    await playDemoLive({ sink: this.deps.sink, from, to, ...(anchor ? { anchor } : {}) })
    await this.setCursor(DEMO_CLOCK, to)
  }

  private async cursor(which: {
    integration: string
    stream: string
  }): Promise<number | undefined> {
    const row = await this.deps.db
      .selectFrom('sync_cursors')
      .select('cursor')
      .where('integration_id', '=', which.integration)
      .where('stream', '=', which.stream)
      .executeTakeFirst()
    return row ? Number(row.cursor) : undefined
  }

  private async setCursor(
    which: { integration: string; stream: string },
    at: number,
  ): Promise<void> {
    await this.deps.db
      .insertInto('sync_cursors')
      .values({ integration_id: which.integration, stream: which.stream, cursor: String(at) })
      .onConflict((oc) =>
        oc.columns(['integration_id', 'stream']).doUpdateSet({ cursor: String(at) }),
      )
      .execute()
  }
}
