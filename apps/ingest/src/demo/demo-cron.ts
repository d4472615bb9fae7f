import { dueTimes as engineDueTimes } from '@baton/cadence'
import { DAY } from './zoned-time.js'

/** When a rhythm is due, as the score says: the demo plays its beats around these times. */
export interface DueSchedule {
  cron: string
  tz: string
  graceMs: number
}

/**
 * Due times of `cron` in `tz` within `[from, to]`, ascending, as the engine computes them. The
 * demo plays its stories around one fixed time of day, so it only takes crons with a fixed
 * minute and hour; anything else throws rather than being played wrong.
 */
export function dueTimes(cron: string, tz: string, from: number, to: number): number[] {
  const [minute, hour, ...rest] = cron.trim().split(/\s+/)
  if (rest.length !== 3 || !/^\d+$/.test(minute ?? '') || !/^\d+$/.test(hour ?? '')) {
    throw new Error(`the demo plays crons with one fixed minute and hour, not '${cron}'`)
  }
  return engineDueTimes(cron, tz, from, to)
}

/** The latest due time whose deadline has passed by `at`: the slot last decided then. */
export function lastDecidedDue(schedule: DueSchedule, at: number, lookbackMs = 32 * DAY): number {
  const dues = dueTimes(schedule.cron, schedule.tz, at - lookbackMs, at)
  const decided = dues.filter((due) => due + schedule.graceMs < at)
  const last = decided[decided.length - 1]
  if (last === undefined) throw new Error(`'${schedule.cron}' is not due within the lookback`)
  return last
}
