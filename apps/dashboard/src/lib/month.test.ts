import { describe, expect, it } from 'vitest'
import { isMonth, monthOf, monthTick, monthTitle, shiftMonth } from './month.js'

describe('months', () => {
  it('accepts only real months written YYYY-MM', () => {
    expect(isMonth('2026-11')).toBe(true)
    expect(isMonth('2026-13')).toBe(false)
    expect(isMonth('2026-1')).toBe(false)
  })

  it('steps across year ends both ways', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2026-01', -1)).toBe('2025-12')
    expect(shiftMonth('2026-11', -11)).toBe('2025-12')
  })

  it('names a month in words, and marks where a chart turns a year', () => {
    expect(monthTitle('2026-11')).toBe('November 2026')
    expect(monthTick('2026-11')).toBe('Nov')
    expect(monthTick('2027-01')).toBe('Jan 2027')
    expect(monthTick('2025-12', true)).toBe('Dec 2025')
  })

  it('finds the month of an instant in the zone, not in UTC', () => {
    const at = Date.UTC(2026, 11, 1, 3, 0) // 1 Dec 03:00 UTC is still 30 Nov in Denver
    expect(monthOf(at, 'UTC')).toBe('2026-12')
    expect(monthOf(at, 'America/Denver')).toBe('2026-11')
  })
})
