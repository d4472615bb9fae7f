import { firstSlotOpen } from '@baton/cadence'
import { usesDeviceRoster } from '../beats/rhythm-source.js'
import { firstBeatTimes } from '../db/queries/beats.js'
import { groupBy } from '../lib/group-by.js'
import { untilTime } from './input-cache.js'
import { readInputs } from './read-inputs.js'
import { LAYER_WINDOWS_MS, lookbackMs } from './windows.js'
import type { EvaluationInput, EvaluationRange, RhythmSpec } from '@baton/cadence'
import type { InputCache, RhythmInputs } from './input-cache.js'
import type { Cutoffs } from './read-inputs.js'
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
  cache,
}: {
  db: Db
  catalog: RhythmCatalog
  rhythms: readonly Rhythm[]
  now: number
  range?: { from: number; to: number }
  /** Inputs kept between live passes; without one, everything is read. */
  cache?: InputCache
}): Promise<RhythmWork[]> {
  if (rhythms.length === 0) return []
  // Only a rhythm created inside its window can start later than the window: ask for the
  // first beat of those alone, not of every rhythm on every pass.
  const young = rhythms
    .filter((rhythm) => rhythm.created_at.getTime() > now - LAYER_WINDOWS_MS[rhythm.layer])
    .map((rhythm) => rhythm.id)
  const firstBeats = range ? new Map<string, number>() : await firstBeatTimes(db, young)
  // Judged from the layer's window, but never from before the rhythm was known: neither before
  // the score named it nor before its first beat, whichever is earlier (history counts).
  const fromOf = (rhythm: Rhythm) => {
    const known = Math.min(rhythm.created_at.getTime(), firstBeats.get(rhythm.id) ?? Infinity)
    return range?.from ?? Math.max(now - LAYER_WINDOWS_MS[rhythm.layer], Math.min(known, now))
  }
  const toOf = () => range?.to ?? now
  const cutoffs = new Map<string, Cutoffs>()
  for (const rhythm of rhythms) {
    const from = fromOf(rhythm)
    cutoffs.set(rhythm.id, {
      beats: firstUsefulBeat(rhythm, from),
      triggers: from - lookbackMs(rhythm.layer),
    })
  }
  // A month's summary reads its own range; a live pass reads only what the cache lacks, and
  // keeps beats dated past `now` too, which count once their time comes.
  const usable = range ? undefined : cache
  const inputsOf = new Map<string, RhythmInputs>()
  for (const rhythm of rhythms) {
    const cut = cutoffs.get(rhythm.id)!
    const inputs = usable?.get(rhythm.id, cut.beats, cut.triggers)
    if (inputs) inputsOf.set(rhythm.id, inputs)
  }
  const missing = rhythms.filter((rhythm) => !inputsOf.has(rhythm.id))
  const ticket = usable?.ticket(missing.map((rhythm) => rhythm.id))
  const [read, players, integrations] = await Promise.all([
    readInputs(db, missing, cutoffs, usable ? Number.POSITIVE_INFINITY : toOf()),
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
  for (const [rhythmId, inputs] of read) {
    if (ticket) usable!.put(ticket, rhythmId, inputs)
    inputsOf.set(rhythmId, inputs)
  }
  const devicesOf = groupBy(players, (row) => row.organisation_id)

  return rhythms.map((rhythm) => {
    const source = rhythm.source as RhythmSource
    const inputs = inputsOf.get(rhythm.id)!
    const input: EvaluationInput = {
      beats: untilTime(inputs.beats, toOf()),
      triggers: untilTime(inputs.triggers, toOf()),
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

/** Beats before the first slot opens can never count: schedules say when that is. */
function firstUsefulBeat(rhythm: Rhythm, from: number): number {
  if (rhythm.cadence.kind === 'schedule') return firstSlotOpen(rhythm.cadence, from) ?? from
  return from - lookbackMs(rhythm.layer)
}
