import {
  DEMO_ORGANISATIONS,
  LEGACY_DEVICES,
  LEGACY_RMM,
  SCHEDULES,
  organisation,
} from './demo-cast.js'
import { deviceRunStream, usualFinish } from './demo-device-runs.js'
import { chance } from './random.js'
import { DAY, dayKey } from './zoned-time.js'
import type { DemoDevice } from './demo-cast.js'
import type { UsualLead } from './demo-device-runs.js'
import type { DemoStream } from './demo-types.js'
import type { PatchRunRecord } from '../records/types.js'
import type { Layer } from '@baton/cadence'

interface PatchPlay {
  activity: PatchRunRecord['activity']
  layer: Layer
  schedule: { cron: string; graceMs: number }
  idPrefix: string
  /** The id's period: a day for scans and installs, a month for the compliance snapshot. */
  period: 'day' | 'month'
  lead: UsualLead
  jitterMinutes: number
  reachMs: number
  failure: number
}

const PLAYS: readonly PatchPlay[] = [
  // Due 08:00: scans run before dawn; laptops scan the afternoon before, while they are on.
  {
    activity: 'scan',
    layer: 'measure',
    schedule: SCHEDULES.patchScan,
    idPrefix: 'demo-ps',
    period: 'day',
    lead: { server: [120, 210], workstation: [120, 210], laptop: [1020, 1140] },
    jitterMinutes: 20,
    reachMs: DAY,
    failure: 0.001,
  },
  // Due Sunday 04:00: the Saturday-night window; laptops install on Friday afternoon.
  {
    activity: 'install',
    layer: 'phrase',
    schedule: SCHEDULES.patchDeployment,
    idPrefix: 'demo-pi',
    period: 'day',
    lead: { server: [120, 360], workstation: [120, 360], laptop: [2220, 2400] },
    jitterMinutes: 20,
    reachMs: 2 * DAY,
    failure: 0.001,
  },
  // Due on the 28th at 17:00: the RMM's patch-status snapshot two and a half days before.
  {
    activity: 'fully-patched',
    layer: 'section',
    schedule: SCHEDULES.patchCompliance,
    idPrefix: 'demo-pf',
    period: 'month',
    lead: { server: [3360, 3840], workstation: [3360, 3840], laptop: [3360, 3840] },
    jitterMinutes: 60,
    reachMs: 3 * DAY,
    failure: 0.001,
  },
]

/** Scans, installs and compliance snapshots per device; the legacy RMM still scans HP-DMS01. */
export function patchStreams(): DemoStream[] {
  const legacyOwner = organisation(LEGACY_DEVICES.organisationId)
  return [
    ...DEMO_ORGANISATIONS.flatMap((owner) =>
      PLAYS.map((play) => patchStream(play, owner.rmm, owner.id, owner.tz, owner.devices)),
    ),
    patchStream(PLAYS[0]!, LEGACY_RMM, legacyOwner.id, legacyOwner.tz, LEGACY_DEVICES.devices),
  ]
}

function patchStream(
  play: PatchPlay,
  integrationId: string,
  organisationId: string,
  tz: string,
  devices: readonly DemoDevice[],
): DemoStream {
  const name = `patch-${play.activity}:${integrationId}`
  return deviceRunStream({
    name,
    layer: play.layer,
    integrationId,
    organisationId,
    devices,
    schedule: { ...play.schedule, tz },
    reachMs: play.reachMs,
    run: ({ device, due, day, random, context }) => {
      const at = usualFinish(context.seed, name, device, due, play.lead, random, play.jitterMinutes)
      const result = chance(random, play.failure) ? 'failure' : 'success'
      const period = play.period === 'day' ? dayKey(day) : dayKey(day).slice(0, 6)
      return {
        kind: 'patch-run',
        externalId: `${play.idPrefix}-${device.key}-${period}`,
        organisationId,
        device: device.key,
        activity: play.activity,
        at,
        result,
        raw: { demo: true, activity: play.activity, result, ...patchCounts(play, result) },
      }
    },
  })
}

// What the RMM would say alongside: enough for a drill-down to read naturally.
function patchCounts(play: PatchPlay, result: 'success' | 'failure'): object {
  if (play.activity === 'install')
    return { installed: result === 'success' ? 7 : 5, failed: result === 'success' ? 0 : 2 }
  if (play.activity === 'fully-patched') return { missing: result === 'success' ? 0 : 3 }
  return { available: result === 'success' ? 4 : null }
}
