import { HttpResponse, delay, http } from 'msw'
import { setupServer } from 'msw/node'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ConnectorConfigError } from '../../../src/connectors/connector.js'
import { createConnectWiseConnector } from '../../../src/connectors/connectwise/connectwise-connector.js'
import { CW_EPOCH, cwTime, makeConnectWiseTicket } from './connectwise-tickets.js'
import { RawJson, rawJsonText } from '../../../src/records/raw-json.js'
import {
  CW_API,
  CW_BASIC,
  CW_CLIENT_ID,
  CW_ENV,
  connectWiseIntegration,
  connectWiseTenant,
} from './connectwise-tenant.js'
import type { SyncOptions, SyncPage } from '../../../src/connectors/connector.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const FAST = { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 200 }
const log = pino({ level: 'silent' })
const NOW = CW_EPOCH + 30 * 24 * HOUR
const first: SyncOptions = { cursors: new Map(), since: CW_EPOCH - 24 * HOUR, now: NOW }

function connectorFor(settings: Record<string, unknown> = {}) {
  return createConnectWiseConnector(connectWiseIntegration({ pageSize: 3, ...settings }), {
    env: CW_ENV,
    log,
    http: FAST,
  })
}

async function collect(pages: AsyncIterable<SyncPage>): Promise<SyncPage[]> {
  const all: SyncPage[] = []
  for await (const page of pages) all.push(page)
  return all
}

/** The ticket ids of a page, in order. */
const ticketIds = (page: SyncPage) =>
  page.records.flatMap((record) => (record.kind === 'ticket' ? [record.externalId] : []))

const ticketRequests = (tenant: ReturnType<typeof connectWiseTenant>) =>
  tenant.requests.filter((request) => request.url.pathname.endsWith('/service/tickets'))

describe('ConnectWise tickets sync', () => {
  it('reads every page by its Link header with Basic auth and clientId, and normalises tickets', async () => {
    const tenant = connectWiseTenant({
      tickets: Array.from({ length: 8 }, (_, i) => makeConnectWiseTicket(i)),
    })
    server.use(...tenant.handlers)
    const pages = await collect(connectorFor({ codebase: 'v2025_1' }).sync(first))

    // Company 252 (Initech) is not mapped: tickets 2 and 5 are skipped, the rest stored.
    expect(pages.map((page) => ticketIds(page))).toEqual([
      ['10000', '10001'],
      ['10003', '10004'],
      ['10006', '10007'],
    ])
    expect(pages.map((page) => page.progress)).toEqual([
      { done: 3, total: 8 },
      { done: 6, total: 8 },
      { done: 8, total: 8 },
    ])
    expect(pages.map((page) => page.cursor)).toEqual(
      [2, 5, 7].map((i) => new Date(CW_EPOCH + i * MINUTE + 4 * HOUR + MINUTE).toISOString()),
    )
    expect(pages[0]!.records[0]).toEqual({
      kind: 'ticket',
      externalId: '10000',
      organisationId: 'acme',
      board: 'Service Desk',
      priority: 'Priority 1 - Emergency Response',
      type: 'Incident',
      summary: 'Outlook keeps asking for password #0',
      status: '>Closed',
      assignee: 'kmorgan',
      createdAt: CW_EPOCH,
      firstResponseAt: CW_EPOCH + 5 * MINUTE,
      resolvedAt: CW_EPOCH + 3 * HOUR,
      closedAt: CW_EPOCH + 4 * HOUR,
      raw: expect.any(RawJson),
    })
    // The ticket is kept as the text ConnectWise sent, not re-serialised.
    expect(JSON.parse(rawJsonText(pages[0]!.records[0]!.raw))).toEqual(makeConnectWiseTicket(0))
    expect(pages[0]!.records[1]).toMatchObject({ externalId: '10001', organisationId: 'globex' })

    const reads = ticketRequests(tenant)
    expect(reads.map((request) => request.url.searchParams.get('page'))).toEqual(['1', '2', '3'])
    for (const request of tenant.requests) {
      expect(request.headers.get('authorization')).toBe(CW_BASIC)
      expect(request.headers.get('clientid')).toBe(CW_CLIENT_ID)
    }
    expect(reads[0]!.url.pathname).toBe('/v2025_1/apis/3.0/service/tickets')
    expect(Object.fromEntries(reads[0]!.url.searchParams)).toEqual({
      conditions: `lastUpdated>=[${cwTime(first.since)}]`,
      orderBy: 'lastUpdated asc, id asc',
      pageSize: '3',
      page: '1',
    })
  })

  it('finds the codebase from company info when the score gives none', async () => {
    const tenant = connectWiseTenant({ tickets: [makeConnectWiseTicket(0)] })
    server.use(...tenant.handlers)
    const connector = connectorFor()
    await collect(connector.sync(first))
    await collect(connector.sync(first))
    const paths = tenant.requests.map((request) => request.url.pathname)
    expect(paths.filter((path) => path === '/login/companyinfo/baton')).toHaveLength(1)
    expect(paths).toContain('/v2025_1/apis/3.0/service/tickets')
  })

  it('starts an incremental sync at the cursor minus the overlap, on the chosen boards', async () => {
    const tenant = connectWiseTenant({
      tickets: Array.from({ length: 10 }, (_, i) => makeConnectWiseTicket(i)),
    })
    server.use(...tenant.handlers)
    const cursor = cwTime(CW_EPOCH + 6 * MINUTE + 4 * HOUR + MINUTE)
    const connector = connectorFor({
      overlap: '2m',
      boards: ['Service Desk'],
      conditions: 'recordType="ServiceTicket"',
    })
    const pages = await collect(
      connector.sync({ ...first, cursors: new Map([['tickets', cursor]]) }),
    )
    expect(ticketRequests(tenant)[0]!.url.searchParams.get('conditions')).toBe(
      `lastUpdated>=[${cwTime(CW_EPOCH + 4 * MINUTE + 4 * HOUR + MINUTE)}] and ` +
        'board/name in ("Service Desk") and (recordType="ServiceTicket")',
    )
    // From ticket 4 on, Service Desk only (9 is on Alerts), companies 250 and 251 only.
    expect(pages.flatMap((page) => ticketIds(page))).toEqual(['10006', '10007'])
    // The cursor follows every ticket read, stored or skipped: ticket 8 is Initech's.
    expect(pages.at(-1)!.cursor).toBe(
      new Date(CW_EPOCH + 8 * MINUTE + 4 * HOUR + MINUTE).toISOString(),
    )
  })

  it('never moves the cursor back, nor past the start of the sync', async () => {
    const tenant = connectWiseTenant({
      tickets: [makeConnectWiseTicket(0), makeConnectWiseTicket(1)],
    })
    server.use(...tenant.handlers)
    const later = new Date(CW_EPOCH + 10 * HOUR).toISOString()
    const again = await collect(
      connectorFor().sync({ ...first, cursors: new Map([['tickets', later]]), since: 0 }),
    )
    expect(again.at(-1)!.cursor).toBe(later)
    const early = await collect(connectorFor().sync({ ...first, now: CW_EPOCH + HOUR }))
    expect(early.at(-1)!.cursor).toBe(new Date(CW_EPOCH + HOUR).toISOString())
  })

  it('skips unmapped companies, maps by identifier, and tolerates omitted and odd fields', async () => {
    const tenant = connectWiseTenant({
      tickets: [
        makeConnectWiseTicket(0, {
          company: { id: 999, identifier: 'Globex', name: 'Globex Inc.' },
          priority: undefined,
          owner: undefined,
          resources: ' , jpatel',
          type: 'Incident',
          status: { id: 17, name: 42 },
          summary: undefined,
          closedFlag: 'yes',
          teamLead: { unexpected: true },
        }),
        makeConnectWiseTicket(1, { company: undefined }),
        makeConnectWiseTicket(3, { company: { id: '250' }, dateResponded: undefined }),
      ],
    })
    server.use(...tenant.handlers)
    const [page] = await collect(connectorFor().sync(first))
    expect(page!.quarantined).toEqual([])
    expect(page!.records).toMatchObject([
      {
        externalId: '10000',
        organisationId: 'globex',
        priority: null,
        assignee: 'jpatel',
        type: null,
        status: null,
        summary: null,
        closedAt: null,
      },
      { externalId: '10003', organisationId: 'acme', firstResponseAt: null },
    ])
  })

  it('quarantines tickets it cannot read, naming the field, and carries on', async () => {
    const tenant = connectWiseTenant({
      tickets: [
        makeConnectWiseTicket(0, { _info: { dateEntered: undefined } }),
        makeConnectWiseTicket(1, { dateResponded: 'last Tuesday' }),
        makeConnectWiseTicket(3, { id: 'T-3' }),
        makeConnectWiseTicket(4, { dateResponded: '0001-01-01T00:00:00Z' }),
      ],
    })
    server.use(...tenant.handlers)
    const [page] = await collect(connectorFor({ pageSize: 10 }).sync(first))
    expect(page!.quarantined.map(({ naturalKey, reason }) => ({ naturalKey, reason }))).toEqual([
      { naturalKey: '10000', reason: '_info.dateEntered is missing' },
      { naturalKey: '10001', reason: 'dateResponded: not a time: "last Tuesday"' },
      {
        naturalKey: expect.stringMatching(/^sha256:/),
        reason: 'id: (record): expected a numeric id',
      },
    ])
    expect(JSON.parse(rawJsonText(page!.quarantined[0]!.raw))).toEqual(
      JSON.parse(JSON.stringify(makeConnectWiseTicket(0, { _info: { dateEntered: undefined } }))),
    )
    // A sentinel date is no date: the ticket is stored as not yet responded to.
    expect(page!.records).toMatchObject([{ externalId: '10004', firstResponseAt: null }])
  })

  it('holds the cursor until the last page when tickets come back out of order', async () => {
    const tickets = [0, 3, 1, 4, 2].map((i) => makeConnectWiseTicket(i * 4))
    const tenant = connectWiseTenant({ tickets, ignoreOrder: true })
    server.use(...tenant.handlers)
    const pages = await collect(connectorFor({ pageSize: 2 }).sync(first))
    expect(pages.map((page) => page.cursor)).toEqual([
      new Date(CW_EPOCH + 12 * MINUTE + 4 * HOUR + MINUTE).toISOString(),
      undefined,
      new Date(CW_EPOCH + 16 * MINUTE + 4 * HOUR + MINUTE).toISOString(),
    ])
  })
})

describe('ConnectWise faults', () => {
  const tickets = () => Array.from({ length: 4 }, (_, i) => makeConnectWiseTicket(i * 3))
  const ticketsUrl = `${CW_API}/service/tickets`

  it('waits out 429s with and without Retry-After and 500s, and counts the retries', async () => {
    const tenant = connectWiseTenant({ tickets: tickets() })
    const faults = [
      () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '0' } }),
      () => HttpResponse.json({ message: 'Too Many Requests' }, { status: 429 }),
      () => HttpResponse.json({ code: 'InternalError' }, { status: 500 }),
    ]
    server.use(
      ...faults.map((fault) => http.get(ticketsUrl, fault, { once: true })),
      ...tenant.handlers,
    )
    const connector = connectorFor()
    const pages = await collect(connector.sync(first))
    expect(pages.flatMap((page) => page.records)).toHaveLength(4)
    expect(connector.stats).toEqual({ requests: 3 + 2 + 2, retries: 3 })
  })

  it('quarantines a ticket that is not valid JSON in an otherwise good page, keeping its text', async () => {
    const broken = '{"id": 10001, "summary": tru}'
    const body = `[${JSON.stringify(makeConnectWiseTicket(0))}, ${broken}, ${JSON.stringify(makeConnectWiseTicket(3))}]`
    server.use(
      http.get(
        ticketsUrl,
        () => new HttpResponse(body, { headers: { 'Content-Type': 'application/json' } }),
        { once: true },
      ),
      ...connectWiseTenant({ tickets: [] }).handlers,
    )
    const [page] = await collect(connectorFor().sync(first))
    expect(ticketIds(page!)).toEqual(['10000', '10003'])
    expect(page!.quarantined).toEqual([
      {
        kind: 'ticket',
        naturalKey: expect.stringMatching(/^sha256:/),
        reason: expect.stringMatching(/^not valid JSON: /),
        raw: broken,
      },
    ])
  })

  it('retries a page that timed out or came back as broken JSON', async () => {
    const tenant = connectWiseTenant({ tickets: tickets() })
    server.use(
      http.get(
        ticketsUrl,
        async () => {
          await delay(400)
          return HttpResponse.json([])
        },
        { once: true },
      ),
      http.get(
        ticketsUrl,
        () =>
          new HttpResponse('[{"id": 10000, "summ', {
            headers: { 'Content-Type': 'application/json' },
          }),
        { once: true },
      ),
      ...tenant.handlers,
    )
    const connector = connectorFor()
    const pages = await collect(connector.sync(first))
    expect(pages.flatMap((page) => ticketIds(page))).toEqual(['10000', '10003', '10006', '10009'])
    expect(connector.stats.retries).toBe(2)
  })

  it('fails with an error naming the request once retries are spent, after the pages before', async () => {
    const tenant = connectWiseTenant({ tickets: tickets() })
    server.use(
      http.get(ticketsUrl, ({ request }) =>
        new URL(request.url).searchParams.get('page') === '2'
          ? HttpResponse.json({ code: 'InternalError' }, { status: 503 })
          : undefined,
      ),
      ...tenant.handlers,
    )
    const seen: SyncPage[] = []
    const run = async () => {
      for await (const page of connectorFor({}).sync(first)) seen.push(page)
    }
    await expect(run()).rejects.toThrow(
      /connectwise: GET https:\/\/.*page=2.*: 503 .*after 6 attempts/,
    )
    expect(seen).toHaveLength(1)
  })

  it('fails on keys ConnectWise refuses, saying 401', async () => {
    const tenant = connectWiseTenant({ tickets: tickets() })
    server.use(...tenant.handlers)
    const connector = createConnectWiseConnector(connectWiseIntegration({ codebase: 'v2025_1' }), {
      env: { ...CW_ENV, CW_PRIVATE_KEY: 'wrong' },
      log,
      http: FAST,
    })
    await expect(collect(connector.sync(first))).rejects.toThrow(/401 Unauthorized/)
  })

  it('refuses a next-page link to another host', async () => {
    server.use(
      http.get(`${CW_API}/service/tickets/count`, () => HttpResponse.json({ count: 2 })),
      http.get(`${CW_API}/service/tickets`, () =>
        HttpResponse.json([makeConnectWiseTicket(0)], {
          headers: { Link: '<https://evil.example.com/service/tickets?page=2>; rel="next"' },
        }),
      ),
    )
    await expect(collect(connectorFor({ codebase: 'v2025_1' }).sync(first))).rejects.toThrow(
      'the next page is on https://evil.example.com',
    )
  })

  it('rejects a page that is not a list of tickets', async () => {
    server.use(
      http.get(`${CW_API}/service/tickets/count`, () => HttpResponse.json({ count: 2 })),
      http.get(`${CW_API}/service/tickets`, () => HttpResponse.json({ tickets: [] })),
    )
    await expect(collect(connectorFor({ codebase: 'v2025_1' }).sync(first))).rejects.toThrow(
      'expected a JSON array of tickets',
    )
  })
})

describe('ConnectWise settings', () => {
  const create =
    (settings: Record<string, unknown>, env: NodeJS.ProcessEnv = CW_ENV) =>
    () =>
      createConnectWiseConnector(connectWiseIntegration(settings), { env, log })

  it.each([
    [{ host: undefined }, CW_ENV, 'settings.host: either host'],
    [{ host: 'https://api-na.myconnectwise.net' }, CW_ENV, 'settings.host: expected a host name'],
    [{ pageSize: 5000 }, CW_ENV, 'settings.pageSize'],
    [{ publicKey: 'Pub1icKey' }, CW_ENV, 'settings.publicKey'],
    [
      { boards: ['Say "hi"'] },
      CW_ENV,
      'settings.boards.0: a board name cannot hold a double quote',
    ],
    [
      {},
      { CW_PUBLIC_KEY: 'x' },
      'settings.privateKey: environment variable CW_PRIVATE_KEY is not set',
    ],
  ])('rejects %j before any request', (settings, env, message) => {
    const tenant = connectWiseTenant()
    server.use(...tenant.handlers)
    expect(create(settings, env)).toThrow(ConnectorConfigError)
    expect(create(settings, env)).toThrow(message)
    expect(tenant.requests).toEqual([])
  })

  it('accepts a full base URL for an on-premises server', async () => {
    const base = 'https://cw.example.com/v4_6_release/apis/3.0'
    server.use(
      http.get(`${base}/service/tickets/count`, () => HttpResponse.json({ count: 1 })),
      http.get(`${base}/service/tickets`, () => HttpResponse.json([makeConnectWiseTicket(0)])),
    )
    const pages = await collect(connectorFor({ host: undefined, baseUrl: `${base}/` }).sync(first))
    expect(pages[0]!.records).toHaveLength(1)
  })
})
