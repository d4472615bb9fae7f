import { sql } from 'kysely'
import { chunks, lastByKey, toDate } from './chunks.js'
import type { DerivedBeat, DerivedTrigger } from '../../beats/derive-beats.js'
import type { Db } from '../database.js'

export interface BeatToStore extends DerivedBeat {
  origin: 'api' | 'record' | 'demo'
  inRest: boolean
}

export interface StoredBeat extends BeatToStore {
  id: number
  /** False when the beat existed and changed (a ticket's response time corrected, say). */
  inserted: boolean
}

/**
 * Stores beats by (rhythm, idempotency key): a replay with the same time and outcome writes
 * nothing and is not returned; a changed one is updated and returned.
 */
export async function insertBeats(db: Db, beats: readonly BeatToStore[]): Promise<StoredBeat[]> {
  const stored: StoredBeat[] = []
  const unique = lastByKey(beats, (beat) => `${beat.rhythmId}\u0000${beat.idempotencyKey}`)
  for (const chunk of chunks(unique)) {
    const rows = await db
      .insertInto('beats')
      .values(
        chunk.map((beat) => ({
          rhythm_id: beat.rhythmId,
          at: toDate(beat.at),
          ok: beat.ok,
          player: beat.player,
          key: beat.key,
          origin: beat.origin,
          idempotency_key: beat.idempotencyKey,
          in_rest: beat.inRest,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['rhythm_id', 'idempotency_key'])
          .doUpdateSet((eb) => ({
            at: eb.ref('excluded.at'),
            ok: eb.ref('excluded.ok'),
            player: eb.ref('excluded.player'),
            key: eb.ref('excluded.key'),
            in_rest: eb.ref('excluded.in_rest'),
          }))
          .where(sql<boolean>`(beats.at, beats.ok) is distinct from (excluded.at, excluded.ok)`),
      )
      .returning(['id', 'rhythm_id', 'idempotency_key', sql<boolean>`xmax = 0`.as('inserted')])
      .execute()
    const byKey = new Map(
      chunk.map((beat) => [`${beat.rhythmId}\u0000${beat.idempotencyKey}`, beat]),
    )
    for (const row of rows) {
      const beat = byKey.get(`${row.rhythm_id}\u0000${row.idempotency_key}`)!
      stored.push({ ...beat, id: row.id, inserted: row.inserted })
    }
  }
  return stored
}

/** Stores SLA triggers by (rhythm, key); returns the rhythms whose triggers changed. */
export async function upsertTriggers(
  db: Db,
  triggers: readonly DerivedTrigger[],
): Promise<string[]> {
  const touched = new Set<string>()
  const unique = lastByKey(triggers, (trigger) => `${trigger.rhythmId}\u0000${trigger.key}`)
  for (const chunk of chunks(unique)) {
    const rows = await db
      .insertInto('triggers')
      .values(
        chunk.map((trigger) => ({
          rhythm_id: trigger.rhythmId,
          key: trigger.key,
          at: toDate(trigger.at),
          target_ms: trigger.targetMs,
          player: trigger.player,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['rhythm_id', 'key'])
          .doUpdateSet((eb) => ({
            at: eb.ref('excluded.at'),
            target_ms: eb.ref('excluded.target_ms'),
            player: eb.ref('excluded.player'),
          }))
          .where(
            sql<boolean>`(triggers.at, triggers.target_ms, triggers.player) is distinct from (excluded.at, excluded.target_ms, excluded.player)`,
          ),
      )
      .returning('rhythm_id')
      .execute()
    for (const row of rows) touched.add(row.rhythm_id)
  }
  return [...touched]
}
