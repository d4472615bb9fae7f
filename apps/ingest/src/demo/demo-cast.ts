import { ACME_OFFICE, BRENNER_OFFICE, HARLOW_OFFICE } from './demo-calendars.js'
import { DAY, HOUR, MINUTE } from './zoned-time.js'
import type { BusinessCalendar } from '@baton/cadence'

// Who plays in the demo. demo.score.yaml declares the same organisations, calendars, integrations
// and due times; demo-score.test.ts holds the two together.

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const
export type Priority = (typeof PRIORITIES)[number]

export type DeviceRole = 'server' | 'workstation' | 'laptop'

export interface DemoDevice {
  key: string
  role: DeviceRole
}

export interface DemoOrganisation {
  id: string
  name: string
  tz: string
  /** Its PSA company id, as the vendor would name it. */
  company: string
  calendar: BusinessCalendar
  /** The live RMM that lists its devices and reports their backups and patches. */
  rmm: string
  devices: DemoDevice[]
  technicians: string[]
  /** Who holds its reviews: the vCIO or account manager. */
  accountManager: string
  ticketsPerBusinessDay: number
  /** SLA targets in ms, as the score's `priorities`. */
  firstResponse: Record<Priority, number>
  resolution: Record<Priority, number>
  /** Share of first responses given after their due time, by priority. */
  lateFirstResponse: Record<Priority, number>
  lateResolution: number
}

const STANDARD_FIRST_RESPONSE = { P1: 1 * HOUR, P2: 2 * HOUR, P3: 4 * HOUR, P4: 8 * HOUR }
const STANDARD_RESOLUTION = { P1: 4 * HOUR, P2: 8 * HOUR, P3: 24 * HOUR, P4: 40 * HOUR }

const devices = (role: DeviceRole, ...keys: string[]) => keys.map((key) => ({ key, role }))

export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  {
    id: 'acme',
    name: 'Acme Dental Group',
    tz: 'America/Denver',
    company: 'ACME-DENTAL',
    calendar: ACME_OFFICE,
    rmm: 'demo-rmm-acme',
    devices: [
      ...devices('server', 'DC01', 'FS01', 'FS02', 'IMG01'),
      ...devices('workstation', 'FRONT-01', 'FRONT-02', 'OP-01', 'OP-02', 'OP-03', 'OP-04'),
      ...devices('workstation', 'PANO-01'),
      ...devices('laptop', 'MGR-LT01'),
    ],
    technicians: ['Dana Whitfield', 'Marcus Ortega', 'Priya Natarajan'],
    accountManager: 'Rachel Kim',
    ticketsPerBusinessDay: 6,
    firstResponse: STANDARD_FIRST_RESPONSE,
    resolution: STANDARD_RESOLUTION,
    lateFirstResponse: { P1: 0.03, P2: 0.01, P3: 0.01, P4: 0.01 },
    lateResolution: 0.01,
  },
  {
    id: 'harlow',
    name: 'Harlow & Pike LLP',
    tz: 'America/New_York',
    company: 'HARLOW-PIKE',
    calendar: HARLOW_OFFICE,
    rmm: 'demo-rmm-harlow',
    devices: [
      ...devices('server', 'HP-DC01', 'HP-FS01', 'HP-SQL01', 'HP-RDS01'),
      ...devices('workstation', 'HP-WS-01', 'HP-WS-02'),
      ...devices('laptop', 'HP-LT-01', 'HP-LT-02', 'HP-LT-03', 'HP-LT-04'),
    ],
    technicians: ['Sam Okafor', 'Elena Rossi', 'Marcus Ortega'],
    accountManager: 'Rachel Kim',
    ticketsPerBusinessDay: 8,
    // The firm pays for a 30-minute P1 response, and an understaffed desk often misses it.
    firstResponse: { ...STANDARD_FIRST_RESPONSE, P1: 30 * MINUTE },
    resolution: { ...STANDARD_RESOLUTION, P3: 16 * HOUR },
    lateFirstResponse: { P1: 0.7, P2: 0.3, P3: 0.25, P4: 0.2 },
    lateResolution: 0.05,
  },
  {
    id: 'brenner',
    name: 'Brenner Präzisionsteile GmbH',
    tz: 'Europe/Berlin',
    company: 'BRENNER',
    calendar: BRENNER_OFFICE,
    rmm: 'demo-rmm-brenner',
    devices: [
      ...devices('server', 'BR-DC01', 'BR-FS01', 'BR-ERP-SQL01', 'BR-ERP-APP01'),
      ...devices('workstation', 'BR-CAD-01', 'BR-CAD-02', 'BR-CAD-03', 'BR-QS-01', 'BR-QS-02'),
      ...devices('workstation', 'BR-BDE-01', 'BR-BDE-02', 'BR-OFFICE-01', 'BR-OFFICE-02'),
      ...devices('laptop', 'BR-LT-01', 'BR-LT-02'),
    ],
    technicians: ['Jonas Keller', 'Lea Hoffmann', 'Tobias Wagner'],
    accountManager: 'Katrin Vogel',
    ticketsPerBusinessDay: 7,
    firstResponse: STANDARD_FIRST_RESPONSE,
    resolution: STANDARD_RESOLUTION,
    lateFirstResponse: { P1: 0.03, P2: 0.01, P3: 0.01, P4: 0.01 },
    lateResolution: 0.01,
  },
]

export const PSA = 'demo-psa'
export const LEGACY_RMM = 'demo-legacy-rmm'

/** Harlow's document-management server, still on the old RMM that stopped syncing. */
export const LEGACY_DEVICES = {
  organisationId: 'harlow',
  devices: devices('server', 'HP-DMS01'),
} as const

export interface DemoIntegration {
  id: string
  /** How long before the demo's anchor it stopped syncing, if it is the dead one. */
  silentFor?: number
}

export const DEMO_INTEGRATIONS: readonly DemoIntegration[] = [
  ...DEMO_ORGANISATIONS.map((organisation) => ({ id: organisation.rmm })),
  { id: PSA },
  { id: LEGACY_RMM, silentFor: 3 * DAY },
]

/** Due times of the record-fed rhythms, in each organisation's zone. */
export const SCHEDULES = {
  nightlyBackups: { cron: '0 6 * * *', graceMs: 2 * HOUR },
  patchScan: { cron: '0 8 * * *', graceMs: 2 * HOUR },
  patchDeployment: { cron: '0 4 * * 0', graceMs: 4 * HOUR },
  patchCompliance: { cron: '0 17 28 * *', graceMs: 2 * DAY },
  securityAudit: { cron: '0 17 5 * *', graceMs: 2 * DAY },
} as const

export function organisation(id: string): DemoOrganisation {
  const found = DEMO_ORGANISATIONS.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`no demo organisation '${id}'`)
  return found
}
