import { sql } from 'kysely'
import { lastByKey } from './chunks.js'
import { unnestUpsert } from './unnest-upsert.js'
import type { DerivedBeat, DerivedTrigger } from '../../beats/derive-beats.js'
import type { Db } from '../database.js'
import type { UnnestUpsert } from './unnest-upsert.js'

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
  const keyOf = (beat: { rhythmId: string; idempotencyKey: string }) =>
    `${beat.rhythmId}\u0000${beat.idempotencyKey}`
  const unique = lastByKey(beats, keyOf)
  const rows = await unnestUpsert<
    BeatToStore,
    { id: number; rhythm_id: string; idempotency_key: string }
  >(db, BEATS, unique)
  const byKey = new Map(unique.map((beat) => [keyOf(beat), beat]))
  return rows.map((row) => ({
    ...byKey.get(keyOf({ rhythmId: row.rhythm_id, idempotencyKey: row.idempotency_key }))!,
    id: Number(row.id),
    inserted: row.inserted,
  }))
}

const BEATS: UnnestUpsert<BeatToStore> = {
  table: 'beats',
  columns: [
    { name: 'rhythm_id', kind: 'text', value: (beat) => beat.rhythmId },
    { name: 'at', kind: 'timestamptz', value: (beat) => beat.at },
    { name: 'ok', kind: 'boolean', value: (beat) => beat.ok },
    { name: 'player', kind: 'text', value: (beat) => beat.player },
    { name: 'key', kind: 'text', value: (beat) => beat.key },
    { name: 'origin', kind: 'text', value: (beat) => beat.origin },
    { name: 'idempotency_key', kind: 'text', value: (beat) => beat.idempotencyKey },
    { name: 'in_rest', kind: 'boolean', value: (beat) => beat.inRest },
  ],
  conflict: ['rhythm_id', 'idempotency_key'],
  update: ['at', 'ok', 'player', 'key', 'in_rest'],
  changedWhen: sql<boolean>`(beats.at, beats.ok) is distinct from (excluded.at, excluded.ok)`,
  returning: ['id', 'rhythm_id', 'idempotency_key'],
}

/** Stores SLA triggers by (rhythm, key); returns the rhythms whose triggers changed. */
export async function upsertTriggers(
  db: Db,
  triggers: readonly DerivedTrigger[],
): Promise<string[]> {
  const unique = lastByKey(triggers, (trigger) => `${trigger.rhythmId}\u0000${trigger.key}`)
  const rows = await unnestUpsert<DerivedTrigger, { rhythm_id: string }>(db, TRIGGERS, unique)
  return [...new Set(rows.map((row) => row.rhythm_id))]
}

const TRIGGERS: UnnestUpsert<DerivedTrigger> = {
  table: 'triggers',
  columns: [
    { name: 'rhythm_id', kind: 'text', value: (trigger) => trigger.rhythmId },
    { name: 'key', kind: 'text', value: (trigger) => trigger.key },
    { name: 'at', kind: 'timestamptz', value: (trigger) => trigger.at },
    { name: 'target_ms', kind: 'integer', value: (trigger) => trigger.targetMs },
    { name: 'player', kind: 'text', value: (trigger) => trigger.player },
  ],
  conflict: ['rhythm_id', 'key'],
  update: ['at', 'target_ms', 'player'],
  changedWhen: sql<boolean>`(triggers.at, triggers.target_ms, triggers.player) is distinct from (excluded.at, excluded.target_ms, excluded.player)`,
  returning: ['rhythm_id'],
}

/**
 * Each rhythm's first beat time, for those that have one. One index probe per rhythm (`order by
 * at limit 1` on beats_rhythm_at): `min(at) … group by` read every beat of them, which a synced
 * ticket rhythm has by the hundred thousand.
 */
export async function firstBeatTimes(
  db: Db,
  rhythmIds: readonly string[],
): Promise<Map<string, number>> {
  if (rhythmIds.length === 0) return new Map()
  const { rows } = await sql<{ rhythm_id: string; first: Date | null }>`
    select id as rhythm_id,
           (select at from beats where beats.rhythm_id = ids.id order by at limit 1) as first
    from unnest(${[...rhythmIds]}::text[]) as ids(id)`.execute(db)
  return new Map(
    rows.flatMap((row) =>
      row.first === null ? [] : [[row.rhythm_id, new Date(row.first).getTime()]],
    ),
  )
}
