import type { Counts } from '@baton/cadence'
import type { RhythmPeriod } from './rhythm-month-evaluation.js'
import type { Group, PeriodFigures } from './types.js'

/**
 * Pools the decided slots of many rhythms: a daily rhythm weighs thirty times a monthly one,
 * as it does in the engine's own aggregates (`summarize`).
 */
export function pooledFigures(counts: readonly Counts[]): PeriodFigures {
  const figures = { expected: 0, onTime: 0, late: 0, missed: 0, failed: 0 }
  for (const one of counts) {
    figures.expected += one.expected
    figures.onTime += one.onTime
    figures.late += one.late
    figures.missed += one.missed
    figures.failed += one.failed
  }
  const adherence = figures.expected === 0 ? null : figures.onTime / figures.expected
  return { adherence, ...figures }
}

/** This month's adherence minus last month's; null when either month decided nothing. */
export function changeOf(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous
}

/**
 * A group's month: its rhythms' pooled figures and states, against the same rhythms last month
 * (`previous` is null when none of them had a slot decided then).
 */
export function groupFigures(
  periods: readonly RhythmPeriod[],
  previousOf: (id: string) => RhythmPeriod | undefined,
): Group {
  const figures = pooledFigures(periods.map((period) => period.counts))
  const before = periods.flatMap((period) => previousOf(period.rhythm.id)?.counts ?? [])
  const pooledBefore = pooledFigures(before)
  const previous = pooledBefore.expected === 0 ? null : pooledBefore
  const states = { tight: 0, drifting: 0, silent: 0 }
  for (const period of periods) states[period.state]++
  return {
    ...figures,
    previous,
    change: changeOf(figures.adherence, previous?.adherence ?? null),
    rhythms: periods.length,
    ...states,
  }
}
