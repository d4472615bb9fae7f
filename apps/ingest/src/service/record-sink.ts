import { recordBeat, recordBeats } from '../beats/record-beat.js'
import { storeBatch } from '../records/store-records.js'
import type { Db } from '../db/database.js'
import type { EventBus } from '../events/event-bus.js'
import type { RecordSink } from '../records/types.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { Evaluator } from './evaluator.js'

const ANNOUNCE_WINDOW_MS = 60 * 60_000

/**
 * The one path by which sources deliver: store (with derived beats), then publish the journalled
 * events and queue the touched rhythms for evaluation. Connectors, the demo and the ping API use it.
 */
export function createRecordSink(deps: {
  db: Db
  bus: EventBus
  evaluator: Evaluator
  catalog: () => RhythmCatalog
  now: () => number
}): RecordSink {
  return {
    async storeBatch(batch) {
      const stored = await storeBatch({
        db: deps.db,
        batch,
        catalog: deps.catalog(),
        // A backfill's beats are history; only recent ones are news for the live stream.
        announceSince: deps.now() - ANNOUNCE_WINDOW_MS,
      })
      deps.bus.publish(stored.events)
      deps.evaluator.touch(stored.touchedRhythms)
      return stored
    },

    async recordSyncRun(run) {
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('sync_runs')
          .values({
            integration_id: run.integrationId,
            started_at: new Date(run.startedAt),
            finished_at: new Date(run.finishedAt),
            status: run.status,
            pages: run.pages,
            records_new: run.created,
            records_updated: run.updated,
            records_quarantined: run.quarantined,
            requests: run.requests ?? 0,
            retries: run.retries ?? 0,
            error: run.error ?? null,
          })
          .execute()
        const succeeded = run.status === 'succeeded'
        await trx
          .updateTable('integrations')
          .set({
            last_run_at: new Date(run.finishedAt),
            last_error: succeeded ? null : (run.error ?? 'failed'),
            ...(succeeded ? { last_success_at: new Date(run.finishedAt) } : {}),
          })
          .where('id', '=', run.integrationId)
          .execute()
      })
      // A sync, good or bad, can change whether its rhythms are live or stale.
      deps.evaluator.recheck(
        deps
          .catalog()
          .feeds.filter((feed) => {
            const named = 'integration' in feed.source ? feed.source.integration : undefined
            return named === undefined || named === run.integrationId
          })
          .map((feed) => feed.id),
      )
    },

    async recordBeat(input) {
      const recorded = await recordBeat({ db: deps.db, catalog: deps.catalog(), input })
      deps.bus.publish(recorded.events)
      if (recorded.created) deps.evaluator.touch([input.rhythmId])
      return { created: recorded.created }
    },

    async recordBeats(inputs) {
      const { beats, events } = await recordBeats({
        db: deps.db,
        catalog: deps.catalog(),
        inputs,
        announceSince: deps.now() - ANNOUNCE_WINDOW_MS,
      })
      deps.bus.publish(events)
      const created = beats.filter((beat) => beat.inserted)
      deps.evaluator.touch(new Set(created.map((beat) => beat.rhythmId)))
      return { created: created.length }
    },
  }
}
