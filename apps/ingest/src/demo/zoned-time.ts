export const SECOND = 1_000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

const formatters = new Map<string, Intl.DateTimeFormat>()
const offsets = new Map<string, Map<number, number>>()
const OFFSET_CACHE_LIMIT = 200_000
const QUARTER_HOUR = 15 * MINUTE

/**
 * The zone's offset from UTC at `at` (local minus UTC). Offsets only change on quarter hours in
 * any zone in use, so one lookup per quarter hour is cached: the demo asks for the same nights
 * thousands of times and Intl is slow.
 */
export function offsetAt(tz: string, at: number): number {
  let zone = offsets.get(tz)
  if (!zone) offsets.set(tz, (zone = new Map()))
  const slot = Math.floor(at / QUARTER_HOUR)
  let offset = zone.get(slot)
  if (offset === undefined) {
    if (zone.size > OFFSET_CACHE_LIMIT) zone.clear()
    offset = computeOffset(tz, slot * QUARTER_HOUR)
    zone.set(slot, offset)
  }
  return offset
}

function computeOffset(tz: string, at: number): number {
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
    })
    formatters.set(tz, format)
  }
  const parts: Record<string, number> = {}
  for (const part of format.formatToParts(at)) parts[part.type] = Number(part.value)
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!)
  return wall - at
}

/** The local calendar day of `at` in `tz`, counted in days since 1970-01-01. */
export function localDayOf(at: number, tz: string): number {
  return Math.floor((at + offsetAt(tz, at)) / DAY)
}

/**
 * The instant a local wall time occurs in `tz`. A time skipped by a spring-forward gap lands
 * after the gap; a repeated one takes its first occurrence, as cron libraries do.
 */
export function zonedTime(tz: string, day: number, minuteOfDay: number): number {
  const wall = day * DAY + minuteOfDay * MINUTE
  // A day holds at most one offset change, so the offsets a day either side bracket it.
  const before = wall - offsetAt(tz, wall - DAY)
  const after = wall - offsetAt(tz, wall + DAY)
  const fits = [before, after].filter((at) => at + offsetAt(tz, at) === wall)
  return fits.length > 0 ? Math.min(...fits) : before
}

export interface CivilDay {
  year: number
  month: number
  day: number
  /** 0 = Sunday … 6 = Saturday, as cron counts them. */
  weekday: number
}

export function civilDay(day: number): CivilDay {
  const date = new Date(day * DAY)
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
  }
}

/** `20261124`: the date part of demo ids. */
export function dayKey(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10).replaceAll('-', '')
}

/** `2026-11-24`: the form holidays are written in. */
export function isoDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
}
