import { groupBy } from '../lib/group-by.js'
import { DEMO_INTEGRATIONS } from './demo-cast.js'
import { deviceRoster } from './demo-devices.js'
import { backfillFrom, playStreams, silentSince } from './demo-streams.js'
import { DAY } from './zoned-time.js'
import type { Delivery, ManualBeat } from './demo-types.js'
import type { RecordSink } from '../records/types.js'

/** Records per `storeBatch`: one page of a sync, as a connector would deliver it. */
export const MAX_BATCH = 2_000
/** How long a demo sync pretends to take. */
const SYNC_MS = 1_500

export interface DemoPlayed {
  records: number
  beats: number
}

/**
 * Plays the demo's history up to `now` into `sink`: the device rosters, `days` of backups,
 * patches and tickets (longer for monthly and slower rhythms, so their windows are full), and
 * the manual check-ins, one day's sync per integration at a time; the RMMs' once-a-minute agent
 * check-ins only for the last week. Same seed and `now`, same records, beats and ids. The legacy
 * RMM's syncs and records stop three days before `now`.
 */
export async function backfillDemo({
  sink,
  now,
  days = 180,
  seed = 1,
}: {
  sink: RecordSink
  now: number
  days?: number
  seed?: number
}): Promise<DemoPlayed> {
  const context = { seed, anchor: now }
  const start = now - days * DAY
  const played = playStreams(
    (stream) => ({ from: backfillFrom(stream, now, days), to: now }),
    context,
  )
  // Day 0 holds the roster and everything older than `days`; day d ends at start + d days.
  const dayOf = (at: number) => (at <= start ? 0 : Math.min(days, Math.ceil((at - start) / DAY)))
  const deliveries = groupBy([...deviceRoster(start), ...played.deliveries], (d) => dayOf(d.at))
  const beats = groupBy(played.beats, (beat) => dayOf(beat.at))
  const total = { records: 0, beats: 0 }
  for (let day = 0; day <= days; day++) {
    const end = start + day * DAY
    const ofDay = deliveries.get(day) ?? []
    for (const { id } of DEMO_INTEGRATIONS) {
      const silent = silentSince(id, context)
      if (silent !== undefined && end > silent) continue
      const records = ofDay.filter((delivery) => delivery.integrationId === id)
      total.records += await sync(sink, id, records, end - SYNC_MS, end)
    }
    total.beats += await checkIn(sink, beats.get(day) ?? [])
  }
  return total
}

/**
 * Plays what happened in `(from, to]` of real time: backups that ended, tickets created or
 * answered, check-ins made (the agents' every 20 s or so), and one sync per live integration. Pass the backfill's `now` as
 * `anchor` so its stories carry on (the ERP backup's slide); without it they rest in their
 * steady state. Asking for the same interval twice delivers the same ids.
 */
export async function playDemoLive({
  sink,
  from,
  to,
  seed = 1,
  anchor,
}: {
  sink: RecordSink
  from: number
  to: number
  seed?: number
  anchor?: number
}): Promise<DemoPlayed> {
  if (to <= from) return { records: 0, beats: 0 }
  const context = { seed, anchor }
  const played = playStreams(() => ({ from, to }), context)
  let records = 0
  for (const { id } of DEMO_INTEGRATIONS) {
    const silent = silentSince(id, context)
    if (silent !== undefined && to > silent) continue
    const mine = played.deliveries.filter((delivery) => delivery.integrationId === id)
    records += await sync(sink, id, mine, Math.max(from, to - SYNC_MS), to)
  }
  return { records, beats: await checkIn(sink, played.beats) }
}

async function sync(
  sink: RecordSink,
  integrationId: string,
  deliveries: Delivery[],
  startedAt: number,
  finishedAt: number,
): Promise<number> {
  const records = deliveries.sort((a, b) => a.at - b.at).map((delivery) => delivery.record)
  const run = { pages: 0, created: 0, updated: 0, quarantined: 0 }
  for (let offset = 0; offset < records.length; offset += MAX_BATCH) {
    const page = records.slice(offset, offset + MAX_BATCH)
    const stored = await sink.storeBatch({ integrationId, records: page })
    run.pages++
    run.created += stored.created
    run.updated += stored.updated
  }
  await sink.recordSyncRun({ integrationId, startedAt, finishedAt, status: 'succeeded', ...run })
  return records.length
}

// In pages, each one transaction: a week of minute check-ins is tens of thousands of beats.
async function checkIn(sink: RecordSink, beats: ManualBeat[]): Promise<number> {
  const ordered = beats
    .sort((a, b) => a.at - b.at)
    .map((beat) => ({ ...beat, origin: 'demo' as const }))
  for (let i = 0; i < ordered.length; i += MAX_BATCH) {
    await sink.recordBeats(ordered.slice(i, i + MAX_BATCH))
  }
  return beats.length
}
