import type { Group, MonthlySummary } from './types.js'

const COLUMNS = [
  'scope',
  'id',
  'name',
  'adherence',
  'previous_adherence',
  'change',
  'expected',
  'on_time',
  'late',
  'missed',
  'failed',
  'rhythms',
  'tight',
  'drifting',
  'silent',
]

/** The summary's numbers as CSV, one row per layer, team, organisation and standout rhythm. */
export function summaryCsv(summary: MonthlySummary): string {
  const rows: unknown[][] = [COLUMNS]
  const groupRow = (scope: string, id: string, name: string, group: Group) => [
    scope,
    id,
    name,
    group.adherence,
    group.previous?.adherence ?? null,
    group.change,
    group.expected,
    group.onTime,
    group.late,
    group.missed,
    group.failed,
    group.rhythms,
    group.tight,
    group.drifting,
    group.silent,
  ]
  const { overall } = summary
  rows.push([
    'overall',
    summary.month,
    `${summary.month}${summary.partial ? ' (partial)' : ''}`,
    overall.adherence,
    overall.previous?.adherence ?? null,
    overall.change,
    overall.expected,
    overall.onTime,
    overall.late,
    overall.missed,
    overall.failed,
  ])
  for (const layer of summary.layers) rows.push(groupRow('layer', layer.layer, layer.layer, layer))
  for (const team of summary.teams) rows.push(groupRow('team', team.team, team.name, team))
  for (const org of summary.organisations) {
    rows.push(groupRow('organisation', org.organisation, org.name, org))
  }
  for (const [scope, list] of [
    ['drifted', summary.drifted],
    ['held', summary.held],
  ] as const) {
    for (const rhythm of list) {
      const { counts } = rhythm
      rows.push([
        `rhythm-${scope}`,
        rhythm.id,
        rhythm.name,
        rhythm.adherence,
        rhythm.previousAdherence,
        rhythm.adherence !== null && rhythm.previousAdherence !== null
          ? rhythm.adherence - rhythm.previousAdherence
          : null,
        counts.expected,
        counts.onTime,
        counts.late,
        counts.missed,
        counts.failed,
      ])
    }
  }
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

// RFC 4180: quote a cell holding a comma, quote or line break; ratios keep four decimals.
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return ''
  const text =
    typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(4) : String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}
