import { layerName } from '$lib/layers'
import { monthTick, monthTitle, shiftMonth } from '$lib/month'
import type {
  MonthlySummary as MonthOfService,
  PeriodFigures,
  RhythmMonth,
  SummaryGroup as Group,
  TrendMonth,
} from '@baton/ingest/api'

/** Adherence and counts of a layer, team or organisation (or everything) over a month. */
export type Figures = PeriodFigures

/** What `GET /v1/summary/{month}?trend=true` answers. */
export type MonthlySummary = MonthOfService & { trend?: TrendMonth[] }

/** A row of the summary's tables: one layer, team or organisation. */
export interface GroupRow extends Figures {
  id: string
  name: string
  previous: number | null
  change: number | null
  rhythms: number
  tight: number
  drifting: number
  silent: number
}

/** One line of the 12-month trend: adherence per month, oldest first. */
export interface TrendLine {
  name: string
  values: Array<number | null>
}

/** The owner's summary, shaped for the page and its print. */
export function summaryView(summary: MonthlySummary, currentMonth: string) {
  const teamNames = new Map(summary.teams.map((team) => [team.team, team.name]))
  const organisationNames = new Map(
    summary.organisations.map((org) => [org.organisation, org.name]),
  )
  const standout = (rhythm: RhythmMonth) => ({
    id: rhythm.id,
    name: rhythm.name,
    layer: layerName(rhythm.layer),
    team: teamNames.get(rhythm.team) ?? rhythm.team,
    organisation: organisationNames.get(rhythm.organisation) ?? rhythm.organisation,
    target: rhythm.target,
    adherence: rhythm.adherence,
    previous: rhythm.previousAdherence,
    expected: rhythm.counts.expected,
    missed: rhythm.counts.missed,
    failed: rhythm.counts.failed,
    late: rhythm.counts.late,
    state: rhythm.state,
    reason: rhythm.reasons[0]?.message ?? null,
  })
  const trend = summary.trend ?? []
  const next = shiftMonth(summary.month, 1)
  return {
    month: summary.month,
    title: monthTitle(summary.month),
    previousMonth: {
      month: shiftMonth(summary.month, -1),
      title: monthTitle(shiftMonth(summary.month, -1)),
    },
    // A month that has not begun has nothing to read.
    nextMonth: next <= currentMonth ? { month: next, title: monthTitle(next) } : null,
    tz: summary.tz,
    from: summary.from,
    to: summary.to,
    partial: summary.partial,
    generatedAt: summary.generatedAt,
    demo: summary.demo,
    overall: summary.overall,
    sentences: summary.sentences,
    layers: summary.layers.map((layer) => rowOf(layer.layer, layerName(layer.layer), layer)),
    teams: summary.teams.map((team) => rowOf(team.team, team.name, team)),
    organisations: summary.organisations.map((org) => rowOf(org.organisation, org.name, org)),
    drifted: summary.drifted.map(standout),
    held: summary.held.map(standout),
    trend: {
      months: trend.map((point, index) => monthTick(point.month, index === 0)),
      overall: { name: 'Overall', values: trend.map((point) => point.overall) },
      layers: summary.layers
        .map((layer) => ({
          name: layerName(layer.layer),
          values: trend.map((point) => point.layers[layer.layer] ?? null),
        }))
        .filter((line) => line.values.some((value) => value !== null)),
    },
  }
}

export type SummaryView = ReturnType<typeof summaryView>

function rowOf(id: string, name: string, group: Group): GroupRow {
  const { adherence, expected, onTime, late, missed, failed, rhythms, tight, drifting, silent } =
    group
  return {
    id,
    name,
    adherence,
    previous: group.previous?.adherence ?? null,
    change: group.change,
    expected,
    onTime,
    late,
    missed,
    failed,
    rhythms,
    tight,
    drifting,
    silent,
  }
}

/** A change of adherence in percentage points, signed: "+4 pts", "−2 pts", "no change". */
export function formatChange(change: number | null): string {
  if (change === null) return '—'
  const points = Math.round(change * 100)
  if (points === 0) return 'no change'
  return `${points > 0 ? '+' : '−'}${Math.abs(points)} pts`
}

/** "98%", or "—" when nothing was decided. Never "100%" unless every beat was on time. */
export function formatShare(value: number | null): string {
  if (value === null) return '—'
  const percent = value * 100
  if (percent >= 99 && percent < 100) return `${Math.floor(percent * 10) / 10}%`
  return `${Math.round(percent)}%`
}
