// Sample data in Autotask's real shapes (vendor-apis.md §2): camelCase tickets with explicit
// nulls and a variable number of fractional digits, and the picklists of a tenant.

export const ZONE = {
  zoneName: 'Pre-Release',
  url: 'https://webservices15.autotask.net/ATServicesRest/',
  webUrl: 'https://ww15.autotask.net/',
  ci: 15,
}
export const API = 'https://webservices15.autotask.net/ATServicesRest/V1.0/'
export const ZONE_LOOKUP = 'https://webservices.autotask.net/atservicesrest/v1.0/zoneInformation'

export const API_USER = {
  username: 'baton-api@acme-msp.example',
  secret: 'Sec-r3t*',
  integrationCode: 'TRACKING-ID-42',
}

/** Autotask company ids of the tenant: Acme is in the score, Globex is not. */
export const ACME = 29_684_001
export const GLOBEX = 29_684_002

const picklist = (values: Array<[number, string, boolean?]>) =>
  values.map(([value, label, isActive = true], index) => ({
    value: String(value),
    label,
    isDefaultValue: index === 0,
    sortOrder: index + 1,
    parentValue: '',
    isActive,
    isSystem: value < 10,
  }))

const field = (name: string, values?: Array<[number, string, boolean?]>) => ({
  name,
  dataType: values ? 'integer' : 'string',
  length: 0,
  isRequired: name === 'title',
  isReadOnly: false,
  isQueryable: true,
  isReference: false,
  referenceEntityType: '',
  isPickList: values !== undefined,
  picklistValues: values ? picklist(values) : null,
  picklistParentValueField: '',
  isSupportedWebhookField: true,
})

/** `GET Tickets/entityInformation/fields` of the sample tenant. */
export const TICKET_FIELDS = {
  fields: [
    field('id'),
    field('title'),
    field('status', [
      [1, 'New'],
      [5, 'Complete'],
      [8, 'In Progress'],
      [13, 'Waiting Vendor', false],
    ]),
    field('priority', [
      [1, 'High'],
      [2, 'Medium'],
      [3, 'Low'],
      [4, 'Critical'],
    ]),
    field('queueID', [
      [5, 'Client Portal'],
      [8, 'Level I Support'],
      [29_683_354, 'Monitoring Alert'],
    ]),
    field('issueType', [
      [3, 'Hardware'],
      [4, 'Software'],
    ]),
    field('ticketType', [
      [1, 'Service Request'],
      [2, 'Incident'],
      [5, 'Alert'],
    ]),
  ],
}

/** A ticket as `Tickets/query` returns it; override what a test is about. */
export function autotaskTicket(
  id: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    ticketNumber: `T20261120.${String(id).padStart(4, '0')}`,
    title: `Ticket ${id}`,
    description: null,
    companyID: ACME,
    companyLocationID: 10,
    contactID: null,
    configurationItemID: null,
    contractID: null,
    projectID: null,
    status: 1,
    priority: 2,
    queueID: 8,
    issueType: 3,
    subIssueType: null,
    ticketType: 2,
    ticketCategory: 3,
    source: 4,
    assignedResourceID: 29_682_885,
    assignedResourceRoleID: 29_683_461,
    createDate: '2026-11-20T09:00:00Z',
    creatorResourceID: null,
    creatorType: 1,
    createdByContactID: null,
    dueDateTime: '2026-11-21T09:00:00Z',
    firstResponseDateTime: null,
    firstResponseDueDateTime: '2026-11-20T13:00:00Z',
    firstResponseAssignedResourceID: null,
    firstResponseInitiatingResourceID: null,
    resolutionPlanDateTime: null,
    resolutionPlanDueDateTime: null,
    resolvedDateTime: null,
    resolvedDueDateTime: '2026-11-22T09:00:00Z',
    serviceLevelAgreementID: 1,
    serviceLevelAgreementHasBeenMet: null,
    serviceLevelAgreementPausedNextEventHours: null,
    completedDate: null,
    completedByResourceID: null,
    lastActivityDate: '2026-11-20T09:00:00.2Z',
    lastActivityResourceID: 29_682_885,
    lastActivityPersonType: 1,
    lastCustomerNotificationDateTime: null,
    lastCustomerVisibleActivityDateTime: null,
    lastTrackedModificationDateTime: '2026-11-20T09:00:00Z',
    estimatedHours: 0.5,
    hoursToBeScheduled: 0.0,
    rmmAlertID: null,
    monitorID: null,
    monitorTypeID: null,
    externalID: null,
    apiVendorID: null,
    isAssignedToComanaged: false,
    isVisibleToComanaged: null,
    userDefinedFields: [{ name: 'Customer PO', value: null }],
    ...overrides,
  }
}

/** Tickets 101, 102, ... with their last activity one minute apart from 2026-11-20 10:00. */
export function ticketsActiveByTheMinute(count: number): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, index) =>
    autotaskTicket(101 + index, {
      lastActivityDate: new Date(Date.parse('2026-11-20T10:00:00Z') + index * 60_000)
        .toISOString()
        .replace('.000Z', 'Z'),
    }),
  )
}
