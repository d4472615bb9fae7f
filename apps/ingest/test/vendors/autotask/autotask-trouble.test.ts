import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { VendorHttpError } from '../../../src/connectors/http/vendor-http.js'
import { API, API_USER, ZONE_LOOKUP, ticketsActiveByTheMinute } from './autotask-data.js'
import {
  allPages,
  createTestConnector,
  externalIds,
  signedDelivery,
  syncOptions,
} from './autotask-setup.js'
import { FakeAutotask } from './fake-autotask.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const QUERY = `${API}Tickets/query`

let vendor: FakeAutotask
beforeEach(() => {
  vendor = new FakeAutotask(ticketsActiveByTheMinute(7))
  server.use(...vendor.handlers())
})

describe('the Autotask client under trouble', () => {
  const once = (response: () => Response) => http.post(QUERY, response, { once: true })

  it('fails on a wrong secret with the status, storing nothing', async () => {
    const connector = createTestConnector(
      {},
      {
        AUTOTASK_SECRET: 'wrong',
        AUTOTASK_CODE: API_USER.integrationCode,
        AUTOTASK_HOOK_KEY: 'k',
      },
    )
    const pages: unknown[] = []
    const sync = (async () => {
      for await (const page of connector.sync(syncOptions())) pages.push(page)
    })()
    await expect(sync).rejects.toBeInstanceOf(VendorHttpError)
    await expect(sync).rejects.toThrow(/401/)
    expect(pages).toEqual([])
  })

  it('waits out a 429 with and without Retry-After', async () => {
    server.use(
      once(() => new HttpResponse(null, { status: 429 })),
      once(() => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } })),
    )
    const connector = createTestConnector()
    const started = Date.now()
    expect(externalIds(await allPages(connector, syncOptions()))).toHaveLength(7)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(connector.stats.retries).toBe(2)
  })

  it('retries 500s, a timeout and a truncated body', async () => {
    server.use(
      once(() => HttpResponse.json({ errors: ['Internal error'] }, { status: 500 })),
      http.post(
        QUERY,
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 400))
          return HttpResponse.json({ items: [], pageDetails: null })
        },
        { once: true },
      ),
      once(
        () =>
          new HttpResponse('{"items":[{"id":101,"title":"Print', {
            headers: { 'Content-Type': 'application/json' },
          }),
      ),
    )
    const connector = createTestConnector()
    expect(externalIds(await allPages(connector, syncOptions()))).toHaveLength(7)
    expect(connector.stats.retries).toBe(3)
  })

  it('gives up on a query that keeps failing, naming it', async () => {
    server.use(http.post(QUERY, () => new HttpResponse(null, { status: 503 })))
    const connector = createTestConnector()
    await expect(allPages(connector, syncOptions())).rejects.toThrow(
      /^autotask: POST .*Tickets\/query: 503 Service Unavailable after 6 attempts$/,
    )
  })

  it('reads on without a total when Autotask will not count', async () => {
    server.use(
      http.post(`${QUERY}/count`, () =>
        HttpResponse.json({ errors: ['Count is not supported.'] }, { status: 400 }),
      ),
    )
    const pages = await allPages(createTestConnector({ pageSize: 4 }), syncOptions())
    expect(pages.map((page) => page.progress)).toEqual([{ done: 4 }, { done: 7 }])
  })

  it('fails when the zone lookup does not know the user', async () => {
    server.use(
      http.get(ZONE_LOOKUP, () => HttpResponse.json({ url: null, zoneName: null }), { once: true }),
    )
    await expect(allPages(createTestConnector(), syncOptions())).rejects.toThrow(
      /zone lookup for baton-api@acme-msp.example: unexpected response: url/,
    )
  })

  it('never has more than 3 requests in flight, however many arrive at once', async () => {
    vendor.latencyMs = 30
    const connector = createTestConnector({ pageSize: 2 })
    const deliveries = vendor.tickets.map((ticket) =>
      signedDelivery({ Action: 'Update', Guid: 'g', EntityType: 'Ticket', Id: ticket.id }),
    )
    const [pages] = await Promise.all([
      allPages(connector, syncOptions()),
      ...deliveries.map((delivery) => connector.webhook!(delivery)),
    ])
    expect(externalIds(pages)).toHaveLength(7)
    expect(vendor.requestsTo('Tickets/101', 'GET')).toHaveLength(1)
    expect(vendor.maxInFlight).toBe(3)
  })
})
