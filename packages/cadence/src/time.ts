import { addBusinessTime, compileCalendar } from './business-calendar.js'
import { compileCron, dueTimesBetween } from './schedule.js'
import type { BusinessCalendar } from './types.js'

// The engine's own calendar arithmetic, for callers that need to agree with it exactly (the
// demo places its beats around the due times the engine will judge them against).

/** Due times of a five-field cron in zone `tz` within `[from, to]`, ascending, DST rule included. */
export function dueTimes(cron: string, tz: string, from: number, to: number): number[] {
  return [...dueTimesBetween(compileCron(cron, tz), from, to)]
}

/** The instant `durationMs` of business time after `at`, as an SLA on that calendar counts it. */
export function businessTimeAfter(
  calendar: BusinessCalendar,
  at: number,
  durationMs: number,
): number {
  return addBusinessTime(compileCalendar(calendar), at, durationMs)
}

export { localEpochDay, localTimeToEpoch } from './zoned-time.js'
