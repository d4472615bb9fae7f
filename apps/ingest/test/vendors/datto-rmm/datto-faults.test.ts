import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { makeDattoDevice } from './datto-data.js'
import { FakeDattoRmm } from './datto-handlers.js'
import { DATTO_ENV, DEVICES_URL, connectDatto, dattoSyncOptions, syncAll } from './datto-setup.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

let datto: FakeDattoRmm
beforeEach(() => {
  datto = new FakeDattoRmm()
  datto.devices = Array.from({ length: 4 }, (_, i) => makeDattoDevice(i * 3))
  server.use(...datto.handlers())
})

/** Answers with each response in turn, then hands over to the fake account. */
function inTurn(...responses: Array<() => Response | Promise<Response>>) {
  let call = 0
  return () => (call < responses.length ? responses[call++]!() : undefined)
}

const players = (pages: Awaited<ReturnType<typeof syncAll>>) =>
  pages.flatMap((page) => page.records).filter((record) => record.kind === 'player')

describe('the Datto RMM connector when things go wrong', () => {
  it('signs in as the public client with the API key, once, and keeps the token', async () => {
    const connector = connectDatto()
    await syncAll(connector, dattoSyncOptions())
    await syncAll(connector, dattoSyncOptions())
    expect(datto.tokensIssued).toBe(1)
    const [token] = datto.seen('/auth/oauth/token')
    expect(token!.authorization).toBe('Basic cHVibGljLWNsaWVudDpwdWJsaWM=')
    expect(token!.body).toEqual({
      grant_type: 'password',
      username: 'DATTO-API-KEY-1',
      password: 'datto-api-secret-1',
    })
    const sent = datto.seen('/api/v2/account/devices').map((request) => request.authorization)
    expect(new Set(sent)).toEqual(new Set(['Bearer datto-token-1']))
  })

  it('signs in again once after a 401 and carries on', async () => {
    const connector = connectDatto()
    await syncAll(connector, dattoSyncOptions())
    datto.expireTokens()
    expect(players(await syncAll(connector, dattoSyncOptions()))).toHaveLength(4)
    expect(datto.tokensIssued).toBe(2)
  })

  it('says so when Datto refuses the API key and secret', async () => {
    const connector = connectDatto({}, undefined, { ...DATTO_ENV, DATTO_API_SECRET: 'nope' })
    await expect(syncAll(connector, dattoSyncOptions())).rejects.toThrow(
      /POST \/auth\/oauth\/token: 400.*refused the API key and secret/,
    )
  })

  it('waits out 429s with and without Retry-After, a 500 and a timeout, then reads on', async () => {
    server.use(
      http.get(
        DEVICES_URL,
        inTurn(
          () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }),
          () => new HttpResponse(null, { status: 429 }),
          () => HttpResponse.json({ message: 'Internal Server Error' }, { status: 500 }),
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 400))
            return HttpResponse.json({ pageDetails: null, devices: [] })
          },
          () =>
            new HttpResponse('{"pageDetails":{"count":2},"devices":[{"uid":', {
              headers: { 'Content-Type': 'application/json' },
            }),
        ),
      ),
    )
    const connector = connectDatto()
    const started = Date.now()
    const pages = await syncAll(connector, dattoSyncOptions())
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
    expect(players(pages)).toHaveLength(4)
    expect(connector.stats.retries).toBe(5)
  })

  it('stops at the first 403 without asking again, and says why', async () => {
    server.use(
      http.get(DEVICES_URL, () => HttpResponse.json({ message: 'Access denied' }, { status: 403 })),
    )
    const connector = connectDatto()
    await expect(syncAll(connector, dattoSyncOptions())).rejects.toThrow(
      /GET \/api\/v2\/account\/devices: 403 Forbidden: Datto RMM refused the request .*rate-limit breaches\); not retried/,
    )
    expect(datto.seen('/api/v2/account/devices')).toHaveLength(0)
    expect(connector.stats).toEqual({ requests: 2, retries: 0 })
  })

  it('fails the sync, naming the request, once the retries run out', async () => {
    server.use(http.get(DEVICES_URL, () => new HttpResponse(null, { status: 502 })))
    await expect(syncAll(connectDatto(), dattoSyncOptions())).rejects.toThrow(
      'datto-rmm: GET /api/v2/account/devices: 502 Bad Gateway after 6 attempts',
    )
  })

  it('stops with the endpoint named when a page is not the documented shape', async () => {
    server.use(http.get(DEVICES_URL, () => HttpResponse.json({ items: [] })))
    await expect(syncAll(connectDatto(), dattoSyncOptions())).rejects.toThrow(
      'datto-rmm: GET /api/v2/account/devices: expected { pageDetails, devices: [...] }',
    )
  })

  it('stops rather than loop when nextPageUrl points back to a page it read', async () => {
    server.use(
      http.get(DEVICES_URL, () =>
        HttpResponse.json({
          pageDetails: { count: 1, totalCount: 9, nextPageUrl: `${DEVICES_URL}?max=1&page=0` },
          devices: [datto.devices[0]],
        }),
      ),
    )
    await expect(syncAll(connectDatto({ pageSize: 1 }), dattoSyncOptions())).rejects.toThrow(
      'nextPageUrl points back to a page read',
    )
  })

  it('asks its own host for the next page, whatever host nextPageUrl names', async () => {
    server.use(
      http.get(DEVICES_URL, ({ request }) => {
        if (new URL(request.url).searchParams.get('page') !== '0') return undefined
        return HttpResponse.json({
          pageDetails: { nextPageUrl: 'http://internal-node-7:8080/api/v2/account/devices?page=1' },
          devices: datto.devices.slice(0, 2),
        })
      }),
    )
    const pages = await syncAll(connectDatto({ pageSize: 2 }), dattoSyncOptions())
    expect(players(pages)).toHaveLength(4)
    expect(datto.seen('/api/v2/account/devices').at(-1)!.params).toEqual({ page: '1', max: '2' })
  })

  it('checks settings and secrets before any request, naming the field', () => {
    expect(() => connectDatto({ platform: undefined })).toThrow(
      "integration 'datto': settings.platform: give either platform",
    )
    expect(() => connectDatto({ platform: 'shiraz' })).toThrow('settings.platform')
    expect(() => connectDatto({ firstPage: 2 })).toThrow('settings.firstPage')
    expect(() => connectDatto({ requestsPerMinute: 900 })).toThrow('settings.requestsPerMinute')
    expect(() => connectDatto({}, undefined, { DATTO_API_KEY: 'k' })).toThrow(
      'settings.apiSecret: environment variable DATTO_API_SECRET is not set',
    )
    expect(datto.requests).toEqual([])
  })

  it('talks to the host its baseUrl names', async () => {
    const other = new FakeDattoRmm('https://datto.example.net')
    server.use(...other.handlers())
    await syncAll(
      connectDatto({ platform: undefined, baseUrl: 'https://datto.example.net/' }),
      dattoSyncOptions(),
    )
    expect(other.seen('/api/v2/account/devices')).toHaveLength(1)
    expect(datto.requests).toEqual([])
  })
})
