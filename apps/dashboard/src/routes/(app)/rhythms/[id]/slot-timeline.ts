import { worseThan } from '$lib/slots'
import type { Slot, SlotOutcome } from '@baton/cadence'

/** One bar of the rhythm's timeline: a due time and what was played for it. */
export interface TimelineSlot {
  due: number
  /** The worst outcome at this due time (an ensemble has a slot per player). */
  outcome: SlotOutcome
  /** For a late beat, how far into its grace it landed (0–1): how far after the bar line. */
  lateShare: number | null
  offsetMs: number | null
  beatAt: number | null
  /** The trigger (ticket) it answers, for SLA rhythms. */
  key: string | null
  /** Slots at this due time: 1, or the ensemble's players. */
  players: number
  tally: Partial<Record<SlotOutcome, number>>
  /** Players who were not on time here, worst first (a few at most). */
  offBeat: string[]
}

/** How many bars the timeline shows: about a month of a daily rhythm. */
export const TIMELINE_SLOTS = 32
const OFF_BEAT_NAMED = 4

/**
 * The latest `count` bars of a rhythm, oldest first. Slots sharing a due time (an ensemble's
 * players) share a bar; an SLA rhythm's tickets each keep their own.
 */
export function timelineOf(slots: readonly Slot[], count = TIMELINE_SLOTS): TimelineSlot[] {
  const bars = new Map<string, Slot[]>()
  for (const slot of [...slots].sort((a, b) => a.due - b.due)) {
    const id = slot.key === undefined ? String(slot.due) : `${slot.due}|${slot.key}`
    const bar = bars.get(id)
    if (bar) bar.push(slot)
    else bars.set(id, [slot])
  }
  return [...bars.values()].slice(-count).map(barOf)
}

function barOf(slots: Slot[]): TimelineSlot {
  const worst = slots.reduce((a, b) => (worseThan(b.outcome, a.outcome) ? b : a))
  const tally: Partial<Record<SlotOutcome, number>> = {}
  for (const slot of slots) tally[slot.outcome] = (tally[slot.outcome] ?? 0) + 1
  const offBeat = slots
    .filter((slot) => slot.player !== undefined && isOffBeat(slot.outcome))
    .sort((a, b) =>
      worseThan(a.outcome, b.outcome) ? -1 : worseThan(b.outcome, a.outcome) ? 1 : 0,
    )
    .slice(0, OFF_BEAT_NAMED)
    .map((slot) => slot.player!)
  const grace = worst.deadline - worst.due
  return {
    due: worst.due,
    outcome: worst.outcome,
    lateShare:
      worst.outcome === 'late' && worst.offsetMs !== undefined
        ? grace > 0
          ? Math.min(1, worst.offsetMs / grace)
          : 1
        : null,
    offsetMs: worst.offsetMs ?? null,
    beatAt: worst.beatAt ?? null,
    key: worst.key ?? null,
    players: slots.length,
    tally,
    offBeat,
  }
}

function isOffBeat(outcome: SlotOutcome): boolean {
  return outcome === 'late' || outcome === 'missed' || outcome === 'failed'
}

const OUTCOME_SAYS: Record<SlotOutcome, string> = {
  on_time: 'on time',
  late: 'late',
  missed: 'missed: no beat',
  failed: 'failed: only failed beats',
  pending: 'pending: it can still be played',
  rest: 'rest: none expected',
}

/** One bar in a sentence, for its tooltip and the list beside the picture. */
export function describeSlot(
  slot: TimelineSlot,
  formatAt: (at: number) => string,
  formatOffset: (ms: number) => string,
): string {
  let text = `due ${formatAt(slot.due)}: ${OUTCOME_SAYS[slot.outcome]}`
  if (slot.beatAt !== null && slot.offsetMs !== null && slot.players === 1) {
    text += ` (beat ${formatAt(slot.beatAt)}, ${formatOffset(slot.offsetMs)})`
  }
  if (slot.key) text += `; ${slot.key}`
  if (slot.players > 1) {
    const onTime = slot.tally.on_time ?? 0
    text += `; ${onTime} of ${slot.players} on time`
    if (slot.offBeat.length > 0) text += `; off the beat: ${slot.offBeat.join(', ')}`
  }
  return text
}
