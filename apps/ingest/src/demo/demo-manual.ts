import { organisation } from './demo-cast.js'
import { dueTimes } from './demo-cron.js'
import { MANUAL_RHYTHMS } from './demo-manual-rhythms.js'
import { memoised } from './demo-memo.js'
import { STORIES } from './demo-stories.js'
import { inWindow } from './demo-types.js'
import { between, rngFor } from './random.js'
import { DAY, civilDay, dayKey, localDayOf, zonedTime } from './zoned-time.js'
import type { ManualRhythm } from './demo-manual-rhythms.js'
import type { DemoContext, DemoStream, ManualBeat } from './demo-types.js'

/** Room either side of a due time for its check-in: the longest lead, or a late drill. */
const REACH_MS = 40 * DAY

/** One stream per manual rhythm: the QBRs, drills, reviews and milestones people mark done. */
export function manualStreams(): DemoStream[] {
  return MANUAL_RHYTHMS.map((rhythm) => ({
    name: `manual:${rhythm.rhythmId}`,
    layer: rhythm.layer,
    beats: (window, context) => {
      const { tz } = organisation(rhythm.organisationId)
      const dues = dueTimes(rhythm.cron, tz, window.from - REACH_MS, window.to + REACH_MS)
      const lateDue = lateDrillDue(rhythm, tz, context)
      return dues
        .map((due) => checkIn(rhythm, tz, due, due === lateDue, context.seed))
        .filter((beat) => inWindow(beat.at, window))
    },
  }))
}

function checkIn(
  rhythm: ManualRhythm,
  tz: string,
  due: number,
  late: boolean,
  seed: number,
): ManualBeat {
  const random = rngFor(seed, 'manual', rhythm.rhythmId, due)
  const dueDay = localDayOf(due, tz)
  const [fewest, most] = rhythm.leadDays
  let day = late
    ? dueDay + STORIES.lateDrill.daysLate
    : dueDay - Math.round(between(random, fewest, most))
  // Reviews happen on working days: a weekend one moves to the Friday before (Monday, if late).
  const weekday = civilDay(day).weekday
  if (weekday === 0) day += late ? 1 : -2
  if (weekday === 6) day += late ? 2 : -1
  const at = zonedTime(tz, day, Math.round(between(random, ...rhythm.minutes)))
  const owner = organisation(rhythm.organisationId)
  return {
    rhythmId: rhythm.rhythmId,
    at,
    ok: true,
    player: rhythm.by === 'account' ? owner.accountManager : owner.technicians[0]!,
    idempotencyKey: `demo-${rhythm.rhythmId}-${dayKey(dueDay)}`,
  }
}

/** The drill of STORIES.lateDrill held late: the last one whose late date is before the anchor. */
function lateDrillDue(rhythm: ManualRhythm, tz: string, context: DemoContext): number | undefined {
  const { anchor } = context
  if (rhythm.rhythmId !== STORIES.lateDrill.rhythmId || anchor === undefined) return undefined
  return memoised(`late-drill:${rhythm.cron}:${anchor}`, () => {
    const lastChance = anchor - (STORIES.lateDrill.daysLate + 3) * DAY
    return dueTimes(rhythm.cron, tz, lastChance - 200 * DAY, lastChance).at(-1)
  })
}
