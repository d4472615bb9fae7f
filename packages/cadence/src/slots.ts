import { addBusinessTime, compileCalendar } from './business-calendar.js'
import { compileSchedule, dueTimesBetween, nextDue, previousDue } from './schedule.js'
import type { ScheduleCadence, SlaCadence, Slot, Trigger } from './types.js'

/**
 * The due times of a schedule's slots for range [from, now]: every due >= from whose slot has
 * opened by `now`, with the due before the first one (the first slot's default opening).
 */
export function scheduleDues(
  cadence: ScheduleCadence,
  from: number,
  now: number,
): { dues: number[]; previous: number | undefined } {
  const schedule = compileSchedule(cadence)
  // With a window a slot opens windowMs before its due; by default it opens at the previous due,
  // so the first due after `now` is open already and still pending.
  const lastDue = cadence.windowMs !== undefined ? now + cadence.windowMs : nextDue(schedule, now)
  if (lastDue === undefined) return { dues: [], previous: undefined }
  const dues = dueTimesBetween(schedule, from, lastDue)
  const previous = dues.length > 0 ? previousDue(schedule, dues[0]!) : undefined
  return { dues, previous }
}

/** Builds the (unmatched) slots of one series of schedule dues, optionally for one player. */
export function scheduleSlots(
  cadence: ScheduleCadence,
  dues: readonly number[],
  previous: number | undefined,
  player?: string,
): Slot[] {
  const grace = cadence.graceMs ?? 0
  const window = cadence.windowMs
  const slots: Slot[] = new Array(dues.length)
  for (let index = 0; index < dues.length; index++) {
    const due = dues[index]!
    const open =
      window !== undefined
        ? due - window
        : index > 0
          ? dues[index - 1]!
          : (previous ?? Number.MIN_SAFE_INTEGER)
    slots[index] = newSlot(open, due, due + grace, undefined, player)
  }
  return slots
}

/** One slot per trigger whose due is >= from and which has opened by `now`, ordered by due. */
export function slaSlots(
  cadence: SlaCadence,
  triggers: readonly Trigger[],
  from: number,
  now: number,
): Slot[] {
  const grace = cadence.graceMs ?? 0
  const calendar = cadence.calendar ? compileCalendar(cadence.calendar) : undefined
  const slots: Slot[] = []
  for (const trigger of triggers) {
    if (trigger.at > now) continue
    const target = trigger.targetMs ?? cadence.targetMs
    const due = calendar ? addBusinessTime(calendar, trigger.at, target) : trigger.at + target
    if (due < from) continue
    slots.push(newSlot(trigger.at, due, due + grace, trigger.key, trigger.player))
  }
  return slots.sort((a, b) => a.due - b.due || a.open - b.open)
}

// Every slot is created with all its fields, so V8 gives them one shape (and one fast path).
function newSlot(
  open: number,
  due: number,
  deadline: number,
  key: string | undefined,
  player: string | undefined,
): Slot {
  return {
    open,
    due,
    deadline,
    outcome: 'pending',
    beatAt: undefined,
    offsetMs: undefined,
    key,
    player,
  }
}

/**
 * When the first slot of a schedule evaluated from `from` opens: beats before it can never
 * count, so a caller need not read them. Undefined when the schedule never fires again.
 */
export function firstSlotOpen(cadence: ScheduleCadence, from: number): number | undefined {
  const schedule = compileSchedule(cadence)
  const first = nextDue(schedule, from - 1)
  if (first === undefined) return undefined
  if (cadence.windowMs !== undefined) return Math.min(first - cadence.windowMs, from)
  return Math.min(previousDue(schedule, first) ?? from, from)
}
