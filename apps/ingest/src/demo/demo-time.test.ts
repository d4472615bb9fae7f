import { describe, expect, it } from 'vitest'
import { addBusinessTime, isBusinessTime } from './business-time.js'
import { dueTimes, lastDecidedDue } from './demo-cron.js'
import { DAY, HOUR, localDayOf, zonedTime } from './zoned-time.js'

const day = (year: number, month: number, date: number) => Date.UTC(year, month - 1, date) / DAY
const NEW_YORK_OFFICE = {
  tz: 'America/New_York',
  hours: Object.fromEntries(
    ['mon', 'tue', 'wed', 'thu', 'fri'].map((weekday) => [weekday, [['08:00', '17:00']]]),
  ),
}

describe('zonedTime', () => {
  it('takes the first of a repeated hour when clocks fall back (Berlin, 25 Oct 2026)', () => {
    expect(zonedTime('Europe/Berlin', day(2026, 10, 25), 150)).toBe(Date.UTC(2026, 9, 25, 0, 30))
  })

  it('moves a skipped time past the gap when clocks spring forward (New York, 8 Mar 2026)', () => {
    expect(zonedTime('America/New_York', day(2026, 3, 8), 150)).toBe(Date.UTC(2026, 2, 8, 7, 30))
  })

  it('finds the local day of an instant', () => {
    expect(localDayOf(Date.UTC(2026, 10, 25, 3, 0), 'America/Denver')).toBe(day(2026, 11, 24))
  })
})

describe('addBusinessTime', () => {
  it('counts 4 business hours from Friday 16:00 to Monday 11:00 (CADENCE.md example 3)', () => {
    const friday = zonedTime('America/New_York', day(2026, 11, 20), 16 * 60)
    const monday = zonedTime('America/New_York', day(2026, 11, 23), 11 * 60)
    expect(addBusinessTime(NEW_YORK_OFFICE, friday, 4 * HOUR)).toBe(monday)
    expect(isBusinessTime(NEW_YORK_OFFICE, friday)).toBe(true)
    expect(isBusinessTime(NEW_YORK_OFFICE, friday + 2 * HOUR)).toBe(false)
  })
})

describe('dueTimes', () => {
  it('fires a quarterly cron four times a year, at 17:00 local', () => {
    const from = Date.UTC(2026, 0, 1)
    const dues = dueTimes('0 17 20 1,4,7,10 *', 'America/Denver', from, from + 365 * DAY)
    expect(dues.map((due) => new Date(due).toISOString())).toEqual([
      '2026-01-21T00:00:00.000Z',
      '2026-04-20T23:00:00.000Z',
      '2026-07-20T23:00:00.000Z',
      '2026-10-20T23:00:00.000Z',
    ])
  })

  it('fires a weekly cron on its weekday only', () => {
    const dues = dueTimes(
      '0 4 * * 0',
      'Europe/Berlin',
      Date.UTC(2026, 10, 1),
      Date.UTC(2026, 10, 30),
    )
    expect(dues.map((due) => new Date(due).getUTCDay())).toEqual([0, 0, 0, 0, 0])
  })

  it('refuses the cron it cannot play rather than guessing', () => {
    expect(() => dueTimes('*/5 * * * *', 'UTC', 0, DAY)).toThrow(/fixed minute and hour/)
  })

  it('names the last slot whose deadline has passed', () => {
    const schedule = { cron: '0 6 * * *', tz: 'UTC', graceMs: 2 * HOUR }
    expect(lastDecidedDue(schedule, Date.UTC(2026, 10, 24, 7, 0))).toBe(Date.UTC(2026, 10, 23, 6))
    expect(lastDecidedDue(schedule, Date.UTC(2026, 10, 24, 9, 0))).toBe(Date.UTC(2026, 10, 24, 6))
  })
})
