import type { Evaluation, Summary, SummaryOptions } from './types.js'

/** What `summarize` reads of an evaluation: a stored state will do. */
export type SummaryInput = Pick<Evaluation, 'rhythmId' | 'state' | 'critical' | 'counts'>

const DEFAULT_TIGHT_SHARE = 0.9

/**
 * Summarises the evaluations of a layer, a team or an organisation: silent when every rhythm is
 * silent, tight when enough are tight and no critical one drifts, otherwise drifting.
 */
export function summarize(
  evaluations: readonly SummaryInput[],
  options: SummaryOptions = {},
): Summary {
  const threshold = options.tightShare ?? DEFAULT_TIGHT_SHARE
  let tight = 0
  let drifting = 0
  let silent = 0
  let onTime = 0
  let expected = 0
  const criticalDrifting: string[] = []
  for (const evaluation of evaluations) {
    if (evaluation.state === 'tight') tight++
    else if (evaluation.state === 'drifting') drifting++
    else silent++
    if (evaluation.state === 'drifting' && evaluation.critical)
      criticalDrifting.push(evaluation.rhythmId)
    onTime += evaluation.counts.onTime
    expected += evaluation.counts.expected
  }
  const judged = tight + drifting
  const tightShare = judged === 0 ? null : tight / judged
  const state =
    judged === 0
      ? 'silent'
      : tightShare! >= threshold && criticalDrifting.length === 0
        ? 'tight'
        : 'drifting'
  return {
    total: evaluations.length,
    tight,
    drifting,
    silent,
    tightShare,
    state,
    criticalDrifting,
    adherence: expected === 0 ? null : onTime / expected,
  }
}
