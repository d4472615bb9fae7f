import { dueTimes } from './demo-cron.js'
import { inWindow } from './demo-types.js'
import { between, rngFor } from './random.js'
import { MINUTE, localDayOf } from './zoned-time.js'
import type { DemoDevice, DeviceRole } from './demo-cast.js'
import type { DueSchedule } from './demo-cron.js'
import type { Random } from './random.js'
import type { Delivery, DemoContext, DemoStream } from './demo-types.js'
import type { BackupRunRecord, PatchRunRecord } from '../records/types.js'
import type { Layer } from '@baton/cadence'

type Run = BackupRunRecord | PatchRunRecord

export interface DeviceRunSpec {
  name: string
  layer: Layer
  integrationId: string
  organisationId: string
  devices: readonly DemoDevice[]
  schedule: DueSchedule
  /** How long before its due time a device's run may end (a laptop's, the day before). */
  reachMs: number
  /** One device's run for one due time, if it runs; `day` is the due's local epoch day. */
  run(input: {
    device: DemoDevice
    due: number
    day: number
    random: Random
    context: DemoContext
  }): Run | undefined
}

/** Every device's run for every due time of a schedule, keeping those that end in the window. */
export function deviceRunStream(spec: DeviceRunSpec): DemoStream {
  const { schedule } = spec
  return {
    name: spec.name,
    layer: spec.layer,
    deliveries: (window, context) => {
      const deliveries: Delivery[] = []
      const from = window.from - schedule.graceMs
      for (const due of dueTimes(schedule.cron, schedule.tz, from, window.to + spec.reachMs)) {
        const day = localDayOf(due, schedule.tz)
        for (const device of spec.devices) {
          const random = rngFor(context.seed, spec.name, device.key, due)
          const run = spec.run({ device, due, day, random, context })
          const at = run && (run.kind === 'backup-run' ? run.endedAt : run.at)
          if (run && at !== undefined && inWindow(at, window)) {
            deliveries.push({ integrationId: spec.integrationId, at, record: run })
          }
        }
      }
      return deliveries
    },
  }
}

/** Minutes before its due time a device usually finishes, by role: a range drawn once per device. */
export type UsualLead = Readonly<Record<DeviceRole, readonly [number, number]>>

/** The device's usual finish for this schedule, jittered for this run. */
export function usualFinish(
  seed: number,
  stream: string,
  device: DemoDevice,
  due: number,
  lead: UsualLead,
  random: Random,
  jitterMinutes: number,
): number {
  const [low, high] = lead[device.role]
  const usual = between(rngFor(seed, stream, device.key), low, high)
  return due - (usual + between(random, -jitterMinutes, jitterMinutes)) * MINUTE
}
