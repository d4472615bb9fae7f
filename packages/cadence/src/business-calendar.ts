import { CadenceInputError } from './errors.js'
import { assertTimeZone, civilDate, localEpochDay, localTimeToEpoch } from './zoned-time.js'
import type { BusinessCalendar, Weekday } from './types.js'

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/
const LOCAL_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/
/** Ten years of closed days in a row means the calendar can never open. */
const SEARCH_LIMIT_DAYS = 3660

interface CompiledCalendar {
  tz: string
  /** Per weekday (0 = Sunday): opening intervals in local minutes, sorted and merged. */
  weeklyMinutes: Array<Array<[number, number]>>
  holidays: Set<string>
  /** Per local epoch day: opening intervals as instants. */
  days: Map<number, Array<[number, number]>>
}

const compiled = new WeakMap<BusinessCalendar, CompiledCalendar>()

/** Validates a calendar once and prepares it for business-time arithmetic. */
export function compileCalendar(
  calendar: BusinessCalendar,
  field = 'cadence.calendar',
): CompiledCalendar {
  const hit = compiled.get(calendar)
  if (hit) return hit
  assertTimeZone(calendar.tz, `${field}.tz`)
  if (typeof calendar.hours !== 'object' || calendar.hours === null) {
    throw new CadenceInputError(`${field}.hours`, calendar.hours, 'expected hours per weekday')
  }
  const weeklyMinutes = WEEKDAYS.map((weekday) =>
    parseDayHours(calendar.hours[weekday], `${field}.hours.${weekday}`),
  )
  if (weeklyMinutes.every((intervals) => intervals.length === 0)) {
    throw new CadenceInputError(
      `${field}.hours`,
      calendar.hours,
      'a calendar needs business hours on at least one weekday',
    )
  }
  const holidays = new Set<string>()
  for (const [index, holiday] of (calendar.holidays ?? []).entries()) {
    if (typeof holiday !== 'string' || !LOCAL_DATE.test(holiday)) {
      throw new CadenceInputError(
        `${field}.holidays[${index}]`,
        holiday,
        'expected a local date like "2026-12-25"',
      )
    }
    holidays.add(holiday)
  }
  const result: CompiledCalendar = { tz: calendar.tz, weeklyMinutes, holidays, days: new Map() }
  compiled.set(calendar, result)
  return result
}

function parseDayHours(hours: unknown, field: string): Array<[number, number]> {
  if (hours === undefined) return []
  if (!Array.isArray(hours))
    throw new CadenceInputError(field, hours, 'expected [["08:00", "17:00"], …]')
  const intervals = hours.map((interval: unknown, index): [number, number] => {
    const [start, end] = Array.isArray(interval) ? interval : []
    const startMinute = parseClockTime(start)
    const endMinute = parseClockTime(end)
    if (startMinute === undefined || endMinute === undefined || startMinute >= endMinute) {
      throw new CadenceInputError(
        `${field}[${index}]`,
        interval,
        'expected ["HH:MM", "HH:MM"] with start before end',
      )
    }
    return [startMinute, endMinute]
  })
  intervals.sort((a, b) => a[0] - b[0])
  const merged: Array<[number, number]> = []
  for (const interval of intervals) {
    const previous = merged.at(-1)
    if (previous && interval[0] <= previous[1]) previous[1] = Math.max(previous[1], interval[1])
    else merged.push([...interval])
  }
  return merged
}

function parseClockTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || !CLOCK_TIME.test(value)) return undefined
  const [hours, minutes] = value.split(':').map(Number)
  return hours! * 60 + minutes!
}

function openingsOfDay(calendar: CompiledCalendar, epochDay: number): Array<[number, number]> {
  let openings = calendar.days.get(epochDay)
  if (openings) return openings
  const date = civilDate(epochDay)
  const isoDate = `${date.year}-${pad(date.month)}-${pad(date.day)}`
  openings = calendar.holidays.has(isoDate)
    ? []
    : calendar.weeklyMinutes[date.weekday]!.map(([start, end]): [number, number] => [
        localTimeToEpoch(calendar.tz, epochDay, start),
        localTimeToEpoch(calendar.tz, epochDay, end),
      ])
  calendar.days.set(epochDay, openings)
  return openings
}

function pad(value: number): string {
  return String(value).padStart(2, '0')
}

/**
 * The instant `durationMs` of business time after `at`. Time outside business hours does not
 * count, so a start outside them begins counting at the next business instant. Walks whole
 * business days rather than minutes.
 */
export function addBusinessTime(
  calendar: CompiledCalendar,
  at: number,
  durationMs: number,
): number {
  let remaining = durationMs
  const firstDay = localEpochDay(calendar.tz, at)
  for (let day = firstDay; day <= firstDay + SEARCH_LIMIT_DAYS; day++) {
    for (const [open, close] of openingsOfDay(calendar, day)) {
      if (close <= at) continue
      const start = Math.max(open, at)
      if (remaining <= close - start) return start + remaining
      remaining -= close - start
    }
  }
  throw new CadenceInputError(
    'cadence.calendar',
    calendar.tz,
    `no business hours within ${SEARCH_LIMIT_DAYS} days`,
  )
}
