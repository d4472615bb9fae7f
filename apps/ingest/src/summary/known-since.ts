import type { Db, Rhythm } from '../db/database.js'

/**
 * When each rhythm became known, as the live evaluation reckons it: when the score first named it
 * or at its first beat, whichever is earlier (history counts). A rhythm is not judged on slots
 * before then. Only rhythms named after `from` need their first beat looked up.
 */
export async function knownSince(
  db: Db,
  rhythms: readonly Rhythm[],
  from: number,
): Promise<Map<string, number>> {
  const known = new Map(rhythms.map((rhythm) => [rhythm.id, rhythm.created_at.getTime()]))
  const recent = rhythms.filter((rhythm) => rhythm.created_at.getTime() > from)
  if (recent.length === 0) return known
  const firstBeats = await db
    .selectFrom('beats')
    .select(['rhythm_id', (eb) => eb.fn.min('at').as('first')])
    .where(
      'rhythm_id',
      'in',
      recent.map((rhythm) => rhythm.id),
    )
    .groupBy('rhythm_id')
    .execute()
  for (const { rhythm_id, first } of firstBeats) {
    const at = new Date(first).getTime()
    if (at < known.get(rhythm_id)!) known.set(rhythm_id, at)
  }
  return known
}
