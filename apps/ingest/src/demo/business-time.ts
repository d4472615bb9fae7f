import { businessTimeAfter } from '@baton/cadence'
import { civilDay, isoDay, localDayOf, zonedTime } from './zoned-time.js'
import type { BusinessCalendar, Weekday } from '@baton/cadence'

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

/**
 * The instant `ms` of business time after `start`, exactly as the engine counts an SLA on the
 * calendar: the demo puts a late answer just after its real due time (Monday, for a Friday-evening
 * ticket).
 */
export function addBusinessTime(calendar: BusinessCalendar, start: number, ms: number): number {
  return businessTimeAfter(calendar, start, ms)
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
