import { describe, expect, it } from 'vitest'
import { summarySentences } from './summary-sentences.js'
import type { Counts, Layer } from '@baton/cadence'
import type { SentenceFacts } from './summary-sentences.js'
import type { Group, PeriodFigures, RhythmMonth } from './types.js'

function figures(
  onTime: number,
  expected: number,
  off: Partial<PeriodFigures> = {},
): PeriodFigures {
  const rest = { late: 0, failed: 0, ...off }
  return {
    adherence: expected === 0 ? null : onTime / expected,
    expected,
    onTime,
    missed: expected - onTime - rest.late - rest.failed,
    ...rest,
  }
}

function group(now: PeriodFigures, before: PeriodFigures | null, rhythms = 1): Group {
  const change =
    now.adherence === null || before?.adherence == null ? null : now.adherence - before.adherence
  return { ...now, previous: before, change, rhythms, tight: rhythms, drifting: 0, silent: 0 }
}

function rhythm(
  name: string,
  counts: Partial<Counts>,
  more: Partial<RhythmMonth> = {},
): RhythmMonth {
  const full = {
    expected: 0,
    onTime: 0,
    late: 0,
    failed: 0,
    missed: 0,
    pending: 0,
    rest: 0,
    extra: 0,
    ...counts,
  }
  return {
    id: name,
    name,
    layer: 'measure',
    team: 'infrastructure',
    organisation: 'acme',
    target: 0.9,
    adherence: full.expected === 0 ? null : full.onTime / full.expected,
    previousAdherence: null,
    counts: full,
    state: 'tight',
    reasons: [],
    beatNoun: 'daily beats',
    ...more,
  }
}

const layer = (name: Layer, g: Group) => ({ layer: name, ...g })
const team = (id: string, name: string, g: Group) => ({ team: id, name, ...g })

function facts(over: Partial<SentenceFacts> = {}): SentenceFacts {
  const overall = group(figures(1120, 1204), figures(1068, 1200), 12)
  return {
    month: '2026-11',
    partial: false,
    overall,
    layers: [layer('measure', { ...overall, rhythms: 12 })],
    teams: [],
    drifted: [],
    held: [],
    ...over,
  }
}

describe('summarySentences', () => {
  it('opens with the month overall against the month before', () => {
    expect(summarySentences(facts())[0]).toBe(
      'In November, 93% of 1,204 expected beats landed on time across 12 rhythms, up from 89% in October.',
    )
  })

  it('says so far while the month runs, and level when nothing moved', () => {
    const overall = group(figures(90, 100), figures(900, 1000), 3)
    const [first] = summarySentences(facts({ partial: true, overall }))
    expect(first).toBe(
      'So far in November, 90% of 100 expected beats landed on time across 12 rhythms, level with October.',
    )
  })

  it('compares January with December', () => {
    const [first] = summarySentences(facts({ month: '2027-01' }))
    expect(first).toMatch(/^In January, .* up from 89% in December\.$/)
  })

  it('says when no beat was due', () => {
    const overall = group(figures(0, 0), null, 0)
    expect(summarySentences(facts({ overall, layers: [] }))).toEqual([
      'In November, no beat was due.',
    ])
  })

  it('names the teams and layers that moved most, and leaves out small moves', () => {
    const serviceDesk = group(figures(91, 100), figures(96, 100), 4)
    const infrastructure = group(figures(985, 1000), figures(990, 1000), 6)
    const weekly = group(figures(10, 20), figures(19, 20), 2)
    const sentences = summarySentences(
      facts({
        layers: [
          layer('measure', group(figures(1100, 1184), figures(1090, 1180), 10)),
          layer('phrase', weekly),
        ],
        teams: [
          team('infra', 'Infrastructure', infrastructure),
          team('sd', 'Service desk', serviceDesk),
        ],
      }),
    )
    expect(sentences).toContain('Weekly rhythms (phrase): 50% on time, down from 95% in October.')
    expect(sentences).toContain('Service desk: 91% on time, down from 96% in October.')
    expect(sentences.filter((s) => /^(Infrastructure|Daily rhythms)/.test(s))).toEqual([])
  })

  it('says what a drifted rhythm missed, in its own words', () => {
    const patching = rhythm(
      'Patch deployment',
      { expected: 4, onTime: 2, missed: 2 },
      { layer: 'phrase', state: 'drifting', beatNoun: 'weekly windows' },
    )
    const backups = rhythm(
      'Backups',
      { expected: 30, onTime: 27, missed: 1, late: 2 },
      { state: 'drifting', beatNoun: 'nightly backups', target: 0.95 },
    )
    const audit = rhythm(
      'Monthly audit',
      { expected: 1, late: 1 },
      { layer: 'section', state: 'drifting', beatNoun: 'monthly beats' },
    )
    const sentences = summarySentences(facts({ drifted: [audit, patching, backups] }))
    expect(sentences.slice(1)).toEqual([
      'Monthly audit slipped: its one monthly beat was late.',
      'Patch deployment slipped: 2 of 4 weekly windows missed.',
      'Backups slipped: 3 of 30 nightly backups not on time (1 missed, 2 late).',
    ])
  })

  it('gives the reason of a rhythm drifting at target, and lists the drifted beyond three', () => {
    const sliding = rhythm(
      'Nightly backups',
      { expected: 30, onTime: 30 },
      {
        state: 'drifting',
        reasons: [
          {
            code: 'trend_late',
            message: 'sliding 12 min later each day; projected 20 min late within 3 days',
          },
        ],
      },
    )
    const missed = (name: string) =>
      rhythm(name, { expected: 4, onTime: 3, missed: 1 }, { state: 'drifting' })
    const drifted = [
      missed('A'),
      missed('B'),
      missed('C'),
      sliding,
      missed('D'),
      missed('E'),
      missed('F'),
      missed('G'),
    ]
    const sentences = summarySentences(facts({ drifted }))
    expect(sentences).toContain('Also drifting: Nightly backups, D, E and 2 more.')
    const alone = summarySentences(facts({ drifted: [sliding] }))
    expect(alone).toContain(
      'Nightly backups is drifting: sliding 12 min later each day; projected 20 min late within 3 days.',
    )
  })

  it('says what held all month, and that every rhythm kept time', () => {
    const backups = rhythm('Backups', { expected: 30, onTime: 30 })
    expect(summarySentences(facts({ held: [backups] })).slice(1)).toEqual([
      'Every rhythm kept time.',
      'Backups held all month.',
    ])
    const many = ['Backups', 'Patch scan', 'Auth-log review', 'Audit', 'QBR'].map((name) =>
      rhythm(name, { expected: 5, onTime: 5 }),
    )
    expect(summarySentences(facts({ held: many, partial: true })).at(-1)).toBe(
      'Backups, Patch scan, Auth-log review and 2 more held so far this month.',
    )
  })
})
