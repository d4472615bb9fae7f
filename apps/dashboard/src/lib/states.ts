import type { RhythmState } from '@baton/cadence'

/** Each state's shape, so colour is never the only signal: solid, triangle, hollow. */
export const STATE_SYMBOL: Record<RhythmState, string> = {
  tight: '●',
  drifting: '▲',
  silent: '○',
}

/** The order states are read in wherever they are counted: what needs attention first. */
export const STATE_ORDER: readonly RhythmState[] = ['drifting', 'silent', 'tight']

export interface StateCounts {
  total: number
  tight: number
  drifting: number
  silent: number
  state: RhythmState
}

/** The counts a summary from the API carries, without the rest of it. */
export function countsOf(summary: StateCounts): StateCounts {
  const { total, tight, drifting, silent, state } = summary
  return { total, tight, drifting, silent, state }
}

export const NO_RHYTHMS: StateCounts = {
  total: 0,
  tight: 0,
  drifting: 0,
  silent: 0,
  state: 'silent',
}
