import { describe, expect, it } from 'vitest'
import { latenessSeries, unitFor } from './lateness-series.js'
import type { Slot } from '@baton/cadence'

const MINUTE = 60_000
const DAY = 86_400_000

function filled(index: number, offsetMs: number, player?: string): Slot {
  const due = index * DAY
  return {
    open: due - DAY,
    due,
    deadline: due + 30 * MINUTE,
    outcome: offsetMs > 0 ? 'late' : 'on_time',
    beatAt: due + offsetMs,
    offsetMs,
    ...(player && { player }),
  }
}

describe('latenessSeries', () => {
  it('reads lateness in a unit that keeps the numbers short', () => {
    expect(unitFor(45_000).label).toBe('s')
    expect(unitFor(90 * MINUTE).label).toBe('min')
    expect(unitFor(20 * 3_600_000).label).toBe('h')
    expect(unitFor(14 * DAY).label).toBe('days')
  })

  it('gives a row per filled slot, in the unit, with the grace from the slots', () => {
    const series = latenessSeries({
      slots: [
        filled(0, -10 * MINUTE),
        filled(1, 5 * MINUTE),
        { ...filled(2, 0), outcome: 'missed', offsetMs: undefined, beatAt: undefined },
      ],
      trend: null,
    })
    expect(series.unit.label).toBe('min')
    expect(series.x).toEqual([0, DAY])
    expect(series.lateness).toEqual([-10, 5])
    expect(series.trend).toEqual([null, null])
    expect(series.graceMs).toBe(30 * MINUTE)
    expect(series).toMatchObject({ shown: 2, filled: 2, ensemble: false })
  })

  it('draws the trend from the first slot it was fitted to, to 3 slots past the last', () => {
    // CADENCE.md worked example 2: the last five beats slide toward the downbeat.
    const slots = Array.from({ length: 12 }, (_, index) => filled(index, -MINUTE * (12 - index)))
    const trend = { msPerBeat: MINUTE, interceptMs: -12 * MINUTE, projectedOffsetMs: 2 * MINUTE }
    const series = latenessSeries({ slots, trend })
    const ends = series.x.flatMap((x, index) =>
      series.trend[index] === null ? [] : [[x / DAY, series.trend[index]]],
    )
    // Fitted to slots 2–11; projected at index 14, a day past the last for each step.
    expect(ends).toEqual([
      [2, -10],
      [14, 2],
    ])
  })

  it('keeps only the latest points of a long history', () => {
    const slots = Array.from({ length: 50 }, (_, index) => filled(index, -MINUTE))
    const series = latenessSeries({ slots, trend: null }, 20)
    expect(series).toMatchObject({ shown: 20, filled: 50 })
    expect(series.x[0]).toBe(30 * DAY)
  })
})
