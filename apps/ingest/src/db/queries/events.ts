import type { StoredBeat } from './beats.js'
import type { Db, EventRow } from '../database.js'

/** Journals new beats for the live stream, in the caller's transaction. */
export async function insertBeatEvents(db: Db, beats: readonly StoredBeat[]): Promise<EventRow[]> {
  if (beats.length === 0) return []
  return db
    .insertInto('events')
    .values(
      beats.map((beat) => ({
        type: 'beat' as const,
        rhythm_id: beat.rhythmId,
        payload: JSON.stringify({
          rhythmId: beat.rhythmId,
          at: beat.at,
          ok: beat.ok,
          player: beat.player,
          inRest: beat.inRest,
          origin: beat.origin,
        }),
      })),
    )
    .returningAll()
    .execute()
}

/** Events after `id`, oldest first: what a reconnecting stream client missed. */
export async function eventsAfter(db: Db, id: number, limit = 1000): Promise<EventRow[]> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('id', '>', id)
    .orderBy('id')
    .limit(limit)
    .execute()
}

/** Events with ids from `first` to `last`, oldest first: what another process journalled. */
export async function eventsBetween(db: Db, first: number, last: number): Promise<EventRow[]> {
  return db
    .selectFrom('events')
    .selectAll()
    .where('id', '>=', first)
    .where('id', '<=', last)
    .orderBy('id')
    .execute()
}

export async function latestEventId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return Number(row?.id ?? 0)
}
