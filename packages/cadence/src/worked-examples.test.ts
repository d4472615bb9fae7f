import { describe, expect, it } from 'vitest'
import { evaluate } from './index.js'
import type { Beat, RhythmSpec } from './index.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
/** Day n of January 2026 (UTC) at hh:mm. */
const day = (n: number, hh = 0, mm = 0) => Date.UTC(2026, 0, n, hh, mm)

const nightlyBackup: RhythmSpec = {
  id: 'acme-nightly-backup',
  layer: 'measure',
  cadence: { kind: 'schedule', cron: '0 6 * * *', tz: 'UTC', graceMs: 2 * HOUR },
}
const range = { from: day(1), now: day(10, 12) }

describe('CADENCE.md worked examples', () => {
  it('1: one missed and one late night out of ten exhaust a 95% budget', () => {
    const beats: Beat[] = []
    for (let n = 1; n <= 10; n++) {
      if (n === 4) continue
      beats.push({ at: n === 7 ? day(n, 7, 30) : day(n, 2), ok: true })
    }
    const evaluation = evaluate(nightlyBackup, { beats }, range)
    const decided = evaluation.slots.filter((slot) => slot.outcome !== 'pending')
    expect(decided).toHaveLength(10)
    expect(evaluation.counts).toMatchObject({
      expected: 10,
      onTime: 8,
      late: 1,
      missed: 1,
      failed: 0,
    })
    expect(decided.find((slot) => slot.outcome === 'late')).toMatchObject({
      due: day(7, 6),
      offsetMs: 90 * MINUTE,
    })
    expect(decided.find((slot) => slot.outcome === 'missed')!.due).toBe(day(4, 6))
    expect(evaluation.adherence).toBe(0.8)
    expect(evaluation.state).toBe('drifting')
    expect(evaluation.reasons.map((reason) => reason.code)).toEqual(['budget_exhausted'])
    expect(evaluation.reasons[0]!.message).toBe(
      '2 of the last 10 daily beats not on time: 1 missed, 1 late (80% < 95% target)',
    )
  })

  it('2: a slow slide toward the downbeat drifts while every beat is still on time', () => {
    const slide = [day(6, 4), day(7, 4, 30), day(8, 5), day(9, 5, 30), day(10, 5, 50)]
    const beats: Beat[] = [1, 2, 3, 4, 5].map((n) => ({ at: day(n, 2), ok: true }))
    beats.push(...slide.map((at) => ({ at, ok: true })))
    const evaluation = evaluate(nightlyBackup, { beats }, range)
    expect(evaluation.counts).toMatchObject({ expected: 10, onTime: 10 })
    expect(evaluation.adherence).toBe(1)
    expect(evaluation.state).toBe('drifting')
    expect(evaluation.reasons.map((reason) => reason.code)).toEqual(['trend_late'])
    expect(evaluation.trend!.msPerBeat).toBeGreaterThan(0)
    expect(evaluation.trend!.projectedOffsetMs).toBeGreaterThan(0)
  })

  it('3: a ticket opened Friday 16:00 and answered Monday 10:30 meets a 4 business hour SLA', () => {
    // 2026-01-09 is a Friday; New York is UTC-5 in January.
    const rhythm: RhythmSpec = {
      id: 'first-response',
      layer: 'note',
      cadence: {
        kind: 'sla',
        targetMs: 4 * HOUR,
        calendar: {
          tz: 'America/New_York',
          hours: {
            mon: [['08:00', '17:00']],
            tue: [['08:00', '17:00']],
            wed: [['08:00', '17:00']],
            thu: [['08:00', '17:00']],
            fri: [['08:00', '17:00']],
          },
        },
      },
    }
    const evaluation = evaluate(
      rhythm,
      {
        triggers: [{ key: 'T-1', at: day(9, 21) }],
        beats: [{ at: day(12, 15, 30), ok: true, key: 'T-1' }],
      },
      { from: day(1), now: day(13) },
    )
    expect(evaluation.slots).toEqual([
      expect.objectContaining({
        key: 'T-1',
        due: day(12, 16),
        outcome: 'on_time',
        offsetMs: -30 * MINUTE,
      }),
    ])
    expect(evaluation.state).toBe('tight')
  })

  it('4: a rhythm whose source went quiet is silent, not red or green', () => {
    const evaluation = evaluate(nightlyBackup, { beats: [] }, { ...range, signal: 'stale' })
    expect(evaluation.state).toBe('silent')
    expect(evaluation.reasons.map((reason) => reason.code)).toEqual(['no_signal'])
    expect(evaluation.score).toBeNull()
  })
})
