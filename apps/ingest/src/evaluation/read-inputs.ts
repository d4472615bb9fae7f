import { sql } from 'kysely'
import { groupBy } from '../lib/group-by.js'
import { fromTime } from './input-cache.js'
import type { Beat, Trigger } from '@baton/cadence'
import type { Db, Rhythm } from '../db/database.js'
import type { RhythmInputs } from './input-cache.js'

export interface Cutoffs {
  beats: number
  triggers: number
}

/**
 * Reads the beats and triggers of a set of rhythms from PostgreSQL, each from its own cutoff
 * up to `to`, with one query for each kind. The query reads from the earliest cutoff; each
 * rhythm keeps only what is past its own, so what it sees does not depend on its neighbours.
 */
export async function readInputs(
  db: Db,
  rhythms: readonly Rhythm[],
  cutoffs: ReadonlyMap<string, Cutoffs>,
  to: number,
): Promise<Map<string, RhythmInputs>> {
  const found = new Map<string, RhythmInputs>()
  if (rhythms.length === 0) return found
  const ids = rhythms.map((rhythm) => rhythm.id)
  const cuts = ids.map((id) => cutoffs.get(id)!)
  const [beats, triggers] = await Promise.all([
    readBeats(db, ids, Math.min(...cuts.map((cut) => cut.beats)), to),
    db
      .selectFrom('triggers')
      .select(['rhythm_id', 'key', 'at', 'target_ms', 'player'])
      .where('rhythm_id', 'in', ids)
      .where('at', '>=', new Date(Math.min(...cuts.map((cut) => cut.triggers))))
      .$if(Number.isFinite(to), (query) => query.where('at', '<=', new Date(to)))
      .orderBy('at')
      .execute(),
  ])
  const triggersOf = groupBy(triggers, (row) => row.rhythm_id)
  for (const [index, id] of ids.entries()) {
    const cut = cuts[index]!
    found.set(id, {
      beatsFrom: cut.beats,
      beats: fromTime(beats.get(id) ?? [], cut.beats),
      triggersFrom: cut.triggers,
      triggers: fromTime((triggersOf.get(id) ?? []).map(toTrigger), cut.triggers),
    })
  }
  return found
}

/**
 * Beats per rhythm, oldest first. One row of arrays per rhythm rather than a row per beat:
 * a full evaluation reads millions of beats, and per-row overhead dominated it.
 */
async function readBeats(
  db: Db,
  ids: readonly string[],
  from: number,
  to: number,
): Promise<Map<string, Beat[]>> {
  const upTo = Number.isFinite(to) ? sql`and at <= ${new Date(to)}` : sql``
  const { rows } = await sql<{
    rhythm_id: string
    ats: number[]
    oks: boolean[]
    players: Array<string | null>
    keys: Array<string | null>
  }>`
    select rhythm_id,
           array_agg(extract(epoch from at) * 1000 order by at)::float8[] as ats,
           array_agg(ok order by at) as oks,
           array_agg(player order by at) as players,
           array_agg(key order by at) as keys
      from beats
     where rhythm_id in (${sql.join(ids)})
       and at >= ${new Date(from)} ${upTo}
     group by rhythm_id`.execute(db)
  const byRhythm = new Map<string, Beat[]>()
  for (const row of rows) {
    const beats: Beat[] = new Array(row.ats.length)
    for (let i = 0; i < row.ats.length; i++) {
      const beat: Beat = { at: Math.round(row.ats[i]!), ok: row.oks[i]! }
      if (row.players[i] != null) beat.player = row.players[i]!
      if (row.keys[i] != null) beat.key = row.keys[i]!
      beats[i] = beat
    }
    byRhythm.set(row.rhythm_id, beats)
  }
  return byRhythm
}

function toTrigger(row: {
  key: string
  at: Date
  target_ms: number | null
  player: string | null
}): Trigger {
  const trigger: Trigger = { key: row.key, at: row.at.getTime() }
  if (row.target_ms !== null) trigger.targetMs = row.target_ms
  if (row.player !== null) trigger.player = row.player
  return trigger
}
