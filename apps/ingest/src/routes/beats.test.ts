import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS } from '../../test/db.js'
import { RequestLimiter } from '../auth/request-limiter.js'
import { startTestService } from '../../test/service.js'
import type { TestService } from '../../test/service.js'

const NOW = Date.parse('2026-11-24T12:00:00Z')
const score = await readFile(new URL('../../test/scores/small.score.yaml', import.meta.url), 'utf8')
const auth = (token: string) => ({
  authorization: `Bearer ${token}`,
  'content-type': 'application/json',
})

describe.each(DRIVERS)('POST /v1/beats on %s', (driver) => {
  let service: TestService
  beforeAll(async () => {
    process.env.BATON_TEST_GLOBEX_TOKEN = 'globex-secret'
    service = await startTestService(driver, { score, now: () => NOW })
  })
  afterAll(async () => {
    await service?.close()
  })
  const post = (
    rhythm: string,
    body: unknown,
    headers: Record<string, string> = auth('acme-secret'),
  ) =>
    service.app.request(`/v1/beats/${rhythm}`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    })

  it('records a beat with an organisation token and shows it on the rhythm', async () => {
    const response = await post('acme-qbr', {
      at: '2026-10-01T15:00:00Z',
      idempotencyKey: 'qbr-2026-q4',
    })
    expect(response.status).toBe(201)
    expect(await response.json()).toEqual({ created: true, inRest: false })
    const detail = await (await service.request('/v1/rhythms/acme-qbr')).json()
    expect(detail).toMatchObject({
      beats: [{ at: Date.parse('2026-10-01T15:00:00Z'), ok: true, origin: 'api' }],
    })
  })

  it('makes no second beat when a call is retried with the same idempotency key', async () => {
    const response = await post('acme-qbr', {
      at: '2026-10-01T15:00:00Z',
      idempotencyKey: 'qbr-2026-q4',
    })
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ created: false })
  })

  it('accepts an empty body as an ok beat now, with a rhythm token from the environment', async () => {
    const response = await service.app.request('/v1/beats/globex-qbr', {
      method: 'POST',
      headers: { authorization: 'Bearer globex-secret' },
    })
    expect(response.status).toBe(201)
  })

  it.each([
    ['no token', {}],
    ['a wrong token', auth('guess')],
    ["another organisation's token", auth('globex-secret')],
  ])('refuses a beat with %s', async (_case, headers) => {
    const response = await post('acme-qbr', {}, headers as Record<string, string>)
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } })
  })

  it('stores a beat inside a rest and says so', async () => {
    const response = await post('acme-qbr', { at: '2026-11-20T10:00:00Z' })
    expect(await response.json()).toEqual({ created: true, inRest: true })
  })

  it('answers an unknown rhythm with 404', async () => {
    const response = await post('no-such-rhythm', {})
    expect(response.status).toBe(404)
    expect(await response.json()).toMatchObject({
      error: { code: 'not_found', message: 'no rhythm "no-such-rhythm"' },
    })
  })

  it.each([
    [{ ok: 'yes' }, 'ok'],
    [{ at: 'last tuesday' }, 'at'],
    [{ player: '' }, 'player'],
    [{ surprise: 1 }, 'surprise'],
  ])('rejects the body %j naming the field', async (body, field) => {
    const response = await post('acme-qbr', body)
    expect(response.status).toBe(400)
    expect(await response.json()).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringContaining(field) },
    })
  })

  it('rejects malformed JSON and a time far in the future', async () => {
    expect((await post('acme-qbr', '{"ok": tru')).status).toBe(400)
    const future = await post('acme-qbr', { at: '2027-01-01T00:00:00Z' })
    expect(future.status).toBe(400)
    expect(await future.json()).toMatchObject({
      error: { message: expect.stringMatching(/^at: .* in the future$/) },
    })
  })
})

describe('limits on the ping API and webhooks', () => {
  it('answers a flood with 429 and Retry-After, per caller address and per integration', async () => {
    const service = await startTestService('pglite', { score })
    try {
      const { requests } = service.runtime.deps.auth
      requests.pings = new RequestLimiter('pings', 3, 10)
      requests.webhooks = new RequestLimiter('webhook calls', 2, 10)
      const ping = () =>
        service.app.request('/v1/beats/acme-qbr', {
          method: 'POST',
          headers: { authorization: 'Bearer acme-secret' },
        })
      expect([(await ping()).status, (await ping()).status, (await ping()).status]).toEqual([
        201, 201, 201,
      ])
      const refused = await ping()
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(((await refused.json()) as { error: { message: string } }).error.message).toMatch(
        /^too many pings from \S+; try again in \d+ s$/,
      )
      const webhook = () => service.app.request('/v1/webhooks/rmm', { method: 'POST', body: '{}' })
      const statuses = [
        (await webhook()).status,
        (await webhook()).status,
        (await webhook()).status,
      ]
      expect(statuses[2]).toBe(429)
      expect(statuses.slice(0, 2)).not.toContain(429)
    } finally {
      await service.close()
    }
  })
})
