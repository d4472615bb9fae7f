import type { Slot, Trend } from '@baton/cadence'

/** A unit lateness is read in, chosen so the chart's numbers stay short. */
export interface LatenessUnit {
  /** "min", as the axis says it. */
  label: string
  ms: number
}

/** The lateness chart's data: a row per filled slot (and per trend point), in due order. */
export interface LatenessSeries {
  unit: LatenessUnit
  /** Due times, ms. */
  x: number[]
  /** Lateness in `unit` (negative: early); null on a row that only carries the trend. */
  lateness: Array<number | null>
  /** The trend line's two ends, null elsewhere. */
  trend: Array<number | null>
  graceMs: number
  /** Filled slots drawn, of `filled` in the evaluation's range. */
  shown: number
  filled: number
  /** Several players per due time: drawn as points, not joined into one line. */
  ensemble: boolean
  trendPlayer: string | null
}

/** Enough points for months of a daily rhythm, and a day of a once-a-minute one. */
export const MOST_POINTS = 1_500
// CADENCE.md: the trend is fitted to the last 10 filled slots and projected 3 ahead.
const TREND_WINDOW = 10
const TREND_AHEAD = 3

const UNITS: LatenessUnit[] = [
  { label: 's', ms: 1_000 },
  { label: 'min', ms: 60_000 },
  { label: 'h', ms: 3_600_000 },
  { label: 'days', ms: 86_400_000 },
]

/** The unit in which `ms` reads as at most about a hundred and twenty. */
export function unitFor(ms: number): LatenessUnit {
  return UNITS.find((unit) => Math.abs(ms) / unit.ms <= 120) ?? UNITS[UNITS.length - 1]!
}

export function latenessSeries(
  evaluation: { slots: readonly Slot[]; trend: Trend | null; players?: readonly unknown[] },
  most = MOST_POINTS,
): LatenessSeries {
  const slots = [...evaluation.slots].sort((a, b) => a.due - b.due)
  const filled = slots.filter((slot) => slot.offsetMs !== undefined)
  const drawn = filled.slice(-most)
  const trend = evaluation.trend ? trendEnds(slots, evaluation.trend) : []
  const rows = [
    ...drawn.map((slot) => ({ x: slot.due, lateness: slot.offsetMs!, trend: null })),
    ...trend.map((end) => ({ x: end.x, lateness: null, trend: end.y })),
  ].sort((a, b) => a.x - b.x)
  const graceMs =
    slots.length > 0 ? slots[slots.length - 1]!.deadline - slots[slots.length - 1]!.due : 0
  const largest = Math.max(
    graceMs,
    ...drawn.map((slot) => Math.abs(slot.offsetMs!)),
    ...trend.map((end) => Math.abs(end.y)),
  )
  const unit = unitFor(largest)
  const inUnit = (ms: number | null) => (ms === null ? null : ms / unit.ms)
  return {
    unit,
    x: rows.map((row) => row.x),
    lateness: rows.map((row) => inUnit(row.lateness)),
    trend: rows.map((row) => inUnit(row.trend)),
    graceMs,
    shown: drawn.length,
    filled: filled.length,
    ensemble: evaluation.players !== undefined,
    trendPlayer: evaluation.trend?.player ?? null,
  }
}

/**
 * The trend line from the first of the slots it was fitted to, to its projection three slots
 * after the last filled one. Indexes count the player's slots (or all slots) in due order, rests
 * left out, as the engine counts them; one past the last slot steps on by the last interval.
 */
function trendEnds(sorted: readonly Slot[], trend: Trend): Array<{ x: number; y: number }> {
  const own = sorted.filter(
    (slot) =>
      slot.outcome !== 'rest' && (trend.player === undefined || slot.player === trend.player),
  )
  const filled = own.flatMap((slot, index) => (slot.offsetMs === undefined ? [] : [index]))
  if (filled.length === 0) return []
  const first = filled[Math.max(0, filled.length - TREND_WINDOW)]!
  const last = filled[filled.length - 1]! + TREND_AHEAD
  const lastDue = own[own.length - 1]!.due
  const step = own.length > 1 ? lastDue - own[own.length - 2]!.due : 0
  const dueAt = (index: number) =>
    index < own.length ? own[index]!.due : lastDue + (index - own.length + 1) * step
  return [first, last].map((index) => ({
    x: dueAt(index),
    y: trend.interceptMs + trend.msPerBeat * index,
  }))
}
