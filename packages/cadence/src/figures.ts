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
  const offsets = scratch('offsets', slots.length)
  let n = 0
  for (const slot of slots) if (slot.offsetMs !== undefined) offsets[n++] = slot.offsetMs
  if (n === 0) return null
  const sorted = sortNumbers(offsets, n)
  const p50 = quantileOfSorted(sorted, 0.5, n)
  const p95 = quantileOfSorted(sorted, 0.95, n)
  return { p50Ms: p50, p95Ms: p95, jitterMs: medianDeviation(sorted, n, p50) }
}

/**
 * The median absolute deviation from `center` of sorted values. The deviations below the center
 * ascend leftwards and those above ascend rightwards, so merging the two runs sorts them.
 */
function medianDeviation(sorted: Float64Array, n: number, center: number): number {
  const deviations = scratch('deviations', n)
  let right = 0
  while (right < n && sorted[right]! < center) right++
  let left = right - 1
  for (let k = 0; k < n; k++) {
    const below = left >= 0 ? center - sorted[left]! : Infinity
    const above = right < n ? sorted[right]! - center : Infinity
    if (below <= above) {
      deviations[k] = below
      left--
    } else {
      deviations[k] = above
      right++
    }
  }
  return quantileOfSorted(deviations, 0.5, n)
}

/**
 * Theil–Sen line through the last 10 filled slots' offsets against their slot index (position
 * among the series' slots by due, rests left out), projected 3 indexes past the last one.
 */
export function trendOf(slots: readonly Slot[]): Trend | null {
  let index = 0
  for (const slot of slots) if (slot.outcome !== 'rest') index++
  // Walk back from the end for the last filled slots, counting each non-rest slot's index.
  const xs = scratch('xs', TREND_WINDOW)
  const ys = scratch('ys', TREND_WINDOW)
  let n = 0
  for (let i = slots.length - 1; i >= 0 && n < TREND_WINDOW; i--) {
    const slot = slots[i]!
    if (slot.outcome === 'rest') continue
    index--
    if (slot.offsetMs === undefined) continue
    xs[n] = index
    ys[n] = slot.offsetMs
    n++
  }
  if (n < TREND_MIN_POINTS) return null
  const slopes = scratch('slopes', (n * (n - 1)) / 2)
  let k = 0
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) slopes[k++] = (ys[j]! - ys[i]!) / (xs[j]! - xs[i]!)
  }
  const slope = quantileOfSorted(sortNumbers(slopes, k), 0.5, k)
  const residuals = scratch('residuals', n)
  for (let i = 0; i < n; i++) residuals[i] = ys[i]! - slope * xs[i]!
  const intercept = quantileOfSorted(sortNumbers(residuals, n), 0.5, n)
  // xs[0] is the latest filled slot: the points were collected from the end.
  return {
    msPerBeat: slope,
    interceptMs: intercept,
    projectedOffsetMs: slope * (xs[0]! + TREND_HORIZON) + intercept,
  }
}

// Reused work buffers: figures run for every rhythm, and fresh arrays there were most of the
// engine's garbage. Results never alias them.
const buffers = new Map<string, Float64Array>()

function scratch(name: string, length: number): Float64Array {
  let buffer = buffers.get(name)
  if (!buffer || buffer.length < length) {
    buffer = new Float64Array(Math.max(length, 2 * (buffer?.length ?? 64)))
    buffers.set(name, buffer)
  }
  return buffer
}

/** Sorts the first `n` values ascending, in place. */
function sortNumbers(values: Float64Array, n: number): Float64Array {
  if (n > 128) {
    values.subarray(0, n).sort()
    return values
  }
  for (let i = 1; i < n; i++) {
    const value = values[i]!
    let j = i - 1
    while (j >= 0 && values[j]! > value) {
      values[j + 1] = values[j]!
      j--
    }
    values[j + 1] = value
  }
  return values
}

/** Linear interpolation between closest ranks (Hyndman & Fan type 7, R's and NumPy's default). */
export function quantileOfSorted(
  sorted: ArrayLike<number>,
  q: number,
  length = sorted.length,
): number {
  const position = (length - 1) * q
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower)
}
