import { describe, expect, it } from 'vitest'
import { CadenceInputError, evaluate, summarize } from './index.js'
import type { Beat, BusinessCalendar, Evaluation, RhythmSpec } from './index.js'
import type { ScheduleCadence, SlaCadence } from './index.js'

const M = 60_000
const H = 60 * M
const D = 24 * H
/** UTC instant on day `n` of January 2026 (Jan 5 is a Monday). */
const day = (n: number, h = 0, m = 0) => Date.UTC(2026, 0, n, h, m)
/** UTC instant with a 1-based month. */
const utc = (y: number, mo: number, d: number, h = 0, m = 0) => Date.UTC(y, mo - 1, d, h, m)

const ok = (at: number, more: Partial<Beat> = {}): Beat => ({ at, ok: true, ...more })
const bad = (at: number): Beat => ({ at, ok: false })

/** Nightly at 06:00 UTC with 2 h grace, unless overridden. */
const daily = (cadence: Partial<ScheduleCadence> = {}, more: Partial<RhythmSpec> = {}) =>
  ({
    id: 'backup',
    layer: 'measure',
    cadence: { kind: 'schedule', cron: '0 6 * * *', tz: 'UTC', graceMs: 2 * H, ...cadence },
    ...more,
  }) satisfies RhythmSpec

const nineToFive = [['08:00', '17:00']] as Array<[string, string]>
const nyOffice: BusinessCalendar = {
  tz: 'America/New_York',
  hours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ['2026-11-26'],
}
const sla = (targetMs: number, more: Omit<Partial<SlaCadence>, 'kind'> = {}): RhythmSpec => ({
  id: 'first-response',
  layer: 'note',
  cadence: { kind: 'sla', targetMs, ...more },
})
const decided = { expected: 0, onTime: 0, late: 0, failed: 0, missed: 0 }
const zero = { ...decided, pending: 0, rest: 0, extra: 0 }

/** Evaluates one day of the nightly rhythm: from Jan 5 00:00 to `now` (default 12:00). */
const jan5 = (beats: Beat[], cadence: Partial<ScheduleCadence> = {}, now = day(5, 12)) =>
  evaluate(daily(cadence), { beats }, { from: day(5), now })
const slotAt = (e: Evaluation, due: number) => e.slots.find((s) => s.due === due)
const codes = (e: { reasons: { code: string }[] }) => e.reasons.map((r) => r.code).sort()
const dues = (e: Evaluation) => e.slots.map((s) => s.due)

describe('window boundaries are inclusive', () => {
  it.each([
    ['counts a beat exactly at the window open as on time', day(5, 2), 'on_time', -4 * H],
    ['counts a beat exactly at the due time as on time', day(5, 6), 'on_time', 0],
    ['counts a beat exactly at the deadline as late', day(5, 8), 'late', 2 * H],
    ['does not fill with a beat 1 ms after the deadline', day(5, 8) + 1, 'missed', null],
    ['does not fill with a beat 1 ms before due - windowMs', day(5, 2) - 1, 'missed', null],
  ])('%s', (_, at, outcome, offsetMs) => {
    const slot = slotAt(jan5([ok(at)], { windowMs: 4 * H }), day(5, 6))
    expect(slot).toMatchObject({ open: day(5, 2), deadline: day(5, 8), outcome })
    expect(slot?.offsetMs ?? null).toBe(offsetMs)
  })

  it('opens a slot at the previous due time by default, so a late-evening beat fills it', () => {
    const e = jan5([ok(day(4, 23))])
    expect(e.slots[0]).toMatchObject({ open: day(4, 6), due: day(5, 6), outcome: 'on_time' })
    expect(e.slots[0]).toMatchObject({ beatAt: day(4, 23), offsetMs: -7 * H })
  })

  it('gives a beat 1 ms after the deadline to the next slot (default window)', () => {
    const e = jan5([ok(day(5, 8) + 1)])
    expect(slotAt(e, day(5, 6))?.outcome).toBe('missed')
    expect(slotAt(e, day(6, 6))).toMatchObject({ outcome: 'on_time', beatAt: day(5, 8) + 1 })
  })

  it.each([
    ['keeps a slot pending while now equals its deadline', day(5, 8), 'pending'],
    ['decides a slot as missed 1 ms after its deadline', day(5, 8) + 1, 'missed'],
  ])('%s', (_, now, outcome) => {
    expect(slotAt(jan5([], {}, now), day(5, 6))?.outcome).toBe(outcome)
  })
})

describe('empty input', () => {
  it('counts every decided slot as missed when there are no beats', () => {
    const e = evaluate(daily(), { beats: [] }, { from: day(1), now: day(5, 12) })
    expect(dues(e)).toEqual([1, 2, 3, 4, 5, 6].map((n) => day(n, 6)))
    expect(e.counts).toEqual({ ...zero, expected: 5, missed: 5, pending: 1 })
    expect([e.adherence, e.completion, e.score, e.state]).toEqual([0, 0, 0, 'drifting'])
    expect(codes(e)).toEqual(['budget_exhausted', 'last_missed'])
  })

  it('is silent with no_slots when no slot lies in the range', () => {
    const monthly = daily({ cron: '0 6 1 * *', windowMs: D })
    const e = evaluate(monthly, { beats: [ok(day(6))] }, { from: day(5), now: day(10) })
    expect(e.slots).toEqual([])
    expect([e.state, e.score, e.adherence, e.completion]).toEqual(['silent', null, null, null])
    expect(codes(e)).toEqual(['no_slots'])
  })

  it('is silent with no_slots while every slot is still pending', () => {
    const e = jan5([], {}, day(5, 7))
    expect(e.counts).toMatchObject({ expected: 0, pending: 2 })
    expect([e.state, codes(e)]).toEqual(['silent', ['no_slots']])
  })

  it('is silent with no_slots for an sla rhythm without triggers', () => {
    const e = evaluate(sla(H), { beats: [ok(day(5, 9))] }, { from: day(5), now: day(6) })
    expect([e.slots, e.state, codes(e)]).toEqual([[], 'silent', ['no_slots']])
  })

  it('is silent with no_signal when the source is stale, even with every slot missed', () => {
    const e = evaluate(daily(), { beats: [] }, { from: day(1), now: day(5, 12), signal: 'stale' })
    expect([e.state, e.score, codes(e)]).toEqual(['silent', null, ['no_signal']])
  })
})

describe('duplicates and order', () => {
  it.each([
    ['counts a second beat in the same window as extra', [ok(day(5, 5)), ok(day(5, 5, 30))]],
    ['counts a second beat at the same instant as extra', [ok(day(5, 5)), ok(day(5, 5))]],
  ])('%s', (_, beats) => {
    const e = jan5(beats)
    expect(slotAt(e, day(5, 6))).toMatchObject({ outcome: 'on_time', beatAt: day(5, 5) })
    expect(e.counts).toMatchObject({ onTime: 1, extra: 1 })
  })

  it('gives the same evaluation for out-of-order beats as for sorted ones', () => {
    const sorted = [1, 2, 3, 5, 6, 8, 9].map((n) => ok(day(n, n % 3 === 0 ? 7 : 5)))
    const beats = [...sorted, bad(day(4, 5))]
    const range = { from: day(1), now: day(9, 12) }
    const shuffled = [4, 7, 0, 6, 2, 1, 5, 3].map((i) => beats[i] as Beat)
    expect(evaluate(daily(), { beats: shuffled }, range)).toEqual(
      evaluate(daily(), { beats }, range),
    )
  })
})

describe('leap days', () => {
  it('fires 29 February only in leap years', () => {
    const leap = daily({ cron: '0 6 29 2 *', windowMs: D })
    const e = evaluate(leap, { beats: [] }, { from: utc(2024, 1, 1), now: utc(2028, 12, 31) })
    expect(dues(e)).toEqual([utc(2024, 2, 29, 6), utc(2028, 2, 29, 6)])
  })

  it('gives a daily rhythm 3 slots from 28 February to 1 March 2028', () => {
    const range = { from: utc(2028, 2, 28), now: utc(2028, 3, 1, 23, 59) }
    const e = evaluate(daily({ windowMs: H }), { beats: [] }, range)
    expect(dues(e)).toEqual([utc(2028, 2, 28, 6), utc(2028, 2, 29, 6), utc(2028, 3, 1, 6)])
  })
})

describe('daylight saving time', () => {
  const at = (mo: number, d: number, h: number, m: number) => utc(2026, mo, d, h, m)
  // EST (UTC-5) until 2026-03-08 02:00, then EDT (UTC-4): 02:30 does not exist, runs 03:30 EDT
  const nySpring = [at(3, 7, 7, 30), at(3, 8, 7, 30), at(3, 9, 6, 30)]
  // CET (UTC+1) until 2026-03-29 02:00, then CEST (UTC+2): 02:30 runs 03:30 CEST
  const berlinSpring = [at(3, 28, 1, 30), at(3, 29, 1, 30), at(3, 30, 0, 30)]
  // 2026-11-01 01:00-02:00 happens twice (EDT, then EST): once, at 01:30 EDT
  const nyFall = [at(10, 31, 5, 30), at(11, 1, 5, 30), at(11, 2, 6, 30)]
  // 2026-10-25 02:00-03:00 happens twice (CEST, then CET): once, at 02:30 CEST
  const berlinFall = [at(10, 24, 0, 30), at(10, 25, 0, 30), at(10, 26, 1, 30)]

  it.each([
    ['America/New_York', '2026-03-08', '30 2 * * *', nySpring],
    ['Europe/Berlin', '2026-03-29', '30 2 * * *', berlinSpring],
    ['America/New_York', '2026-11-01', '30 1 * * *', nyFall],
    ['Europe/Berlin', '2026-10-25', '30 2 * * *', berlinFall],
  ])('fires a daily rhythm in %s once across its change on %s (%s)', (tz, _, cron, expected) => {
    const first = expected[0] as number
    const range = { from: first - (first % D), now: (expected[2] as number) + M }
    const e = evaluate(daily({ cron, tz, windowMs: H }), { beats: [] }, range)
    expect(dues(e)).toEqual(expected)
  })

  it('fires every-30-minutes 48 times on fall-back day in New York, without duplicates', () => {
    const cadence = { cron: '*/30 * * * *', tz: 'America/New_York', graceMs: 0 }
    // Local midnight: 2026-11-01 00:00 EDT = 04:00Z; 2026-11-02 00:00 EST = 05:00Z
    const range = { from: utc(2026, 11, 1, 4), now: utc(2026, 11, 2, 5) - 1 }
    const e = evaluate(daily(cadence), { beats: [] }, range)
    const inDay = dues(e).filter((due) => due < utc(2026, 11, 2, 5))
    expect(new Set(inDay).size).toBe(inDay.length)
    expect(inDay).toHaveLength(48)
    const i = inDay.indexOf(utc(2026, 11, 1, 5, 30))
    expect(inDay.slice(i, i + 2)).toEqual([utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 7)])
  })
})

describe('sla with a business calendar', () => {
  const dueOf = (rhythm: RhythmSpec, at: number) =>
    evaluate(rhythm, { beats: [], triggers: [{ key: 'T', at }] }, { from: at, now: at + 30 * D })
      .slots[0]
  const office = (targetMs: number) => sla(targetMs, { calendar: nyOffice })
  const eve = utc(2026, 11, 25, 20)
  const friday = utc(2026, 11, 27, 15)

  it.each([
    // Fri 2026-01-09 16:00 EST + 4 business hours = Mon 2026-01-12 11:00 EST
    ['carries a Friday-afternoon ticket over the weekend', office(4 * H), day(9, 21), day(12, 16)],
    // Wed 2026-11-25 15:00 EST: 2 h on Wednesday, Thanksgiving off, 2 h on Friday -> 10:00 EST
    ['carries a ticket opened the day before a holiday past it', office(4 * H), eve, friday],
    // Sat 2026-01-10 12:00 EST: counting starts Mon 08:00 EST -> 09:00 EST
    ['starts a Saturday ticket at the next business instant', office(H), day(10, 17), day(12, 14)],
    // Mon 2026-01-12 06:00 EST: counting starts at 08:00 the same day
    ['starts an early-morning ticket at opening time', office(H), day(12, 11), day(12, 14)],
    ['counts wall-clock time without a calendar', sla(4 * H), day(10, 17), day(10, 21)],
  ])('%s', (_, rhythm, at, due) => {
    expect(dueOf(rhythm, at)).toMatchObject({ open: at, due, deadline: due })
  })
})

describe('sla matching by key', () => {
  const t0 = day(5, 9)
  const triggers = [
    { key: 'T1', at: t0, targetMs: H },
    { key: 'T2', at: t0 },
  ]
  const run = (beats: Beat[]) =>
    evaluate(sla(4 * H, { graceMs: H }), { beats, triggers }, { from: t0, now: t0 + 10 * H })
  const byKey = (e: Evaluation, key: string) => e.slots.find((s) => s.key === key)

  it('lets a trigger targetMs override the cadence target', () => {
    const e = run([ok(t0 + 90 * M, { key: 'T1' }), ok(t0 + 30 * M, { key: 'T2' })])
    expect(byKey(e, 'T1')).toMatchObject({ due: t0 + H, deadline: t0 + 2 * H, outcome: 'late' })
    expect(byKey(e, 'T1')?.offsetMs).toBe(30 * M)
    expect(byKey(e, 'T2')).toMatchObject({ due: t0 + 4 * H, outcome: 'on_time' })
  })

  it('fills a slot only with a beat of the same key, and counts unknown keys as extra', () => {
    const e = run([ok(t0 + 30 * M, { key: 'T2' }), ok(t0 + 40 * M, { key: 'T9' })])
    expect(byKey(e, 'T1')?.outcome).toBe('missed')
    expect(byKey(e, 'T2')).toMatchObject({ outcome: 'on_time', beatAt: t0 + 30 * M })
    expect(e.counts).toMatchObject({ onTime: 1, missed: 1, extra: 1 })
  })

  it('never gives an sla rhythm last_missed or last_failed', () => {
    const e = run([{ at: t0 + 10 * M, ok: false, key: 'T1' }])
    expect(e.counts).toMatchObject({ failed: 1, missed: 1 })
    expect(codes(e)).toEqual(['budget_exhausted'])
  })
})

describe('targets, rests, failures', () => {
  const fourDays = (late: boolean) =>
    evaluate(
      daily({}, { layer: 'movement', target: 1 }),
      { beats: [1, 2, 3, 4].map((n) => ok(day(n, late && n === 2 ? 7 : 5))) },
      { from: day(1), now: day(4, 12) },
    )

  it('exhausts a target of 1.0 with one late beat', () => {
    const e = fourDays(true)
    expect([e.adherence, e.completion, e.budgetLeft, e.state]).toEqual([0.75, 1, 0, 'drifting'])
    expect(codes(e)).toEqual(['budget_exhausted'])
  })

  it('keeps a target of 1.0 untouched when every beat is on time', () => {
    const e = fourDays(false)
    expect([e.adherence, e.budgetLeft, e.score]).toEqual([1, 1, 100])
    expect([e.state, e.reasons]).toEqual(['tight', []])
  })

  it.each([
    ['sets aside slots due at either end of a rest', { from: day(2, 6), to: day(3, 6) }, 2],
    ['keeps slots due 1 ms outside a rest', { from: day(2, 6) + 1, to: day(3, 6) - 1 }, 0],
  ])('%s', (_, rest, rested) => {
    const beats = [1, 2, 3, 4].map((n) => ok(day(n, 5)))
    const e = evaluate(daily({}, { rests: [rest] }), { beats }, { from: day(1), now: day(4, 12) })
    const restSlots = e.slots.filter((s) => s.outcome === 'rest')
    expect(restSlots.map((s) => s.due)).toEqual(rested ? [day(2, 6), day(3, 6)] : [])
    expect(restSlots.every((s) => s.beatAt === undefined)).toBe(true)
    expect(e.counts).toMatchObject({ onTime: 4 - rested, rest: rested, extra: rested })
    expect(e.counts.expected).toBe(4 - rested)
  })

  it.each([
    ['calls a slot failed when a not-ok beat lies in its window', day(5, 5), 'failed'],
    ['calls a slot missed when the not-ok beat is past its deadline', day(5, 8) + 1, 'missed'],
  ])('%s', (_, at, outcome) => {
    const e = jan5([bad(at)])
    expect(slotAt(e, day(5, 6))?.outcome).toBe(outcome)
    expect(codes(e)).toEqual(['budget_exhausted', `last_${outcome}`])
  })

  it('lets an ok beat after a failed attempt fill the slot', () => {
    expect(slotAt(jan5([bad(day(5, 5)), ok(day(5, 7))]), day(5, 6))?.outcome).toBe('late')
  })
})

describe('ensembles', () => {
  const roster = ['FS01', 'FS02', 'WS03']
  const beats = [1, 2, 3].flatMap((n) =>
    ['FS01', 'FS02'].map((player) => ok(day(n, 5), { player })),
  )
  const e = evaluate(
    daily({}, { beatNoun: 'nightly backups', playerNoun: 'devices' }),
    { beats: [...beats, ok(day(2, 5), { player: 'ROGUE' })], roster },
    { from: day(1), now: day(3, 12) },
  )
  const player = (name: string) => e.players?.find((p) => p.player === name)

  it('gives every roster player its own slots and counts them together', () => {
    expect(e.slots).toHaveLength(12)
    expect(new Set(e.slots.map((s) => s.player))).toEqual(new Set(roster))
    expect(e.counts).toEqual({ ...zero, expected: 9, onTime: 6, missed: 3, pending: 3, extra: 1 })
  })

  it('misses a device that never beats in every slot', () => {
    const ws03 = e.slots.filter((s) => s.player === 'WS03').map((s) => s.outcome)
    expect(ws03).toEqual(['missed', 'missed', 'missed', 'pending'])
    expect(player('WS03')).toMatchObject({ adherence: 0, state: 'drifting' })
    expect(player('WS03')?.counts).toMatchObject({ missed: 3, expected: 3 })
    expect(codes(player('WS03')!)).toContain('last_missed')
    expect(player('FS01')).toMatchObject({ adherence: 1, state: 'tight', reasons: [] })
  })

  it('names how many players and which ones in last_missed', () => {
    const message = e.reasons.find((r) => r.code === 'last_missed')?.message ?? ''
    expect(message).toContain('1 of 3')
    expect(message).toContain('WS03')
    expect(message).not.toContain('FS01')
  })
})

describe('summarize', () => {
  const range = { from: day(5), now: day(5, 12) }
  const tight = (id: string) => evaluate(daily({}, { id }), { beats: [ok(day(5, 5))] }, range)
  const drifting = (id: string, critical = false) =>
    evaluate(daily({}, { id, critical }), { beats: [] }, range)
  const silent = (id: string) =>
    evaluate(daily({}, { id }), { beats: [] }, { ...range, signal: 'stale' })
  const many = (n: number) => Array.from({ length: n }, (_, i) => tight(`t${i}`))

  it.each([
    ['is silent when every rhythm is silent', [silent('a'), silent('b')], null, 'silent'],
    ['is tight at a tight share of exactly 0.9', [...many(9), drifting('d')], 0.9, 'tight'],
    ['is drifting below a tight share of 0.9', [...many(8), drifting('d')], 8 / 9, 'drifting'],
    ['leaves silent rhythms out of the share', [tight('a'), silent('b')], 1, 'tight'],
    ['drifts when a critical one drifts', [...many(10), drifting('c', true)], 10 / 11, 'drifting'],
  ])('%s', (_, evaluations, share, state) => {
    const s = summarize(evaluations)
    if (share === null) expect(s.tightShare).toBeNull()
    else expect(s.tightShare).toBeCloseTo(share)
    expect(s.state).toBe(state)
  })

  it('counts and names critical drifting rhythms', () => {
    const s = summarize([tight('a'), silent('b'), drifting('c', true), drifting('d')])
    expect(s).toMatchObject({ total: 4, tight: 1, drifting: 2, silent: 1 })
    expect(s.criticalDrifting).toEqual(['c'])
  })

  it('honours a custom tightShare option', () => {
    const half = [tight('a'), drifting('b')]
    expect(summarize(half).state).toBe('drifting')
    expect(summarize(half, { tightShare: 0.5 }).state).toBe('tight')
  })
})

describe('invalid input', () => {
  const trigger = { triggers: [{ key: 'T', at: day(5, 9) }] }
  it.each([
    ['an unparsable cron', daily({ cron: '61 6 * * *' }), 'cron', '61 6 * * *'],
    ['an unknown zone', daily({ tz: 'Mars/Olympus' }), 'tz', 'Mars/Olympus'],
    ['a negative graceMs', daily({ graceMs: -1 }), 'graceMs', '-1'],
    ['a calendar with no hours', sla(H, { calendar: { tz: 'UTC', hours: {} } }), 'hours', '{}'],
    ['a negative targetMs', sla(-5), 'targetMs', '-5'],
  ])('rejects %s, naming the field and the value', (_, rhythm, field, value) => {
    const run = () => evaluate(rhythm, { beats: [], ...trigger }, { from: day(5), now: day(6) })
    expect(run).toThrow(CadenceInputError)
    expect(run).toThrow(field)
    expect(run).toThrow(value)
  })
})
