import { sql } from 'kysely'
import { deriveBeats } from '../beats/derive-beats.js'
import { insertBeats, upsertTriggers } from '../db/queries/beats.js'
import { insertBeatEvents } from '../db/queries/events.js'
import { announceChanges } from '../events/change-notices.js'
import { upsertPlayers, upsertQuarantine, upsertRecords } from '../db/queries/records.js'
import type { StoredBeat } from '../db/queries/beats.js'
import type { DerivedBeat } from '../beats/derive-beats.js'
import type { Db, EventRow } from '../db/database.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { RecordBatch, StoreResult } from './types.js'

export interface StoredBatch extends StoreResult {
  /** The beats this batch created, for the live stream. */
  newBeats: StoredBeat[]
  /** Journalled stream events, to publish once the transaction has committed. */
  events: EventRow[]
}

/**
 * Stores one page of records with the beats and triggers they give, its quarantined records
 * and its cursor, in one transaction: a crash leaves either all of it or none.
 */
export async function storeBatch({
  db,
  batch,
  catalog,
  announceSince = Number.POSITIVE_INFINITY,
}: {
  db: Db
  batch: RecordBatch
  catalog: RhythmCatalog
  /** New beats at or after this time are journalled for the live stream (not a backfill's). */
  announceSince?: number
}): Promise<StoredBatch> {
  const { beats, triggers } = deriveBeats(batch.integrationId, batch.records, catalog.feeds)
  return db.transaction().execute(async (trx) => {
    await upsertPlayers(trx, batch.integrationId, batch.records)
    const { created, updated } = await upsertRecords(trx, batch.integrationId, batch.records)
    const quarantined = await upsertQuarantine(trx, batch.integrationId, batch.quarantined ?? [])
    const storedBeats = await insertBeats(
      trx,
      beats.map((beat) => ({ ...beat, origin: 'record', inRest: inRest(catalog, beat) })),
    )
    const triggered = await upsertTriggers(trx, triggers)
    if (batch.cursor) {
      await trx
        .insertInto('sync_cursors')
        .values({
          integration_id: batch.integrationId,
          stream: batch.cursor.stream,
          cursor: batch.cursor.value,
        })
        .onConflict((oc) =>
          oc.columns(['integration_id', 'stream']).doUpdateSet({
            cursor: (eb) => eb.ref('excluded.cursor'),
            updated_at: sql`now()`,
          }),
        )
        .execute()
    }
    const touched = new Set([...storedBeats.map((beat) => beat.rhythmId), ...triggered])
    const newBeats = storedBeats.filter((beat) => beat.inserted)
    const events = await insertBeatEvents(
      trx,
      newBeats.filter((beat) => beat.at >= announceSince),
    )
    await announceChanges(trx, { rhythms: touched, events })
    return { created, updated, quarantined, touchedRhythms: [...touched], newBeats, events }
  })
}

function inRest(catalog: RhythmCatalog, beat: DerivedBeat): boolean {
  const rhythm = catalog.get(beat.rhythmId)
  return rhythm ? catalog.inRest(rhythm, beat.at) : false
}
