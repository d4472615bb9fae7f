import { beatNounOf, evaluate } from '@baton/cadence'
import { lookbackMs } from '../evaluation/windows.js'
import { TakenBeats } from './taken-beats.js'
import type { Beat, Counts, Evaluation, Reason, RhythmState } from '@baton/cadence'
import type { Rhythm } from '../db/database.js'
import type { RhythmWork } from '../evaluation/load-inputs.js'
import type { MonthRange } from './month-range.js'

/** What the summary keeps of one rhythm's month: figures and judgement, not its slots. */
export interface RhythmPeriod {
  rhythm: Rhythm
  state: RhythmState
  reasons: Reason[]
  target: number
  adherence: number | null
  counts: Counts
  beatNoun: string
}

type Span = Pick<MonthRange, 'from' | 'to'>

/**
 * The instant a span is judged for a rhythm: once the grace of its last slots has run (a slot due
 * at 23:00 on the 31st with 3 h grace is decided on the 1st at 02:00), or `now` if that is earlier.
 */
export function judgedAt(rhythm: Rhythm, span: Span, now: number): number {
  return Math.min(now, span.to + (rhythm.cadence.graceMs ?? 0))
}

/**
 * Evaluates one rhythm over consecutive months (oldest first), each on the slots due in its
 * [from, to) and not before the rhythm was `known`, on what happened: signal 'live', whatever
 * today's freshness. `work` holds beats from the first month's lookback on; they are cut here.
 */
export function evaluateRhythmMonths(
  work: RhythmWork,
  months: readonly MonthRange[],
  { now, known = Number.NEGATIVE_INFINITY }: { now: number; known?: number },
): RhythmPeriod[] {
  const first = months[0]
  if (!first) return []
  // The engine lets a beat before `from` fill the first slot, so a beat that landed late for the
  // last slot of one month could fill the next month's first slot early as well. Each month gives
  // the beats it took to the next; the first month takes them from a warm-up over its lookback.
  const warmUp = { from: first.from - lookbackMs(work.rhythm.layer), to: first.from }
  let taken = play(work, warmUp, { now, known, taken: new TakenBeats(work) }).taken
  return months.map((month) => {
    const played = play(work, month, { now, known, taken })
    taken = played.taken
    return periodOf(work.rhythm, played.evaluation, played.beats, month)
  })
}

function play(
  work: RhythmWork,
  span: Span,
  { now, known, taken }: { now: number; known: number; taken: TakenBeats },
): { evaluation: Evaluation; beats: Beat[]; taken: TakenBeats } {
  const { rhythm, spec, input } = work
  const at = judgedAt(rhythm, span, now)
  // Not judged before it was known; a month wholly before then decides no slot (silent).
  const from = Math.max(span.from, Math.min(known, at))
  const since = span.from - lookbackMs(rhythm.layer)
  const beats = taken.without(between(input.beats, since, at))
  const sliced = { ...input, beats }
  if (input.triggers) sliced.triggers = between(input.triggers, since, at)
  // Slots due from the span's end on belong to the next month. A rest sets them aside, so a
  // beat after the end can still land late in this month's last slot but never fills the next.
  const rests = [...(spec.rests ?? []), { from: span.to, to: Number.MAX_SAFE_INTEGER }]
  const evaluation = evaluate({ ...spec, rests }, sliced, {
    from,
    now: at,
    signal: 'live',
  })
  return { evaluation, beats, taken: TakenBeats.of(work, evaluation) }
}

function periodOf(
  rhythm: Rhythm,
  evaluation: Evaluation,
  beats: readonly Beat[],
  month: MonthRange,
): RhythmPeriod {
  return {
    rhythm,
    state: evaluation.state,
    reasons: evaluation.reasons,
    target: evaluation.target,
    adherence: evaluation.adherence,
    counts: monthCounts(evaluation, beats, month),
    beatNoun: beatNounOf({
      id: rhythm.id,
      layer: rhythm.layer,
      cadence: rhythm.cadence,
      ...(rhythm.beat_noun ? { beatNoun: rhythm.beat_noun } : {}),
    }),
  }
}

// The engine counts the month-end rest among its rests, and every lookback beat that filled
// nothing as extra; the month's own counts hold neither.
function monthCounts(evaluation: Evaluation, beats: readonly Beat[], month: Span): Counts {
  const inMonth = (at: number) => at >= month.from && at < month.to
  let rest = 0
  let filled = 0
  for (const slot of evaluation.slots) {
    if (slot.outcome === 'rest' && slot.due < month.to) rest++
    if (slot.beatAt !== undefined && inMonth(slot.beatAt)) filled++
  }
  const played = beats.filter((beat) => beat.ok && inMonth(beat.at)).length
  return { ...evaluation.counts, rest, extra: played - filled }
}

/** The rows with `at` in [from, to]; rows arrive in time order, so two binary searches do. */
function between<T extends { at: number }>(rows: readonly T[], from: number, to: number): T[] {
  return rows.slice(firstAtOrAfter(rows, from), firstAtOrAfter(rows, to + 1))
}

function firstAtOrAfter(rows: readonly { at: number }[], at: number): number {
  let low = 0
  let high = rows.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (rows[middle]!.at < at) low = middle + 1
    else high = middle
  }
  return low
}
