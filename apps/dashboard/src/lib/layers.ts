import type { Layer } from '@baton/cadence'
import { LAYERS } from '@baton/cadence'

const LAYER_LABELS: Record<Layer, string> = {
  note: 'Note · the moment',
  measure: 'Measure · daily',
  phrase: 'Phrase · weekly',
  section: 'Section · monthly',
  movement: 'Movement · quarterly',
  piece: 'Piece · yearly',
  portfolio: 'Portfolio · 5 years+',
}

/** The layers in score order, with the label the dashboard shows for each. */
export function layerBands(): Array<{ layer: Layer; label: string }> {
  return LAYERS.map((layer) => ({ layer, label: LAYER_LABELS[layer] }))
}
