import { markRests, matchBeats } from './match-beats.js'
import { compileSchedule, typicalGapOf } from './schedule.js'
import { scheduleDues, scheduleSlots, slaSlots } from './slots.js'
import type {
  Beat,
  EvaluationInput,
  EvaluationRange,
  RhythmSpec,
  ScheduleCadence,
  SlaCadence,
  Slot,
} from './types.js'

/** A rhythm's slots after matching: all of them by due, and the series they were matched in. */
export interface Performance {
  slots: Slot[]
  /** One series per roster player, or a single series without a roster. */
  series: Array<{ player?: string; slots: Slot[] }>
  extra: number
  /** The usual time between due times, for choosing words ("daily"); undefined for SLAs. */
  typicalGapMs?: number
}

/** Enumerates a schedule rhythm's slots and fills them with beats, per player with a roster. */
export function playSchedule(
  rhythm: RhythmSpec & { cadence: ScheduleCadence },
  input: EvaluationInput,
  range: EvaluationRange,
): Performance {
  const { dues, previous } = scheduleDues(rhythm.cadence, range.from, range.now)
  const typicalGapMs = typicalGapOf(compileSchedule(rhythm.cadence))
  const playSeries = (beats: readonly Beat[], player?: string) => {
    const slots = scheduleSlots(rhythm.cadence, dues, previous, player)
    markRests(slots, rhythm.rests)
    return { player, slots, extra: matchBeats(slots, beats, range.now) }
  }
  if (!input.roster) {
    const only = playSeries(input.beats)
    return { slots: only.slots, series: [only], extra: only.extra, typicalGapMs }
  }

  const roster = [...new Set(input.roster)]
  const { byPlayer, unmatched } = groupBeats(input.beats, roster, (beat) => beat.player)
  const series = roster.map((player) => playSeries(byPlayer.get(player)!, player))
  // Every player shares the same due times, so slot k of each series lines up.
  const slots: Slot[] = []
  for (let k = 0; k < dues.length; k++) for (const one of series) slots.push(one.slots[k]!)
  const extra = series.reduce((sum, one) => sum + one.extra, unmatched.length)
  return { slots, series, extra, typicalGapMs }
}

/** Opens one slot per trigger and fills each only with beats carrying the trigger's key. */
export function playSla(
  rhythm: RhythmSpec & { cadence: SlaCadence },
  input: EvaluationInput,
  range: EvaluationRange,
): Performance {
  const slots = slaSlots(rhythm.cadence, input.triggers ?? [], range.from, range.now)
  markRests(slots, rhythm.rests)
  const slotsByKey = new Map<string, Slot[]>()
  for (const slot of slots) {
    const sameKey = slotsByKey.get(slot.key!)
    if (sameKey) sameKey.push(slot)
    else slotsByKey.set(slot.key!, [slot])
  }
  const { byPlayer: beatsByKey, unmatched } = groupBeats(
    input.beats,
    [...slotsByKey.keys()],
    (beat) => beat.key,
  )
  let extra = unmatched.filter((beat) => beat.ok).length
  for (const [key, keySlots] of slotsByKey)
    extra += matchBeats(keySlots, beatsByKey.get(key)!, range.now)

  if (!input.roster) return { slots, series: [{ slots }], extra }
  const series = [...new Set(input.roster)].map((player) => ({
    player,
    slots: slots.filter((slot) => slot.player === player),
  }))
  return { slots, series, extra }
}

function groupBeats(
  beats: readonly Beat[],
  groups: readonly string[],
  groupOf: (beat: Beat) => string | undefined,
): { byPlayer: Map<string, Beat[]>; unmatched: Beat[] } {
  const byPlayer = new Map<string, Beat[]>(groups.map((group) => [group, []]))
  const unmatched: Beat[] = []
  for (const beat of beats) {
    const group = groupOf(beat)
    const target = group === undefined ? undefined : byPlayer.get(group)
    if (target) target.push(beat)
    else unmatched.push(beat)
  }
  return { byPlayer, unmatched }
}
