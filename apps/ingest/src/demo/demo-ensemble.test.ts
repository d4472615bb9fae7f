import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO_INTEGRATIONS, DEMO_ORGANISATIONS, LEGACY_RMM } from './demo-cast.js'
import { MAX_BATCH, backfillDemo } from './demo-ensemble.js'
import { HEARTBEAT_BACKFILL_MS, HEARTBEAT_RHYTHMS } from './demo-heartbeats.js'
import { createFakeSink, recordId } from './test-support/fake-sink.js'
import { demoScore } from './test-support/demo-score.js'
import { DAY, MINUTE } from './zoned-time.js'
import type { FakeSink } from './test-support/fake-sink.js'
import type { SourceRecord } from '../records/types.js'

const NOW = Date.UTC(2026, 10, 24, 22, 0)
const DAYS = 180

// When a record happened, for checks on the dead integration.
function timeOf(record: SourceRecord): number {
  if (record.kind === 'backup-run') return record.endedAt
  if (record.kind === 'patch-run') return record.at
  if (record.kind === 'ticket') return record.createdAt
  return -Infinity
}

describe('backfillDemo', () => {
  let sink: FakeSink
  let played: { records: number; beats: number }
  let elapsedMs: number

  beforeAll(async () => {
    sink = createFakeSink()
    const started = performance.now()
    played = await backfillDemo({ sink, now: NOW, days: DAYS })
    elapsedMs = performance.now() - started
  })

  it('plays the same records, beats and sync runs for the same seed and now', async () => {
    const again = createFakeSink()
    await backfillDemo({ sink: again, now: NOW, days: DAYS })
    expect(again.batches).toEqual(sink.batches)
    expect(again.beats).toEqual(sink.beats)
    expect(again.syncRuns).toEqual(sink.syncRuns)
  })

  it('plays a different history for another seed', async () => {
    const other = createFakeSink()
    await backfillDemo({ sink: other, now: NOW, days: 14, seed: 2 })
    const mine = new Map(sink.records().map((r) => [recordId('', r), r]))
    const differs = other
      .records()
      .some((r) => JSON.stringify(mine.get(recordId('', r))) !== JSON.stringify(r))
    expect(differs).toBe(true)
  })

  it('keeps 180 days under 50,000 records and well under 5 s', () => {
    expect(played.records).toBe(sink.records().length)
    expect(played.records).toBeGreaterThan(10_000)
    expect(played.records).toBeLessThan(50_000)
    expect(played.beats).toBe(sink.beats.length)
    expect(elapsedMs).toBeLessThan(5_000)
    console.info(
      `backfill: ${played.records} records, ${played.beats} beats, ${Math.round(elapsedMs)} ms`,
    )
  })

  it('plays agent check-ins for the note window and an hour only, one a minute each', () => {
    for (const { rhythmId } of HEARTBEAT_RHYTHMS) {
      const beats = sink.beats.filter((beat) => beat.rhythmId === rhythmId)
      expect(beats, rhythmId).toHaveLength(HEARTBEAT_BACKFILL_MS / MINUTE)
      expect(Math.min(...beats.map((beat) => beat.at))).toBeGreaterThan(NOW - HEARTBEAT_BACKFILL_MS)
    }
  })

  it('delivers pages of at most 2,000 records', () => {
    expect(Math.max(...sink.batches.map((batch) => batch.records.length))).toBeLessThanOrEqual(
      MAX_BATCH,
    )
  })

  it('marks every record as demo data of a demo organisation', () => {
    const organisations = new Set(
      demoScore()
        .organisations.filter((o) => o.demo)
        .map((o) => o.id),
    )
    for (const record of sink.records()) {
      expect(record.raw).toMatchObject({ demo: true })
      expect(organisations).toContain(record.organisationId)
    }
  })

  it('gives every record and check-in its own id', () => {
    const ids = sink.batches.flatMap((batch) =>
      batch.records.map((r) => recordId(batch.integrationId, r)),
    )
    expect(new Set(ids).size).toBe(ids.length)
    const keys = sink.beats.map((beat) => beat.idempotencyKey)
    expect(keys.every((key) => key !== undefined)).toBe(true)
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('checks in only on manual rhythms, marked as demo', () => {
    const manual = new Set(
      demoScore()
        .rhythms.filter((r) => r.source.kind === 'manual')
        .map((r) => r.id),
    )
    for (const beat of sink.beats) {
      expect(beat.origin).toBe('demo')
      expect(manual).toContain(beat.rhythmId)
      expect(beat.at).toBeLessThanOrEqual(NOW)
    }
  })

  it('lists every live device once, on its own RMM', () => {
    const players = sink.batches.flatMap((batch) =>
      batch.records
        .filter((r) => r.kind === 'player')
        .map((r) => `${batch.integrationId}:${r.key}`),
    )
    const devices = DEMO_ORGANISATIONS.flatMap((o) => o.devices.map((d) => `${o.rmm}:${d.key}`))
    expect(players.sort()).toEqual(devices.sort())
  })

  it('reports a succeeded sync per live integration per day, the last one at now', () => {
    for (const { id } of DEMO_INTEGRATIONS.filter((integration) => integration.id !== LEGACY_RMM)) {
      const runs = sink.syncRuns.filter((run) => run.integrationId === id)
      expect(runs).toHaveLength(DAYS + 1)
      expect(runs.every((run) => run.status === 'succeeded')).toBe(true)
      expect(runs.at(-1)!.finishedAt).toBe(NOW)
    }
  })

  it('hears nothing from the legacy RMM in the last 3 days', () => {
    const runs = sink.syncRuns.filter((run) => run.integrationId === LEGACY_RMM)
    expect(runs.at(-1)!.finishedAt).toBe(NOW - 3 * DAY)
    const records = sink.batches
      .filter((b) => b.integrationId === LEGACY_RMM)
      .flatMap((b) => b.records)
    expect(records.length).toBeGreaterThan(100)
    expect(Math.max(...records.map(timeOf))).toBeLessThanOrEqual(NOW - 3 * DAY)
  })
})
