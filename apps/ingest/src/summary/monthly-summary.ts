import { LAYERS } from '@baton/cadence'
import { evaluateMonths } from './evaluate-months.js'
import { monthRange, reportedMonth, shiftMonth } from './month-range.js'
import { groupBy } from '../lib/group-by.js'
import { groupFigures } from './period-figures.js'
import { driftedRhythms, heldRhythms, rhythmMonthOf } from './standouts.js'
import { summarySentences } from './summary-sentences.js'
import type { Db } from '../db/database.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { RhythmPeriod } from './rhythm-month-evaluation.js'
import type { Group, MonthlySummary } from './types.js'

/**
 * The owner's monthly read of every active rhythm: `month` ('YYYY-MM') from local midnight on the
 * 1st in `tz`, against the month before. The current month is judged up to `now` and marked
 * `partial`; a month that has not begun throws.
 */
export async function monthlySummary({
  db,
  catalog,
  month,
  tz = 'UTC',
  now,
}: {
  db: Db
  catalog: RhythmCatalog
  month: string
  tz?: string
  now: number
}): Promise<MonthlySummary> {
  const current = reportedMonth({ month, tz, now })
  const previous = monthRange(shiftMonth(month, -1), tz)
  const [before = [], periods = []] = await evaluateMonths({
    db,
    catalog,
    months: [previous, current],
    now,
  })
  const previousById = new Map(before.map((period) => [period.rhythm.id, period]))
  const previousOf = (id: string) => previousById.get(id)
  const names = await namesOf(db, periods)
  const groupsBy = <K>(keyOf: (period: RhythmPeriod) => K) =>
    [...groupBy(periods, keyOf)].map(([key, members]) => ({
      key,
      group: groupFigures(members, previousOf),
    }))
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)
  const rhythms = periods.map((period) => rhythmMonthOf(period, previousOf(period.rhythm.id)))

  const summary = {
    month,
    tz,
    from: current.from,
    to: current.until,
    partial: current.partial,
    generatedAt: now,
    demo: periods.length > 0 && periods.every((period) => period.rhythm.demo),
    overall: overallOf(groupFigures(periods, previousOf)),
    layers: groupsBy((period) => period.rhythm.layer)
      .sort((a, b) => LAYERS.indexOf(a.key) - LAYERS.indexOf(b.key))
      .map(({ key, group }) => ({ layer: key, ...group })),
    teams: groupsBy((period) => period.rhythm.team_id)
      .map(({ key, group }) => ({ team: key, name: names.teams.get(key) ?? key, ...group }))
      .sort(byName),
    organisations: groupsBy((period) => period.rhythm.organisation_id)
      .map(({ key, group }) => ({
        organisation: key,
        name: names.organisations.get(key) ?? key,
        ...group,
      }))
      .sort(byName),
    drifted: driftedRhythms(rhythms),
    held: heldRhythms(rhythms),
  }
  return { ...summary, sentences: summarySentences(summary) }
}

function overallOf(group: Group): MonthlySummary['overall'] {
  const { adherence, expected, onTime, late, missed, failed, previous, change } = group
  return { adherence, expected, onTime, late, missed, failed, previous, change }
}

async function namesOf(
  db: Db,
  periods: readonly RhythmPeriod[],
): Promise<{ teams: Map<string, string>; organisations: Map<string, string> }> {
  const teamIds = [...new Set(periods.map((period) => period.rhythm.team_id))]
  const organisationIds = [...new Set(periods.map((period) => period.rhythm.organisation_id))]
  const [teams, organisations] = await Promise.all([
    teamIds.length === 0
      ? []
      : db.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute(),
    organisationIds.length === 0
      ? []
      : db
          .selectFrom('organisations')
          .select(['id', 'name'])
          .where('id', 'in', organisationIds)
          .execute(),
  ])
  return {
    teams: new Map(teams.map((team) => [team.id, team.name])),
    organisations: new Map(organisations.map((org) => [org.id, org.name])),
  }
}
