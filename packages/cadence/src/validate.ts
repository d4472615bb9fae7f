import { compileCalendar } from './business-calendar.js'
import { CadenceInputError } from './errors.js'
import { compileSchedule } from './schedule.js'
import { LAYERS } from './types.js'
import type { EvaluationInput, EvaluationRange, RhythmSpec } from './types.js'

// Hand-written rather than zod: this runs for every evaluation over hundreds of thousands of
// beats, and only needs to name the first bad field and its value.

/** Throws a CadenceInputError naming the first field the engine cannot use. */
export function validateEvaluation(
  rhythm: RhythmSpec,
  input: EvaluationInput,
  range: EvaluationRange,
): void {
  validateRhythm(rhythm)
  requireTime(range.from, 'range.from')
  requireTime(range.now, 'range.now')
  if (range.from > range.now)
    throw new CadenceInputError('range.from', range.from, 'must not be after range.now')
  if (range.signal !== undefined && range.signal !== 'live' && range.signal !== 'stale') {
    throw new CadenceInputError('range.signal', range.signal, "expected 'live' or 'stale'")
  }
  if (!Array.isArray(input.beats))
    throw new CadenceInputError('input.beats', input.beats, 'expected an array')
  input.beats.forEach((beat, index) => {
    requireTime(beat.at, `input.beats[${index}].at`)
    if (typeof beat.ok !== 'boolean')
      throw new CadenceInputError(`input.beats[${index}].ok`, beat.ok, 'expected true or false')
  })
  input.triggers?.forEach((trigger, index) => {
    if (typeof trigger.key !== 'string')
      throw new CadenceInputError(`input.triggers[${index}].key`, trigger.key, 'expected a string')
    requireTime(trigger.at, `input.triggers[${index}].at`)
    if (trigger.targetMs !== undefined)
      requireDuration(trigger.targetMs, `input.triggers[${index}].targetMs`)
  })
}

/** Throws a CadenceInputError naming the first field of the rhythm the engine cannot use. */
export function validateRhythm(rhythm: RhythmSpec): void {
  if (typeof rhythm.id !== 'string' || rhythm.id === '')
    throw new CadenceInputError('id', rhythm.id, 'expected a non-empty string')
  if (!LAYERS.includes(rhythm.layer))
    throw new CadenceInputError('layer', rhythm.layer, `expected one of ${LAYERS.join(', ')}`)
  if (rhythm.target !== undefined && !(rhythm.target >= 0 && rhythm.target <= 1)) {
    throw new CadenceInputError('target', rhythm.target, 'expected a share between 0 and 1')
  }
  rhythm.rests?.forEach((rest, index) => {
    requireTime(rest.from, `rests[${index}].from`)
    requireTime(rest.to, `rests[${index}].to`)
    if (rest.from > rest.to)
      throw new CadenceInputError(`rests[${index}]`, rest, 'from must not be after to')
  })
  const cadence = rhythm.cadence
  switch (cadence?.kind) {
    case 'schedule':
      compileSchedule(cadence)
      if (cadence.graceMs !== undefined) requireDuration(cadence.graceMs, 'cadence.graceMs')
      if (cadence.windowMs !== undefined) {
        requireDuration(cadence.windowMs, 'cadence.windowMs')
        if (cadence.windowMs === 0)
          throw new CadenceInputError('cadence.windowMs', 0, 'a window must be longer than 0')
      }
      return
    case 'sla':
      requireDuration(cadence.targetMs, 'cadence.targetMs')
      if (cadence.graceMs !== undefined) requireDuration(cadence.graceMs, 'cadence.graceMs')
      if (cadence.calendar !== undefined) compileCalendar(cadence.calendar)
      return
    default:
      throw new CadenceInputError(
        'cadence.kind',
        (cadence as { kind?: unknown } | undefined)?.kind,
        "expected 'schedule' or 'sla'",
      )
  }
}

function requireTime(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CadenceInputError(field, value, 'expected a time in epoch milliseconds')
  }
}

function requireDuration(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new CadenceInputError(field, value, 'expected a duration of 0 or more milliseconds')
  }
}
