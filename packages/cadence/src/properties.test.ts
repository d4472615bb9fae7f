import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { evaluate } from './index.js'
import type { Beat, BusinessCalendar, Evaluation, EvaluationInput } from './index.js'
import type { EvaluationRange, Rest, RhythmSpec, SlotOutcome, Trigger } from './index.js'

const H = 3_600_000
const D = 24 * H
/** 2026-03-01 00:00Z: a 30-day range from here spans both spring-forward days. */
const T0 = Date.UTC(2026, 2, 1)
const RUNS = { numRuns: 200 }

interface Case {
  rhythm: RhythmSpec
  input: EvaluationInput
  range: EvaluationRange
}
const run = (c: Case): Evaluation => evaluate(c.rhythm, c.input, c.range)
const withBeats = (c: Case, beats: Beat[]): Case => ({ ...c, input: { ...c.input, beats } })

const officeHours = [['08:00', '17:00']] as Array<[string, string]>
const calendar: BusinessCalendar = {
  tz: 'Europe/Berlin',
  hours: {
    mon: officeHours,
    tue: officeHours,
    wed: officeHours,
    thu: officeHours,
    fri: officeHours,
  },
  holidays: ['2026-03-10', '2026-03-20'],
}

const zone = fc.constantFrom('UTC', 'America/New_York', 'Europe/Berlin')
const grace = fc.integer({ min: 0, max: 3 * H })
const target = fc.constantFrom(0, 0.5, 0.8, 0.9, 0.95, 0.99, 1)
const restArb: fc.Arbitrary<Rest> = fc
  .record({
    from: fc.integer({ min: T0, max: T0 + 30 * D }),
    len: fc.integer({ min: 0, max: 2 * D }),
  })
  .map(({ from, len }) => ({ from, to: from + len }))
const rangeArb = fc
  .record({
    from: fc.integer({ min: T0, max: T0 + 5 * D }),
    len: fc.oneof(
      fc.integer({ min: 0, max: 25 * D }),
      fc.noBias(fc.integer({ min: 0, max: 25 * D })),
    ),
    signal: fc.constantFrom(undefined, 'live' as const, 'stale' as const),
  })
  .map(({ from, len, signal }): EvaluationRange => ({ from, now: from + len, signal }))

/** A small deterministic generator, so one integer seed stands for a whole series of beats. */
const random = (seed: number) => () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648
  return seed / 2_147_483_648
}

/** Up to 20 scattered beats between two days before `from` and `now`, some of them not ok. */
const scatteredArb = (range: EvaluationRange, labels: { keys?: string[]; players?: string[] }) =>
  fc.array(
    fc
      .record({
        at: fc.noBias(fc.integer({ min: T0 - 2 * D, max: range.now })),
        ok: fc.boolean(),
        key: fc.constantFrom(...(labels.keys ?? [undefined])),
        player: fc.constantFrom(...(labels.players ?? [undefined])),
      })
      .map(({ at, ok, key, player }): Beat => ({
        at,
        ok,
        ...(key !== undefined && { key }),
        ...(player !== undefined && { player }),
      })),
    { maxLength: 20 },
  )

/** A steady series: one beat per period per player, jittered, sometimes dropped or failed. */
const seriesArb = (range: EvaluationRange, period: number, players: Array<string | undefined>) =>
  fc
    .record({
      seed: fc.nat(),
      phase: fc.integer({ min: 0, max: period - 1 }),
      jitter: fc.integer({ min: 0, max: Math.min(period / 2, 3 * H) }),
      drop: fc.constantFrom(0, 0.1, 0.5),
      fail: fc.constantFrom(0, 0.1, 0.5),
    })
    .map(({ seed, phase, jitter, drop, fail }) => {
      const rand = random(seed)
      const beats: Beat[] = []
      for (let t = range.from - period + phase; t <= range.now; t += period) {
        for (const player of players) {
          if (rand() < drop) continue
          const at = Math.round(t + (2 * rand() - 1) * jitter)
          if (at <= range.now) beats.push({ at, ok: rand() >= fail, ...(player && { player }) })
        }
      }
      return beats
    })

const PERIODS: Record<string, number> = { '0 * * * *': H, '15 */3 * * *': 3 * H }

const scheduleCase: fc.Arbitrary<Case> = fc
  .record({
    cron: fc.constantFrom('0 6 * * *', '30 2 * * *', '0 9 * * 1-5', '0 * * * *', '15 */3 * * *'),
    tz: zone,
    graceMs: grace,
    windowMs: fc.option(fc.integer({ min: H, max: 2 * D }), { nil: undefined }),
    target,
    rests: fc.array(restArb, { maxLength: 2 }),
    range: rangeArb,
    roster: fc.option(fc.constantFrom(['A'], ['A', 'B', 'C']), { nil: undefined, freq: 2 }),
  })
  .chain(({ cron, tz, graceMs, windowMs, target, rests, range, roster }) => {
    const players = roster ? [...roster, 'Z'] : undefined
    return fc
      .tuple(
        // C never plays: a device that stopped backing up
        seriesArb(range, PERIODS[cron] ?? D, roster?.filter((p) => p !== 'C') ?? [undefined]),
        scatteredArb(range, players ? { players } : {}),
      )
      .map(([series, scattered]): Case => ({
        rhythm: {
          id: 'schedule',
          layer: 'measure',
          target,
          rests,
          cadence: { kind: 'schedule', cron, tz, graceMs, ...(windowMs && { windowMs }) },
        },
        input: { beats: [...series, ...scattered], ...(roster && { roster }) },
        range,
      }))
  })

const slaCase: fc.Arbitrary<Case> = fc
  .record({
    targetMs: fc.integer({ min: H / 4, max: 8 * H }),
    graceMs: grace,
    business: fc.boolean(),
    target,
    rests: fc.array(restArb, { maxLength: 2 }),
    range: rangeArb,
  })
  .chain(({ targetMs, graceMs, business, target, rests, range }) =>
    fc
      .array(
        fc.record({
          at: fc.noBias(fc.integer({ min: T0 - 2 * D, max: range.now })),
          targetMs: fc.option(fc.integer({ min: H / 4, max: D }), { nil: undefined }),
          answer: fc.option(fc.noBias(fc.integer({ min: 0, max: 150 })), {
            nil: undefined,
            freq: 4,
          }),
          ok: fc.boolean(),
        }),
        { maxLength: 15 },
      )
      .chain((raw) => {
        const triggers: Trigger[] = raw.map(({ at, targetMs }, i) => ({
          key: `K${i}`,
          at,
          ...(targetMs && { targetMs }),
        }))
        // Most tickets get an answer somewhere around their target.
        const answers = raw.flatMap(({ at, answer, ok, ...t }, i): Beat[] => {
          const answerAt = Math.round(at + ((answer ?? 0) / 100) * (t.targetMs ?? targetMs))
          return answer === undefined || answerAt > range.now
            ? []
            : [{ at: answerAt, ok, key: `K${i}` }]
        })
        const keys = [...triggers.map((t) => t.key), 'NOPE']
        return scatteredArb(range, { keys }).map((scattered): Case => ({
          rhythm: {
            id: 'sla',
            layer: 'note',
            target,
            rests,
            cadence: { kind: 'sla', targetMs, graceMs, ...(business && { calendar }) },
          },
          input: { beats: [...answers, ...scattered], triggers },
          range,
        }))
      }),
  )

const anyCase = fc.oneof(scheduleCase, slaCase)

const OUTCOMES: Array<[SlotOutcome, keyof Evaluation['counts']]> = [
  ['on_time', 'onTime'],
  ['late', 'late'],
  ['failed', 'failed'],
  ['missed', 'missed'],
  ['pending', 'pending'],
  ['rest', 'rest'],
]

describe('evaluate: invariants', () => {
  it('adds up its counts, and counts every slot once by its outcome', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const e = run(c)
        const k = e.counts
        expect(k.expected).toBe(k.onTime + k.late + k.failed + k.missed)
        if (c.input.roster) return
        expect(e.slots.length).toBe(k.expected + k.pending + k.rest)
        for (const [outcome, count] of OUTCOMES) {
          expect(e.slots.filter((s) => s.outcome === outcome).length, outcome).toBe(k[count])
        }
      }),
      RUNS,
    )
  })

  it('keeps adherence and completion in [0, 1], null exactly when nothing is expected', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const e = run(c)
        for (const figure of [e.adherence, e.completion]) {
          if (e.counts.expected === 0) expect(figure).toBeNull()
          else {
            expect(figure).not.toBeNull()
            expect(figure).toBeGreaterThanOrEqual(0)
            expect(figure).toBeLessThanOrEqual(1)
          }
        }
        if (e.adherence !== null && e.completion !== null) {
          expect(e.completion).toBeGreaterThanOrEqual(e.adherence)
        }
      }),
      RUNS,
    )
  })

  it('never leaves more than the whole budget', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const { budgetLeft } = run(c)
        if (budgetLeft !== null) expect(budgetLeft).toBeLessThanOrEqual(1)
      }),
      RUNS,
    )
  })

  it('is silent exactly when the signal is stale or nothing is expected', () => {
    fc.assert(
      fc.property(anyCase, (c) => {
        const e = run(c)
        const silent = c.range.signal === 'stale' || e.counts.expected === 0
        expect(e.state === 'silent').toBe(silent)
        expect(e.score === null).toBe(silent)
        if (c.range.signal === 'stale') expect(e.reasons.map((r) => r.code)).toContain('no_signal')
        if (!silent) expect(e.score).toBe(Math.round(100 * (e.adherence ?? NaN)))
      }),
      RUNS,
    )
  })
})

describe('evaluate: robustness of matching', () => {
  it('gives the same evaluation however the beats are ordered', () => {
    const shuffled = anyCase.chain((c) =>
      fc
        .shuffledSubarray([...c.input.beats], {
          minLength: c.input.beats.length,
          maxLength: c.input.beats.length,
        })
        .map((beats) => [c, beats] as const),
    )
    fc.assert(
      fc.property(shuffled, ([c, beats]) => {
        expect(run(withBeats(c, beats))).toEqual(run(c))
      }),
      RUNS,
    )
  })

  it('never lowers adherence when an ok beat lands at the due time of a missed slot', () => {
    fc.assert(
      fc.property(anyCase, fc.nat(), (c, pick) => {
        const before = run(c)
        const missed = before.slots.filter((s) => s.outcome === 'missed')
        const slot = missed[pick % Math.max(missed.length, 1)]
        if (!slot) return
        const beat: Beat = {
          at: slot.due,
          ok: true,
          ...(slot.key !== undefined && { key: slot.key }),
          ...(slot.player !== undefined && { player: slot.player }),
        }
        const after = run(withBeats(c, [...c.input.beats, beat]))
        expect(after.adherence).toBeGreaterThanOrEqual(before.adherence ?? NaN)
      }),
      RUNS,
    )
  })

  it('never adds a miss when a rest is added', () => {
    fc.assert(
      fc.property(anyCase, restArb, (c, rest) => {
        const before = run(c)
        const rests = [...(c.rhythm.rests ?? []), rest]
        const after = run({ ...c, rhythm: { ...c.rhythm, rests } })
        expect(after.counts.missed).toBeLessThanOrEqual(before.counts.missed)
      }),
      RUNS,
    )
  })
})
