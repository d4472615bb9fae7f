import { LAYERS } from '@baton/cadence'
import { evaluateMonths } from './evaluate-months.js'
import { monthOf, monthRange, monthsEnding, reportedMonth } from './month-range.js'
import { groupBy } from '../lib/group-by.js'
import { pooledFigures } from './period-figures.js'
import type { Layer } from '@baton/cadence'
import type { Db } from '../db/database.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { RhythmPeriod } from './rhythm-month-evaluation.js'
import type { TrendMonth } from './types.js'

/**
 * Adherence overall and per layer for each of the `months` months ending with `endMonth`
 * (default: the month of `now` in `tz`), oldest first, for the owner's trend chart. Each round of
 * rhythms is read once for the whole span; the months are cut from it.
 */
export async function monthlyTrend({
  db,
  catalog,
  months = 12,
  tz = 'UTC',
  now,
  endMonth = monthOf(now, tz),
}: {
  db: Db
  catalog: RhythmCatalog
  months?: number
  tz?: string
  now: number
  endMonth?: string
}): Promise<TrendMonth[]> {
  reportedMonth({ month: endMonth, tz, now }) // throws for a month that has not begun
  const names = monthsEnding(endMonth, months)
  const ranges = names.map((month) => monthRange(month, tz))
  const evaluated = await evaluateMonths({ db, catalog, months: ranges, now })
  return names.map((month, index) => trendPoint(month, evaluated[index] ?? []))
}

function trendPoint(month: string, periods: readonly RhythmPeriod[]): TrendMonth {
  const adherenceOf = (group: readonly RhythmPeriod[]) =>
    pooledFigures(group.map((period) => period.counts)).adherence
  const byLayer = groupBy(periods, (period) => period.rhythm.layer)
  const layers = Object.fromEntries(
    LAYERS.map((layer) => [layer, adherenceOf(byLayer.get(layer) ?? [])]),
  ) as Record<Layer, number | null>
  return { month, overall: adherenceOf(periods), layers }
}
