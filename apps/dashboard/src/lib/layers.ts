import type { Layer } from '@baton/cadence'

// Spelled out rather than imported: the engine's runtime would ride along into the browser.
// The test holds this list equal to the engine's.
export const LAYER_ORDER = [
  'note',
  'measure',
  'phrase',
  'section',
  'movement',
  'piece',
  'portfolio',
] as const satisfies readonly Layer[]

const LAYER_INFO: Record<Layer, { name: string; beat: string }> = {
  note: { name: 'Note', beat: 'the moment' },
  measure: { name: 'Measure', beat: 'daily' },
  phrase: { name: 'Phrase', beat: 'weekly' },
  section: { name: 'Section', beat: 'monthly' },
  movement: { name: 'Movement', beat: 'quarterly' },
  piece: { name: 'Piece', beat: 'yearly' },
  portfolio: { name: 'Portfolio', beat: '5 years+' },
}

/** "Measure" */
export function layerName(layer: Layer): string {
  return LAYER_INFO[layer].name
}

/** What one beat of the layer is: "daily", "the moment". */
export function layerBeat(layer: Layer): string {
  return LAYER_INFO[layer].beat
}

/** The layers in score order, with the label the dashboard shows for each. */
export function layerBands(): Array<{ layer: Layer; label: string }> {
  return LAYER_ORDER.map((layer) => ({ layer, label: `${layerName(layer)} · ${layerBeat(layer)}` }))
}
