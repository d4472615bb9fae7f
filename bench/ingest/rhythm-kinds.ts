import type { Layer } from '@baton/cadence'

// The rhythms every organisation's team keeps in the bench score, and when each is due.

const EVERY_FOUR_HOURS = [1, 5, 9, 13, 17, 21]

export interface Timing {
  minute: number
  hours: number[]
  dow?: number
  dom?: number
  months?: number[]
}

export interface Kind {
  key: string
  name: string
  layer: Layer
  count: (team: string) => number
  graceMinutes: number
  beat: string
  source: Record<string, unknown>
  timing: (i: number) => Timing
  sla?: true
}

const daily = (i: number): Timing => ({ minute: (i * 13) % 60, hours: [(i * 5) % 24] })
const rmm = (fields: Record<string, unknown>) => ({ integration: 'rmm', roster: false, ...fields })
const MANUAL = { kind: 'manual' }

/** Per organisation and team; the counts add up to 125 in every team. */
export const KINDS: Kind[] = [
  {
    ...{ key: 'first-response', name: 'ticket first response', layer: 'note', graceMinutes: 30 },
    count: (team) => (team === 'service-desk' ? 1 : 0),
    beat: 'first responses',
    source: { kind: 'tickets', measure: 'first-response', integration: 'psa' },
    timing: () => ({ minute: 0, hours: [] }),
    sla: true,
  },
  {
    ...{ key: 'check-in', name: 'agent check-in', layer: 'note', graceMinutes: 30 },
    count: (team) => (team === 'service-desk' ? 2 : 3),
    beat: 'check-ins',
    source: MANUAL,
    timing: (i) => ({ minute: (i * 7) % 60, hours: EVERY_FOUR_HOURS }),
  },
  {
    ...{ key: 'backup-verify', name: 'backup verification', layer: 'measure', graceMinutes: 120 },
    count: () => 50,
    beat: 'verified backups',
    source: MANUAL,
    timing: daily,
  },
  {
    ...{ key: 'backup', name: 'nightly backup', layer: 'measure', graceMinutes: 120 },
    count: () => 12,
    beat: 'nightly backups',
    source: rmm({ kind: 'backups' }),
    timing: daily,
  },
  {
    ...{ key: 'fleet-backup', name: 'fleet backup', layer: 'measure', graceMinutes: 120 },
    count: () => 4,
    beat: 'device backups',
    source: rmm({ kind: 'backups', roster: true }),
    timing: daily,
  },
  {
    ...{ key: 'patch-scan', name: 'patch scan', layer: 'measure', graceMinutes: 120 },
    count: () => 8,
    beat: 'patch scans',
    source: rmm({ kind: 'patches', activity: 'scan' }),
    timing: daily,
  },
  {
    ...{ key: 'compliance-check', name: 'compliance check', layer: 'phrase', graceMinutes: 240 },
    count: () => 20,
    beat: 'compliance checks',
    source: MANUAL,
    timing: daily,
  },
  {
    ...{ key: 'patch-install', name: 'patch install', layer: 'phrase', graceMinutes: 360 },
    count: () => 8,
    beat: 'patch installs',
    source: rmm({ kind: 'patches', activity: 'install' }),
    timing: (i) => ({ minute: 0, hours: [2 + (i % 4)], dow: i % 7 }),
  },
  {
    ...{ key: 'log-review', name: 'log review', layer: 'section', graceMinutes: 480 },
    count: () => 8,
    beat: 'log reviews',
    source: MANUAL,
    timing: daily,
  },
  {
    ...{ key: 'monthly-report', name: 'monthly report', layer: 'section', graceMinutes: 2880 },
    count: () => 6,
    beat: 'monthly reports',
    source: MANUAL,
    timing: (i) => ({ minute: 0, hours: [17], dom: 1 + ((i * 5) % 28) }),
  },
  {
    ...{ key: 'qbr', name: 'quarterly business review', layer: 'movement', graceMinutes: 20160 },
    count: () => 3,
    beat: 'QBRs',
    source: MANUAL,
    timing: (i) => ({ minute: 0, hours: [9], dom: 10 + i, months: [1, 4, 7, 10] }),
  },
  {
    ...{ key: 'budget', name: 'IT budget', layer: 'piece', graceMinutes: 43200 },
    count: () => 2,
    beat: 'budgets',
    source: MANUAL,
    timing: (i) => ({ minute: 0, hours: [9], dom: 15, months: [1 + ((i * 6) % 12)] }),
  },
  {
    ...{ key: 'strategy', name: 'IT strategy review', layer: 'portfolio', graceMinutes: 43200 },
    count: () => 1,
    beat: 'strategy reviews',
    source: MANUAL,
    timing: () => ({ minute: 0, hours: [9], dom: 1, months: [9] }),
  },
]
