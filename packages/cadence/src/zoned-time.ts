import { Temporal } from 'temporal-polyfill'
import { CadenceInputError } from './errors.js'

export const MINUTE = 60_000
export const HOUR = 3_600_000
export const DAY = 86_400_000

/** A local calendar date, numbered as days since 1970-01-01 (an "epoch day"). */
export interface CivilDate {
  year: number
  month: number
  day: number
  /** 0 = Sunday … 6 = Saturday, as cron counts them. */
  weekday: number
  daysInMonth: number
}

const validZones = new Set<string>()

/** Throws unless `tz` is an IANA zone this runtime knows. */
export function assertTimeZone(tz: unknown, field: string): asserts tz is string {
  if (typeof tz === 'string' && validZones.has(tz)) return
  try {
    if (typeof tz !== 'string' || tz === '') throw new RangeError('not a string')
    new Intl.DateTimeFormat('en', { timeZone: tz })
  } catch {
    throw new CadenceInputError(field, tz, 'unknown IANA time zone')
  }
  validZones.add(tz)
}

export function civilDate(epochDay: number): CivilDate {
  const date = new Date(epochDay * DAY)
  const year = date.getUTCFullYear()
  const month = date.getUTCMonth() + 1
  return {
    year,
    month,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  }
}

export function epochDayOf(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY
}

// Local day starts are the only Temporal calls on the hot path; each is ~15 µs, so keep them.
const dayStarts = new Map<string, Map<number, number>>()
const DAY_START_CACHE_LIMIT = 500_000
let dayStartCount = 0

/** The first instant of a local date in `tz` (midnight, or the end of a gap that swallows it). */
export function localDayStart(tz: string, epochDay: number): number {
  let zone = dayStarts.get(tz)
  if (!zone) dayStarts.set(tz, (zone = new Map()))
  let start = zone.get(epochDay)
  if (start === undefined) {
    if (++dayStartCount > DAY_START_CACHE_LIMIT) {
      dayStarts.clear()
      dayStartCount = 1
      dayStarts.set(tz, zone)
    }
    const { year, month, day } = civilDate(epochDay)
    start = Temporal.PlainDate.from({ year, month, day }).toZonedDateTime({
      timeZone: tz,
    }).epochMilliseconds
    zone.set(epochDay, start)
  }
  return start
}

/**
 * The instant of a local wall time. A time that does not exist (spring forward) is shifted
 * forward by the length of the gap; a time that occurs twice (fall back) resolves to its first
 * occurrence: Temporal's 'compatible' disambiguation, the rule CADENCE.md takes from cron.
 */
export function localTimeToEpoch(tz: string, epochDay: number, minuteOfDay: number): number {
  if (minuteOfDay >= 24 * 60) return localDayStart(tz, epochDay + 1)
  const start = localDayStart(tz, epochDay)
  // A 24-hour day has no offset change inside it, so wall time is plain arithmetic.
  if (localDayStart(tz, epochDay + 1) - start === DAY) return start + minuteOfDay * MINUTE
  const { year, month, day } = civilDate(epochDay)
  return Temporal.PlainDateTime.from({
    year,
    month,
    day,
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
  }).toZonedDateTime(tz, { disambiguation: 'compatible' }).epochMilliseconds
}

/** The local date (epoch day) in `tz` that contains instant `at`. */
export function localEpochDay(tz: string, at: number): number {
  let day = Math.floor(at / DAY)
  while (localDayStart(tz, day) > at) day--
  while (localDayStart(tz, day + 1) <= at) day++
  return day
}
