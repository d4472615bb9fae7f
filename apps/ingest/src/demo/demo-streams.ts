import { LAYER_WINDOWS_MS } from '../evaluation/windows.js'
import { auditStreams } from './demo-audits.js'
import { backupStreams } from './demo-backups.js'
import { DEMO_INTEGRATIONS } from './demo-cast.js'
import { heartbeatStream } from './demo-heartbeats.js'
import { manualStreams } from './demo-manual.js'
import { patchStreams } from './demo-patches.js'
import { pulseStream } from './demo-pulse.js'
import { serviceDeskStreams } from './demo-service-desk.js'
import { DAY } from './zoned-time.js'
import type { Delivery, DemoContext, DemoStream, DemoWindow, ManualBeat } from './demo-types.js'

/** Every strand of the demo ensemble. */
export const DEMO_STREAMS: readonly DemoStream[] = [
  ...backupStreams(),
  ...patchStreams(),
  ...serviceDeskStreams(),
  ...auditStreams(),
  pulseStream(),
  heartbeatStream(),
  ...manualStreams(),
]

/** A quarter's slack before a layer's window, so its first slot's beat is there too. */
const WINDOW_SLACK_MS = 92 * DAY

/**
 * How far back the backfill plays a stream. Daily and weekly strands get `days`; monthly and
 * slower ones get their layer's whole evaluation window, else a year-judged rhythm would be
 * judged on months of beats the demo never played and show as missed.
 */
export function backfillFrom(stream: DemoStream, now: number, days: number): number {
  if (stream.backfillMs !== undefined) return now - stream.backfillMs
  return now - Math.max(days * DAY, LAYER_WINDOWS_MS[stream.layer] + WINDOW_SLACK_MS)
}

/** When an integration fell silent, if it is the dead one. */
export function silentSince(integrationId: string, context: DemoContext): number | undefined {
  const integration = DEMO_INTEGRATIONS.find((candidate) => candidate.id === integrationId)
  if (integration?.silentFor === undefined) return undefined
  // Without an anchor, live play only knows that it is dead by now.
  return context.anchor === undefined ? -Infinity : context.anchor - integration.silentFor
}

/** What every stream plays in its window, less anything a dead integration sent after it died. */
export function playStreams(
  windowOf: (stream: DemoStream) => DemoWindow,
  context: DemoContext,
): { deliveries: Delivery[]; beats: ManualBeat[] } {
  const deliveries: Delivery[] = []
  const beats: ManualBeat[] = []
  for (const stream of DEMO_STREAMS) {
    const window = windowOf(stream)
    for (const delivery of stream.deliveries?.(window, context) ?? []) {
      const silent = silentSince(delivery.integrationId, context)
      if (silent === undefined || delivery.at <= silent) deliveries.push(delivery)
    }
    beats.push(...(stream.beats?.(window, context) ?? []))
  }
  return { deliveries, beats }
}
