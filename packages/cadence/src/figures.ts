import type { Counts, Lateness, Slot, Trend } from './types.js'

const TREND_WINDOW = 10
const TREND_MIN_POINTS = 5
const TREND_HORIZON = 3

export function countOutcomes(slots: readonly Slot[], extra: number): Counts {
  const counts: Counts = {
    expected: 0,
    onTime: 0,
    late: 0,
    failed: 0,
    missed: 0,
    pending: 0,
    rest: 0,
    extra,
  }
  for (const slot of slots) {
    switch (slot.outcome) {
      case 'on_time':
        counts.onTime++
        break
      case 'late':
        counts.late++
        break
      case 'failed':
        counts.failed++
        break
      case 'missed':
        counts.missed++
        break
      case 'pending':
        counts.pending++
        break
      case 'rest':
        counts.rest++
        break
    }
  }
  counts.expected = counts.onTime + counts.late + counts.failed + counts.missed
  return counts
}

export function adherenceOf(counts: Counts): number | null {
  return counts.expected === 0 ? null : counts.onTime / counts.expected
}

export function completionOf(counts: Counts): number | null {
  return counts.expected === 0 ? null : (counts.onTime + counts.late) / counts.expected
}

/** The SRE error budget: 1 untouched, 0 or below exhausted. */
export function budgetLeftOf(adherence: number | null, target: number): number | null {
  if (adherence === null) return null
  if (target >= 1) return adherence >= 1 ? 1 : 0
  return 1 - (1 - adherence) / (1 - target)
}

/** p50, p95 and median absolute deviation of the offsets of filled slots. */
export function latenessOf(slots: readonly Slot[]): Lateness | null {
  const offsets = filledOffsets(slots).sort(ascending)
  if (offsets.length === 0) return null
  const p50 = quantileOfSorted(offsets, 0.5)
  const deviations = offsets.map((offset) => Math.abs(offset - p50)).sort(ascending)
  return {
    p50Ms: p50,
    p95Ms: quantileOfSorted(offsets, 0.95),
    jitterMs: quantileOfSorted(deviations, 0.5),
  }
}

/**
 * Theil–Sen line through the last 10 filled slots' offsets against their slot index (position
 * among the series' slots by due, rests left out), projected 3 indexes past the last one.
 */
export function trendOf(slots: readonly Slot[]): Trend | null {
  const points: Array<[index: number, offset: number]> = []
  let index = 0
  for (const slot of slots) {
    if (slot.outcome === 'rest') continue
    if (slot.offsetMs !== undefined) points.push([index, slot.offsetMs])
    index++
  }
  const recent = points.slice(-TREND_WINDOW)
  if (recent.length < TREND_MIN_POINTS) return null
  const slopes: number[] = []
  for (let i = 0; i < recent.length; i++) {
    for (let j = i + 1; j < recent.length; j++) {
      const [xi, yi] = recent[i]!
      const [xj, yj] = recent[j]!
      slopes.push((yj - yi) / (xj - xi))
    }
  }
  const slope = medianOf(slopes)
  const intercept = medianOf(recent.map(([x, y]) => y - slope * x))
  const lastIndex = recent.at(-1)![0]
  return {
    msPerBeat: slope,
    interceptMs: intercept,
    projectedOffsetMs: slope * (lastIndex + TREND_HORIZON) + intercept,
  }
}

function filledOffsets(slots: readonly Slot[]): number[] {
  const offsets: number[] = []
  for (const slot of slots) if (slot.offsetMs !== undefined) offsets.push(slot.offsetMs)
  return offsets
}

/** Linear interpolation between closest ranks (Hyndman & Fan type 7, R's and NumPy's default). */
export function quantileOfSorted(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower)
}

export function medianOf(values: readonly number[]): number {
  return quantileOfSorted([...values].sort(ascending), 0.5)
}

function ascending(a: number, b: number): number {
  return a - b
}
