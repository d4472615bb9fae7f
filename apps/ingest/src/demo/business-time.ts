import { civilDay, isoDay, localDayOf, zonedTime } from './zoned-time.js'
import type { BusinessCalendar, Weekday } from '@baton/cadence'

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
/** Long enough for any SLA the demo plays, with holidays; a guard against an empty calendar. */
const SEARCH_DAYS = 60

/**
 * The instant `ms` of business time after `start`, counted as the engine counts an SLA on a
 * calendar: time outside opening hours and on holidays does not count. The demo needs it to put
 * a late answer just after its real due time, which for a Friday-evening ticket is Monday.
 */
export function addBusinessTime(calendar: BusinessCalendar, start: number, ms: number): number {
  let remaining = ms
  const firstDay = localDayOf(start, calendar.tz)
  for (let day = firstDay; day < firstDay + SEARCH_DAYS; day++) {
    for (const [open, close] of openingHours(calendar, day)) {
      const from = Math.max(start, zonedTime(calendar.tz, day, open))
      const until = zonedTime(calendar.tz, day, close)
      if (from >= until) continue
      if (remaining <= until - from) return from + remaining
      remaining -= until - from
    }
  }
  throw new Error(`no business hours within ${SEARCH_DAYS} days in the calendar for ${calendar.tz}`)
}

/** Whether the office is open at `at`. */
export function isBusinessTime(calendar: BusinessCalendar, at: number): boolean {
  const day = localDayOf(at, calendar.tz)
  return openingHours(calendar, day).some(
    ([open, close]) =>
      at >= zonedTime(calendar.tz, day, open) && at < zonedTime(calendar.tz, day, close),
  )
}

/** Whether `day` (a local epoch day) has any opening hours. */
export function isBusinessDay(calendar: BusinessCalendar, day: number): boolean {
  return openingHours(calendar, day).length > 0
}

/** A day's opening hours in minutes after local midnight. */
export function openingHours(calendar: BusinessCalendar, day: number): Array<[number, number]> {
  if (calendar.holidays?.includes(isoDay(day))) return []
  const hours = calendar.hours[WEEKDAYS[civilDay(day).weekday]!] ?? []
  return hours.map(([open, close]) => [minutesOf(open), minutesOf(close)])
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number)
  return hours! * 60 + minutes!
}
