import { describe, expect, it } from 'vitest'
import {
  monthName,
  monthOf,
  monthRange,
  monthsEnding,
  reportedMonth,
  shiftMonth,
} from './month-range.js'

const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('monthRange', () => {
  it('runs a UTC month from midnight on the 1st to midnight on the next 1st', () => {
    expect(monthRange('2026-11', 'UTC')).toEqual({
      month: '2026-11',
      tz: 'UTC',
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
    })
  })

  it('loses an hour in a New York March, when the clocks spring forward', () => {
    const { from, to } = monthRange('2026-03', 'America/New_York')
    expect(new Date(from).toISOString()).toBe('2026-03-01T05:00:00.000Z')
    expect(new Date(to).toISOString()).toBe('2026-04-01T04:00:00.000Z')
    expect(to - from).toBe(31 * DAY - HOUR)
  })

  it('gains an hour in a New York November, when the clocks fall back on the 1st', () => {
    const { from, to } = monthRange('2026-11', 'America/New_York')
    expect(new Date(from).toISOString()).toBe('2026-11-01T04:00:00.000Z')
    expect(new Date(to).toISOString()).toBe('2026-12-01T05:00:00.000Z')
    expect(to - from).toBe(30 * DAY + HOUR)
  })

  it('runs December into January of the next year', () => {
    expect(monthRange('2026-12', 'UTC').to).toBe(Date.UTC(2027, 0, 1))
    expect(shiftMonth('2026-12', 1)).toBe('2027-01')
    expect(shiftMonth('2027-01', -1)).toBe('2026-12')
    expect(monthsEnding('2027-02', 3)).toEqual(['2026-12', '2027-01', '2027-02'])
    expect(monthName('2026-12')).toBe('December')
  })

  it.each(['2026-13', '2026-00', '2026-1', '26-01', 'November'])('refuses %j as a month', (m) => {
    expect(() => monthRange(m, 'UTC')).toThrow(/not a calendar month/)
  })

  it('refuses a time zone it does not know', () => {
    expect(() => monthRange('2026-11', 'Mars/Olympus')).toThrow(/Mars\/Olympus/)
  })
})

describe('reportedMonth', () => {
  it('judges a past month to its end', () => {
    const now = Date.UTC(2026, 11, 3)
    expect(reportedMonth({ month: '2026-11', tz: 'UTC', now })).toMatchObject({
      to: Date.UTC(2026, 11, 1),
      until: Date.UTC(2026, 11, 1),
      partial: false,
    })
  })

  it('judges the current month up to now and marks it partial', () => {
    const now = Date.UTC(2026, 10, 15, 12)
    expect(reportedMonth({ month: '2026-11', tz: 'UTC', now })).toMatchObject({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 11, 1),
      until: now,
      partial: true,
    })
  })

  it('throws for a month that has not begun, naming it', () => {
    const now = Date.UTC(2026, 11, 3)
    expect(() => reportedMonth({ month: '2027-01', tz: 'UTC', now })).toThrow(
      'month 2027-01 has not begun yet in UTC',
    )
  })

  it('starts a month by the local calendar: already December in Auckland, still November in UTC', () => {
    const now = Date.UTC(2026, 10, 30, 23)
    expect(monthOf(now, 'Pacific/Auckland')).toBe('2026-12')
    expect(monthOf(now, 'UTC')).toBe('2026-11')
    expect(reportedMonth({ month: '2026-12', tz: 'Pacific/Auckland', now }).partial).toBe(true)
    expect(() => reportedMonth({ month: '2026-12', tz: 'UTC', now })).toThrow(/2026-12/)
  })
})
