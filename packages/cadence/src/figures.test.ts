import { describe, expect, it } from 'vitest'
import { budgetLeftOf, latenessOf, quantileOfSorted, trendOf } from './figures.js'
import type { Slot } from './types.js'

const filled = (offsets: Array<number | null>): Slot[] =>
  offsets.map((offset, index) => ({
    open: index * 10,
    due: index * 10 + 10,
    deadline: index * 10 + 10,
    outcome: offset === null ? 'missed' : offset <= 0 ? 'on_time' : 'late',
    ...(offset === null ? {} : { offsetMs: offset, beatAt: index * 10 + 10 + offset }),
  }))

describe('figures', () => {
  it('interpolates quantiles between closest ranks (type 7)', () => {
    expect(quantileOfSorted([1, 2, 3, 4], 0.5)).toBe(2.5)
    expect(quantileOfSorted([10, 20, 30, 40, 50], 0.95)).toBe(48)
    expect(quantileOfSorted([7], 0.95)).toBe(7)
  })

  it('measures lateness and jitter over filled slots only', () => {
    // Offsets -4, -2, 0, 6: p95 sits at rank 2.85; deviations from -1 are 3, 1, 1, 7.
    const lateness = latenessOf(filled([-4, null, -2, 0, 6]))!
    expect(lateness.p50Ms).toBe(-1)
    expect(lateness.p95Ms).toBeCloseTo(5.1)
    expect(lateness.jitterMs).toBe(2)
    expect(latenessOf(filled([null, null]))).toBe(null)
  })

  it('spends the error budget linearly down to zero and below', () => {
    expect(budgetLeftOf(1, 0.9)).toBe(1)
    expect(budgetLeftOf(0.95, 0.9)).toBeCloseTo(0.5)
    expect(budgetLeftOf(0.8, 0.9)).toBeCloseTo(-1)
    expect(budgetLeftOf(null, 0.9)).toBe(null)
  })

  it('keeps a target of 1 binary: untouched or exhausted', () => {
    expect(budgetLeftOf(1, 1)).toBe(1)
    expect(budgetLeftOf(0.99, 1)).toBe(0)
  })

  it('fits a Theil–Sen line that ignores one outlier', () => {
    const trend = trendOf(filled([0, 10, 20, 30, 1000, 50, 60]))!
    expect(trend.msPerBeat).toBe(10)
    expect(trend.interceptMs).toBe(0)
    expect(trend.projectedOffsetMs).toBe(90)
  })

  it('counts slot indexes over missed slots but not over rests', () => {
    const slots = filled([0, null, 20, 30, 40, 50])
    expect(trendOf(slots)).toEqual({ msPerBeat: 10, interceptMs: 0, projectedOffsetMs: 80 })
    // The rest takes no index, so the later offsets sit one index earlier: the line shifts up.
    const withRest: Slot[] = [slots[0]!, { ...slots[1]!, outcome: 'rest' }, ...slots.slice(2)]
    expect(trendOf(withRest)).toEqual({ msPerBeat: 10, interceptMs: 10, projectedOffsetMs: 80 })
  })

  it('needs five filled slots and uses only the last ten', () => {
    expect(trendOf(filled([0, 1, 2, 3]))).toBe(null)
    const trend = trendOf(filled([500, 400, 300, 200, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))!
    expect(trend.msPerBeat).toBe(0)
  })
})
