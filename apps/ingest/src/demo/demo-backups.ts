import { DEMO_ORGANISATIONS, LEGACY_DEVICES, LEGACY_RMM, SCHEDULES } from './demo-cast.js'
import { organisation } from './demo-cast.js'
import { deviceRunStream, usualFinish } from './demo-device-runs.js'
import { STORIES, nightsBefore } from './demo-stories.js'
import { between, chance } from './random.js'
import { DAY, MINUTE, SECOND, dayKey } from './zoned-time.js'
import type { DemoDevice } from './demo-cast.js'
import type { DeviceRunSpec, UsualLead } from './demo-device-runs.js'
import type { DemoStream } from './demo-types.js'
import type { Random } from './random.js'
import type { BackupRunRecord } from '../records/types.js'

/** Due 06:00: servers finish 01:00–03:30, workstations before 01:00, laptops over lunch. */
const USUAL_LEAD: UsualLead = {
  server: [150, 300],
  workstation: [300, 450],
  laptop: [990, 1080],
}
const DURATION_MINUTES = { server: [25, 95], workstation: [8, 30], laptop: [6, 20] } as const
const { stoppedBackups, failedBackup, slidingBackup } = STORIES

/** Every device's nightly backup, per RMM, with the stories of FS02, HP-SQL01 and the ERP. */
export function backupStreams(): DemoStream[] {
  const legacyOwner = organisation(LEGACY_DEVICES.organisationId)
  return [
    ...DEMO_ORGANISATIONS.map((owner) => backupStream(owner.rmm, owner.id, owner.devices)),
    backupStream(LEGACY_RMM, legacyOwner.id, LEGACY_DEVICES.devices),
  ]
}

function backupStream(
  integrationId: string,
  organisationId: string,
  devices: readonly DemoDevice[],
): DemoStream {
  const schedule = { ...SCHEDULES.nightlyBackups, tz: organisation(organisationId).tz }
  const name = `backups:${integrationId}`
  const run: DeviceRunSpec['run'] = ({ device, due, day, random, context }) => {
    const night = nightsBefore(schedule, context.anchor)?.(due)
    const here = (story: { organisationId: string; device: string }) =>
      story.organisationId === organisationId && story.device === device.key
    // Without an anchor, live play keeps FS02 silent: its story has no end.
    if (here(stoppedBackups) && (night === undefined || night < stoppedBackups.nights)) return
    const endedAt = here(slidingBackup)
      ? slidingEnd(due, night, random)
      : usualFinish(context.seed, name, device, due, USUAL_LEAD, random, 15)
    // The last night decided at the anchor fails; so does tonight's run if it has already
    // ended, else at 02:00 its success would be the latest word and hide the failure.
    const failed =
      here(failedBackup) &&
      (night === 0 || (night === -1 && context.anchor !== undefined && endedAt <= context.anchor))
    const result =
      failed || chance(random, 0.001) ? 'failure' : chance(random, 0.01) ? 'warning' : 'success'
    const [shortest, longest] = DURATION_MINUTES[device.role]
    const startedAt = endedAt - Math.round(between(random, shortest, longest)) * MINUTE
    const error = failed ? failedBackup.error : 'Backup target unreachable'
    const record: BackupRunRecord = {
      kind: 'backup-run',
      externalId: `demo-bk-${device.key}-${dayKey(day)}`,
      organisationId,
      device: device.key,
      startedAt,
      endedAt,
      result,
      raw: {
        demo: true,
        job: `${device.key} nightly image`,
        result,
        durationSeconds: Math.round((endedAt - startedAt) / SECOND),
        ...(result === 'failure' ? { error } : {}),
      },
    }
    return record
  }
  return deviceRunStream({
    name,
    layer: 'measure',
    integrationId,
    organisationId,
    devices,
    schedule,
    reachMs: DAY,
    run,
  })
}

/** The ERP backup's end: 12 minutes later each night of its slide, else around 03:30. */
function slidingEnd(due: number, night: number | undefined, random: Random): number {
  const { nights, nightsAfter, stepMs, lastNightBeforeDueMs, usuallyBeforeDueMs } = slidingBackup
  if (night === undefined || night < -nightsAfter || night >= nights) {
    return due - usuallyBeforeDueMs + between(random, -10, 10) * MINUTE
  }
  // Within a minute of its line, so the slide reads as the steady slide it is.
  return due - lastNightBeforeDueMs - night * stepMs + Math.round(between(random, -40, 40)) * SECOND
}
