import { describe, expect, it } from 'vitest'
import { CadenceInputError } from './errors.js'
import { compileCron, dueTimesBetween, nextDue, previousDue } from './schedule.js'
import { firstSlotOpen } from './slots.js'

const HOUR = 3_600_000
const iso = (times: number[]) => times.map((time) => new Date(time).toISOString())
const duesIn = (cron: string, tz: string, from: string, to: string) =>
  iso(dueTimesBetween(compileCron(cron, tz), Date.parse(from), Date.parse(to)))

describe('schedule due times', () => {
  it('fires a daily cron at the local time in its zone', () => {
    expect(duesIn('0 6 * * *', 'America/Denver', '2026-01-01T00:00Z', '2026-01-03T00:00Z')).toEqual(
      ['2026-01-01T13:00:00.000Z', '2026-01-02T13:00:00.000Z'],
    )
  })

  it.each([
    // Spring forward: a time in the gap moves forward by the length of the gap.
    ['30 2 * * *', 'America/New_York', '2026-03-07', ['07:30', '07:30', '06:30']],
    ['30 2 * * *', 'Europe/Berlin', '2026-03-28', ['01:30', '01:30', '00:30']],
    // Fall back: a time that occurs twice fires once, at its first occurrence.
    ['30 1 * * *', 'America/New_York', '2026-10-31', ['05:30', '05:30', '06:30']],
    ['30 2 * * *', 'Europe/Berlin', '2026-10-24', ['00:30', '00:30', '01:30']],
  ])('keeps the DST rule for %s in %s around %s', (cron, tz, firstDay, utcTimes) => {
    const start = Date.parse(`${firstDay}T00:00Z`)
    const dues = dueTimesBetween(compileCron(cron, tz), start, start + 3 * 24 * HOUR)
    expect(iso(dues).map((time) => time.slice(11, 16))).toEqual(utcTimes)
  })

  it('never repeats a due time when an interval cron crosses fall back', () => {
    const dues = duesIn(
      '*/30 * * * *',
      'America/New_York',
      '2026-11-01T04:00Z',
      '2026-11-01T08:00Z',
    )
    // 01:00 and 01:30 EDT fire; their second occurrence in EST does not.
    expect(dues).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T04:30:00.000Z',
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T07:00:00.000Z',
      '2026-11-01T07:30:00.000Z',
      '2026-11-01T08:00:00.000Z',
    ])
  })

  it('gives one due time when spring forward maps two local times onto one instant', () => {
    const dues = duesIn(
      '0,30 2,3 * * *',
      'America/New_York',
      '2026-03-08T05:00Z',
      '2026-03-08T09:00Z',
    )
    expect(dues).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-08T07:30:00.000Z'])
  })

  it('fires on the last day of the month with L, also in a leap year', () => {
    expect(duesIn('0 9 L * *', 'UTC', '2028-01-15T00:00Z', '2028-04-01T00:00Z')).toEqual([
      '2028-01-31T09:00:00.000Z',
      '2028-02-29T09:00:00.000Z',
      '2028-03-31T09:00:00.000Z',
    ])
  })

  it('fires on the nth and the last weekday of the month', () => {
    expect(duesIn('0 9 * * 2#2', 'UTC', '2026-11-01T00:00Z', '2026-12-31T00:00Z')).toEqual([
      '2026-11-10T09:00:00.000Z',
      '2026-12-08T09:00:00.000Z',
    ])
    expect(duesIn('0 9 * * 5L', 'UTC', '2026-11-01T00:00Z', '2026-12-31T00:00Z')).toEqual([
      '2026-11-27T09:00:00.000Z',
      '2026-12-25T09:00:00.000Z',
    ])
  })

  it('fires when either day-of-month or day-of-week matches, as Vixie cron does', () => {
    // The 15th (a Sunday in Nov 2026) or any Monday.
    expect(duesIn('0 9 15 * 1', 'UTC', '2026-11-13T00:00Z', '2026-11-24T00:00Z')).toEqual([
      '2026-11-15T09:00:00.000Z',
      '2026-11-16T09:00:00.000Z',
      '2026-11-23T09:00:00.000Z',
    ])
  })

  it('finds the due before and after an instant, across years for a leap-day cron', () => {
    const leapDay = compileCron('0 6 29 2 *', 'UTC')
    const at = Date.parse('2026-06-01T00:00Z')
    expect(iso([previousDue(leapDay, at)!, nextDue(leapDay, at)!])).toEqual([
      '2024-02-29T06:00:00.000Z',
      '2028-02-29T06:00:00.000Z',
    ])
  })

  it('finds no due time for a cron that can never fire', () => {
    expect(nextDue(compileCron('0 0 31 2 *', 'UTC'), Date.parse('2026-01-01T00:00Z'))).toBe(
      undefined,
    )
  })

  it.each([
    ['61 6 * * *', 'UTC', /cadence\.cron: .*minute.*"61 6 \* \* \*"/],
    ['0 6 * *', 'UTC', /cadence\.cron: .*"0 6 \* \*"/],
    ['0 0 6 * * *', 'UTC', /cadence\.cron: .*6 parts/],
    ['0 9 15W * *', 'UTC', /cadence\.cron: the W .*not supported/],
    ['0 6 * * *', 'Mars/Olympus', /cadence\.tz: unknown IANA time zone \(got "Mars\/Olympus"\)/],
  ])('rejects %s in %s with an error naming the field and value', (cron, tz, message) => {
    expect(() => compileCron(cron, tz)).toThrow(CadenceInputError)
    expect(() => compileCron(cron, tz)).toThrow(message)
  })

  it('knows when the first slot of a range opens, so older beats need not be read', () => {
    const daily = { kind: 'schedule' as const, cron: '0 6 * * *', tz: 'UTC' }
    const from = Date.parse('2026-11-10T12:00Z')
    expect(new Date(firstSlotOpen(daily, from)!).toISOString()).toBe('2026-11-10T06:00:00.000Z')
    expect(new Date(firstSlotOpen({ ...daily, windowMs: HOUR }, from)!).toISOString()).toBe(
      '2026-11-10T12:00:00.000Z',
    )
  })
})
