import { describe, expect, it } from 'vitest'
import { layersNeedingNames, overviewWall, teamWall } from './wall-view.js'
import type { Summary } from '@baton/cadence'
import type { RhythmListItem } from '@baton/ingest/api'

function summary(tight: number, drifting: number, silent = 0): Summary {
  return {
    total: tight + drifting + silent,
    tight,
    drifting,
    silent,
    tightShare: null,
    state: drifting > 0 ? 'drifting' : 'tight',
    criticalDrifting: [],
    adherence: null,
  }
}

function attention(id: string) {
  return {
    id,
    name: id,
    organisation: 'Acme',
    team: 'Infra',
    critical: false,
    score: 80,
    reason: `${id} drifts`,
    reasons: [`${id} drifts`],
  }
}

function rhythm(id: string, layer: RhythmListItem['layer'], state: RhythmListItem['state']) {
  return {
    id,
    name: id,
    layer,
    state,
    critical: false,
    score: null,
    reasons: [{ code: 'no_signal', message: `${id} is ${state}` }],
  } as RhythmListItem
}

describe('overviewWall', () => {
  const view = overviewWall({
    generatedAt: '2026-11-25T00:00:00.000Z',
    demo: true,
    overall: summary(10, 2, 1),
    layers: [
      {
        layer: 'measure',
        summary: summary(10, 30, 1),
        drifting: Array.from({ length: 25 }, (_, i) => attention(`d${i}`)),
        silent: [attention('s0')],
      },
    ],
  })

  it('has a band for every layer, with none in the layers nobody plays', () => {
    expect(view.bands.map((band) => band.layer)).toHaveLength(7)
    expect(view.bands[0]).toMatchObject({ layer: 'note', items: [], unnamed: 0 })
    expect(view.bands[0]!.counts.total).toBe(0)
  })

  it('names the drifting before the silent, and counts those it cannot name', () => {
    const measure = view.bands[1]!
    expect(measure.items[0]).toMatchObject({ id: 'd0', state: 'drifting', reason: 'd0 drifts' })
    expect(measure.items).toHaveLength(25)
    expect(measure.unnamed).toBe(31 - 25)
  })
})

describe('teamWall', () => {
  const team = {
    id: 'infra',
    name: 'Infrastructure',
    summary: summary(1, 1, 1),
    layers: [
      { layer: 'measure' as const, summary: summary(1, 1) },
      { layer: 'phrase' as const, summary: summary(0, 0, 1) },
      { layer: 'piece' as const, summary: summary(3, 0) },
    ],
  }

  it('asks for names only in the layers where something drifts or is silent', () => {
    expect(layersNeedingNames(team)).toEqual(['measure', 'phrase'])
  })

  it("puts each of the team's non-tight rhythms on its layer's band", () => {
    const view = teamWall(
      team,
      [rhythm('backups', 'measure', 'drifting'), rhythm('scan', 'measure', 'tight')],
      { generatedAt: '2026-11-25T00:00:00.000Z', demo: false },
    )
    expect(view.team).toEqual({ id: 'infra', name: 'Infrastructure' })
    const measure = view.bands.find((band) => band.layer === 'measure')!
    expect(measure.items.map((item) => item.id)).toEqual(['backups'])
    expect(measure.items[0]!.reason).toBe('backups is drifting')
    const phrase = view.bands.find((band) => band.layer === 'phrase')!
    expect(phrase).toMatchObject({ items: [], unnamed: 1 })
  })
})
