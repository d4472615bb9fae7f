import { budgetLeftOf } from './figures.js'
import { judge } from './judge.js'
import { playSchedule, playSla } from './play.js'
import { seriesFigures } from './series.js'
import { DEFAULT_TARGETS } from './types.js'
import { validateEvaluation } from './validate.js'
import { wordingFor } from './wording.js'
import type { Performance } from './play.js'
import type {
  Evaluation,
  EvaluationInput,
  EvaluationRange,
  PlayerEvaluation,
  RhythmSpec,
  Slot,
  Trend,
} from './types.js'

/**
 * Evaluates one rhythm over [range.from, range.now]: its slots and outcomes, the figures and
 * whether it is tight, drifting or silent, with the reasons (CADENCE.md). Pure: `now` is given.
 * Throws CadenceInputError, naming the field, for input it cannot use.
 */
export function evaluate(
  rhythm: RhythmSpec,
  input: EvaluationInput,
  range: EvaluationRange,
): Evaluation {
  validateEvaluation(rhythm, input, range)
  const target = rhythm.target ?? DEFAULT_TARGETS[rhythm.layer]
  const signal = range.signal ?? 'live'
  const kind = rhythm.cadence.kind
  const performance: Performance =
    rhythm.cadence.kind === 'schedule'
      ? playSchedule({ ...rhythm, cadence: rhythm.cadence }, input, range)
      : playSla({ ...rhythm, cadence: rhythm.cadence }, input, range)
  const wording = wordingFor(rhythm, performance.typicalGapMs)
  const whole = seriesFigures(performance.slots, performance.extra)
  const rosterSize = input.roster ? performance.series.length : undefined

  // An ensemble's trend and last beats are each player's own; without one, the rhythm's.
  const perSeries =
    rosterSize === undefined
      ? [{ player: undefined, figures: whole }]
      : performance.series.map((one) => ({
          player: one.player,
          figures: seriesFigures(one.slots, 0),
        }))
  const trends = perSeries.flatMap(({ player, figures }): Array<Trend> =>
    figures.trend ? [player === undefined ? figures.trend : { ...figures.trend, player }] : [],
  )
  const lastDecided = perSeries.flatMap(({ figures }): Slot[] =>
    figures.lastDecided ? [figures.lastDecided] : [],
  )
  const { state, reasons } = judge({
    kind,
    signal,
    counts: whole.counts,
    adherence: whole.adherence,
    target,
    lastDecided,
    trends,
    rosterSize,
    wording,
  })

  const evaluation: Evaluation = {
    rhythmId: rhythm.id,
    layer: rhythm.layer,
    critical: rhythm.critical ?? false,
    target,
    state,
    reasons,
    score:
      state === 'silent' || whole.adherence === null ? null : Math.round(100 * whole.adherence),
    adherence: whole.adherence,
    completion: whole.completion,
    budgetLeft: budgetLeftOf(whole.adherence, target),
    counts: whole.counts,
    lateness: whole.lateness,
    trend: rosterSize === undefined ? whole.trend : worstTrend(trends),
    slots: performance.slots,
  }
  if (rosterSize !== undefined) {
    evaluation.players = perSeries.map(({ player, figures }): PlayerEvaluation => {
      const judged = judge({
        kind,
        signal,
        counts: figures.counts,
        adherence: figures.adherence,
        target,
        lastDecided: figures.lastDecided ? [figures.lastDecided] : [],
        trends: figures.trend ? [figures.trend] : [],
        wording,
      })
      return {
        player: player!,
        state: judged.state,
        reasons: judged.reasons,
        counts: figures.counts,
        adherence: figures.adherence,
        completion: figures.completion,
        lateness: figures.lateness,
        trend: figures.trend,
      }
    })
  }
  return evaluation
}

function worstTrend(trends: readonly Trend[]): Trend | null {
  let worst: Trend | null = null
  for (const trend of trends)
    if (!worst || trend.projectedOffsetMs > worst.projectedOffsetMs) worst = trend
  return worst
}
