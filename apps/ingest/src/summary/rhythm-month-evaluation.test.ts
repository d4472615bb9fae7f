import { describe, expect, it } from 'vitest'
import { RhythmCatalog } from '../rhythms/catalog.js'
import { monthRange } from './month-range.js'
import { evaluateRhythmMonths } from './rhythm-month-evaluation.js'
import type { Beat, Cadence } from '@baton/cadence'
import type { Rhythm } from '../db/database.js'
import type { RhythmWork } from '../evaluation/load-inputs.js'
import type { MonthRange } from './month-range.js'

const HOUR = 3_600_000
const november = monthRange('2026-11', 'UTC')
const october = monthRange('2026-10', 'UTC')
const at = (month: number, day: number, hour: number) => Date.UTC(2026, month - 1, day, hour)

function rhythm(cadence: Cadence): Rhythm {
  return {
    id: 'acme-backups',
    name: 'Backups',
    layer: 'measure',
    team_id: 'infrastructure',
    organisation_id: 'acme',
    owner_role: 'musician',
    cadence,
    target: 0.95,
    critical: false,
    freshness_ms: null,
    beat_noun: null,
    player_noun: null,
    source: { kind: 'manual' },
    demo: false,
    active: true,
    created_at: new Date(0),
    updated_at: new Date(0),
  }
}

function work(row: Rhythm, beats: Beat[]): RhythmWork {
  const spec = new RhythmCatalog([row], []).specOf(row)
  return { rhythm: row, spec, input: { beats }, range: { from: 0, now: 0, signal: 'stale' } }
}

/** One ok beat a day at `hour`, from October 1 to December 3. */
function daily(hour: number, except: number[] = []): Beat[] {
  const beats: Beat[] = []
  for (let t = at(10, 1, hour); t <= at(12, 3, hour); t += 24 * HOUR) {
    if (!except.includes(t)) beats.push({ at: t, ok: true })
  }
  return beats
}

const evaluateRhythmMonth = (w: RhythmWork, month: MonthRange, now: number) =>
  evaluateRhythmMonths(w, [month], { now })[0]!

const nightly = rhythm({ kind: 'schedule', cron: '0 6 * * *', tz: 'UTC', graceMs: 2 * HOUR })

describe('evaluateRhythmMonth', () => {
  it('counts the slots due in the month and no beat of the lookback as extra', () => {
    const month = evaluateRhythmMonth(work(nightly, daily(2)), november, at(12, 3, 12))
    expect(month.counts).toMatchObject({ expected: 30, onTime: 30, pending: 0, rest: 0, extra: 0 })
    expect(month).toMatchObject({ state: 'tight', adherence: 1, beatNoun: 'daily beats' })
  })

  it('judges a month on what happened, though the work says the source is stale', () => {
    const month = evaluateRhythmMonth(work(nightly, daily(2)), october, at(12, 3, 12))
    expect(month.state).toBe('tight')
    expect(month.counts.expected).toBe(31)
  })

  it('never fills the next month’s first slot with a beat after the month ends', () => {
    // Without the beat of 30 November, the one of 1 December 02:00 could be taken as early for
    // 1 December's slot; it must leave November's last slot missed.
    const beats = daily(2, [at(11, 30, 2)])
    const month = evaluateRhythmMonth(work(nightly, beats), november, at(12, 3, 12))
    expect(month.counts).toMatchObject({ expected: 30, onTime: 29, missed: 1 })
    expect(month.reasons.map((reason) => reason.code)).toContain('last_missed')
  })

  it('waits for the grace of the month’s last slot and counts its late beat in the month', () => {
    const lateNight = rhythm({ kind: 'schedule', cron: '0 23 * * *', tz: 'UTC', graceMs: 3 * HOUR })
    const beats = daily(22, [at(11, 30, 22)])
    beats.push({ at: at(12, 1, 1), ok: true })
    beats.sort((a, b) => a.at - b.at)
    const month = evaluateRhythmMonth(work(lateNight, beats), november, at(12, 3, 12))
    expect(month.counts).toMatchObject({ expected: 30, onTime: 29, late: 1, missed: 0 })
  })

  it('gives a slot due at midnight on the 1st to the month it opens, not the one before', () => {
    const midnight = rhythm({ kind: 'schedule', cron: '0 0 * * *', tz: 'UTC' })
    const beats = daily(0).map((beat) => ({ ...beat, at: beat.at - HOUR }))
    const now = at(12, 3, 12)
    expect(evaluateRhythmMonth(work(midnight, beats), october, now).counts.expected).toBe(31)
    expect(evaluateRhythmMonth(work(midnight, beats), november, now).counts.expected).toBe(30)
  })

  it('never counts a beat in two months: a late audit for November is not early for December', () => {
    const audit = rhythm({
      kind: 'schedule',
      cron: '0 17 28 * *',
      tz: 'UTC',
      graceMs: 3 * 24 * HOUR,
    })
    const beats = [
      { at: at(10, 27, 10), ok: true },
      { at: at(12, 1, 10), ok: true },
    ]
    const december = { month: '2026-12', tz: 'UTC', from: at(12, 1, 0), to: Date.UTC(2027, 0, 1) }
    const [oct, nov, dec] = evaluateRhythmMonths(
      work(audit, beats),
      [october, november, december],
      { now: Date.UTC(2027, 0, 5) },
    )
    expect(oct!.counts).toMatchObject({ expected: 1, onTime: 1 })
    expect(nov!.counts).toMatchObject({ expected: 1, late: 1 })
    expect(dec!.counts).toMatchObject({ expected: 1, missed: 1, extra: 0 })
  })

  it('withholds a late beat of the month before from the first month it evaluates', () => {
    // 31 October's backup came at 07:00, late; 1 November's never came.
    const beats = daily(2, [at(10, 31, 2), at(11, 1, 2)])
    beats.push({ at: at(10, 31, 7), ok: true })
    beats.sort((a, b) => a.at - b.at)
    const month = evaluateRhythmMonth(work(nightly, beats), november, at(12, 3, 12))
    expect(month.counts).toMatchObject({ expected: 30, onTime: 29, missed: 1 })
  })

  it('judges a rhythm only from when it became known', () => {
    const known = at(11, 10, 0)
    const [oct, nov] = evaluateRhythmMonths(work(nightly, []), [october, november], {
      now: at(12, 3, 12),
      known,
    })
    expect(oct).toMatchObject({ state: 'silent', counts: { expected: 0 } })
    expect(nov!.counts).toMatchObject({ expected: 21, missed: 21 })
  })

  it('judges the current month up to now, leaving the open slot pending', () => {
    const month = evaluateRhythmMonth(work(nightly, daily(2)), november, at(11, 15, 12))
    expect(month.counts).toMatchObject({ expected: 15, onTime: 15, pending: 1 })
  })
})
