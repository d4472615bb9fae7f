import { organisationFor } from '../tickets/organisation-key.js'
import { VendorTimeError } from '../vendor-time.js'
import { ninjaActivity } from './ninjaone-api.js'
import { SKIPPED, quarantine, quarantineInvalid, rawObject, requireTime } from './outcome.js'
import type { BackupRunRecord, PatchRunRecord } from '../../records/types.js'
import type { JobContext } from './map-backup-job.js'
import type { Outcome } from './outcome.js'

const RESULTS: Readonly<Record<string, 'success' | 'failure'>> = {
  SUCCESS: 'success',
  FAILURE: 'failure',
}
// Status codes are not enumerated [UNSURE]: an activity that announces a start is no outcome.
const NOT_AN_OUTCOME = /START|PROGRESS|RUNNING/i

/** The device id a webhook activity names, if any: it must be looked up before mapping. */
export function activityDeviceId(raw: unknown): number | undefined {
  const parsed = ninjaActivity.safeParse(raw)
  return parsed.success ? (parsed.data.deviceId ?? undefined) : undefined
}

/**
 * A webhook `Activity` as a backup or patch run. Only finished outcomes count: `NINJA_BACKUP`
 * and `PATCH_MANAGEMENT` activities whose `activityResult` is SUCCESS or FAILURE; every other
 * activity is left out. Its id is the activity's, apart from the sync's job ids: a run seen by
 * both gives a second beat in the same slot, which the engine counts as extra and nothing more.
 */
export function mapActivity(
  raw: unknown,
  context: JobContext,
): Outcome<BackupRunRecord | PatchRunRecord> {
  const parsed = ninjaActivity.safeParse(raw)
  if (!parsed.success) return quarantineInvalid('activity', 'id', raw, parsed.error)
  const activity = parsed.data
  const type = activity.activityType.toUpperCase()
  const result = RESULTS[activity.activityResult?.toUpperCase() ?? '']
  if ((type !== 'NINJA_BACKUP' && type !== 'PATCH_MANAGEMENT') || result === undefined) {
    return SKIPPED
  }
  if (NOT_AN_OUTCOME.test(activity.statusCode ?? '')) return SKIPPED
  const kind = type === 'NINJA_BACKUP' ? 'backup-run' : 'patch-run'
  const device = activity.deviceId == null ? undefined : context.device(activity.deviceId)
  if (!device) {
    const reason =
      activity.deviceId == null ? 'deviceId is missing' : `deviceId: no device ${activity.deviceId}`
    return quarantine(kind, activity.id, raw, reason)
  }
  const organisationId = organisationFor(context.organisations, [device.organizationId])
  if (organisationId === undefined) return SKIPPED
  let at: number
  try {
    at = requireTime(activity.activityTime, 'activityTime')
  } catch (error) {
    if (error instanceof VendorTimeError) return quarantine(kind, activity.id, raw, error.message)
    throw error
  }
  const common = {
    externalId: `activity-${activity.id}`,
    organisationId,
    device: device.key,
    raw: rawObject(raw),
  }
  if (kind === 'backup-run') {
    return {
      kind: 'record',
      record: { kind, ...common, startedAt: null, endedAt: at, result },
    }
  }
  const scan = /SCAN/i.test(activity.statusCode ?? '')
  return {
    kind: 'record',
    record: { kind, ...common, activity: scan ? 'scan' : 'install', at, result },
  }
}
