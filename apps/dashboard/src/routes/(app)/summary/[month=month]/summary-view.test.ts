import { LAYERS } from '@baton/cadence'
import type { Layer } from '@baton/cadence'
import { describe, expect, it } from 'vitest'
import { formatChange, formatShare, summaryView } from './summary-view.js'
import type { MonthlySummary } from './summary-view.js'

/** A trend month's layers, none decided: the service lists every layer. */
const NO_LAYERS = Object.fromEntries(LAYERS.map((layer) => [layer, null])) as Record<Layer, null>

const figures = { adherence: 0.9, expected: 10, onTime: 9, late: 1, missed: 0, failed: 0 }
const group = {
  ...figures,
  previous: { ...figures, adherence: 0.8 },
  change: 0.1,
  rhythms: 2,
  tight: 1,
  drifting: 1,
  silent: 0,
}
const summary: MonthlySummary = {
  month: '2026-11',
  tz: 'UTC',
  from: Date.UTC(2026, 10, 1),
  to: Date.UTC(2026, 10, 25),
  partial: true,
  generatedAt: Date.UTC(2026, 10, 25),
  demo: true,
  overall: { ...figures, previous: null, change: null },
  layers: [{ ...group, layer: 'measure' }],
  teams: [{ ...group, team: 'infra', name: 'Infrastructure' }],
  organisations: [{ ...group, organisation: 'acme', name: 'Acme Dental Group' }],
  drifted: [
    {
      id: 'acme-backups',
      name: 'Acme nightly backups',
      layer: 'measure',
      team: 'infra',
      organisation: 'acme',
      target: 0.95,
      adherence: 0.9,
      previousAdherence: null,
      beatNoun: 'nightly backups',
      counts: {
        expected: 10,
        onTime: 9,
        late: 0,
        missed: 1,
        failed: 0,
        pending: 0,
        rest: 0,
        extra: 0,
      },
      state: 'drifting',
      reasons: [{ code: 'last_missed', message: 'FS02 missed' }],
    },
  ],
  held: [],
  sentences: ['So far in November…'],
  trend: [
    { month: '2026-10', overall: 0.8, layers: { ...NO_LAYERS, measure: 0.8 } },
    { month: '2026-11', overall: 0.9, layers: { ...NO_LAYERS } },
  ],
}

describe('summaryView', () => {
  const view = summaryView(summary, '2026-11')

  it('names the month and its neighbours, with no next month before it begins', () => {
    expect(view.title).toBe('November 2026')
    expect(view.previousMonth).toEqual({ month: '2026-10', title: 'October 2026' })
    expect(view.nextMonth).toBeNull()
    expect(summaryView(summary, '2026-12').nextMonth).toEqual({
      month: '2026-12',
      title: 'December 2026',
    })
  })

  it('names teams and organisations in the standouts, not their ids', () => {
    expect(view.drifted[0]).toMatchObject({
      team: 'Infrastructure',
      organisation: 'Acme Dental Group',
      layer: 'Measure',
      reason: 'FS02 missed',
    })
  })

  it('gives the table rows this month, last month and the change', () => {
    expect(view.layers[0]).toMatchObject({
      id: 'measure',
      name: 'Measure',
      adherence: 0.9,
      previous: 0.8,
    })
  })

  it('draws a trend line per layer that had anything decided', () => {
    expect(view.trend.months).toEqual(['Oct 2026', 'Nov'])
    expect(view.trend.overall.values).toEqual([0.8, 0.9])
    expect(view.trend.layers).toEqual([{ name: 'Measure', values: [0.8, null] }])
  })
})

describe('formatting', () => {
  it('says a change in percentage points, signed', () => {
    expect(formatChange(0.041)).toBe('+4 pts')
    expect(formatChange(-0.02)).toBe('−2 pts')
    expect(formatChange(0.001)).toBe('no change')
    expect(formatChange(null)).toBe('—')
  })

  it('never rounds a slip up to 100%', () => {
    expect(formatShare(0.9996)).toBe('99.9%')
    expect(formatShare(1)).toBe('100%')
    expect(formatShare(0.954)).toBe('95%')
    expect(formatShare(null)).toBe('—')
  })
})
