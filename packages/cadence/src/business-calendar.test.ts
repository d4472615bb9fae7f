import { describe, expect, it } from 'vitest'
import { addBusinessTime, compileCalendar } from './business-calendar.js'
import type { BusinessCalendar } from './types.js'

const HOUR = 3_600_000
const office: [string, string][] = [['08:00', '17:00']]
const newYork: BusinessCalendar = {
  tz: 'America/New_York',
  hours: { mon: office, tue: office, wed: office, thu: office, fri: office },
  holidays: ['2026-12-25'],
}
const add = (calendar: BusinessCalendar, at: string, hours: number) =>
  new Date(addBusinessTime(compileCalendar(calendar), Date.parse(at), hours * HOUR)).toISOString()

describe('business time', () => {
  it('counts within one business day', () => {
    expect(add(newYork, '2026-11-24T09:00-05:00', 4)).toBe('2026-11-24T18:00:00.000Z')
  })

  it('carries over the weekend: Friday 16:00 plus 4 hours is Monday 11:00', () => {
    expect(add(newYork, '2026-11-20T16:00-05:00', 4)).toBe('2026-11-23T16:00:00.000Z')
  })

  it('starts counting at the next business instant when triggered outside hours', () => {
    expect(add(newYork, '2026-11-21T10:00-05:00', 1)).toBe('2026-11-23T14:00:00.000Z')
    expect(add(newYork, '2026-11-24T17:00-05:00', 0)).toBe('2026-11-25T13:00:00.000Z')
  })

  it('skips holidays', () => {
    // Thursday 24 Dec 16:00 + 2 h: one hour that day, the 25th is a holiday, then Monday 28th.
    expect(add(newYork, '2026-12-24T16:00-05:00', 2)).toBe('2026-12-28T14:00:00.000Z')
  })

  it('keeps local hours across a DST change', () => {
    // Friday 6 Mar 2026 16:00 EST + 2 h: Monday 9 Mar 09:00 EDT (UTC-4).
    expect(add(newYork, '2026-03-06T16:00-05:00', 2)).toBe('2026-03-09T13:00:00.000Z')
  })

  it('uses split days and merges overlapping intervals', () => {
    const calendar: BusinessCalendar = {
      tz: 'Europe/Berlin',
      hours: {
        mon: [
          ['13:00', '17:00'],
          ['08:00', '12:00'],
          ['11:00', '12:30'],
        ],
      },
    }
    // Monday 23 Nov 2026 08:00 CET + 5 h: 08:00–12:30 is 4.5 h, then 13:00 + 0.5 h.
    expect(add(calendar, '2026-11-23T08:00+01:00', 5)).toBe('2026-11-23T12:30:00.000Z')
  })

  it.each([
    [{ tz: 'UTC', hours: {} }, /cadence\.calendar\.hours: .*at least one weekday/],
    [
      { tz: 'UTC', hours: { mon: [['17:00', '08:00']] } },
      /cadence\.calendar\.hours\.mon\[0\]: .*start before end/,
    ],
    [{ tz: 'UTC', hours: { mon: [['8am', '5pm']] } }, /cadence\.calendar\.hours\.mon\[0\]/],
    [
      { tz: 'Nowhere/City', hours: { mon: office } },
      /cadence\.calendar\.tz: unknown IANA time zone/,
    ],
    [
      { tz: 'UTC', hours: { mon: office }, holidays: ['25/12/2026'] },
      /cadence\.calendar\.holidays\[0\]/,
    ],
  ])('rejects a broken calendar, naming the field (%#)', (calendar, message) => {
    expect(() => compileCalendar(calendar as BusinessCalendar)).toThrow(message)
  })
})
