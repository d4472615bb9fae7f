import { firstBeatTimes } from '../db/queries/beats.js'
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
  const firstBeats = await firstBeatTimes(
    db,
    recent.map((rhythm) => rhythm.id),
  )
  for (const [rhythmId, at] of firstBeats) {
    if (at < known.get(rhythmId)!) known.set(rhythmId, at)
  }
  return known
}
