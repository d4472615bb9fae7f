import { describe, expect, it } from 'vitest'
import { DEMO_INTEGRATIONS, LEGACY_RMM, organisation } from './demo-cast.js'
import { backfillDemo, playDemoLive } from './demo-ensemble.js'
import { HEARTBEAT_RHYTHMS } from './demo-heartbeats.js'
import { STORIES } from './demo-stories.js'
import { createFakeSink, recordId } from './test-support/fake-sink.js'
import { DAY, HOUR, MINUTE, SECOND, localDayOf, zonedTime } from './zoned-time.js'
import type { FakeSink } from './test-support/fake-sink.js'
import type { BackupRunRecord, BeatInput } from '../records/types.js'

const ANCHOR = Date.UTC(2026, 10, 24, 22, 0)

function idsOf(sink: FakeSink): string[] {
  return [
    ...sink.batches.flatMap((batch) => batch.records.map((r) => recordId(batch.integrationId, r))),
    ...sink.beats.map((beat) => beat.idempotencyKey ?? 'no key'),
  ].sort()
}

const heartbeatIds = new Set(HEARTBEAT_RHYTHMS.map((rhythm) => rhythm.rhythmId))

function heartbeatsOf(sink: FakeSink, from: number, to: number): BeatInput[] {
  return sink.beats
    .filter((beat) => heartbeatIds.has(beat.rhythmId) && beat.at > from && beat.at <= to)
    .sort((a, b) => a.at - b.at)
}

function backupsOf(sink: FakeSink, device: string): BackupRunRecord[] {
  return sink
    .records()
    .filter((r): r is BackupRunRecord => r.kind === 'backup-run' && r.device === device)
}

describe('playDemoLive', () => {
  it('brings at least one record or check-in in every minute of play', async () => {
    // Odd offsets, so minutes do not line up with the pulse's 40-second slots.
    for (let from = ANCHOR + 7_919; from < ANCHOR + 6 * HOUR; from += 60 * SECOND + 3_217) {
      const played = await playDemoLive({ sink: createFakeSink(), from, to: from + MINUTE })
      expect(played.records + played.beats, new Date(from).toISOString()).toBeGreaterThan(0)
    }
  })

  it('brings at least one beat in every 30 seconds of play', async () => {
    for (let from = ANCHOR + 1_009; from < ANCHOR + 2 * HOUR; from += 30 * SECOND + 1_301) {
      const played = await playDemoLive({ sink: createFakeSink(), from, to: from + 30 * SECOND })
      expect(played.beats, new Date(from).toISOString()).toBeGreaterThan(0)
    }
  })

  it("relays every organisation's agent check-ins once a minute, staggered across the three", async () => {
    const sink = createFakeSink()
    await playDemoLive({ sink, from: ANCHOR, to: ANCHOR + DAY, anchor: ANCHOR })
    const times = heartbeatsOf(sink, ANCHOR, ANCHOR + DAY).map((beat) => beat.at)
    expect(times).toHaveLength(3 * 24 * 60)
    const gaps = times.slice(1).map((at, i) => at - times[i]!)
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30 * SECOND)
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(10 * SECOND)
    for (const { rhythmId } of HEARTBEAT_RHYTHMS) {
      const beats = sink.beats.filter((beat) => beat.rhythmId === rhythmId)
      expect(beats).toHaveLength(24 * 60)
      expect(beats.filter((beat) => !beat.ok).length, rhythmId).toBeLessThan(24 * 60 * 0.02)
    }
  })

  it('gives each agent check-in the same id and time however the minutes are played', async () => {
    const from = ANCHOR + 2 * HOUR
    const to = from + 10 * MINUTE
    const ticked = createFakeSink()
    for (let at = from; at < to; at += 5 * SECOND) {
      await playDemoLive({ sink: ticked, from: at, to: at + 5 * SECOND, anchor: ANCHOR })
    }
    const once = createFakeSink()
    await playDemoLive({ sink: once, from, to, anchor: ANCHOR })
    const later = createFakeSink()
    await backfillDemo({ sink: later, now: to + HOUR, days: 1 })
    expect(heartbeatsOf(ticked, from, to)).toHaveLength(30)
    expect(heartbeatsOf(once, from, to)).toEqual(heartbeatsOf(ticked, from, to))
    expect(heartbeatsOf(later, from, to)).toEqual(heartbeatsOf(ticked, from, to))
    const keys = heartbeatsOf(ticked, from, to).map((beat) => beat.idempotencyKey)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keys[0]).toMatch(/^demo-hb-(acme|harlow|brenner)-\d+$/)
  })

  it('delivers the same ids when the same interval is played twice', async () => {
    const first = createFakeSink()
    const second = createFakeSink()
    const interval = { from: ANCHOR + 3 * HOUR, to: ANCHOR + 3 * HOUR + 10 * MINUTE }
    await playDemoLive({ sink: first, ...interval, anchor: ANCHOR })
    await playDemoLive({ sink: second, ...interval, anchor: ANCHOR })
    expect(idsOf(first).length).toBeGreaterThan(0)
    expect(idsOf(second)).toEqual(idsOf(first))
    expect(second.batches).toEqual(first.batches)
  })

  it('syncs every live integration each time, and never the legacy RMM', async () => {
    const sink = createFakeSink()
    await playDemoLive({ sink, from: ANCHOR, to: ANCHOR + 5 * SECOND, anchor: ANCHOR })
    const synced = sink.syncRuns.map((run) => run.integrationId).sort()
    const live = DEMO_INTEGRATIONS.map((i) => i.id).filter((id) => id !== LEGACY_RMM)
    expect(synced).toEqual(live.sort())
    await playDemoLive({ sink, from: ANCHOR, to: ANCHOR + 2 * DAY })
    expect(sink.batches.some((batch) => batch.integrationId === LEGACY_RMM)).toBe(false)
  })

  it('delivers a ticket again, answered, once its first response comes', async () => {
    const sink = createFakeSink()
    for (let from = ANCHOR; from < ANCHOR + HOUR; from += 5 * SECOND) {
      await playDemoLive({ sink, from, to: from + 5 * SECOND, anchor: ANCHOR })
    }
    const tickets = sink.records().filter((r) => r.kind === 'ticket')
    const created = tickets.filter((t) => t.createdAt > ANCHOR && t.firstResponseAt === null)
    const answered = created.filter((t) =>
      tickets.some((later) => later.externalId === t.externalId && later.firstResponseAt !== null),
    )
    expect(created.length).toBeGreaterThan(30)
    expect(answered.length).toBeGreaterThan(created.length / 2)
  })

  it('plays the backups a later backfill would have played', async () => {
    const live = createFakeSink()
    await backfillDemo({ sink: createFakeSink(), now: ANCHOR, days: 2 })
    await playDemoLive({ sink: live, from: ANCHOR, to: ANCHOR + DAY, anchor: ANCHOR })
    const later = createFakeSink()
    await backfillDemo({ sink: later, now: ANCHOR + DAY, days: 2 })
    const backups = (sink: FakeSink) =>
      sink
        .records()
        .filter(
          (r) => r.kind === 'backup-run' && r.endedAt > ANCHOR && r.device.startsWith('BR-CAD'),
        )
    expect(backups(live).length).toBeGreaterThan(0)
    expect(backups(live)).toEqual(backups(later))
  })

  it('carries the ERP backup slide on for the nights after the anchor', async () => {
    const { device, stepMs, lastNightBeforeDueMs } = STORIES.slidingBackup
    const { tz } = organisation(STORIES.slidingBackup.organisationId)
    const nextDue = zonedTime(tz, localDayOf(ANCHOR, tz) + 1, 6 * 60)
    const carried = createFakeSink()
    await playDemoLive({ sink: carried, from: ANCHOR, to: nextDue, anchor: ANCHOR })
    const [run] = backupsOf(carried, device)
    // One night past the last decided one: 12 minutes later again, still before 06:00.
    expect(run!.endedAt - nextDue).toBeCloseTo(-(lastNightBeforeDueMs - stepMs), -5)
    const steady = createFakeSink()
    await playDemoLive({ sink: steady, from: ANCHOR, to: nextDue })
    expect(nextDue - backupsOf(steady, device)[0]!.endedAt).toBeGreaterThan(2 * HOUR)
  })

  it('keeps FS02 silent', async () => {
    const sink = createFakeSink()
    await playDemoLive({ sink, from: ANCHOR, to: ANCHOR + 3 * DAY, anchor: ANCHOR })
    expect(backupsOf(sink, STORIES.stoppedBackups.device)).toEqual([])
    expect(backupsOf(sink, 'FS01')).toHaveLength(3)
  })
})
