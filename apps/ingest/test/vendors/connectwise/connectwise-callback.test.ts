import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createConnectWiseConnector } from '../../../src/connectors/connectwise/connectwise-connector.js'
import { CW_EPOCH, makeConnectWiseTicket } from './connectwise-tickets.js'
import { CW_ENV, connectWiseIntegration, connectWiseTenant } from './connectwise-tenant.js'
import type { WebhookDelivery } from '../../../src/connectors/connector.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const log = pino({ level: 'silent' })
const FAST = { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 200 }

function setup(tickets = [makeConnectWiseTicket(0), makeConnectWiseTicket(1)]) {
  const tenant = connectWiseTenant({ tickets })
  server.use(...tenant.handlers)
  const connector = createConnectWiseConnector(connectWiseIntegration({ codebase: 'v2025_1' }), {
    env: CW_ENV,
    log,
    http: FAST,
  })
  const keyFetches = () =>
    tenant.requests.filter((request) => request.url.pathname.includes('/system/callbackkey/'))
  return { tenant, webhook: connector.webhook!.bind(connector), keyFetches }
}

const delivery = (body: string, signature?: string): WebhookDelivery => ({
  body,
  headers: new Headers(signature === undefined ? {} : { 'x-content-signature': signature }),
})

describe('ConnectWise callbacks', () => {
  it('accepts a signed ticket callback and turns its Entity into a ticket page', async () => {
    const { tenant, webhook, keyFetches } = setup()
    const ticket = makeConnectWiseTicket(0, { dateResponded: undefined })
    const { body, signature } = tenant.callback(ticket)
    const result = await webhook(delivery(body, signature))
    expect(result).toEqual({
      accepted: true,
      pages: [
        {
          stream: 'tickets',
          records: [
            expect.objectContaining({
              externalId: '10000',
              organisationId: 'acme',
              createdAt: CW_EPOCH,
              firstResponseAt: null,
              raw: ticket,
            }),
          ],
          quarantined: [],
        },
      ],
    })
    expect(keyFetches()).toHaveLength(1)
  })

  it('keeps the signing key: a second callback fetches no key', async () => {
    const { tenant, webhook, keyFetches } = setup()
    for (const i of [0, 1]) {
      const { body, signature } = tenant.callback(makeConnectWiseTicket(i))
      expect(await webhook(delivery(body, signature))).toMatchObject({ accepted: true })
    }
    expect(keyFetches()).toHaveLength(1)
  })

  it('rejects a wrong or missing signature with 401', async () => {
    const { tenant, webhook } = setup()
    const { body, signature } = tenant.callback(makeConnectWiseTicket(0))
    const tampered = body.replace('"updated"', '"added"')
    expect(await webhook(delivery(tampered, signature))).toEqual({
      accepted: false,
      status: 401,
      reason: 'x-content-signature does not match',
    })
    expect(await webhook(delivery(body))).toEqual({
      accepted: false,
      status: 401,
      reason: 'no x-content-signature',
    })
    expect(await webhook(delivery(body, 'c2lnbmF0dXJl'))).toMatchObject({ status: 401 })
  })

  it('never fetches a signing key from a host that is not ConnectWise', async () => {
    const { tenant, webhook, keyFetches } = setup()
    let asked = 0
    server.use(
      http.get('https://evil.example.com/key', () => {
        asked++
        return HttpResponse.json({ signing_key: 'attacker-key' })
      }),
    )
    const { body } = tenant.callback(makeConnectWiseTicket(0), {
      Metadata: { key_url: 'https://evil.example.com/key' },
    })
    const result = await webhook(delivery(body, 'anything'))
    expect(result).toEqual({
      accepted: false,
      status: 401,
      reason:
        'Metadata.key_url is on https://evil.example.com, not on the configured ConnectWise host',
    })
    expect(asked).toBe(0)
    expect(keyFetches()).toHaveLength(0)
  })

  it('rejects a callback whose key ConnectWise does not know, and fails on a ConnectWise outage', async () => {
    const { tenant, webhook } = setup()
    const keyPath = 'https://na.myconnectwise.net/v2025_1//system/callbackkey/index.rails'
    const { body, signature } = tenant.callback(makeConnectWiseTicket(0))
    server.use(http.get(keyPath, () => new HttpResponse(null, { status: 404 }), { once: true }))
    expect(await webhook(delivery(body, signature))).toEqual({
      accepted: false,
      status: 401,
      reason: 'the signing key was refused (404)',
    })
    server.use(http.get(keyPath, () => new HttpResponse(null, { status: 502 })))
    await expect(webhook(delivery(body, signature))).rejects.toThrow('502')
  })

  it('answers 400 to a body that is not a callback', async () => {
    const { tenant, webhook } = setup()
    expect(await webhook(delivery('{"Action": "upd', 'x'))).toEqual({
      accepted: false,
      status: 400,
      reason: 'the body is not JSON',
    })
    expect(await webhook(delivery('{"Action": "updated"}', 'x'))).toMatchObject({
      accepted: false,
      status: 400,
      reason: expect.stringContaining('Type'),
    })
    const { body, signature } = tenant.callback(undefined, { Entity: '{"id": 10', ID: null })
    expect(await webhook(delivery(body, signature))).toMatchObject({ accepted: false, status: 400 })
  })

  it('accepts a deleted ticket or another entity type with nothing to store', async () => {
    const { tenant, webhook } = setup()
    const deleted = tenant.callback(makeConnectWiseTicket(0), { Action: 'deleted' })
    expect(await webhook(delivery(deleted.body, deleted.signature))).toEqual({
      accepted: true,
      pages: [],
    })
    const contact = tenant.callback({ id: 57937, firstName: 'Joshua' }, { Type: 'contact' })
    expect(await webhook(delivery(contact.body, contact.signature))).toEqual({
      accepted: true,
      pages: [],
    })
  })

  it('fetches the ticket when the callback carries no Entity', async () => {
    const { tenant, webhook } = setup()
    const { body, signature } = tenant.callback(undefined, { ID: 10001 })
    const result = await webhook(delivery(body, signature))
    expect(result).toMatchObject({
      accepted: true,
      pages: [{ records: [{ externalId: '10001', organisationId: 'globex' }] }],
    })
    expect(tenant.requests.at(-1)!.url.pathname).toBe('/v2025_1/apis/3.0/service/tickets/10001')
  })

  it('quarantines a signed ticket it cannot read', async () => {
    const { tenant, webhook } = setup()
    const ticket = makeConnectWiseTicket(0, { _info: { dateEntered: 'yesterday' } })
    const { body, signature } = tenant.callback(ticket)
    expect(await webhook(delivery(body, signature))).toMatchObject({
      accepted: true,
      pages: [
        {
          records: [],
          quarantined: [
            { naturalKey: '10000', reason: '_info.dateEntered: not a time: "yesterday"' },
          ],
        },
      ],
    })
  })
})
