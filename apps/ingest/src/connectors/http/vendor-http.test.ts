import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { VendorHttpError, createVendorHttp } from './vendor-http.js'

const BASE = 'https://vendor.example.com/api'
const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const FAST = { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 200 }

/** Answers with each response in turn, then the last one for good. */
function inTurn(...responses: Array<() => Response | Promise<Response>>) {
  let call = 0
  return () => responses[Math.min(call++, responses.length - 1)]!()
}

describe('createVendorHttp', () => {
  it('retries 500s and 429s, honouring Retry-After, and counts every request', async () => {
    server.use(
      http.get(
        `${BASE}/items`,
        inTurn(
          () => new HttpResponse(null, { status: 500 }),
          () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }),
          () => HttpResponse.json({ items: [1] }),
        ),
      ),
    )
    const vendor = createVendorHttp({ vendor: 'test', baseURL: BASE, policy: FAST })
    const started = Date.now()
    const response = await vendor.request<{ items: number[] }>({ url: '/items' })
    expect(response.data).toEqual({ items: [1] })
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
    expect(vendor.stats).toEqual({ requests: 3, retries: 2 })
  })

  it('gives up after its bound with an error naming the request and the status', async () => {
    server.use(http.get(`${BASE}/items`, () => new HttpResponse(null, { status: 503 })))
    const vendor = createVendorHttp({
      vendor: 'test',
      baseURL: BASE,
      policy: { ...FAST, retries: 2 },
    })
    const failure = vendor.request({ url: '/items' })
    await expect(failure).rejects.toBeInstanceOf(VendorHttpError)
    await expect(failure).rejects.toThrow(
      'test: GET /items: 503 Service Unavailable after 3 attempts',
    )
    expect(vendor.stats.requests).toBe(3)
  })

  it('does not retry a 404', async () => {
    server.use(http.get(`${BASE}/items`, () => new HttpResponse(null, { status: 404 })))
    const vendor = createVendorHttp({ vendor: 'test', baseURL: BASE, policy: FAST })
    await expect(vendor.request({ url: '/items' })).rejects.toThrow('test: GET /items: 404')
    expect(vendor.stats.requests).toBe(1)
  })

  it('retries a body that is not valid JSON, then names the fault', async () => {
    server.use(
      http.get(
        `${BASE}/items`,
        () => new HttpResponse('{"items": [', { headers: { 'Content-Type': 'application/json' } }),
      ),
    )
    const vendor = createVendorHttp({
      vendor: 'test',
      baseURL: BASE,
      policy: { ...FAST, retries: 1 },
    })
    await expect(vendor.request({ url: '/items' })).rejects.toThrow(
      'the response was not valid JSON after 2 attempts',
    )
  })

  it('retries a timeout', async () => {
    server.use(
      http.get(
        `${BASE}/items`,
        inTurn(
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 500))
            return HttpResponse.json({ late: true })
          },
          () => HttpResponse.json({ items: [] }),
        ),
      ),
    )
    const vendor = createVendorHttp({ vendor: 'test', baseURL: BASE, policy: FAST })
    expect((await vendor.request({ url: '/items' })).data).toEqual({ items: [] })
    expect(vendor.stats.retries).toBe(1)
  })

  it('refreshes credentials once on a 401, and fails on a second', async () => {
    let issued = 0
    let invalidated = 0
    const credentials = {
      headers: async () => ({ Authorization: `Bearer token-${issued || ++issued}` }),
      invalidate: () => {
        invalidated++
        issued++
      },
    }
    server.use(
      http.get(`${BASE}/items`, ({ request }) =>
        request.headers.get('Authorization') === 'Bearer token-2'
          ? HttpResponse.json({ ok: true })
          : new HttpResponse(null, { status: 401 }),
      ),
      http.get(`${BASE}/never`, () => new HttpResponse(null, { status: 401 })),
    )
    const vendor = createVendorHttp({ vendor: 'test', baseURL: BASE, credentials, policy: FAST })
    expect((await vendor.request({ url: '/items' })).data).toEqual({ ok: true })
    expect(invalidated).toBe(1)
    await expect(vendor.request({ url: '/never' })).rejects.toThrow('401')
    expect(invalidated).toBe(2)
  })

  it('keeps to a rolling window of requests', async () => {
    server.use(http.get(`${BASE}/items`, () => HttpResponse.json({})))
    const vendor = createVendorHttp({
      vendor: 'test',
      baseURL: BASE,
      limits: { window: { requests: 3, ms: 300 } },
      policy: FAST,
    })
    const started = Date.now()
    await Promise.all(Array.from({ length: 7 }, () => vendor.request({ url: '/items' })))
    // 3 at once, 3 more after 300 ms, the 7th after 600 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(600)
  })
})
