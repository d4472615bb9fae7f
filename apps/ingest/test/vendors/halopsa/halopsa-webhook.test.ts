import { setupServer } from 'msw/node'
import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createHaloConnector } from '../../../src/connectors/halopsa/halopsa-connector.js'
import { HALO_EPOCH, makeHaloTicket } from './halopsa-tickets.js'
import { HALO_ENV, HALO_WEBHOOK_SECRET, haloIntegration, haloTenant } from './halopsa-tenant.js'
import type { WebhookDelivery } from '../../../src/connectors/connector.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const log = pino({ level: 'silent' })
const FAST = { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 200 }

function setup(settings: Record<string, unknown> = {}) {
  const tenant = haloTenant({ tickets: [makeHaloTicket(0), makeHaloTicket(1)] })
  server.use(...tenant.handlers)
  const connector = createHaloConnector(haloIntegration(settings), {
    env: HALO_ENV,
    log,
    http: FAST,
  })
  return { tenant, connector, webhook: connector.webhook!.bind(connector) }
}

const delivery = (body: unknown, headers: Record<string, string>): WebhookDelivery => ({
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers: new Headers(headers),
})
const bearer = { Authorization: `Bearer ${HALO_WEBHOOK_SECRET}` }
const event = (ticket: Record<string, unknown>) => ({
  id: 'b7e3c1d0-webhook-event',
  event: 'Ticket Updated',
  ticket,
  action: { id: 9, outcome: 'Email User', who: 'Kim Morgan' },
})

describe('HaloPSA webhooks', () => {
  it('accepts an event carrying the shared secret and turns its ticket into a page', async () => {
    const { webhook } = setup()
    const ticket = makeHaloTicket(0, { status_id: 2, hasbeenclosed: false })
    const result = await webhook(delivery(event(ticket), bearer))
    expect(result).toEqual({
      accepted: true,
      pages: [
        {
          stream: 'tickets',
          records: [
            expect.objectContaining({
              externalId: '2000',
              organisationId: 'acme',
              status: 'In Progress',
              createdAt: HALO_EPOCH,
              closedAt: null,
              raw: ticket,
            }),
          ],
          quarantined: [],
        },
      ],
    })
  })

  it('reads the secret from the header the integration registered, whole', async () => {
    const { webhook } = setup({ webhookHeader: 'X-Halo-Token' })
    const ticket = makeHaloTicket(1)
    expect(
      await webhook(delivery(event(ticket), { 'X-Halo-Token': HALO_WEBHOOK_SECRET })),
    ).toMatchObject({ accepted: true })
    expect(await webhook(delivery(event(ticket), bearer))).toEqual({
      accepted: false,
      status: 401,
      reason: 'X-Halo-Token does not match',
    })
  })

  it('rejects a wrong or missing secret with 401', async () => {
    const { webhook } = setup()
    const body = event(makeHaloTicket(0))
    const attempts: Array<Record<string, string>> = [
      {},
      { Authorization: 'Bearer whsec-0c1b2a3' },
      { Authorization: `Bearer ${HALO_WEBHOOK_SECRET}x` },
      { Authorization: `Basic ${HALO_WEBHOOK_SECRET.slice(1)}` },
    ]
    for (const headers of attempts) {
      expect(await webhook(delivery(body, headers))).toMatchObject({
        accepted: false,
        status: 401,
      })
    }
  })

  it('answers 400 to a body that is not a ticket event', async () => {
    const { webhook } = setup()
    expect(await webhook(delivery('{"ticket": {', bearer))).toEqual({
      accepted: false,
      status: 400,
      reason: 'the body is not JSON',
    })
    expect(await webhook(delivery({ event: 'Ticket Updated' }, bearer))).toEqual({
      accepted: false,
      status: 400,
      reason: 'the body has no ticket',
    })
  })

  it('takes a batch of events, and fetches a ticket an event names only by id', async () => {
    const { tenant, webhook } = setup()
    const result = await webhook(
      delivery([event(makeHaloTicket(0)), { event: 'Ticket Updated', ticket_id: 2001 }], bearer),
    )
    expect(result).toMatchObject({
      accepted: true,
      pages: [
        { records: [{ externalId: '2000' }, { externalId: '2001', organisationId: 'globex' }] },
      ],
    })
    const fetched = tenant.requests.find((r) => r.url.pathname === '/api/Tickets/2001')
    expect(fetched?.url.searchParams.get('includedetails')).toBe('true')
  })

  it('quarantines an authenticated ticket it cannot read', async () => {
    const { webhook } = setup()
    const result = await webhook(
      delivery(event(makeHaloTicket(0, { dateoccurred: 'soon' })), bearer),
    )
    expect(result).toMatchObject({
      accepted: true,
      pages: [
        {
          records: [],
          quarantined: [{ naturalKey: '2000', reason: 'dateoccurred: not a time: "soon"' }],
        },
      ],
    })
  })

  it('takes no webhooks when the score registers no secret', () => {
    const connector = createHaloConnector(haloIntegration({ webhookSecret: undefined }), {
      env: HALO_ENV,
      log,
    })
    expect(connector.webhook).toBeUndefined()
  })
})
