const UNIT_MS = {
  w: 7 * 24 * 3_600_000,
  d: 24 * 3_600_000,
  h: 3_600_000,
  m: 60_000,
  s: 1_000,
  ms: 1,
} as const
type Unit = keyof typeof UNIT_MS
const UNIT_ORDER = Object.keys(UNIT_MS) as Unit[]

const SHORT_PART = /(\d+(?:\.\d+)?)\s*(ms|[wdhms])\s*/
const NUMBER = String.raw`(\d+(?:\.\d+)?)`
const ISO_DURATION = new RegExp(
  String.raw`^P(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
  'i',
)

/** What the score accepts as a duration, for error messages. */
export const DURATION_FORMS =
  "a duration like '30s', '90m', '2h', '1d', '2w', '1h30m', or ISO 8601 'PT2H', 'P1D', 'PT1H30M'"

/**
 * Milliseconds in a duration written as `'2h'`, `'1h30m'`, `'1d 12h'`, ISO 8601 (`'PT1H30M'`,
 * `'P1W'`; a day is 24 hours), or a plain number of milliseconds. Throws a message naming the
 * accepted forms.
 */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text >= 0) return Math.round(text)
    throw new Error(`expected ${DURATION_FORMS} (got ${text})`)
  }
  const trimmed = text.trim()
  const ms = /^p/i.test(trimmed) ? parseIso(trimmed) : parseShort(trimmed)
  if (ms === undefined) throw new Error(`expected ${DURATION_FORMS} (got '${text}')`)
  return Math.round(ms)
}

function parseShort(text: string): number | undefined {
  const part = new RegExp(SHORT_PART, 'y')
  let total = 0
  let consumed = 0
  let previousRank = -1
  for (let match = part.exec(text); match; match = part.exec(text)) {
    const unit = match[2] as Unit
    // Units must come largest first and once each: '1h30m', not '30m1h' or '1h1h'.
    const rank = UNIT_ORDER.indexOf(unit)
    if (rank <= previousRank) return undefined
    previousRank = rank
    total += Number(match[1]) * UNIT_MS[unit]
    consumed = part.lastIndex
  }
  return consumed > 0 && consumed === text.length ? total : undefined
}

function parseIso(text: string): number | undefined {
  const match = ISO_DURATION.exec(text)
  if (!match || /^PT?$/i.test(text) || /T$/i.test(text)) {
    if (hasCalendarPart(text)) {
      throw new Error(
        `months and years have no fixed length; write days or weeks instead, e.g. 'P30D' (got '${text}')`,
      )
    }
    return undefined
  }
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0))
  return (
    weeks! * UNIT_MS.w +
    days! * UNIT_MS.d +
    hours! * UNIT_MS.h +
    minutes! * UNIT_MS.m +
    seconds! * UNIT_MS.s
  )
}

// Months and years vary in length, so they cannot be a fixed number of milliseconds.
function hasCalendarPart(text: string): boolean {
  const datePart = text.split(/t/i)[0] ?? ''
  return /[\d.]+[YM]/i.test(datePart)
}
