import { organisationFor } from '../tickets/organisation-key.js'
import { VendorTimeError } from '../vendor-time.js'
import { ninjaBackupJob } from './ninjaone-api.js'
import {
  SKIPPED,
  quarantine,
  quarantineInvalid,
  rawObject,
  readTime,
  requireTime,
} from './outcome.js'
import type { BackupRunRecord } from '../../records/types.js'
import type { DeviceEntry } from './map-device.js'
import type { Outcome } from './outcome.js'

/** The statuses of a finished job (`jobStatus`); others seen are kept as 'unknown'. */
const FINISHED: Readonly<Record<string, BackupRunRecord['result']>> = {
  COMPLETED: 'success',
  FAILED: 'failure',
  CANCELED: 'failure',
  CANCELLED: 'failure',
}
/**
 * A job still running has no outcome yet. It is not stored: a later sync reads it again once it
 * has finished, because the stream's watermark stays at or before its start.
 */
const UNFINISHED = new Set(['RUNNING', 'PROCESSING'])

export type JobOutcome = Outcome<BackupRunRecord> | { kind: 'running'; startedAt: number | null }

export interface JobContext {
  organisations: Readonly<Record<string, string>>
  device(id: number): DeviceEntry | undefined
}

/** A `BackupJob` as a backup run of its device. */
export function mapBackupJob(raw: unknown, context: JobContext): JobOutcome {
  const parsed = ninjaBackupJob.safeParse(raw)
  if (!parsed.success) return quarantineInvalid('backup-run', 'jobId', raw, parsed.error)
  const job = parsed.data
  const device = context.device(job.deviceId)
  const organisationId = organisationFor(context.organisations, [
    job.organizationId ?? device?.organizationId,
  ])
  if (organisationId === undefined) return SKIPPED
  const status = job.jobStatus?.trim().toUpperCase() ?? ''
  try {
    const startedAt = readTime(job.jobStartTime, 'jobStartTime')
    if (UNFINISHED.has(status)) return { kind: 'running', startedAt }
    if (!device) {
      return quarantine('backup-run', job.jobId, raw, `deviceId: no device ${job.deviceId}`)
    }
    const endedAt = requireTime(job.jobEndTime, 'jobEndTime')
    return {
      kind: 'record',
      record: {
        kind: 'backup-run',
        externalId: job.jobId,
        organisationId,
        device: device.key,
        startedAt,
        endedAt,
        result: resultOf(status, job.upsyncJob?.status),
        raw: rawObject(raw),
      },
    }
  } catch (error) {
    if (error instanceof VendorTimeError) {
      return quarantine('backup-run', job.jobId, raw, error.message)
    }
    throw error
  }
}

// The image is taken, but its copy to the cloud failed: a backup exists, with a warning.
function resultOf(status: string, upsync: string | null | undefined): BackupRunRecord['result'] {
  const result = FINISHED[status] ?? 'unknown'
  return result === 'success' && /FAIL/i.test(upsync ?? '') ? 'warning' : result
}
