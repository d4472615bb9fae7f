import { DAY, civilDay, localDayOf, zonedTime } from './zoned-time.js'

/** When a rhythm is due, as the score says: the demo plays its beats around these times. */
export interface DueSchedule {
  cron: string
  tz: string
  graceMs: number
}

interface CronFields {
  minuteOfDay: number
  days: ReadonlySet<number> | null
  months: ReadonlySet<number> | null
  weekdays: ReadonlySet<number> | null
}

const parsed = new Map<string, CronFields>()

/**
 * Due times of `cron` in `tz` within `[from, to]`, ascending. Only the subset the demo score
 * uses is understood (one fixed minute and hour; lists and ranges of days, months and weekdays),
 * which keeps the engine's cron library out of the ingest app; anything else throws.
 */
export function dueTimes(cron: string, tz: string, from: number, to: number): number[] {
  const fields = parseCron(cron)
  const dues: number[] = []
  for (let day = localDayOf(from, tz) - 1; day <= localDayOf(to, tz) + 1; day++) {
    if (!firesOn(fields, day)) continue
    const due = zonedTime(tz, day, fields.minuteOfDay)
    if (due >= from && due <= to) dues.push(due)
  }
  return dues
}

/** The latest due time whose deadline has passed by `at`: the slot last decided then. */
export function lastDecidedDue(schedule: DueSchedule, at: number, lookbackMs = 32 * DAY): number {
  const dues = dueTimes(schedule.cron, schedule.tz, at - lookbackMs, at)
  const decided = dues.filter((due) => due + schedule.graceMs < at)
  const last = decided[decided.length - 1]
  if (last === undefined) throw new Error(`'${schedule.cron}' is not due within the lookback`)
  return last
}

function firesOn(fields: CronFields, day: number): boolean {
  const date = civilDay(day)
  if (fields.months && !fields.months.has(date.month)) return false
  const dayMatch = fields.days?.has(date.day)
  const weekdayMatch = fields.weekdays?.has(date.weekday)
  // Vixie cron: with both day fields restricted, either one matching fires.
  if (dayMatch === undefined) return weekdayMatch ?? true
  if (weekdayMatch === undefined) return dayMatch
  return dayMatch || weekdayMatch
}

function parseCron(cron: string): CronFields {
  let fields = parsed.get(cron)
  if (fields) return fields
  const parts = cron.trim().split(/\s+/)
  const [minute, hour, days, months, weekdays] = parts
  if (parts.length !== 5 || !/^\d+$/.test(minute!) || !/^\d+$/.test(hour!)) {
    throw new Error(`the demo plays crons with one fixed minute and hour, not '${cron}'`)
  }
  fields = {
    minuteOfDay: Number(hour) * 60 + Number(minute),
    days: parseList(days!, cron),
    months: parseList(months!, cron),
    weekdays: parseList(weekdays!, cron),
  }
  parsed.set(cron, fields)
  return fields
}

function parseList(field: string, cron: string): Set<number> | null {
  if (field === '*') return null
  const values = new Set<number>()
  for (const item of field.split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(item)
    if (!range) throw new Error(`the demo cannot play '${item}' in '${cron}'`)
    const low = Number(range[1])
    for (let value = low; value <= Number(range[2] ?? low); value++) values.add(value)
  }
  return values
}
