/** Calendar months as the summary names them: 'YYYY-MM'. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

const NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

export function isMonth(text: string): boolean {
  return MONTH.test(text)
}

function parts(month: string): [year: number, index: number] {
  const match = MONTH.exec(month)
  if (!match) throw new Error(`expected a month like 2026-11, not "${month}"`)
  return [Number(match[1]), Number(match[2]) - 1]
}

/** The month `by` months after (negative: before) `month`. */
export function shiftMonth(month: string, by: number): string {
  const [year, index] = parts(month)
  const total = year * 12 + index + by
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`
}

/** "November 2026" */
export function monthTitle(month: string): string {
  const [year, index] = parts(month)
  return `${NAMES[index]} ${year}`
}

/** "Nov", or "Jan 2027" where a chart's years turn (and wherever `withYear`). */
export function monthTick(month: string, withYear = false): string {
  const [year, index] = parts(month)
  const short = NAMES[index]!.slice(0, 3)
  return index === 0 || withYear ? `${short} ${year}` : short
}

/** The month that holds `at` in `tz`. */
export function monthOf(at: number, tz: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit' })
    .format(at)
    .slice(0, 7)
}
