import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ENV, createTestConnector, signedBody, signedDelivery } from './autotask-setup.js'
import { GLOBEX, autotaskTicket } from './autotask-data.js'
import { FakeAutotask } from './fake-autotask.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

let vendor: FakeAutotask
beforeEach(() => {
  vendor = new FakeAutotask([
    autotaskTicket(7001, {
      status: 8,
      priority: 1,
      firstResponseDateTime: '2026-11-20T09:15:45.2Z',
    }),
    autotaskTicket(7002, { companyID: GLOBEX }),
  ])
  server.use(...vendor.handlers())
})

const update = (id: number, extra: Record<string, unknown> = {}) => ({
  Action: 'Update',
  Guid: '3b0b1f4e-5d29-4a4d-9d1e-7f1f0c1d2e3f',
  EntityType: 'Ticket',
  Id: id,
  Fields: { Status: '8' },
  ...extra,
})

describe('Autotask ticket webhooks', () => {
  it('fetches the whole ticket of a signed delivery and returns it as a page', async () => {
    const connector = createTestConnector()
    const result = await connector.webhook!(signedDelivery(update(7001)))
    expect(result).toMatchObject({
      accepted: true,
      pages: [
        {
          stream: 'tickets',
          quarantined: [],
          records: [
            {
              externalId: '7001',
              organisationId: 'acme',
              status: 'In Progress',
              priority: 'High',
              firstResponseAt: Date.parse('2026-11-20T09:15:45.200Z'),
              raw: vendor.tickets[0],
            },
          ],
        },
      ],
    })
    // A webhook never moves the poll's cursor.
    expect(result.accepted && result.pages[0]!.cursor).toBeUndefined()
    expect(vendor.requestsTo('Tickets/7001', 'GET')).toHaveLength(1)
  })

  it('reuses the picklists it read, between syncs', async () => {
    const connector = createTestConnector()
    await connector.webhook!(signedDelivery(update(7001)))
    await connector.webhook!(signedDelivery(update(7001, { Action: 'Create' })))
    expect(vendor.requestsTo('Tickets/entityInformation/fields')).toHaveLength(1)
  })

  it('accepts a delete, another entity, a ticket now gone or of an unmapped company, storing nothing', async () => {
    const connector = createTestConnector()
    for (const payload of [
      update(7001, { Action: 'Delete' }),
      update(55, { EntityType: 'Company' }),
      update(9999),
      update(7002),
    ]) {
      const result = await connector.webhook!(signedDelivery(payload))
      expect(result.accepted).toBe(true)
      expect(result.accepted && result.pages.flatMap((page) => page.records)).toEqual([])
    }
    expect(vendor.requestsTo('Tickets/7001', 'GET')).toEqual([])
  })

  it('rejects a delivery signed with another key, or changed after signing, with 401', async () => {
    const connector = createTestConnector()
    const forged = signedDelivery(update(7001), 'not-the-key')
    expect(await connector.webhook!(forged)).toEqual({
      accepted: false,
      status: 401,
      reason: 'X-Hook-Signature does not match the body',
    })
    const tampered = signedDelivery(update(7001))
    tampered.body = tampered.body.replace('7001', '7002')
    expect(await connector.webhook!(tampered)).toMatchObject({ accepted: false, status: 401 })
    expect(vendor.seen).toEqual([])
  })

  it('rejects a delivery without a signature with 401', async () => {
    const { body } = signedDelivery(update(7001))
    expect(await createTestConnector().webhook!({ headers: new Headers(), body })).toEqual({
      accepted: false,
      status: 401,
      reason: 'missing X-Hook-Signature',
    })
  })

  it('rejects a signed body that is not a ticket event with 400', async () => {
    const connector = createTestConnector()
    expect(await connector.webhook!(signedBody('{"Action":"Upd'))).toEqual({
      accepted: false,
      status: 400,
      reason: 'the body is not JSON',
    })
    expect(await connector.webhook!(signedDelivery({ Action: 'Update', Id: 1 }))).toMatchObject({
      accepted: false,
      status: 400,
      reason: expect.stringMatching(/^EntityType: /),
    })
    expect(vendor.seen).toEqual([])
  })

  it('takes no webhooks without a webhook secret', () => {
    expect(createTestConnector({ webhookSecret: undefined }, ENV).webhook).toBeUndefined()
  })
})
