import { Temporal } from 'temporal-polyfill'
import { MONTH_NAMES } from '../lib/month-names.js'

const MONTH = /^(\d{4})-(\d{2})$/

/** A calendar month in a zone: [from, to) runs from local midnight on the 1st to the next 1st. */
export interface MonthRange {
  month: string
  tz: string
  from: number
  to: number
}

/** A month as far as it can be judged at `now`: to the month's end, or to `now` while it runs. */
export interface ReportedMonth extends MonthRange {
  /** The end of what is judged: `to`, or `now` while the month is under way. */
  until: number
  partial: boolean
}

/**
 * The instants a month starts and ends in `tz`. Local midnight, not UTC midnight: a New York
 * November starts at 04:00 UTC and ends at 05:00 UTC, because the clocks fall back in between.
 */
export function monthRange(month: string, tz: string): MonthRange {
  const start = parseMonth(month)
  return { month, tz, from: startOf(start, tz), to: startOf(start.add({ months: 1 }), tz) }
}

/** The month to report at `now`; throws for a month that has not begun yet in `tz`. */
export function reportedMonth({
  month,
  tz,
  now,
}: {
  month: string
  tz: string
  now: number
}): ReportedMonth {
  const range = monthRange(month, tz)
  if (now < range.from) {
    throw new Error(`month ${month} has not begun yet in ${tz}: nothing to summarise`)
  }
  const partial = now < range.to
  return { ...range, until: partial ? now : range.to, partial }
}

/** The month (`YYYY-MM`) that holds `at` in `tz`. */
export function monthOf(at: number, tz: string): string {
  const local = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(zone(tz))
  return local.toPlainDate().toPlainYearMonth().toString()
}

/** The month `by` months after (or, negative, before) `month`. */
export function shiftMonth(month: string, by: number): string {
  return parseMonth(month).add({ months: by }).toString()
}

/** `count` months, oldest first, ending with `endMonth`. */
export function monthsEnding(endMonth: string, count: number): string[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new Error(`expected a whole number of months, at least 1, not ${count}`)
  }
  return Array.from({ length: count }, (_, index) => shiftMonth(endMonth, index - count + 1))
}

/** "October" for '2026-10'. */
export function monthName(month: string): string {
  return MONTH_NAMES[parseMonth(month).month - 1]!
}

function parseMonth(month: string): Temporal.PlainYearMonth {
  const match = MONTH.exec(month)
  const number = Number(match?.[2])
  if (!match || number < 1 || number > 12) {
    throw new Error(`month ${JSON.stringify(month)} is not a calendar month: expected YYYY-MM`)
  }
  return Temporal.PlainYearMonth.from(month)
}

// Temporal picks the first instant of the day, so a zone whose DST gap swallows midnight still
// gets a start (the end of the gap) rather than an error.
function startOf(month: Temporal.PlainYearMonth, tz: string): number {
  return month.toPlainDate({ day: 1 }).toZonedDateTime({ timeZone: zone(tz) }).epochMilliseconds
}

const knownZones = new Set<string>()

function zone(tz: string): string {
  if (knownZones.has(tz)) return tz
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
  } catch {
    throw new Error(`time zone ${JSON.stringify(tz)} is not an IANA time zone`)
  }
  knownZones.add(tz)
  return tz
}
