import type { Evaluation, SlotOutcome } from '@baton/cadence'

const RECENT_SLOTS = 24

/** A decided or pending slot, compactly, for sparklines: [due, outcome, offset or null]. */
export type RecentSlot = [due: number, outcome: SlotOutcome, offsetMs: number | null]

/** What a list or the wall shows of a rhythm without recomputing it: no full slot list. */
export interface StoredFigures {
  target: number
  adherence: number | null
  completion: number | null
  budgetLeft: number | null
  counts: Evaluation['counts']
  lateness: Evaluation['lateness']
  trend: Evaluation['trend']
  recent: RecentSlot[]
  players?: Array<{
    player: string
    state: string
    adherence: number | null
    counts: Evaluation['counts']
    reasons: Evaluation['reasons']
  }>
}

export function figuresOf(evaluation: Evaluation): StoredFigures {
  const figures: StoredFigures = {
    target: evaluation.target,
    adherence: evaluation.adherence,
    completion: evaluation.completion,
    budgetLeft: evaluation.budgetLeft,
    counts: evaluation.counts,
    lateness: evaluation.lateness,
    trend: evaluation.trend,
    recent: recentSlots(evaluation),
  }
  if (evaluation.players) {
    figures.players = evaluation.players.map((player) => ({
      player: player.player,
      state: player.state,
      adherence: player.adherence,
      counts: player.counts,
      reasons: player.reasons,
    }))
  }
  return figures
}

// An ensemble has a slot per player per due time: the sparkline shows the worst of each due.
function recentSlots(evaluation: Evaluation): RecentSlot[] {
  const byDue = new Map<number, RecentSlot>()
  for (const slot of evaluation.slots) {
    if (slot.outcome === 'rest') continue
    const current = byDue.get(slot.due)
    if (!current || SEVERITY[slot.outcome] > SEVERITY[current[1]]) {
      byDue.set(slot.due, [slot.due, slot.outcome, slot.offsetMs ?? null])
    }
  }
  return [...byDue.values()].slice(-RECENT_SLOTS)
}

const SEVERITY: Record<SlotOutcome, number> = {
  rest: 0,
  pending: 1,
  on_time: 2,
  late: 3,
  failed: 4,
  missed: 5,
}
