const formats = new Map<string, Intl.DateTimeFormat>()

function formatIn(tz: string, seconds: boolean, zone: boolean): Intl.DateTimeFormat {
  const key = `${tz}|${seconds}|${zone}`
  let format = formats.get(key)
  if (!format) {
    // en-US names zones by their abbreviation where one is common (MST), else by offset (GMT+1).
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
      second: seconds ? '2-digit' : undefined,
      timeZoneName: zone ? 'short' : undefined,
    })
    formats.set(key, format)
  }
  return format
}

/**
 * A time of day in `tz`, with the zone named: "17:41 MST", "00:41:07 UTC". `zone: false` is
 * for lists whose heading names the zone once.
 */
export function formatTime(
  at: number,
  tz: string,
  options: { seconds?: boolean; zone?: boolean } = {},
): string {
  return formatIn(tz, options.seconds ?? false, options.zone ?? true).format(at)
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/** A day and time in `tz`, the zone named: "24 Nov 17:41 MST". */
export function formatDayTime(at: number, tz: string): string {
  let format = dayFormats.get(tz)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: tz, day: 'numeric', month: 'short' })
    dayFormats.set(tz, format)
  }
  return `${format.format(at)} ${formatTime(at, tz)}`
}

/** The short name of `tz` at `at`: "UTC", "MST", "GMT+1". */
export function zoneName(at: number, tz: string): string {
  const parts = formatIn(tz, false, true).formatToParts(at)
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? tz
}

/** Whether `tz` is an IANA zone this runtime knows. */
export function isZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

/** A duration as people say it: "just now", "12 s", "3 min", "2 h 5 min", "3 days". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 2) return 'just now'
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`
  return `${Math.floor(hours / 24)} days`
}

/** "12 s ago", or "just now" without the "ago". */
export function formatAgo(ms: number): string {
  const duration = formatDuration(ms)
  return duration === 'just now' ? duration : `${duration} ago`
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, min: 60_000, h: 3_600_000 }

/**
 * An interval written in a URL or the environment: "30s", "2m", "1h", or plain seconds ("45").
 * Null for "off", empty or unreadable text; at least 5 s, so a typo cannot make a strobe.
 */
export function parseInterval(text: string | null | undefined): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h)?\s*$/i.exec(text ?? '')
  if (!match) return null
  const ms = Number(match[1]) * UNIT_MS[(match[2] ?? 's').toLowerCase()]!
  return ms > 0 ? Math.max(ms, 5_000) : null
}

const dateFormats = new Map<string, Intl.DateTimeFormat>()

/** A date in `tz`: "24 Nov 2026", or "24 Nov" without the year. */
export function formatDate(at: number, tz: string, options: { year?: boolean } = {}): string {
  const year = options.year ?? true
  const key = `${tz}|${year}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      day: 'numeric',
      month: 'short',
      year: year ? 'numeric' : undefined,
    })
    dateFormats.set(key, format)
  }
  return format.format(at)
}

/** How far a beat landed from its due time, as people say it: "12 min late", "3 days early". */
export function formatOffset(ms: number): string {
  if (Math.abs(ms) < 1_000) return 'on the beat'
  const size = Math.abs(ms) < 2_000 ? '1 s' : formatDuration(Math.abs(ms))
  return `${size} ${ms > 0 ? 'late' : 'early'}`
}

const monthFormats = new Map<string, Intl.DateTimeFormat>()

/** The month and year of `at` in `tz`: "Oct 2026". */
export function formatMonth(at: number, tz: string): string {
  let format = monthFormats.get(tz)
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone: tz, month: 'short', year: 'numeric' })
    monthFormats.set(tz, format)
  }
  return format.format(at)
}
