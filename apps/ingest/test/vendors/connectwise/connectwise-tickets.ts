// Realistic ConnectWise PSA service tickets, as `GET /service/tickets` returns them: field names
// and reference shapes from the Ticket model, `_info` hrefs with ConnectWise's double slash, and
// null fields omitted rather than sent as null. Plain data, no msw: a local benchmark server
// builds 100,000 of these with the same function.

const MINUTE = 60_000
const HOUR = 60 * MINUTE

/** Where ticket 0 was entered; ticket i is entered i minutes later. */
export const CW_EPOCH = Date.UTC(2026, 9, 1, 8, 0, 0)
export const CW_SITE = 'https://api-na.myconnectwise.net/v2025_1/apis/3.0/'

export const CW_COMPANIES = [
  { id: 250, identifier: 'AcmeCorp', name: 'Acme Corporation' },
  { id: 251, identifier: 'Globex', name: 'Globex Inc.' },
  { id: 252, identifier: 'Initech', name: 'Initech LLC' },
] as const

export const CW_PRIORITIES = [
  { id: 1, name: 'Priority 1 - Emergency Response', sort: 1 },
  { id: 2, name: 'Priority 2 - Quick Response', sort: 2 },
  { id: 8, name: 'Priority 3 - Normal Response', sort: 6 },
  { id: 4, name: 'Priority 4 - Schedule Maintenance', sort: 8 },
] as const

const MEMBERS = [
  { id: 145, identifier: 'kmorgan', name: 'Kim Morgan' },
  { id: 146, identifier: 'jpatel', name: 'Jay Patel' },
  { id: 147, identifier: 'aodell', name: 'Alex Odell' },
] as const

/** ConnectWise writes whole seconds in UTC: `2026-10-01T08:00:00Z`. */
export function cwTime(at: number): string {
  return new Date(Math.floor(at / 1000) * 1000).toISOString().replace('.000Z', 'Z')
}

const href = (path: string) => `${CW_SITE}/${path}`
const ref = (kind: string, id: number, name: string, path: string) => ({
  id,
  name,
  _info: { [`${kind}_href`]: href(`${path}/${id}`) },
})

export interface TicketShape {
  /** When ticket 0 was entered (default CW_EPOCH). */
  epoch?: number
}

/**
 * Ticket `i` of a tenant: deterministic, so a test can say what it expects. Every 10th is never
 * responded to, every 4th is closed, every 5th is on the Alerts board. `_info.lastUpdated` grows
 * with `i`. An override replaces a top-level field, `undefined` removes it (as ConnectWise omits
 * nulls), and an `_info` override is merged into `_info` the same way.
 */
export function makeConnectWiseTicket(
  i: number,
  overrides: Record<string, unknown> = {},
  { epoch = CW_EPOCH }: TicketShape = {},
): Record<string, unknown> {
  const id = 10_000 + i
  const entered = epoch + i * MINUTE
  const company = CW_COMPANIES[i % CW_COMPANIES.length]!
  const priority = CW_PRIORITIES[i % CW_PRIORITIES.length]!
  const owner = MEMBERS[i % MEMBERS.length]!
  const alerts = i % 5 === 4
  const responded = i % 10 !== 9
  const closed = i % 4 === 0
  const respondMinutes = 5 + ((i * 7) % 55)
  const ticket: Record<string, unknown> = {
    id,
    summary: alerts
      ? `Disk space low on SRV-${100 + (i % 40)}`
      : `Outlook keeps asking for password #${i}`,
    recordType: 'ServiceTicket',
    board: ref('board', alerts ? 3 : 1, alerts ? 'Alerts' : 'Service Desk', 'service/boards'),
    status: {
      ...ref(
        'status',
        closed ? 20 : responded ? 17 : 16,
        closed ? '>Closed' : responded ? 'In Progress' : 'New',
        'service/boards/1/statuses',
      ),
      Sort: closed ? 9 : responded ? 2 : 0,
    },
    company: {
      ...company,
      _info: {
        company_href: href(`company/companies/${company.id}`),
        mobileGuid: guid(company.id),
      },
    },
    site: ref('site', 1000 + company.id, 'Main', `company/companies/${company.id}/sites`),
    siteName: 'Main',
    addressLine1: '100 Main Street',
    city: 'Denver',
    stateIdentifier: 'CO',
    zip: '80202',
    country: ref('country', 1, 'United States', 'company/countries'),
    contact: ref('contact', 300 + (i % 50), 'Dana Scully', 'company/contacts'),
    contactName: 'Dana Scully',
    contactPhoneNumber: '3035550100',
    contactEmailAddress: 'dana.scully@example.com',
    type: ref('type', alerts ? 7 : 5, alerts ? 'Alert' : 'Incident', 'service/boards/1/types'),
    subType: ref('subType', 12, 'Email', 'service/boards/1/subtypes'),
    team: ref('team', 25, 'Tier 1', 'service/boards/1/teams'),
    owner: { ...owner, _info: { member_href: href(`system/members/${owner.id}`) } },
    priority: {
      ...priority,
      _info: {
        priority_href: href(`service/priorities/${priority.id}`),
        image_href: href(`service/priorities/${priority.id}/image?lm=2024-01-01T00:00:00Z`),
      },
    },
    serviceLocation: ref('location', 2, 'Remote', 'service/locations'),
    source: ref('source', 2, 'Email', 'service/sources'),
    severity: 'Medium',
    impact: 'Medium',
    allowAllClientsPortalView: false,
    customerUpdatedFlag: false,
    automaticEmailContactFlag: true,
    automaticEmailResourceFlag: true,
    automaticEmailCcFlag: false,
    closedFlag: closed,
    approved: true,
    subBillingMethod: 'ActualRates',
    resources: `${owner.identifier}, ${MEMBERS[(i + 1) % MEMBERS.length]!.identifier}`,
    budgetHours: 1.5,
    actualHours: closed ? 0.75 : 0,
    hasChildTicket: false,
    hasMergedChildTicketFlag: false,
    billTime: 'Billable',
    billExpenses: 'Billable',
    billProducts: 'Billable',
    location: ref('location', 1, 'Head Office', 'system/locations'),
    department: { id: 10, identifier: 'Services', name: 'Services', _info: {} },
    mobileGuid: guid(id),
    sla: ref('sla', 1, 'Standard SLA', 'service/SLAs'),
    slaStatus: closed ? 'Resolved' : `Respond by ${cwTime(entered + 4 * HOUR)}`,
    requestForChangeFlag: false,
    currency: { id: 7, symbol: '$', currencyCode: 'USD', name: 'US Dollars', _info: {} },
    escalationStartDateUTC: cwTime(entered),
    escalationLevel: 0,
    minutesBeforeWaiting: 0,
    respondedSkippedMinutes: 0,
    resplanSkippedMinutes: 0,
    respondMinutes: responded ? respondMinutes : 0,
    resPlanMinutes: 0,
    resolveMinutes: closed ? 180 : 0,
    isInSla: true,
    customFields: [
      {
        id: 3,
        caption: 'Root Cause',
        type: 'Text',
        entryMethod: 'EntryField',
        numberOfDecimals: 0,
      },
      {
        id: 4,
        caption: 'Billable Review',
        type: 'Checkbox',
        entryMethod: 'EntryField',
        numberOfDecimals: 0,
        value: i % 2 === 0,
      },
    ],
    _info: {
      lastUpdated: cwTime(entered + 4 * HOUR + MINUTE),
      updatedBy: owner.identifier,
      dateEntered: cwTime(entered),
      enteredBy: 'Email Connector',
      activities_href: href(`sales/activities?conditions=ticket/id=${id}`),
      scheduleentries_href: href(`schedule/entries?conditions=type/id='S' AND objectId=${id}`),
      documents_href: href(`system/documents?recordType=Ticket&recordId=${id}`),
      configurations_href: href(`service/tickets/${id}/configurations`),
      tasks_href: href(`service/tickets/${id}/tasks`),
      notes_href: href(`service/tickets/${id}/notes`),
      products_href: href(
        `procurement/products?conditions=chargeToType='Ticket' AND chargeToId=${id}`,
      ),
      timeentries_href: href(
        `time/entries?conditions=(chargeToType='ServiceTicket' OR chargeToType='ProjectTicket') AND chargeToId=${id}`,
      ),
      expenseEntries_href: href(
        `expense/entries?conditions=(chargeToType='ServiceTicket' OR chargeToType='ProjectTicket') AND chargeToId=${id}`,
      ),
    },
  }
  if (responded) ticket['dateResponded'] = cwTime(entered + respondMinutes * MINUTE)
  if (closed) {
    ticket['dateResolved'] = cwTime(entered + 3 * HOUR)
    ticket['closedDate'] = cwTime(entered + 4 * HOUR)
    ticket['closedBy'] = owner.identifier
  }
  return applyOverrides(ticket, overrides)
}

function applyOverrides(
  ticket: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete ticket[key]
    } else if (key === '_info' && isObject(value) && isObject(ticket['_info'])) {
      ticket['_info'] = applyOverrides({ ...ticket['_info'] }, value)
    } else {
      ticket[key] = value
    }
  }
  return ticket
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function guid(n: number): string {
  const hex = n.toString(16).padStart(12, '0')
  return `5f3c2a1e-7b4d-4c8e-9a6f-${hex}`
}
