import { LAYER_ORDER } from '$lib/layers'
import { countsOf } from '$lib/states'
import type { Layer, Summary } from '@baton/cadence'
import type { StateCounts } from '$lib/states'

export interface DeskTeam {
  id: string
  name: string
  counts: StateCounts
}

export interface DeskRow {
  layer: Layer
  counts: StateCounts | null
  /** One cell per team, in the teams' order; null where the team keeps no rhythm of the layer. */
  cells: Array<StateCounts | null>
}

/** Layers down, teams across: the conductor's desk. */
export function deskGrid(
  layers: ReadonlyArray<{ layer: Layer; summary: Summary }>,
  teams: ReadonlyArray<{
    id: string
    name: string
    summary: Summary
    layers: ReadonlyArray<{ layer: Layer; summary: Summary }>
  }>,
): { teams: DeskTeam[]; rows: DeskRow[] } {
  const overall = new Map(layers.map((entry) => [entry.layer, entry.summary]))
  const perTeam = teams.map(
    (team) => new Map(team.layers.map((entry) => [entry.layer, entry.summary])),
  )
  return {
    teams: teams.map((team) => ({ id: team.id, name: team.name, counts: countsOf(team.summary) })),
    rows: LAYER_ORDER.map((layer) => {
      const summary = overall.get(layer)
      return {
        layer,
        counts: summary && summary.total > 0 ? countsOf(summary) : null,
        cells: perTeam.map((byLayer) => {
          const cell = byLayer.get(layer)
          return cell && cell.total > 0 ? countsOf(cell) : null
        }),
      }
    }),
  }
}
