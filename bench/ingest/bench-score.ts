import { createHash } from 'node:crypto'
import type { Layer } from '@baton/cadence'
import { PINGED_ORGANISATION, TOKEN } from './setup.js'

// The score of a large MSP: 20 client organisations × 4 teams × 125 rhythms = 10,000 rhythms over
// every layer, mostly daily backups and patch checks, some fed by the RMM, most pinged by scripts,
// and one SLA rhythm (ticket first response) per organisation.

const ORGANISATIONS = 20
const TEAMS = ['service-desk', 'infrastructure', 'security', 'account-management'] as const
const ZONES = ['America/New_York', 'America/Denver', 'Europe/Berlin', 'Australia/Sydney', 'UTC']
const EVERY_FOUR_HOURS = [1, 5, 9, 13, 17, 21]

/** Devices per organisation: the roster that fleet backups expect a beat from each night. */
export const DEVICES_PER_ORGANISATION = 5

/** How a rhythm's generated history behaves: most keep time, some drift, a few went quiet. */
export type Profile = 'tight' | 'drifting' | 'silent'

/** What the seed needs to write one rhythm's history; the score itself never sees it. */
export interface Plan {
  rhythmId: string
  organisation: string
  tz: string
  kind: 'schedule' | 'sla'
  minute: number
  hours: number[]
  /** Restrictions on the days: weekday (0 = Sunday), day of the month, months. */
  dow: number | null
  dom: number | null
  months: number[] | null
  graceMinutes: number
  /** Every device of the organisation beats (a roster), rather than the rhythm as a whole. */
  roster: boolean
  origin: 'api' | 'record'
  profile: Profile
}

interface Timing {
  minute: number
  hours: number[]
  dow?: number
  dom?: number
  months?: number[]
}

interface Kind {
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
const KINDS: Kind[] = [
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

const pad = (n: number) => String(n).padStart(2, '0')

// 5% of rhythms went quiet, 10% drift, the rest keep time; spread evenly over every kind.
function profileOf(index: number): Profile {
  const k = index % 20
  return k === 7 ? 'silent' : k === 3 || k === 11 ? 'drifting' : 'tight'
}

function cronOf({ minute, hours, dow, dom, months }: Timing): string {
  return `${minute} ${hours.join(',')} ${dom ?? '*'} ${months?.join(',') ?? '*'} ${dow ?? '*'}`
}

/** Local date `days` from today in UTC, as the score writes rest dates. */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)
}

/** The generated score (as YAML text) and each rhythm's plan for the seed. */
export function benchScore(): { text: string; plans: Plan[] } {
  const organisations = Array.from({ length: ORGANISATIONS }, (_, o) => ({
    id: `o${pad(o + 1)}`,
    name: `Client ${pad(o + 1)}`,
    tz: ZONES[o % ZONES.length]!,
  }))
  const rhythms: Array<Record<string, unknown>> = []
  const plans: Plan[] = []
  for (const organisation of organisations) {
    for (const team of TEAMS) {
      for (const kind of KINDS) {
        for (let i = 0; i < kind.count(team); i++) {
          const id = `${organisation.id}-${team}-${kind.key}-${pad(i + 1)}`
          const timing = kind.timing(i + TEAMS.indexOf(team))
          const grace = `${kind.graceMinutes}m`
          rhythms.push({
            id,
            name: `${organisation.name} ${kind.name} ${pad(i + 1)}`,
            layer: kind.layer,
            team,
            organisation: organisation.id,
            cadence: kind.sla
              ? { kind: 'sla', target: '4h', grace }
              : { kind: 'schedule', cron: cronOf(timing), grace },
            beat: kind.beat,
            ...(kind.source.roster === true ? { players: 'devices' } : {}),
            source: kind.source,
          })
          plans.push({
            rhythmId: id,
            organisation: organisation.id,
            tz: organisation.tz,
            kind: kind.sla ? 'sla' : 'schedule',
            minute: timing.minute,
            hours: timing.hours,
            dow: timing.dow ?? null,
            dom: timing.dom ?? null,
            months: timing.months ?? null,
            graceMinutes: kind.graceMinutes,
            roster: kind.source.roster === true,
            origin: kind.source.kind === 'manual' ? 'api' : 'record',
            profile: profileOf(plans.length),
          })
        }
      }
    }
  }
  const vendorIds = (prefix: string) =>
    Object.fromEntries(organisations.map((o) => [`${prefix}-${o.id}`, o.id]))
  const text = [
    '# Generated by bench/ingest/seed.ts: 20 organisations, 4 teams, 10,000 rhythms.',
    'version: 1',
    yamlList('organisations', organisations),
    yamlList(
      'teams',
      TEAMS.map((id) => ({ id, name: id.replace('-', ' ') })),
    ),
    yamlList('integrations', [
      { id: 'rmm', vendor: 'ninjaone', freshness: '2h', organisations: vendorIds('rmm') },
      { id: 'psa', vendor: 'halopsa', freshness: '2h', organisations: vendorIds('psa') },
    ]),
    yamlList('rests', [
      { organisation: 'o02', from: dateIn(-40), to: dateIn(-38), reason: 'office move' },
      { team: 'account-management', from: dateIn(-100), to: dateIn(-99), reason: 'offsite' },
    ]),
    yamlList('tokens', [
      {
        organisation: PINGED_ORGANISATION,
        sha256: createHash('sha256').update(TOKEN).digest('hex'),
      },
    ]),
    yamlList('rhythms', rhythms),
  ].join('\n')
  return { text, plans }
}

// Block YAML with JSON values (JSON is YAML's flow style): reads like a hand-written score.
function yamlList(key: string, items: ReadonlyArray<Record<string, unknown>>): string {
  const lines = [`${key}:`]
  for (const item of items) {
    Object.entries(item).forEach(([field, value], i) => {
      lines.push(`${i === 0 ? '  - ' : '    '}${field}: ${JSON.stringify(value)}`)
    })
  }
  return lines.join('\n')
}
