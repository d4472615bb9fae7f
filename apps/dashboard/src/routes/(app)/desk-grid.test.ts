import { describe, expect, it } from 'vitest'
import { deskGrid } from './desk-grid.js'
import type { Summary } from '@baton/cadence'

function summary(tight: number, drifting: number, silent = 0): Summary {
  const total = tight + drifting + silent
  return {
    total,
    tight,
    drifting,
    silent,
    tightShare: tight + drifting > 0 ? tight / (tight + drifting) : null,
    state: total === silent ? 'silent' : drifting > 0 ? 'drifting' : 'tight',
    criticalDrifting: [],
    adherence: null,
  }
}

describe('deskGrid', () => {
  const grid = deskGrid(
    [{ layer: 'measure', summary: summary(3, 1) }],
    [
      { id: 'infra', name: 'Infrastructure', summary: summary(3, 1), layers: [] },
      {
        id: 'desk',
        name: 'Service desk',
        summary: summary(3, 1),
        layers: [{ layer: 'measure', summary: summary(3, 1) }],
      },
    ],
  )

  it('has a row per layer, note to portfolio, and a cell per team in each', () => {
    expect(grid.rows.map((row) => row.layer)).toEqual([
      'note',
      'measure',
      'phrase',
      'section',
      'movement',
      'piece',
      'portfolio',
    ])
    expect(grid.rows.every((row) => row.cells.length === 2)).toBe(true)
  })

  it('leaves a cell empty where the team keeps no rhythm of that layer', () => {
    const measure = grid.rows[1]!
    expect(measure.cells[0]).toBeNull()
    expect(measure.cells[1]).toMatchObject({ state: 'drifting', drifting: 1, tight: 3 })
    expect(grid.rows[0]!.counts).toBeNull()
  })
})
