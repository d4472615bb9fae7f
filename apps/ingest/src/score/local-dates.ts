const DAY_MS = 24 * 3_600_000
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/i

const formatters = new Map<string, Intl.DateTimeFormat>()

/** True when `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    formatter(tz)
    return true
  } catch {
    return false
  }
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isLocalDate(text: string): boolean {
  return parseLocalDate(text) !== undefined
}

/** True for a local date or an ISO 8601 date-time with an offset (`Z` or `-07:00`). */
export function isRestTime(text: string): boolean {
  return isLocalDate(text) || (DATE_TIME_WITH_OFFSET.test(text) && !Number.isNaN(Date.parse(text)))
}

/**
 * Epoch milliseconds of a rest bound. A date-time with an offset is that instant; a local date is
 * the first instant of that day in `tz` (`edge: 'start'`) or its last millisecond (`'end'`), so a
 * rest `to: '2026-12-26'` covers the whole of the 26th and nothing of the 27th.
 */
export function restTimeToEpoch(text: string, tz: string, edge: 'start' | 'end'): number {
  const date = parseLocalDate(text)
  if (!date) return Date.parse(text)
  if (edge === 'start') return startOfLocalDay(date, tz)
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1))
  const nextDate = {
    year: next.getUTCFullYear(),
    month: next.getUTCMonth() + 1,
    day: next.getUTCDate(),
  }
  return startOfLocalDay(nextDate, tz) - 1
}

interface LocalDate {
  year: number
  month: number
  day: number
}

function parseLocalDate(text: string): LocalDate | undefined {
  const match = LOCAL_DATE.exec(text)
  if (!match) return undefined
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  const check = new Date(Date.UTC(year, month - 1, day))
  const real = check.getUTCMonth() === month - 1 && check.getUTCDate() === day
  return real ? { year, month, day } : undefined
}

function startOfLocalDay(date: LocalDate, tz: string): number {
  const wallMidnight = Date.UTC(date.year, date.month - 1, date.day)
  // A day holds at most one offset change, so midnight has the offset of the day before or after.
  const offsetBefore = offsetAt(wallMidnight - DAY_MS, tz)
  const offsetAfter = offsetAt(wallMidnight + DAY_MS, tz)
  const candidates = [wallMidnight - offsetBefore, wallMidnight - offsetAfter].filter(
    (instant) => instant + offsetAt(instant, tz) === wallMidnight,
  )
  // Where a DST change skips midnight (e.g. America/Santiago), the day starts when the clock jumps.
  return candidates.length > 0 ? Math.min(...candidates) : wallMidnight - offsetBefore
}

/** The zone's offset from UTC at `instant`, in milliseconds (local minus UTC). */
function offsetAt(instant: number, tz: string): number {
  const parts = Object.fromEntries(
    formatter(tz)
      .formatToParts(instant)
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  )
  return wall - (instant - (((instant % 1000) + 1000) % 1000))
}

function formatter(tz: string): Intl.DateTimeFormat {
  let format = formatters.get(tz)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(tz, format)
  }
  return format
}
