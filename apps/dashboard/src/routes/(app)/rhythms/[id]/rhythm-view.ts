import { latenessSeries } from '$lib/charts/lateness-series'
import { offBeatPlayers } from './off-beat-players'
import { timelineOf } from './slot-timeline'
import type { Evaluation, Reason, RhythmState } from '@baton/cadence'
import type { RhythmListItem } from '@baton/ingest/api'

/** What `GET /v1/rhythms/{id}` answers, as far as the view uses it. */
export interface RhythmDetail {
  rhythm: RhythmListItem
  evaluation: Evaluation
  range: { from: number; now: number; signal: 'live' | 'stale' }
  beats: ReadonlyArray<{ at: number; ok: boolean; player: string | null; origin: string }>
  flips: ReadonlyArray<{ at: number; from: RhythmState | null; to: RhythmState; reasons: Reason[] }>
}

const RECENT_BEATS = 12
const PLAYERS_NAMED = 15

/** One rhythm, shaped for its page: plain data, nothing the browser would have to compute. */
export function rhythmView(detail: RhythmDetail) {
  const { rhythm, evaluation, range } = detail
  const players = offBeatPlayers(evaluation)
  return {
    rhythm: {
      id: rhythm.id,
      name: rhythm.name,
      layer: rhythm.layer,
      team: rhythm.team,
      organisation: rhythm.organisation,
      owner: rhythm.owner,
      critical: rhythm.critical,
      demo: rhythm.demo,
      cadence: rhythm.cadence,
    },
    /** The zone every time on the page is shown in: the organisation's. */
    tz: rhythm.organisation.tz,
    state: evaluation.state,
    reasons: evaluation.reasons.map((reason) => reason.message),
    since: rhythm.since ? Date.parse(rhythm.since) : null,
    figures: {
      target: evaluation.target,
      adherence: evaluation.adherence,
      completion: evaluation.completion,
      budgetLeft: evaluation.budgetLeft,
      counts: evaluation.counts,
      lateness: evaluation.lateness,
      trend: evaluation.trend,
    },
    range,
    timeline: timelineOf(evaluation.slots),
    chart: latenessSeries(evaluation),
    players: {
      shown: players.players.slice(0, PLAYERS_NAMED),
      off: players.players.length,
      known: players.known,
    },
    flips: detail.flips.map((flip) => ({
      at: flip.at,
      from: flip.from,
      to: flip.to,
      reasons: flip.reasons.map((reason) => reason.message),
    })),
    beats: detail.beats.slice(0, RECENT_BEATS).map(({ at, ok, player, origin }) => ({
      at,
      ok,
      player,
      origin,
    })),
    takesCheckIns: takesCheckIns(detail),
  }
}

export type RhythmView = ReturnType<typeof rhythmView>

/** Whether people (or scripts) play this rhythm by checking in, rather than a connector. */
export function takesCheckIns(detail: Pick<RhythmDetail, 'rhythm'>) {
  return detail.rhythm.source.kind === 'manual'
}
