import type { Layer } from '@baton/cadence'
import type { RhythmPeriod } from './rhythm-month-evaluation.js'
import type { RhythmMonth } from './types.js'

const MOST = 10

/**
 * How many decided slots make "held" mean something: one lucky beat is not a month held for a
 * daily rhythm, but one review is all a monthly or quarterly rhythm owes in a month.
 */
export const MIN_HELD_SLOTS: Readonly<Record<Layer, number>> = {
  note: 5,
  measure: 5,
  phrase: 2,
  section: 1,
  movement: 1,
  piece: 1,
  portfolio: 1,
}

export function rhythmMonthOf(period: RhythmPeriod, previous?: RhythmPeriod): RhythmMonth {
  const { rhythm } = period
  return {
    id: rhythm.id,
    name: rhythm.name,
    layer: rhythm.layer,
    team: rhythm.team_id,
    organisation: rhythm.organisation_id,
    target: period.target,
    adherence: period.adherence,
    previousAdherence: previous?.adherence ?? null,
    counts: period.counts,
    state: period.state,
    reasons: period.reasons,
    beatNoun: period.beatNoun,
  }
}

/**
 * The rhythms that drifted most: below target or drifting, furthest below their own target first
 * (a 90% against 95% is worse than 85% against 80%), then most missed.
 */
export function driftedRhythms(rhythms: readonly RhythmMonth[]): RhythmMonth[] {
  const shortfall = (rhythm: RhythmMonth) => (rhythm.adherence ?? 0) - rhythm.target
  return rhythms
    .filter(
      (rhythm) =>
        rhythm.state === 'drifting' ||
        (rhythm.adherence !== null && rhythm.adherence < rhythm.target),
    )
    .sort(
      (a, b) =>
        shortfall(a) - shortfall(b) ||
        b.counts.missed - a.counts.missed ||
        b.counts.failed - a.counts.failed ||
        a.name.localeCompare(b.name),
    )
    .slice(0, MOST)
}

/** The rhythms that held: tight, at target, nothing missed or failed, over enough slots. */
export function heldRhythms(rhythms: readonly RhythmMonth[]): RhythmMonth[] {
  return rhythms
    .filter(
      (rhythm) =>
        rhythm.state === 'tight' &&
        rhythm.adherence !== null &&
        rhythm.adherence >= rhythm.target &&
        rhythm.counts.missed === 0 &&
        rhythm.counts.failed === 0 &&
        rhythm.counts.expected >= MIN_HELD_SLOTS[rhythm.layer],
    )
    .sort(
      (a, b) =>
        b.adherence! - a.adherence! ||
        b.counts.expected - a.counts.expected ||
        a.name.localeCompare(b.name),
    )
    .slice(0, MOST)
}
