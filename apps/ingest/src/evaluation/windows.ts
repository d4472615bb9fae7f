import type { Layer } from '@baton/cadence'

const DAY = 86_400_000

/** How far back each layer is judged: long enough to hold a fair number of its beats. */
export const LAYER_WINDOWS_MS: Readonly<Record<Layer, number>> = {
  note: 7 * DAY,
  measure: 30 * DAY,
  phrase: 12 * 7 * DAY,
  section: 365 * DAY,
  movement: 2 * 365 * DAY,
  piece: 5 * 365 * DAY,
  portfolio: 5 * 365 * DAY,
}

/** Beats before the range can still fill its first slot; SLA triggers can precede it too. */
export function lookbackMs(layer: Layer): number {
  return Math.min(LAYER_WINDOWS_MS[layer], 400 * DAY)
}
