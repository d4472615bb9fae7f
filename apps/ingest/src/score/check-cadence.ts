import { CadenceInputError, validateRhythm } from '@baton/cadence'
import type { BusinessCalendar, RhythmSpec } from '@baton/cadence'

import { parseFieldPath } from './yaml-positions.js'
import type { PathIssue } from './score-error.js'
import type { PathSegment } from './yaml-positions.js'

// @baton/cadence is the authority on crons, zones and calendars, so the score asks it rather than
// repeating its rules, then places its answer on the score's own path.

/** The engine's complaint about a rhythm, at the path of the field in the score. */
export function checkRhythmSpec(
  spec: RhythmSpec,
  at: readonly PathSegment[],
): PathIssue | undefined {
  return check(spec, (field) => {
    // Calendars are checked where they are declared, once, not under every rhythm using them.
    if (field.startsWith('cadence.calendar')) return undefined
    return [...at, ...parseFieldPath(field).map(toScoreKey)]
  })
}

/** Checks a poll schedule with the same cron rules as rhythms. */
export function checkCron(cron: string, at: readonly PathSegment[]): PathIssue | undefined {
  const spec: RhythmSpec = {
    id: 'cron',
    layer: 'note',
    cadence: { kind: 'schedule', cron, tz: 'UTC' },
  }
  return check(spec, () => [...at])
}

/** Checks a named calendar's zone, hours and holidays. */
export function checkCalendar(
  calendar: BusinessCalendar,
  at: readonly PathSegment[],
): PathIssue | undefined {
  const spec: RhythmSpec = {
    id: 'calendar',
    layer: 'note',
    cadence: { kind: 'sla', targetMs: 0, calendar },
  }
  return check(spec, (field) => [...at, ...parseFieldPath(field).slice(2)])
}

function check(
  spec: RhythmSpec,
  toPath: (field: string) => readonly PathSegment[] | undefined,
): PathIssue | undefined {
  try {
    validateRhythm(spec)
    return undefined
  } catch (error) {
    if (!(error instanceof CadenceInputError)) throw error
    const path = toPath(error.field)
    return path && { path, message: describeCadenceError(error) }
  }
}

/** The score writes `grace: 2h` where the engine reads `graceMs`. */
function toScoreKey(segment: PathSegment): PathSegment {
  return typeof segment === 'string' && segment.endsWith('Ms') ? segment.slice(0, -2) : segment
}

function describeCadenceError(error: CadenceInputError): string {
  const problem = error.message.replace(`${error.field}: `, '')
  if (!error.field.endsWith('cron')) return problem
  const cron = String(error.value)
  const fields = cron.trim().split(/\s+/).length
  if (fields !== 5) {
    return `expected five fields (minute hour day-of-month month weekday), got ${fields} in '${cron}'`
  }
  return `expected a five-field cron expression like '0 6 * * *': ${problem.replace(/^CronPattern: /, '')}`
}
