import { setTimeout as sleep } from 'node:timers/promises'
import { BENCH_APPLICATION, BENCH_DB } from './setup.js'
import type { importIngest } from './setup.js'

type Ingest = Awaited<ReturnType<typeof importIngest>>
type Kysely = Awaited<ReturnType<Ingest['connectDatabase']>>['db']

const SAMPLE_MS = 250

interface Activity {
  datname: string
  application_name: string
  query: string
  state: string
  state_change: Date
}

// What every evaluation run does, however its queries are written: it reads beats and writes
// rhythm_states. (Beats are also read by a rhythm's detail page, which the bench does not ask for.)
const EVALUATION_SQL = 'from "?beats"?\\s|into "?rhythm_states"?\\s'
const QUIET_MS = 3_000

/**
 * Tells from PostgreSQL when the service is evaluating: a connection of the service running, or
 * in the last few seconds done with, one of an evaluation's statements. The service says so itself only at debug level, which would also log every
 * request. Under load a pass advances slowly, so the window is seconds, not a moment. The
 * bench's own connections (BENCH_APPLICATION) are left out.
 */
export class EvaluationWatch {
  constructor(private readonly db: Kysely) {}

  async evaluating(): Promise<boolean> {
    const { running } = await this.db
      .withTables<{ pg_stat_activity: Activity }>()
      .selectFrom('pg_stat_activity')
      .select((eb) => eb.fn.countAll<number>().as('running'))
      .where('datname', '=', BENCH_DB)
      .where('application_name', '<>', BENCH_APPLICATION)
      .where('query', '~', EVALUATION_SQL)
      .where((eb) =>
        eb.or([
          eb('state', '<>', 'idle'),
          eb('state_change', '>', new Date(Date.now() - QUIET_MS)),
        ]),
      )
      .executeTakeFirstOrThrow()
    return Number(running) > 0
  }

  /**
   * Waits for a run that starts within `startMs` to finish; resolves with when it was last seen
   * (it ends within QUIET_MS of that).
   */
  async settled({ startMs = 3_000, timeoutMs = 120_000 } = {}): Promise<number> {
    const started = performance.now()
    let seen = false
    let quietSince = performance.now()
    while (performance.now() - started < timeoutMs) {
      if (await this.evaluating()) {
        seen = true
        quietSince = performance.now()
      } else if (performance.now() - quietSince > (seen ? QUIET_MS : startMs)) {
        return quietSince
      }
      await sleep(SAMPLE_MS)
    }
    return performance.now()
  }

  /** Samples while `work` runs; resolves with its result and the share of samples evaluating. */
  async during<T>(work: () => Promise<T>): Promise<{ result: T; evaluatingShare: number }> {
    let samples = 0
    let busy = 0
    let done = false
    const sampling = (async () => {
      while (!done) {
        samples++
        if (await this.evaluating()) busy++
        await sleep(SAMPLE_MS)
      }
    })()
    try {
      return { result: await work(), evaluatingShare: busy / Math.max(1, samples) }
    } finally {
      done = true
      await sampling
    }
  }
}
