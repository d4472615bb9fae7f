import { adherenceOf, completionOf, countOutcomes, latenessOf, trendOf } from './figures.js'
import type { Counts, Lateness, Slot, Trend } from './types.js'

/** One run of slots evaluated together: the whole rhythm, or one player of an ensemble. */
export interface SeriesFigures {
  counts: Counts
  adherence: number | null
  completion: number | null
  lateness: Lateness | null
  trend: Trend | null
  /** The decided slot with the latest due, if any. */
  lastDecided: Slot | undefined
}

/** The figures of slots ordered by due. */
export function seriesFigures(slots: readonly Slot[], extra: number): SeriesFigures {
  const counts = countOutcomes(slots, extra)
  let lastDecided: Slot | undefined
  for (let i = slots.length - 1; i >= 0 && !lastDecided; i--) {
    const outcome = slots[i]!.outcome
    if (outcome !== 'pending' && outcome !== 'rest') lastDecided = slots[i]
  }
  return {
    counts,
    adherence: adherenceOf(counts),
    completion: completionOf(counts),
    lateness: latenessOf(slots),
    trend: trendOf(slots),
    lastDecided,
  }
}
