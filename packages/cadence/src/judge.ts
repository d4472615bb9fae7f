import { formatDue, humanDuration, listNames, percent } from './wording.js'
import type { Wording } from './wording.js'
import type { Counts, Reason, RhythmState, Slot, Trend } from './types.js'

export interface Judgement {
  state: RhythmState
  reasons: Reason[]
}

export interface JudgeInput {
  kind: 'schedule' | 'sla'
  signal: 'live' | 'stale'
  counts: Counts
  adherence: number | null
  target: number
  /** The most recent decided slot of each series (one series, or one per player). */
  lastDecided: readonly Slot[]
  /** Each series' trend, if it has one. */
  trends: ReadonlyArray<Trend & { player?: string }>
  /** Set for an ensemble: how many players the roster expects. */
  rosterSize?: number
  wording: Wording
}

/** Decides tight, drifting or silent with every reason that holds (CADENCE.md, "State"). */
export function judge(input: JudgeInput): Judgement {
  const { counts, adherence, target, wording } = input
  if (input.signal === 'stale') {
    return silent('no_signal', 'no data from its source within the freshness limit; health unknown')
  }
  if (counts.expected === 0 || adherence === null) {
    return silent('no_slots', `no ${wording.beat} has been decided yet`)
  }
  const reasons: Reason[] = []
  if (adherence < target) {
    reasons.push({
      code: 'budget_exhausted',
      message: budgetMessage(counts, adherence, target, wording),
    })
  }
  if (input.kind === 'schedule') {
    for (const outcome of ['missed', 'failed'] as const) {
      const off = input.lastDecided.filter((slot) => slot.outcome === outcome)
      if (off.length > 0) reasons.push(lastOffReason(outcome, off, input))
    }
  }
  const sliding = input.trends
    .filter((trend) => trend.msPerBeat > 0 && trend.projectedOffsetMs > 0)
    .sort((a, b) => b.projectedOffsetMs - a.projectedOffsetMs)
  if (sliding.length > 0) reasons.push(trendReason(sliding, wording))
  return { state: reasons.length > 0 ? 'drifting' : 'tight', reasons }
}

function silent(code: 'no_signal' | 'no_slots', message: string): Judgement {
  return { state: 'silent', reasons: [{ code, message }] }
}

function budgetMessage(
  counts: Counts,
  adherence: number,
  target: number,
  wording: Wording,
): string {
  const parts = (['missed', 'failed', 'late'] as const)
    .map((outcome) => ({ outcome, count: counts[outcome] }))
    .filter((part) => part.count > 0)
  const offBeat = counts.expected - counts.onTime
  const head = `${offBeat} of the last ${counts.expected} ${wording.beats}`
  const what =
    parts.length === 1
      ? parts[0]!.outcome
      : `not on time: ${parts.map((part) => `${part.count} ${part.outcome}`).join(', ')}`
  return `${head} ${what} (${percent(adherence, target)} < ${percent(target)} target)`
}

function lastOffReason(
  outcome: 'missed' | 'failed',
  off: readonly Slot[],
  input: JudgeInput,
): Reason {
  const code = outcome === 'missed' ? 'last_missed' : 'last_failed'
  const { wording } = input
  if (input.rosterSize === undefined) {
    const due = formatDue(off[0]!.due, wording.tz)
    return { code, message: `last ${wording.beat} ${outcome} (due ${due})` }
  }
  const names = off.map((slot) => slot.player ?? '?')
  const message = `${off.length} of ${input.rosterSize} ${wording.players} ${outcome} their last ${wording.beat}: ${listNames(names)}`
  return { code, message }
}

function trendReason(
  sliding: ReadonlyArray<Trend & { player?: string }>,
  wording: Wording,
): Reason {
  const worst = sliding[0]!
  const who = worst.player !== undefined ? `${worst.player}: ` : ''
  const more = sliding.length > 1 ? ` (and ${sliding.length - 1} more ${wording.players})` : ''
  const message =
    `${who}sliding ${humanDuration(worst.msPerBeat)} later each ${wording.period}; ` +
    `projected ${humanDuration(worst.projectedOffsetMs)} late within 3 ${wording.periods}${more}`
  return { code: 'trend_late', message }
}
