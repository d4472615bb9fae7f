import { CronPattern } from 'croner'
import { CadenceInputError } from './errors.js'
import { DAY, assertTimeZone, civilDate, localTimeToEpoch } from './zoned-time.js'
import type { CivilDate } from './zoned-time.js'
import type { ScheduleCadence } from './types.js'

/** A cron expression in a zone, compiled once and shared by every rhythm that uses it. */
export interface CompiledSchedule {
  cron: string
  tz: string
  /** Fire times of each local day, in minutes after midnight, ascending. */
  minutesOfDay: number[]
  firesOn(date: CivilDate): boolean
  /** Due times per block of local days, computed on first use. */
  blocks: Map<number, number[]>
  lastQuery?: { from: number; to: number; dues: number[] }
  typicalGapMs?: number | null
}

const BLOCK_DAYS = 32
/** How far to look for a previous or next fire time (covers cron's rarest, Feb 29 on a weekday). */
const SEARCH_LIMIT_DAYS = 366 * 30
const compiled = new Map<string, CompiledSchedule>()
const COMPILED_LIMIT = 10_000

const byCadence = new WeakMap<ScheduleCadence, CompiledSchedule>()

/** Parses the cadence's cron (five fields, croner's syntax) in its zone; memoised. */
export function compileSchedule(cadence: ScheduleCadence): CompiledSchedule {
  let schedule = byCadence.get(cadence)
  if (!schedule) {
    schedule = compileCron(cadence.cron, cadence.tz)
    byCadence.set(cadence, schedule)
  }
  return schedule
}

/** Parses `cron` (five fields, croner's syntax) for zone `tz`; the result is memoised. */
export function compileCron(cron: string, tz: string): CompiledSchedule {
  const cacheKey = `${cron}\u0000${tz}`
  const hit = compiled.get(cacheKey)
  if (hit) return hit
  assertTimeZone(tz, 'cadence.tz')
  let pattern: CronPattern
  try {
    pattern = new CronPattern(cron, undefined, { mode: '5-part' })
  } catch (error) {
    throw new CadenceInputError('cadence.cron', cron, (error as Error).message)
  }
  if (pattern.lastWeekday || pattern.nearestWeekdays.some(Boolean)) {
    throw new CadenceInputError(
      'cadence.cron',
      cron,
      'the W (nearest weekday) modifier is not supported',
    )
  }
  const minutesOfDay: number[] = []
  pattern.hour.forEach((hourSet, hour) => {
    pattern.minute.forEach((minuteSet, minute) => {
      if (hourSet && minuteSet) minutesOfDay.push(hour * 60 + minute)
    })
  })
  const schedule: CompiledSchedule = {
    cron,
    tz,
    minutesOfDay,
    firesOn: (date) => firesOn(pattern, date),
    blocks: new Map(),
  }
  if (compiled.size >= COMPILED_LIMIT) compiled.clear()
  compiled.set(cacheKey, schedule)
  return schedule
}

// Vixie cron: when both day-of-month and day-of-week are restricted, either one matching fires.
function firesOn(pattern: CronPattern, date: CivilDate): boolean {
  if (!pattern.month[date.month - 1]) return false
  if (pattern.starDOM && pattern.starDOW) return true
  const domMatch =
    Boolean(pattern.day[date.day - 1]) || (pattern.lastDayOfMonth && date.day === date.daysInMonth)
  const dowMatch = weekdayMatches(pattern.dayOfWeek[date.weekday] ?? 0, date)
  if (pattern.starDOM) return dowMatch
  if (pattern.starDOW) return domMatch
  return pattern.useAndLogic ? domMatch && dowMatch : domMatch || dowMatch
}

// croner encodes a weekday as bits: 1, 2, 4, 8, 16 for its 1st…5th occurrence in the month, 32 for
// the last one; 63 is any occurrence.
function weekdayMatches(bits: number, date: CivilDate): boolean {
  if (bits === 0) return false
  const occurrence = Math.ceil(date.day / 7)
  if (bits & (1 << (occurrence - 1))) return true
  return Boolean(bits & 32) && date.day + 7 > date.daysInMonth
}

function dueTimesOfBlock(schedule: CompiledSchedule, block: number): number[] {
  let dues = schedule.blocks.get(block)
  if (dues) return dues
  dues = []
  for (let day = block * BLOCK_DAYS; day < (block + 1) * BLOCK_DAYS; day++) {
    if (!schedule.firesOn(civilDate(day))) continue
    for (const minute of schedule.minutesOfDay) {
      dues.push(localTimeToEpoch(schedule.tz, day, minute))
    }
  }
  // Around a spring-forward gap shifted times can repeat or overtake later ones: one slot each.
  dues.sort((a, b) => a - b)
  dues = dues.filter((due, index) => index === 0 || due !== dues![index - 1])
  schedule.blocks.set(block, dues)
  return dues
}

// A zone's offset is within ±14 h, so an instant's local day is at most one off its UTC day.
function blockOf(at: number): number {
  return Math.floor(Math.floor(at / DAY) / BLOCK_DAYS)
}

/** Every due time in `[from, to]`, ascending. */
export function dueTimesBetween(schedule: CompiledSchedule, from: number, to: number): number[] {
  const last = schedule.lastQuery
  if (last && last.from === from && last.to === to) return last.dues
  const dues: number[] = []
  for (let block = blockOf(from - DAY); block <= blockOf(to + DAY); block++) {
    for (const due of dueTimesOfBlock(schedule, block)) {
      if (due >= from && due <= to) dues.push(due)
    }
  }
  schedule.lastQuery = { from, to, dues }
  return dues
}

/** The latest due time strictly before `at`, if one exists within the search limit. */
export function previousDue(schedule: CompiledSchedule, at: number): number | undefined {
  const lastBlock = blockOf(at - SEARCH_LIMIT_DAYS * DAY)
  for (let block = blockOf(at + DAY); block >= lastBlock; block--) {
    const dues = dueTimesOfBlock(schedule, block)
    for (let i = dues.length - 1; i >= 0; i--) if (dues[i]! < at) return dues[i]
  }
  return undefined
}

/** The earliest due time strictly after `at`, if one exists within the search limit. */
export function nextDue(schedule: CompiledSchedule, at: number): number | undefined {
  const lastBlock = blockOf(at + SEARCH_LIMIT_DAYS * DAY)
  for (let block = blockOf(at - DAY); block <= lastBlock; block++) {
    for (const due of dueTimesOfBlock(schedule, block)) if (due > at) return due
  }
  return undefined
}

/**
 * The median gap between consecutive due times over the first dozen after 2000-01-01: the
 * schedule's period for choosing words ("daily"). Null when it fires too rarely to tell.
 */
export function typicalGapOf(schedule: CompiledSchedule): number | undefined {
  if (schedule.typicalGapMs === undefined) {
    const dues: number[] = []
    let at: number | undefined = Date.UTC(2000, 0, 1)
    while (dues.length < 13 && (at = nextDue(schedule, at)) !== undefined) dues.push(at)
    const gaps = dues.slice(1).map((due, index) => due - dues[index]!)
    gaps.sort((a, b) => a - b)
    schedule.typicalGapMs = gaps.length === 0 ? null : gaps[Math.floor(gaps.length / 2)]!
  }
  return schedule.typicalGapMs ?? undefined
}
