import { organisationFor } from '../tickets/organisation-key.js'
import { VendorTimeError } from '../vendor-time.js'
import { ninjaPatchInstall } from './ninjaone-api.js'
import { SKIPPED, quarantine, quarantineInvalid, rawObject, requireTime } from './outcome.js'
import type { PatchRunRecord } from '../../records/types.js'
import type { JobContext } from './map-backup-job.js'
import type { Outcome } from './outcome.js'

const RESULTS: Readonly<Record<string, PatchRunRecord['result']>> = {
  INSTALLED: 'success',
  FAILED: 'failure',
}

/**
 * An install attempt of `GET /v2/queries/os-patch-installs` as a patch run of its device. The
 * record names no organisation: its device's does. The external id joins device, patch and
 * time, because the spec does not say whether `id` names the attempt or the patch, and a
 * patch's id is shared by every device that installs it.
 */
export function mapPatchInstall(raw: unknown, context: JobContext): Outcome<PatchRunRecord> {
  const parsed = ninjaPatchInstall.safeParse(raw)
  if (!parsed.success) return quarantineInvalid('patch-run', 'id', raw, parsed.error)
  const install = parsed.data
  const device = context.device(install.deviceId)
  if (!device)
    return quarantine('patch-run', install.id, raw, `deviceId: no device ${install.deviceId}`)
  const organisationId = organisationFor(context.organisations, [device.organizationId])
  if (organisationId === undefined) return SKIPPED
  let at: number
  try {
    at = requireTime(install.installedAt, 'installedAt')
  } catch (error) {
    if (error instanceof VendorTimeError)
      return quarantine('patch-run', install.id, raw, error.message)
    throw error
  }
  return {
    kind: 'record',
    record: {
      kind: 'patch-run',
      externalId: `${install.deviceId}:${install.id}:${at}`,
      organisationId,
      device: device.key,
      activity: 'install',
      at,
      result: RESULTS[install.status?.trim().toUpperCase() ?? ''] ?? 'unknown',
      raw: rawObject(raw),
    },
  }
}
