import { firstSlotOpen } from '@baton/cadence'
import { sql } from 'kysely'
import { usesDeviceRoster } from '../beats/rhythm-source.js'
import { groupBy } from '../lib/group-by.js'
import { LAYER_WINDOWS_MS, lookbackMs } from './windows.js'
import type { Beat, EvaluationInput, EvaluationRange, RhythmSpec, Trigger } from '@baton/cadence'
import type { RhythmSource } from '../beats/rhythm-source.js'
import type { Db, Integration, Rhythm } from '../db/database.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'

export interface RhythmWork {
  rhythm: Rhythm
  spec: RhythmSpec
  input: EvaluationInput
  range: EvaluationRange
}

/**
 * Reads what the engine needs for a set of rhythms over their layer's window ending at `now`
 * (or over `range` when given, e.g. a calendar month), with a few queries for the whole set.
 */
export async function loadInputs({
  db,
  catalog,
  rhythms,
  now,
  range,
}: {
  db: Db
  catalog: RhythmCatalog
  rhythms: readonly Rhythm[]
  now: number
  range?: { from: number; to: number }
}): Promise<RhythmWork[]> {
  if (rhythms.length === 0) return []
  const ids = rhythms.map((rhythm) => rhythm.id)
  // Only a rhythm created inside its window can start later than the window: ask for the
  // first beat of those alone, not of every rhythm on every pass.
  const young = rhythms
    .filter((rhythm) => rhythm.created_at.getTime() > now - LAYER_WINDOWS_MS[rhythm.layer])
    .map((rhythm) => rhythm.id)
  const firstBeats = new Map(
    young.length === 0 || range
      ? []
      : (
          await db
            .selectFrom('beats')
            .select(['rhythm_id', (eb) => eb.fn.min('at').as('first')])
            .where('rhythm_id', 'in', young)
            .groupBy('rhythm_id')
            .execute()
        ).map((row) => [row.rhythm_id, new Date(row.first).getTime()]),
  )
  // Judged from the layer's window, but never from before the rhythm was known: neither before
  // the score named it nor before its first beat, whichever is earlier (history counts).
  const fromOf = (rhythm: Rhythm) => {
    const known = Math.min(rhythm.created_at.getTime(), firstBeats.get(rhythm.id) ?? Infinity)
    return range?.from ?? Math.max(now - LAYER_WINDOWS_MS[rhythm.layer], Math.min(known, now))
  }
  const toOf = () => range?.to ?? now
  const earliest = Math.min(...rhythms.map((rhythm) => firstUsefulBeat(rhythm, fromOf(rhythm))))
  const earliestTrigger = Math.min(
    ...rhythms.map((rhythm) => fromOf(rhythm) - lookbackMs(rhythm.layer)),
  )
  const [beats, triggers, players, integrations] = await Promise.all([
    readBeats(db, ids, earliest, toOf()),
    db
      .selectFrom('triggers')
      .select(['rhythm_id', 'key', 'at', 'target_ms', 'player'])
      .where('rhythm_id', 'in', ids)
      .where('at', '>=', new Date(earliestTrigger))
      .orderBy('at')
      .execute(),
    db
      .selectFrom('players')
      .select(['organisation_id', 'key'])
      .where('kind', '=', 'device')
      .where('active', '=', true)
      .where('organisation_id', 'in', [...new Set(rhythms.map((r) => r.organisation_id))])
      .orderBy('key')
      .execute(),
    db.selectFrom('integrations').selectAll().where('active', '=', true).execute(),
  ])
  const triggersOf = groupBy(triggers, (row) => row.rhythm_id)
  const devicesOf = groupBy(players, (row) => row.organisation_id)

  return rhythms.map((rhythm) => {
    const source = rhythm.source as RhythmSource
    const input: EvaluationInput = {
      // The round was read from its earliest cutoff; each rhythm sees only beats from its own,
      // so its figures (`extra` among them) do not depend on which rhythms shared the round.
      beats: fromCutoff(beats.get(rhythm.id) ?? [], firstUsefulBeat(rhythm, fromOf(rhythm))),
      triggers: (triggersOf.get(rhythm.id) ?? []).map(toTrigger),
    }
    if (usesDeviceRoster(source)) {
      input.roster = (devicesOf.get(rhythm.organisation_id) ?? []).map((player) => player.key)
    }
    const to = toOf()
    const signal = range ? 'live' : signalOf(rhythm, source, integrations, now)
    return {
      rhythm,
      spec: catalog.specOf(rhythm),
      input,
      range: { from: fromOf(rhythm), now: to, signal },
    }
  })
}

/**
 * A record-fed rhythm is stale when its integration (or, without one named, every integration)
 * has not synced successfully within the freshness limit: we cannot tell, so we do not guess.
 */
function signalOf(
  rhythm: Rhythm,
  source: RhythmSource,
  integrations: readonly Integration[],
  now: number,
): 'live' | 'stale' {
  if (source.kind === 'manual') return 'live'
  const feeding = integrations.filter(
    (integration) =>
      !('integration' in source && source.integration) || integration.id === source.integration,
  )
  const fresh = feeding.some((integration) => {
    const limit = rhythm.freshness_ms ?? integration.freshness_ms
    return (
      integration.last_success_at !== null && now - integration.last_success_at.getTime() <= limit
    )
  })
  return fresh ? 'live' : 'stale'
}

function fromCutoff(beats: Beat[], cutoff: number): Beat[] {
  const first = beats.findIndex((beat) => beat.at >= cutoff)
  return first <= 0 ? (first === 0 ? beats : []) : beats.slice(first)
}

/** Beats before the first slot opens can never count: schedules say when that is. */
function firstUsefulBeat(rhythm: Rhythm, from: number): number {
  if (rhythm.cadence.kind === 'schedule') return firstSlotOpen(rhythm.cadence, from) ?? from
  return from - lookbackMs(rhythm.layer)
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
       and at >= ${new Date(from)} and at <= ${new Date(to)}
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
