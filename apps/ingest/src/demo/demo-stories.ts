import { LEGACY_RMM } from './demo-cast.js'
import { lastDecidedDue } from './demo-cron.js'
import { memoised } from './demo-memo.js'
import { DAY, MINUTE } from './zoned-time.js'
import type { DueSchedule } from './demo-cron.js'

/**
 * The ways the demo drifts, each told relative to the anchor (the `now` of the backfill) so they
 * show whenever the demo starts. Everything not named here plays tight, with a little noise.
 */
export const STORIES = {
  /** Missed beats: the backup agent on Acme's FS02 died quietly; the RMM still lists FS02. */
  stoppedBackups: { organisationId: 'acme', device: 'FS02', nights: 4 },
  /** A failed beat: Harlow's SQL server backup failed on a VSS error on the last night. */
  failedBackup: {
    organisationId: 'harlow',
    device: 'HP-SQL01',
    error: "VSS snapshot failed: writer 'SqlServerWriter' timed out",
  },
  /**
   * A slow slide: Brenner's ERP database grows, so its backup ends 12 minutes later each night:
   * still on time on the last night, projected to be late within three. It carries on for three
   * more nights (the last one late) if live play knows the anchor, then is fixed.
   */
  slidingBackup: {
    organisationId: 'brenner',
    device: 'BR-ERP-SQL01',
    nights: 10,
    nightsAfter: 3,
    stepMs: 12 * MINUTE,
    lastNightBeforeDueMs: 28 * MINUTE,
    /** Before and after the slide it ends around 03:30. */
    usuallyBeforeDueMs: 150 * MINUTE,
  },
  /** Late beats at the quarterly layer: Brenner's last DR drill was held nine days late. */
  lateDrill: { rhythmId: 'brenner-dr-drill', daysLate: 9 },
  /** Late beats at the note layer: Harlow's P1 answers (see lateFirstResponse in the cast). */
  lateResponses: { organisationId: 'harlow' },
  /** A dead source: the legacy RMM stopped syncing three days before the anchor. */
  deadIntegration: { integrationId: LEGACY_RMM },
} as const

/**
 * How many nights before the anchor a due time is: 0 for the last slot decided at the anchor,
 * 1 for the one before, -1 for the next. Undefined when live play was given no anchor.
 */
export function nightsBefore(
  schedule: DueSchedule,
  anchor: number | undefined,
): ((due: number) => number) | undefined {
  if (anchor === undefined) return undefined
  const { cron, tz, graceMs } = schedule
  const last = memoised(`last:${cron}:${tz}:${graceMs}:${anchor}`, () =>
    lastDecidedDue(schedule, anchor),
  )
  // Round, because a night that crosses a clock change is 23 or 25 hours long.
  return (due) => Math.round((last - due) / DAY)
}
