import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { API, API_USER, GLOBEX, autotaskTicket, ticketsActiveByTheMinute } from './autotask-data.js'
import {
  NOW,
  SINCE,
  allPages,
  createTestConnector,
  externalIds,
  syncOptions,
} from './autotask-setup.js'
import { FakeAutotask } from './fake-autotask.js'
import type { TicketRecord } from '../../../src/records/types.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const MINUTE = 60_000

let vendor: FakeAutotask
beforeEach(() => {
  vendor = new FakeAutotask(ticketsActiveByTheMinute(7))
  server.use(...vendor.handlers())
})

describe('the Autotask tickets stream', () => {
  it('reads every page by POSTing the same body to nextPageUrl, with the API user on each call', async () => {
    const connector = createTestConnector({ pageSize: 3 })
    const pages = await allPages(connector, syncOptions())

    expect(pages.map((page) => page.records.length)).toEqual([3, 3, 1])
    expect(externalIds(pages)).toEqual(['101', '102', '103', '104', '105', '106', '107'])
    const queries = [
      ...vendor.requestsTo('Tickets/query', 'POST'),
      ...vendor.requestsTo('Tickets/query/next', 'POST'),
    ]
    expect(queries).toHaveLength(3)
    expect(vendor.requestsTo('Tickets/query/next', 'GET')).toEqual([])
    const [first, ...rest] = queries.map((request) => request.body)
    expect(first).toEqual({
      MaxRecords: 3,
      filter: [{ op: 'gte', field: 'lastActivityDate', value: '2026-11-01T00:00:00.000Z' }],
    })
    for (const body of rest) expect(body).toEqual(first)
    for (const request of vendor.seen.filter((seen) => seen.url.startsWith(API))) {
      expect(request.headers).toMatchObject({
        apiintegrationcode: API_USER.integrationCode,
        username: API_USER.username,
        secret: API_USER.secret,
      })
    }
    // The zone lookup carries no credentials.
    const [lookup] = vendor.requestsTo('zoneInformation')
    expect(new URL(lookup!.url).searchParams.get('user')).toBe(API_USER.username)
    expect(lookup!.headers).not.toHaveProperty('secret')
    expect(pages.map((page) => page.progress)).toEqual([
      { done: 3, total: 7 },
      { done: 6, total: 7 },
      { done: 7, total: 7 },
    ])
    expect(connector.stats).toEqual({ requests: 6, retries: 0 })
  })

  it("turns picklist values into the tenant's labels, with 'unknown' for values it does not list", async () => {
    vendor.tickets = [
      autotaskTicket(1, {
        status: 13,
        priority: 4,
        queueID: 29_683_354,
        issueType: 4,
        assignedResourceID: 29_682_885,
        title: 'Backup failed on FS01',
        firstResponseDateTime: '2026-11-20T09:12:30.25Z',
        resolvedDateTime: '2026-11-20T11:00:00.407Z',
        completedDate: '2026-11-20T11:05:00Z',
      }),
      autotaskTicket(2, {
        status: 99,
        priority: 7,
        queueID: null,
        issueType: null,
        ticketType: 5,
        assignedResourceID: null,
      }),
    ]
    const [page] = await allPages(createTestConnector(), syncOptions())
    const [first, second] = page!.records as TicketRecord[]
    expect(first).toMatchObject({
      externalId: '1',
      organisationId: 'acme',
      board: 'Monitoring Alert',
      priority: 'Critical',
      type: 'Software',
      summary: 'Backup failed on FS01',
      status: 'Waiting Vendor',
      assignee: '29682885',
      createdAt: Date.parse('2026-11-20T09:00:00Z'),
      firstResponseAt: Date.parse('2026-11-20T09:12:30.250Z'),
      resolvedAt: Date.parse('2026-11-20T11:00:00.407Z'),
      closedAt: Date.parse('2026-11-20T11:05:00Z'),
    })
    expect(second).toMatchObject({
      status: 'unknown',
      priority: 'unknown',
      board: null,
      type: 'Alert',
      assignee: null,
      firstResponseAt: null,
    })
    expect(first!.raw).toEqual(vendor.tickets[0])
  })

  it('quarantines what it cannot read with the field at fault, skips other companies, and keeps going', async () => {
    vendor.tickets = [
      autotaskTicket(1, { createDate: null }),
      autotaskTicket(2, { firstResponseDateTime: 'yesterday-ish' }),
      autotaskTicket(3, { companyID: GLOBEX }),
      autotaskTicket(4, { companyID: null }),
      autotaskTicket(5, { priority: { id: 2 } }),
      { ...autotaskTicket(6), id: undefined, ticketNumber: 'T-no-id' },
      autotaskTicket(7, { brandNewField: { nested: true }, userDefinedFields: undefined }),
      // Sent without the fields it has no value for (JSON drops undefined).
      autotaskTicket(8, {
        firstResponseDateTime: undefined,
        completedDate: undefined,
        queueID: undefined,
        assignedResourceID: undefined,
      }),
    ]
    const [page] = await allPages(createTestConnector(), syncOptions())
    expect(externalIds([page!])).toEqual(['7', '8'])
    expect(page!.records[0]).toMatchObject({ raw: { brandNewField: { nested: true } } })
    expect(page!.records[1]).toMatchObject({ board: null, assignee: null, firstResponseAt: null })
    expect(
      page!.quarantined.map(({ kind, naturalKey, reason }) => ({ kind, naturalKey, reason })),
    ).toEqual([
      { kind: 'ticket', naturalKey: '1', reason: 'createDate is missing' },
      {
        kind: 'ticket',
        naturalKey: '2',
        reason: 'firstResponseDateTime: not a time: "yesterday-ish"',
      },
      { kind: 'ticket', naturalKey: '5', reason: expect.stringMatching(/^priority: /) },
      {
        kind: 'ticket',
        naturalKey: expect.stringMatching(/^sha256:/),
        reason: expect.stringMatching(/^id: /),
      },
    ])
    expect(page!.quarantined[3]!.raw).toMatchObject({ ticketNumber: 'T-no-id' })
  })

  it('asks only for the configured queues', async () => {
    vendor.tickets = [
      autotaskTicket(1, { queueID: 5 }),
      autotaskTicket(2, { queueID: 8 }),
      autotaskTicket(3, { queueID: 29_683_354 }),
    ]
    const pages = await allPages(createTestConnector({ queues: [5, 29_683_354] }), syncOptions())
    expect(externalIds(pages)).toEqual(['1', '3'])
    expect(vendor.requestsTo('Tickets/query')[0]!.body).toMatchObject({
      filter: [
        { op: 'gte', field: 'lastActivityDate' },
        { op: 'in', field: 'queueID', value: [5, 29_683_354] },
      ],
    })
  })

  it('uses the configured zone URL without a lookup, whatever its slashes', async () => {
    const connector = createTestConnector({
      zoneUrl: 'https://webservices15.autotask.net//ATServicesRest',
    })
    expect(externalIds(await allPages(connector, syncOptions()))).toHaveLength(7)
    expect(vendor.requestsTo('zoneInformation')).toEqual([])
  })

  it('looks the zone up once for the life of the connector', async () => {
    const connector = createTestConnector()
    await allPages(connector, syncOptions())
    await allPages(connector, syncOptions())
    expect(vendor.requestsTo('zoneInformation')).toHaveLength(1)
    expect(vendor.requestsTo('Tickets/entityInformation/fields')).toHaveLength(2)
  })
})

describe('the Autotask tickets cursor', () => {
  const cursorOf = (text: string | undefined) => JSON.parse(text ?? 'null') as unknown

  it('moves with each page and ends at the latest activity seen', async () => {
    const pages = await allPages(createTestConnector({ pageSize: 3 }), syncOptions())
    expect(pages.map((page) => cursorOf(page.cursor))).toEqual([
      {
        since: '2026-11-01T00:00:00.000Z',
        afterId: 103,
        seen: '2026-11-20T10:02:00.000Z',
        began: new Date(NOW).toISOString(),
      },
      {
        since: '2026-11-01T00:00:00.000Z',
        afterId: 106,
        seen: '2026-11-20T10:05:00.000Z',
        began: new Date(NOW).toISOString(),
      },
      { since: '2026-11-20T10:06:00.000Z' },
    ])
  })

  it('resumes a pass cut short above the last id it committed, losing nothing', async () => {
    const connector = createTestConnector({ pageSize: 3 })
    let committed: string | undefined
    const first: string[] = []
    // The sync dies after storing its first page.
    for await (const page of connector.sync(syncOptions())) {
      first.push(...externalIds([page]))
      committed = page.cursor
      break
    }
    // Meanwhile a ticket already passed changes, and a new one arrives.
    vendor.tickets[0] = { ...vendor.tickets[0], lastActivityDate: '2026-11-24T12:30:00.33Z' }
    vendor.tickets.push(autotaskTicket(108, { lastActivityDate: '2026-11-24T12:31:00Z' }))

    const resumed = await allPages(connector, syncOptions(committed, NOW + 60 * MINUTE))
    const lastQuery = vendor.requestsTo('Tickets/query').at(-1)!
    expect(lastQuery.body).toEqual({
      MaxRecords: 3,
      filter: [
        { op: 'gte', field: 'lastActivityDate', value: '2026-11-01T00:00:00.000Z' },
        { op: 'gt', field: 'id', value: 103 },
      ],
    })
    expect([...first, ...externalIds(resumed)]).toEqual([
      '101',
      '102',
      '103',
      '104',
      '105',
      '106',
      '107',
      '108',
    ])
    // The pass began before ticket 101 changed, so the next pass reaches back to it.
    const next = await allPages(connector, syncOptions(resumed.at(-1)!.cursor, NOW + 70 * MINUTE))
    expect(externalIds(next)).toEqual(['101', '108'])
  })

  it('starts an incremental pass the overlap before its watermark', async () => {
    const cursor = JSON.stringify({ since: '2026-11-20T10:04:00.000Z' })
    const pages = await allPages(createTestConnector({ overlap: '3m' }), syncOptions(cursor))
    expect(vendor.requestsTo('Tickets/query')[0]!.body).toMatchObject({
      filter: [{ op: 'gte', field: 'lastActivityDate', value: '2026-11-20T10:01:00.000Z' }],
    })
    expect(externalIds(pages)).toEqual(['102', '103', '104', '105', '106', '107'])
  })

  it('keeps its watermark when nothing changed', async () => {
    const cursor = JSON.stringify({ since: '2026-11-23T00:00:00.000Z' })
    const pages = await allPages(createTestConnector(), syncOptions(cursor))
    expect(pages).toMatchObject([{ records: [], cursor, progress: { done: 0, total: 0 } }])
  })

  it('starts over at since when the stored cursor cannot be read', async () => {
    const pages = await allPages(createTestConnector(), syncOptions('not json'))
    expect(vendor.requestsTo('Tickets/query')[0]!.body).toMatchObject({
      filter: [{ op: 'gte', field: 'lastActivityDate', value: new Date(SINCE).toISOString() }],
    })
    expect(externalIds(pages)).toHaveLength(7)
  })
})
