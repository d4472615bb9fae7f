import { LAYERS } from '@baton/cadence'
import { chunks } from '../db/queries/chunks.js'
import { loadInputs } from '../evaluation/load-inputs.js'
import { knownSince } from './known-since.js'
import { evaluateRhythmMonths, judgedAt } from './rhythm-month-evaluation.js'
import type { Db, Rhythm } from '../db/database.js'
import type { RhythmWork } from '../evaluation/load-inputs.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { MonthRange } from './month-range.js'
import type { RhythmPeriod } from './rhythm-month-evaluation.js'

// Bounds the beats held in memory at once, as the live evaluation does.
const RHYTHMS_PER_ROUND = 250

/**
 * Evaluates every active rhythm over each of `months` (consecutive, oldest first), reading each
 * round of rhythms' beats once for the whole span and cutting it per month: one set of queries,
 * not one per month. Returns one list per month, each in layer order, then the catalog's.
 */
export async function evaluateMonths({
  db,
  catalog,
  months,
  now,
}: {
  db: Db
  catalog: RhythmCatalog
  months: readonly MonthRange[]
  now: number
}): Promise<RhythmPeriod[][]> {
  const results: RhythmPeriod[][] = months.map(() => [])
  if (months.length === 0) return results
  months.slice(1).forEach((month, index) => {
    if (month.from !== months[index]!.to) {
      throw new Error(`months must follow one another: ${months[index]!.month} then ${month.month}`)
    }
  })
  const from = months[0]!.from
  const last = months.at(-1)!
  for (const round of roundsOf(catalog.rhythms)) {
    const to = Math.max(...round.map((rhythm) => judgedAt(rhythm, last, now)))
    const [work, known] = await Promise.all([
      loadInputs({ db, catalog, rhythms: round, now, range: { from, to } }),
      knownSince(db, round, from),
    ])
    for (const one of work) {
      const periods = evaluateOrExplain(one, months, { now, known: known.get(one.rhythm.id) })
      periods.forEach((period, index) => results[index]!.push(period))
    }
  }
  return results
}

// The score is validated on load, so this is a bug or a hand-edited row: name the rhythm.
function evaluateOrExplain(
  work: RhythmWork,
  months: readonly MonthRange[],
  options: { now: number; known: number | undefined },
): RhythmPeriod[] {
  try {
    return evaluateRhythmMonths(work, months, options)
  } catch (error) {
    const message = `rhythm ${JSON.stringify(work.rhythm.id)} could not be evaluated by month`
    throw new Error(message, { cause: error })
  }
}

// loadInputs reads every rhythm of a round from the longest lookback among them, so one yearly
// rhythm would pull a year of every nightly backup: each round holds one layer only.
function roundsOf(rhythms: readonly Rhythm[]): Rhythm[][] {
  return LAYERS.flatMap((layer) =>
    chunks(
      rhythms.filter((rhythm) => rhythm.layer === layer),
      RHYTHMS_PER_ROUND,
    ),
  )
}
