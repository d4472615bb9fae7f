import { Temporal } from 'temporal-polyfill'

// Realistic HaloPSA tickets as `GET /api/Tickets` lists them: lower-case field names, ids for
// status, priority and type, the team's name, and Halo's mixed times: offset-less local times,
// seven fraction digits with a Z, and 1900-01-01 for "no date".

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Where ticket 0 was opened; ticket i is opened i minutes later. */
export const HALO_EPOCH = Date.UTC(2026, 9, 1, 8, 0, 0)
export const HALO_EMPTY_DATE = '1900-01-01T00:00:00'

export const HALO_CLIENTS = [
  { id: 12, name: 'Acme Corporation' },
  { id: 13, name: 'Globex' },
  { id: 14, name: 'Initech' },
] as const

export const HALO_STATUSES = [
  { id: 1, name: 'New', shortname: 'New', type: 0, sequence: 1, colour: '#2eb82e' },
  { id: 2, name: 'In Progress', shortname: 'In Prog', type: 0, sequence: 2, colour: '#f0ad4e' },
  { id: 21, name: 'Waiting on Customer', shortname: 'WoC', type: 1, sequence: 5, colour: '#999' },
  { id: 9, name: 'Closed', shortname: 'Closed', type: 2, sequence: 9, colour: '#555' },
]
export const HALO_PRIORITIES = [
  { priorityid: 1, slaid: 1, name: 'Critical', colour: '#d9534f', ishidden: false },
  { priorityid: 2, slaid: 1, name: 'High', colour: '#f0ad4e', ishidden: false },
  { priorityid: 3, slaid: 1, name: 'Medium', colour: '#5bc0de', ishidden: false },
  { priorityid: 4, slaid: 1, name: 'Low', colour: '#5cb85c', ishidden: false },
]
export const HALO_TICKET_TYPES = [
  { id: 1, name: 'Incident', use: 'ticket', itil_ticket_type: 1 },
  { id: 3, name: 'Service Request', use: 'ticket', itil_ticket_type: 3 },
  { id: 21, name: 'Alert', use: 'ticket', itil_ticket_type: 1 },
]

const AGENTS = [4, 5, 6]

/** An offset-less Halo time: the wall clock in the instance's zone, whole seconds. */
export function haloLocal(at: number, zone = 'UTC'): string {
  return Temporal.Instant.fromEpochMilliseconds(Math.floor(at / 1000) * 1000)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'second' })
}

/** The other form Halo writes: UTC with seven fraction digits. */
export function haloPrecise(at: number): string {
  return new Date(at).toISOString().replace(/\.(\d{3})Z$/, '.$13294Z')
}

export interface HaloTicketShape {
  epoch?: number
  /** The instance's zone, in which offset-less times are written. */
  zone?: string
}

/**
 * Ticket `i` of a Halo instance: deterministic. Every 10th has no response yet, every 4th is
 * closed, every 5th is an alert for the Infrastructure team; every 3rd writes its opening time
 * with seven fraction digits and a Z. An override replaces a field; `undefined` removes it.
 */
export function makeHaloTicket(
  i: number,
  overrides: Record<string, unknown> = {},
  { epoch = HALO_EPOCH, zone = 'UTC' }: HaloTicketShape = {},
): Record<string, unknown> {
  const opened = epoch + i * MINUTE
  const client = HALO_CLIENTS[i % HALO_CLIENTS.length]!
  const alert = i % 5 === 4
  const responded = i % 10 !== 9
  const closed = i % 4 === 0
  const local = (at: number) => haloLocal(at, zone)
  const ticket: Record<string, unknown> = {
    id: 2000 + i,
    dateoccurred: i % 3 === 1 ? haloPrecise(opened) : local(opened),
    summary: alert ? `Backup failed on FS-${i % 20}` : `Cannot print to the office printer (${i})`,
    details: '<p>Reported by phone.</p>',
    status_id: closed ? 9 : responded ? 2 : 1,
    tickettype_id: alert ? 21 : 1,
    sla_id: 1,
    priority_id: (i % 4) + 1,
    client_id: client.id,
    client_name: client.name,
    site_id: 100 + client.id,
    site_name: 'Head Office',
    user_id: 500 + (i % 30),
    user_name: 'Dana Scully',
    team: alert ? 'Infrastructure' : 'Service Desk',
    team_id: alert ? 3 : 1,
    agent_id: AGENTS[i % AGENTS.length],
    category_1: alert ? 'Backup' : 'Hardware>Printer',
    category_2: '',
    category_3: '',
    category_4: '',
    estimate: 0.5,
    estimatedays: 0,
    respondbydate: local(opened + HOUR),
    fixbydate: local(opened + 8 * HOUR),
    responsedate: responded ? local(opened + (4 + (i % 40)) * MINUTE) : HALO_EMPTY_DATE,
    deadlinedate: HALO_EMPTY_DATE,
    dateclosed: closed ? local(opened + 3 * HOUR) : HALO_EMPTY_DATE,
    hasbeenclosed: closed,
    onhold: false,
    excludefromsla: false,
    slaresponsestate: responded ? 'I' : 'X',
    slaholdtime: 0,
    inactive: false,
    impact: 3,
    urgency: 3,
    flagged: false,
    read: true,
    enduserstatus: closed ? 4 : 2,
    itil_requesttype_id: 1,
    is_vip: false,
    startdate: HALO_EMPTY_DATE,
    starttime: '00:00:00',
    targetdate: HALO_EMPTY_DATE,
    targettime: '00:00:00',
    lastactiondate: local(opened + 4 * HOUR),
    lastupdate: local(opened + 4 * HOUR + MINUTE),
    customfields: [{ id: 140, name: 'CFRootCause', label: 'Root cause', value: '', display: '' }],
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete ticket[key]
    else ticket[key] = value
  }
  return ticket
}
