import type { Beat, Rest, Slot } from './types.js'

/** Sets aside, as `rest`, every slot whose due falls inside a rest (both ends inclusive). */
export function markRests(slots: readonly Slot[], rests: readonly Rest[] | undefined): void {
  if (!rests || rests.length === 0) return
  for (const slot of slots) {
    if (rests.some((rest) => slot.due >= rest.from && slot.due <= rest.to)) slot.outcome = 'rest'
  }
}

/**
 * Fills one series of slots (ordered by due) with its beats and decides every outcome.
 * Ok beats are taken in ascending time; each fills the earliest unfilled slot whose
 * [open, deadline] contains it. Returns how many ok beats found no slot (`extra`).
 */
export function matchBeats(slots: readonly Slot[], beats: readonly Beat[], now: number): number {
  const ordered = isInTimeOrder(beats) ? beats : [...beats].sort((a, b) => a.at - b.at)
  const failedTimes: number[] = []
  let extra = 0
  let first = 0
  for (const beat of ordered) {
    const at = beat.at
    if (!beat.ok) {
      failedTimes.push(at)
      continue
    }
    // Deadlines ascend with due, so a slot that closed before this beat closed for all later ones.
    while (first < slots.length && slots[first]!.deadline < at) first++
    let filled = false
    for (let i = first; i < slots.length && slots[i]!.open <= at; i++) {
      const slot = slots[i]!
      if (slot.outcome === 'rest' || slot.beatAt !== undefined) continue
      slot.beatAt = at
      slot.offsetMs = at - slot.due
      slot.outcome = at <= slot.due ? 'on_time' : 'late'
      filled = true
      break
    }
    if (!filled) extra++
  }

  for (const slot of slots) {
    if (slot.outcome !== 'pending' || now <= slot.deadline) continue
    slot.outcome = hasTimeIn(failedTimes, slot.open, slot.deadline) ? 'failed' : 'missed'
  }
  return extra
}

// Sources deliver beats in time order almost always; sorting a copy is the exception.
function isInTimeOrder(beats: readonly Beat[]): boolean {
  for (let i = 1; i < beats.length; i++) if (beats[i]!.at < beats[i - 1]!.at) return false
  return true
}

function hasTimeIn(sortedTimes: readonly number[], from: number, to: number): boolean {
  let low = 0
  let high = sortedTimes.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sortedTimes[middle]! < from) low = middle + 1
    else high = middle
  }
  return low < sortedTimes.length && sortedTimes[low]! <= to
}
