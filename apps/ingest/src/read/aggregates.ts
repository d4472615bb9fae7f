import { LAYERS, summarize } from '@baton/cadence'
import type { Layer, Summary } from '@baton/cadence'
import type { RhythmListItem } from './rhythm-list.js'

const EMPTY_COUNTS = {
  expected: 0,
  onTime: 0,
  late: 0,
  failed: 0,
  missed: 0,
  pending: 0,
  rest: 0,
  extra: 0,
}

/** A rhythm as the wall names it when it needs attention: who, what, and why in one line. */
export interface Attention {
  id: string
  name: string
  organisation: string
  team: string
  critical: boolean
  score: number | null
  reason: string
  reasons: string[]
}

export function summaryOf(items: readonly RhythmListItem[]): Summary {
  return summarize(
    items.map((item) => ({
      rhythmId: item.id,
      state: item.state,
      critical: item.critical,
      counts: item.counts ?? EMPTY_COUNTS,
    })),
  )
}

export function attentionOf(item: RhythmListItem): Attention {
  return {
    id: item.id,
    name: item.name,
    organisation: item.organisation.name,
    team: item.team.name,
    critical: item.critical,
    score: item.score,
    reason: item.reasons[0]?.message ?? '',
    reasons: item.reasons.map((reason) => reason.message),
  }
}

/** The wall names at most this many drifting (and silent) rhythms a layer; counts say the rest. */
export const ATTENTION_LIMIT = 25

export interface LayerOverview {
  layer: Layer
  summary: Summary
  drifting: Attention[]
  silent: Attention[]
}

/** Every layer, note to portfolio, with what drifts in it (items arrive worst first). */
export function layerOverviews(items: readonly RhythmListItem[]): LayerOverview[] {
  return LAYERS.map((layer) => {
    const inLayer = items.filter((item) => item.layer === layer)
    return {
      layer,
      summary: summaryOf(inLayer),
      drifting: inLayer
        .filter((item) => item.state === 'drifting')
        .slice(0, ATTENTION_LIMIT)
        .map(attentionOf),
      silent: inLayer
        .filter((item) => item.state === 'silent')
        .slice(0, ATTENTION_LIMIT)
        .map(attentionOf),
    }
  })
}

/** Groups items by a key, keeping each group's first-seen label. */
export function groupItems(
  items: readonly RhythmListItem[],
  keyOf: (item: RhythmListItem) => { id: string; name: string },
): Array<{ id: string; name: string; items: RhythmListItem[] }> {
  const groups = new Map<string, { id: string; name: string; items: RhythmListItem[] }>()
  for (const item of items) {
    const { id, name } = keyOf(item)
    const group = groups.get(id) ?? { id, name, items: [] }
    group.items.push(item)
    groups.set(id, group)
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name))
}
