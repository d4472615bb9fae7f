import type { SlotOutcome } from '@baton/cadence'

/** The words a slot's outcome is read as, wherever its shape is drawn. */
export const OUTCOME_WORD: Record<SlotOutcome, string> = {
  on_time: 'on time',
  late: 'late',
  missed: 'missed',
  failed: 'failed',
  pending: 'pending',
  rest: 'rest',
}

/** The order a legend lists them in: the beat as it should be, then each way it goes wrong. */
export const OUTCOME_ORDER: readonly SlotOutcome[] = [
  'on_time',
  'late',
  'missed',
  'failed',
  'pending',
  'rest',
]

// Where several players share a due time, the one drawn is the worst.
const SEVERITY: Record<SlotOutcome, number> = {
  rest: 0,
  on_time: 1,
  pending: 2,
  late: 3,
  failed: 4,
  missed: 5,
}

/** Whether `a` is worse news than `b`. */
export function worseThan(a: SlotOutcome, b: SlotOutcome): boolean {
  return SEVERITY[a] > SEVERITY[b]
}

/** Decided: it counts toward adherence (not pending, not a planned rest). */
export function isDecided(outcome: SlotOutcome): boolean {
  return outcome !== 'pending' && outcome !== 'rest'
}
