import { http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { DRIVERS } from '../../test/db.js'
import { startTestService } from '../../test/service.js'
import { readEvents } from '../../test/sse.js'
import {
  cwTime,
  makeConnectWiseTicket,
} from '../../test/vendors/connectwise/connectwise-tickets.js'
import {
  CW_API,
  CW_CLIENT_ID,
  CW_ENV,
  connectWiseTenant,
} from '../../test/vendors/connectwise/connectwise-tenant.js'
import type { TestService } from '../../test/service.js'

const SCORE = `version: 1
organisations:
  - { id: acme, name: Acme Dental, tz: UTC }
  - { id: globex, name: Globex Law, tz: UTC }
teams:
  - { id: service-desk, name: Service desk }
integrations:
  - id: cw
    vendor: connectwise
    schedule: '0 0 1 1 *'
    organisations: { '250': acme, Globex: globex }
    settings:
      host: api-na.myconnectwise.net
      codebase: v2025_1
      companyId: baton
      clientId: ${CW_CLIENT_ID}
      publicKey: { env: CW_PUBLIC_KEY }
      privateKey: { env: CW_PRIVATE_KEY }
      pageSize: 3
      history: 3650d
  - { id: demo-psa, vendor: demo }
rhythms:
  - id: acme-first-response
    name: Acme first response
    layer: note
    team: service-desk
    organisation: acme
    cadence: { kind: sla, target: 4h }
    source: { kind: tickets, measure: first-response, integration: cw, boards: [Service Desk] }
`

// Six tickets: companies 250, 251 and 252 in turn, so four belong to a mapped organisation.
const tenant = connectWiseTenant({
  tickets: Array.from({ length: 6 }, (_, i) => makeConnectWiseTicket(i)),
})
const server = setupServer(...tenant.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

/** Holds the tenant's second page of tickets until opened, so a sync can be seen mid-way. */
function secondPageGate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  const handler = http.get(`${CW_API}/service/tickets`, async ({ request }) => {
    if (new URL(request.url).searchParams.get('page') === '2') await opened
    // Nothing returned: the tenant answers.
  })
  return { handler, open }
}

interface IntegrationBody {
  id: string
  lastError: string | null
  syncing: { stream: string | null; done: number; total: number | null; pages: number } | null
  runs: Array<{ status: string; pages: number; recordsNew: number; requests: number }>
}

describe.each(DRIVERS)('connectors in the running service on %s', (driver) => {
  let service: TestService
  const gate = secondPageGate()
  beforeAll(async () => {
    for (const [name, value] of Object.entries(CW_ENV)) vi.stubEnv(name, value)
    server.use(gate.handler)
    // The service syncs the integration as it starts: that sync waits at the gate.
    service = await startTestService(driver, { score: SCORE })
  })
  afterAll(async () => {
    gate.open()
    await service?.close()
    server.resetHandlers()
    vi.unstubAllEnvs()
  })

  const integration = async (id: string) => {
    const body = (await (await service.request('/v1/integrations')).json()) as {
      integrations: IntegrationBody[]
    }
    return body.integrations.find((i) => i.id === id)!
  }
  const until = async (check: (i: IntegrationBody) => boolean) => {
    const deadline = Date.now() + 5000
    for (;;) {
      const found = await integration('cw')
      if (check(found)) return found
      if (Date.now() > deadline) throw new Error(`not in time: ${JSON.stringify(found)}`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  it('shows the running sync with its progress, then the run it recorded', async () => {
    const running = await until((i) => i.syncing?.pages === 1)
    expect(running.syncing).toMatchObject({ stream: 'tickets', done: 3, total: 6 })
    expect(running.runs).toEqual([])

    gate.open()
    const done = await until((i) => i.syncing === null && i.runs.length === 1)
    expect(done.runs[0]).toMatchObject({ status: 'succeeded', pages: 2, recordsNew: 4 })
    expect(done.lastError).toBeNull()
  })

  it('refuses a callback whose signature does not match, and stores nothing', async () => {
    const { body } = tenant.callback(makeConnectWiseTicket(30))
    const response = await service.app.request('/v1/webhooks/cw', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-content-signature': 'bm90IGl0' },
      body,
    })
    expect(response.status).toBe(401)
    expect(await response.json()).toMatchObject({ error: { code: 'unauthorized' } })
    const stored = await service.runtime.deps.db
      .selectFrom('tickets')
      .select('external_id')
      .where('external_id', '=', '10030')
      .execute()
    expect(stored).toEqual([])
  })

  it('stores a signed callback at once, and the live stream hears its beat', async () => {
    const now = Date.now()
    const ticket = makeConnectWiseTicket(30, {
      dateResponded: cwTime(now - 60_000),
      _info: { dateEntered: cwTime(now - 20 * 60_000), lastUpdated: cwTime(now - 60_000) },
    })
    const { body, signature } = tenant.callback(ticket)
    const stream = await service.request('/v1/stream')
    const posted = service.app.request('/v1/webhooks/cw', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-content-signature': signature },
      body,
    })
    const events = await readEvents(
      stream,
      (seen) => seen.some((event) => event.event === 'beat'),
      1000,
    )
    const response = await posted
    expect(response.status).toBe(202)
    expect(await response.json()).toEqual({
      accepted: true,
      pages: 1,
      created: 1,
      updated: 0,
      quarantined: 0,
    })
    const beat = events.find((event) => event.event === 'beat')
    expect(JSON.parse(beat?.data ?? '{}')).toMatchObject({ rhythmId: 'acme-first-response' })
    const stored = await service.runtime.deps.db
      .selectFrom('tickets')
      .select(['external_id', 'organisation_id'])
      .where('external_id', '=', '10030')
      .execute()
    expect(stored).toEqual([{ external_id: '10030', organisation_id: 'acme' }])
  })

  it('answers 404 for an unknown integration and for one whose vendor has no connector', async () => {
    const post = (id: string) =>
      service.app.request(`/v1/webhooks/${id}`, { method: 'POST', body: '{}' })
    const unknown = await post('nothing')
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } })
    const demo = await post('demo-psa')
    expect(demo.status).toBe(404)
    expect(await demo.json()).toMatchObject({
      error: { code: 'no_webhooks', message: expect.stringContaining('demo') },
    })
  })
})
