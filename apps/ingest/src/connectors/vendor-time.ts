import { Temporal } from 'temporal-polyfill'

/** A vendor time we cannot read: the record goes to quarantine with this message. */
export class VendorTimeError extends Error {
  override readonly name = 'VendorTimeError'
}

// Vendors write "no date" as 1900-01-01 (Halo), .NET DateTime.MinValue (Datto) or 0: any time
// before this is such a sentinel, never a real ticket or backup (djpsa draws the line at 1980).
const EARLIEST_REAL_TIME = Date.UTC(1981, 0, 1)
// Epoch numbers below this are seconds (until the year 5138), above it milliseconds.
const SECONDS_LIMIT = 1e11

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i

/**
 * The one parser for every vendor timestamp, to epoch milliseconds, or null for "none":
 * ISO 8601 with 0–9 fractional digits, with or without an offset (without one, in `zone`, UTC by
 * default); epoch seconds (also as decimals, also as text); epoch milliseconds; and the sentinels.
 */
export function parseVendorTime(value: unknown, zone = 'UTC'): number | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'number') return fromEpoch(value)
  if (typeof value !== 'string') throw new VendorTimeError(`not a time: ${JSON.stringify(value)}`)
  const text = value.trim()
  if (/^-?\d+(\.\d+)?$/.test(text)) return fromEpoch(Number(text))
  const match = ISO.exec(text)
  if (!match) throw new VendorTimeError(`not a time: ${JSON.stringify(value)}`)
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] = match
  const millisecond = Number(fraction.padEnd(3, '0').slice(0, 3))
  const fields = [year, month, day, hour, minute, second].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ]
  const [y, mo, d, h, mi, s] = fields
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) {
    throw new VendorTimeError(`not a time: ${JSON.stringify(value)}`)
  }
  let at: number
  if (offset === undefined && zone !== 'UTC') {
    at = Temporal.PlainDateTime.from({
      year: y,
      month: mo,
      day: d,
      hour: h,
      minute: mi,
      second: Math.min(s, 59),
      millisecond,
    }).toZonedDateTime(zone).epochMilliseconds
  } else {
    at = Date.UTC(y, mo - 1, d, h, mi, s, millisecond) - offsetMs(offset)
  }
  return at < EARLIEST_REAL_TIME ? null : at
}

/** Like `parseVendorTime`, for fields that must hold a time. */
export function requireVendorTime(value: unknown, field: string, zone?: string): number {
  const at = parseVendorTime(value, zone)
  if (at === null) throw new VendorTimeError(`${field} is missing`)
  return at
}

function fromEpoch(value: number): number | null {
  if (!Number.isFinite(value)) throw new VendorTimeError(`not a time: ${value}`)
  const at = Math.round(Math.abs(value) < SECONDS_LIMIT ? value * 1000 : value)
  return at < EARLIEST_REAL_TIME ? null : at
}

function offsetMs(offset: string | undefined): number {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 0
  const sign = offset.startsWith('-') ? -1 : 1
  const digits = offset.slice(1).replace(':', '')
  const hours = Number(digits.slice(0, 2))
  const minutes = Number(digits.slice(2) || '0')
  return sign * (hours * 60 + minutes) * 60_000
}
