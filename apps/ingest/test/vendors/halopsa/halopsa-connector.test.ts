import { HttpResponse, delay, http } from 'msw'
import { setupServer } from 'msw/node'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConnectorConfigError } from '../../../src/connectors/connector.js'
import { createHaloConnector } from '../../../src/connectors/halopsa/halopsa-connector.js'
import { HALO_EMPTY_DATE, HALO_EPOCH, haloLocal, makeHaloTicket } from './halopsa-tickets.js'
import {
  HALO_API,
  HALO_BASE,
  HALO_CLIENT_ID,
  HALO_ENV,
  haloIntegration,
  haloTenant,
} from './halopsa-tenant.js'
import type { SyncOptions, SyncPage } from '../../../src/connectors/connector.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const FAST = { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 200 }
const log = pino({ level: 'silent' })
const first: SyncOptions = {
  cursors: new Map(),
  since: HALO_EPOCH - 24 * HOUR,
  now: HALO_EPOCH + 30 * 24 * HOUR,
}

const connectorFor = (settings: Record<string, unknown> = {}, env = HALO_ENV) =>
  createHaloConnector(haloIntegration({ pageSize: 3, ...settings }), { env, log, http: FAST })

async function collect(pages: AsyncIterable<SyncPage>): Promise<SyncPage[]> {
  const all: SyncPage[] = []
  for await (const page of pages) all.push(page)
  return all
}

const ticketIds = (page: SyncPage) =>
  page.records.flatMap((record) => (record.kind === 'ticket' ? [record.externalId] : []))

const lastUpdate = (i: number) => new Date(HALO_EPOCH + i * MINUTE + 4 * HOUR + MINUTE)

describe('HaloPSA tickets sync', () => {
  it('pages by page_no to record_count with one client-credentials token, naming ids', async () => {
    const tenant = haloTenant({ tickets: Array.from({ length: 8 }, (_, i) => makeHaloTicket(i)) })
    server.use(...tenant.handlers)
    const pages = await collect(connectorFor({ tenant: 'acme' }).sync(first))

    // Client 14 (Initech) is not mapped: tickets 2 and 5 are skipped.
    expect(pages.map(ticketIds)).toEqual([
      ['2000', '2001'],
      ['2003', '2004'],
      ['2006', '2007'],
    ])
    expect(pages.map((page) => page.progress)).toEqual([
      { done: 3, total: 8 },
      { done: 6, total: 8 },
      { done: 8, total: 8 },
    ])
    expect(pages.map((page) => page.cursor)).toEqual(
      [2, 5, 7].map((i) => lastUpdate(i).toISOString()),
    )
    expect(pages[0]!.records[0]).toEqual({
      kind: 'ticket',
      externalId: '2000',
      organisationId: 'acme',
      board: 'Service Desk',
      priority: 'Critical',
      type: 'Incident',
      summary: 'Cannot print to the office printer (0)',
      status: 'Closed',
      assignee: '4',
      createdAt: HALO_EPOCH,
      firstResponseAt: HALO_EPOCH + 4 * MINUTE,
      resolvedAt: HALO_EPOCH + 3 * HOUR,
      closedAt: HALO_EPOCH + 3 * HOUR,
      raw: makeHaloTicket(0),
    })
    // Seven fraction digits and a Z read the same as the offset-less form.
    expect(pages[0]!.records[1]).toMatchObject({
      organisationId: 'globex',
      createdAt: HALO_EPOCH + MINUTE,
      firstResponseAt: HALO_EPOCH + 6 * MINUTE,
      priority: 'High',
      status: 'In Progress',
    })

    const [token, ...more] = tenant.tokenRequests()
    expect(more).toEqual([])
    expect(token!.url.searchParams.get('tenant')).toBe('acme')
    expect(Object.fromEntries(token!.form!)).toEqual({
      grant_type: 'client_credentials',
      client_id: HALO_CLIENT_ID,
      client_secret: 'halo-client-secret-value',
      scope: 'all',
    })
    const reads = tenant.ticketRequests()
    expect(reads.map((read) => read.url.searchParams.get('page_no'))).toEqual(['1', '2', '3'])
    expect(Object.fromEntries(reads[0]!.url.searchParams)).toEqual({
      pageinate: 'true',
      page_size: '3',
      page_no: '1',
      lastupdatefromdate: haloLocal(first.since),
      order: 'lastupdate',
      orderdesc: 'false',
    })
    for (const request of tenant.requests.filter((r) => r.url.pathname.startsWith('/api/'))) {
      expect(request.headers.get('authorization')).toBe('Bearer halo-token-1')
    }
  })

  it('reads offset-less times in the instance zone, and filters in it', async () => {
    const zone = 'America/Denver'
    const tenant = haloTenant({
      zone,
      tickets: [0, 3].map((i) => makeHaloTicket(i, {}, { zone })),
    })
    server.use(...tenant.handlers)
    const cursor = lastUpdate(0).toISOString()
    const pages = await collect(
      connectorFor({ zone, overlap: '0m' }).sync({
        ...first,
        cursors: new Map([['tickets', cursor]]),
      }),
    )
    expect(tenant.ticketRequests()[0]!.url.searchParams.get('lastupdatefromdate')).toBe(
      haloLocal(lastUpdate(0).getTime(), zone),
    )
    expect(pages[0]!.records).toMatchObject([
      { externalId: '2000', createdAt: HALO_EPOCH, firstResponseAt: HALO_EPOCH + 4 * MINUTE },
      { externalId: '2003', createdAt: HALO_EPOCH + 3 * MINUTE },
    ])
  })

  it('reads on when Halo caps the page size, and stops at an empty page', async () => {
    const tenant = haloTenant({
      maxPageSize: 2,
      tickets: Array.from({ length: 5 }, (_, i) => makeHaloTicket(i * 3)),
    })
    server.use(...tenant.handlers)
    const capped = await collect(connectorFor({ pageSize: 4 }).sync(first))
    expect(capped.map((page) => page.progress)).toEqual([
      { done: 2, total: 5 },
      { done: 4, total: 5 },
      { done: 5, total: 5 },
    ])

    server.use(
      http.get(`${HALO_API}/Tickets`, () =>
        HttpResponse.json({ page_no: 2, page_size: 4, record_count: 9, tickets: [] }),
      ),
    )
    const pages = await collect(connectorFor({ pageSize: 4 }).sync(first))
    expect(pages.at(-1)).toMatchObject({ records: [], progress: { done: 0, total: 9 } })
  })

  it('names unknown ids, keeps ids without lookups, and reads Halo sentinels as none', async () => {
    const tenant = haloTenant({
      tickets: [
        makeHaloTicket(0, { status_id: 77, priority_id: null, tickettype_id: '3' }),
        makeHaloTicket(3, {
          agent_id: 1,
          responsedate: HALO_EMPTY_DATE,
          dateclosed: HALO_EMPTY_DATE,
          hasbeenclosed: true,
          team: undefined,
          unexpected: { nested: [1, 2] },
        }),
        makeHaloTicket(6, { hasbeenclosed: false, dateclosed: haloLocal(HALO_EPOCH) }),
      ],
    })
    server.use(...tenant.handlers)
    const [page] = await collect(connectorFor({ pageSize: 10 }).sync(first))
    expect(page!.records).toMatchObject([
      { status: 'unknown', priority: null, type: 'Service Request' },
      { assignee: null, firstResponseAt: null, closedAt: null, board: null },
      { closedAt: null, resolvedAt: null },
    ])

    const [withIds] = await collect(connectorFor({ pageSize: 10, labels: false }).sync(first))
    expect(withIds!.records[0]).toMatchObject({ status: '77', type: '3' })
    const lookups = tenant.requests.filter((r) =>
      /\/api\/(Status|Priority|TicketType)$/.test(r.url.pathname),
    )
    expect(lookups).toHaveLength(3)
  })

  it('quarantines a ticket without an opening time or id, naming the field', async () => {
    const tenant = haloTenant({
      tickets: [
        makeHaloTicket(0, { dateoccurred: undefined }),
        makeHaloTicket(3, { dateoccurred: HALO_EMPTY_DATE, datecreated: undefined }),
        makeHaloTicket(6, { responsedate: '31/12/2026' }),
        makeHaloTicket(9, { id: undefined }),
        makeHaloTicket(12),
      ],
    })
    server.use(...tenant.handlers)
    const [page] = await collect(connectorFor({ pageSize: 10 }).sync(first))
    expect(page!.quarantined.map(({ naturalKey, reason }) => ({ naturalKey, reason }))).toEqual([
      { naturalKey: '2000', reason: 'dateoccurred is missing' },
      { naturalKey: '2003', reason: 'dateoccurred is missing' },
      { naturalKey: '2006', reason: 'responsedate: not a time: "31/12/2026"' },
      { naturalKey: expect.stringMatching(/^sha256:/), reason: 'id: (record): Invalid input' },
    ])
    expect(page!.records.map((record) => record.kind === 'ticket' && record.externalId)).toEqual([
      '2012',
    ])
  })
})

describe('HaloPSA faults', () => {
  const tickets = () => Array.from({ length: 4 }, (_, i) => makeHaloTicket(i * 3))
  const ticketsUrl = `${HALO_API}/Tickets`

  it('fetches a new token once after a 401, then carries on', async () => {
    const tenant = haloTenant({ tickets: tickets() })
    server.use(...tenant.handlers)
    const connector = connectorFor()
    const pages: SyncPage[] = []
    for await (const page of connector.sync(first)) {
      pages.push(page)
      tenant.revokeTokens()
    }
    expect(pages.flatMap(ticketIds)).toEqual(['2000', '2003', '2006', '2009'])
    expect(tenant.tokenRequests()).toHaveLength(2)
    expect(tenant.ticketRequests().map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer halo-token-1',
      'Bearer halo-token-1',
      'Bearer halo-token-2',
    ])
  })

  it('fails, naming the token request, when Halo refuses the client secret', async () => {
    const tenant = haloTenant({ tickets: tickets() })
    server.use(...tenant.handlers)
    const connector = connectorFor({}, { ...HALO_ENV, HALO_SECRET: 'wrong' })
    await expect(collect(connector.sync(first))).rejects.toThrow(
      `halopsa: POST ${HALO_BASE}/auth/token: 401`,
    )
    expect(tenant.ticketRequests()).toEqual([])
  })

  it('waits out 429s with and without Retry-After, 500s, a timeout and broken JSON', async () => {
    const tenant = haloTenant({ tickets: tickets() })
    const faults = [
      () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '0' } }),
      () => HttpResponse.json({ message: 'Rate limit: 500 requests per 300s' }, { status: 429 }),
      () => new HttpResponse('Service Unavailable', { status: 503 }),
      async () => {
        await delay(400)
        return HttpResponse.json({ record_count: 0, tickets: [] })
      },
      () =>
        new HttpResponse('{"record_count": 4, "tick', {
          headers: { 'Content-Type': 'application/json' },
        }),
    ]
    server.use(
      ...faults.map((fault) => http.get(ticketsUrl, fault, { once: true })),
      ...tenant.handlers,
    )
    const connector = connectorFor()
    const pages = await collect(connector.sync(first))
    expect(pages.flatMap(ticketIds)).toEqual(['2000', '2003', '2006', '2009'])
    // A token, three lookups, two pages, and the five failed attempts.
    expect(connector.stats).toEqual({ requests: 1 + 3 + 2 + 5, retries: 5 })
  })

  it('fails when a lookup keeps failing, rather than store tickets without their names', async () => {
    const tenant = haloTenant({ tickets: tickets() })
    server.use(
      http.get(`${HALO_API}/Priority`, () => new HttpResponse(null, { status: 403 })),
      ...tenant.handlers,
    )
    await expect(collect(connectorFor().sync(first))).rejects.toThrow('halopsa: GET /Priority: 403')
    expect(tenant.ticketRequests()).toEqual([])
  })

  it('rejects a page without record_count and tickets', async () => {
    const tenant = haloTenant()
    server.use(
      http.get(ticketsUrl, () => HttpResponse.json([makeHaloTicket(0)])),
      ...tenant.handlers,
    )
    await expect(collect(connectorFor().sync(first))).rejects.toThrow(
      'expected { record_count, tickets }',
    )
  })
})

describe('HaloPSA settings', () => {
  it.each([
    [{ baseUrl: 'acme.halopsa.com' }, HALO_ENV, 'settings.baseUrl'],
    [{ zone: 'Mars/Olympus' }, HALO_ENV, "settings.zone: unknown time zone 'Mars/Olympus'"],
    [{ clientSecret: 'plain' }, HALO_ENV, 'settings.clientSecret'],
    [
      {},
      { HALO_WEBHOOK_SECRET: 'x' },
      'settings.clientSecret: environment variable HALO_SECRET is not set',
    ],
    [
      {},
      { HALO_SECRET: 'x' },
      'settings.webhookSecret: environment variable HALO_WEBHOOK_SECRET is not set',
    ],
  ])('rejects %j before any request', (settings, env, message) => {
    const tenant = haloTenant()
    server.use(...tenant.handlers)
    const create = () => createHaloConnector(haloIntegration(settings), { env, log })
    expect(create).toThrow(ConnectorConfigError)
    expect(create).toThrow(message)
    expect(tenant.requests).toEqual([])
  })

  it('takes an authorisation server of its own and a base URL ending in /api', async () => {
    const tenant = haloTenant({
      tickets: [makeHaloTicket(0)],
      authUrl: 'https://auth.example.com/auth',
    })
    server.use(...tenant.handlers)
    const pages = await collect(
      connectorFor({ baseUrl: `${HALO_API}/`, authUrl: 'https://auth.example.com/auth/' }).sync(
        first,
      ),
    )
    expect(pages[0]!.records).toHaveLength(1)
    expect(tenant.tokenRequests().map((request) => request.url.origin)).toEqual([
      'https://auth.example.com',
    ])
  })
})
