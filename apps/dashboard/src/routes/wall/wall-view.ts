import { LAYER_ORDER } from '$lib/layers'
import { countsOf, NO_RHYTHMS } from '$lib/states'
import type { Layer, Summary } from '@baton/cadence'
import type { Attention, LayerOverview, RhythmListItem } from '@baton/ingest/api'
import type { StateCounts } from '$lib/states'

/** A rhythm the wall names: it drifts (or has gone silent), with its reason in one line. */
export interface WallItem {
  id: string
  name: string
  state: 'drifting' | 'silent'
  reason: string
  score: number | null
  critical: boolean
}

/** One staff of the wall: a layer's counts and what in it needs attention, worst first. */
export interface WallBand {
  layer: Layer
  counts: StateCounts
  items: WallItem[]
  /** Drifting or silent rhythms beyond `items`, counted but not named. */
  unnamed: number
}

export interface WallView {
  team: { id: string; name: string } | null
  generatedAt: string
  demo: boolean
  overall: StateCounts
  bands: WallBand[]
}

/** The wall never names more than this many rhythms a band; a TV shows fewer anyway. */
export const NAMED_PER_BAND = 25

export function overviewWall(body: {
  generatedAt: string
  demo: boolean
  overall: Summary
  layers: LayerOverview[]
}): WallView {
  const byLayer = new Map(body.layers.map((overview) => [overview.layer, overview]))
  return {
    team: null,
    generatedAt: body.generatedAt,
    demo: body.demo,
    overall: countsOf(body.overall),
    bands: LAYER_ORDER.map((layer) => {
      const overview = byLayer.get(layer)
      if (!overview) return { layer, counts: NO_RHYTHMS, items: [], unnamed: 0 }
      const items = [
        ...overview.drifting.map((item) => fromAttention(item, 'drifting')),
        ...overview.silent.map((item) => fromAttention(item, 'silent')),
      ].slice(0, NAMED_PER_BAND)
      return bandOf(layer, overview.summary, items)
    }),
  }
}

/**
 * A team's wall: its counts per layer (from the teams list) and, for each layer, the rhythms
 * that drift or fell silent (fetched per layer, worst first).
 */
export function teamWall(
  team: { id: string; name: string; summary: Summary; layers: TeamLayer[] },
  rhythms: readonly RhythmListItem[],
  meta: { generatedAt: string; demo: boolean },
): WallView {
  const byLayer = new Map(team.layers.map((entry) => [entry.layer, entry.summary]))
  return {
    team: { id: team.id, name: team.name },
    ...meta,
    overall: countsOf(team.summary),
    bands: LAYER_ORDER.map((layer) => {
      const summary = byLayer.get(layer)
      if (!summary) return { layer, counts: NO_RHYTHMS, items: [], unnamed: 0 }
      const items = rhythms
        .filter((rhythm) => rhythm.layer === layer && rhythm.state !== 'tight')
        .slice(0, NAMED_PER_BAND)
        .map(fromRhythm)
      return bandOf(layer, summary, items)
    }),
  }
}

export interface TeamLayer {
  layer: Layer
  summary: Summary
}

/** The layers in which a team has something to name. */
export function layersNeedingNames(team: { layers: TeamLayer[] }): Layer[] {
  return team.layers
    .filter((entry) => entry.summary.drifting + entry.summary.silent > 0)
    .map((entry) => entry.layer)
}

function bandOf(layer: Layer, summary: Summary, items: WallItem[]): WallBand {
  const needing = summary.drifting + summary.silent
  return { layer, counts: countsOf(summary), items, unnamed: Math.max(0, needing - items.length) }
}

function fromAttention(item: Attention, state: WallItem['state']): WallItem {
  return {
    id: item.id,
    name: item.name,
    state,
    reason: item.reason,
    score: item.score,
    critical: item.critical,
  }
}

function fromRhythm(rhythm: RhythmListItem): WallItem {
  return {
    id: rhythm.id,
    name: rhythm.name,
    state: rhythm.state === 'silent' ? 'silent' : 'drifting',
    reason: rhythm.reasons[0]?.message ?? '',
    score: rhythm.score,
    critical: rhythm.critical,
  }
}
