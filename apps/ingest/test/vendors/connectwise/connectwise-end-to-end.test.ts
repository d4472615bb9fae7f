import { setupServer } from 'msw/node'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createConnectWiseConnector } from '../../../src/connectors/connectwise/connectwise-connector.js'
import { runSync } from '../../../src/connectors/run-sync.js'
import { evaluateRhythms } from '../../../src/evaluation/evaluate-rhythms.js'
import type { Evaluator } from '../../../src/service/evaluator.js'
import { DRIVERS, openTestDatabase } from '../../db.js'
import { insertIntegration, insertOrganisation, insertRhythms, rhythmRow } from '../../fixtures.js'
import { CW_COMPANIES, CW_EPOCH, cwTime, makeConnectWiseTicket } from './connectwise-tickets.js'
import { CW_ENV, connectWiseIntegration, connectWiseTenant } from './connectwise-tenant.js'
import { storagePath } from '../../storage-path.js'
import type { DatabaseHandle } from '../../../src/db/connect.js'
import type { RecordSink } from '../../../src/records/types.js'
import type { RhythmCatalog } from '../../../src/rhythms/catalog.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const NOW = CW_EPOCH + 2 * DAY
const P1 = 'Priority 1 - Emergency Response'
const log = pino({ level: 'silent' })

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const acme = CW_COMPANIES[0]
const serviceDesk = { id: 1, name: 'Service Desk' }
const priority1 = { id: 1, name: P1, sort: 1 }

/** An Acme P1 ticket on the Service Desk board, answered `responseMinutes` after entry. */
const acmeTicket = (i: number, responseMinutes: number | undefined) =>
  makeConnectWiseTicket(i, {
    company: acme,
    board: serviceDesk,
    priority: priority1,
    dateResponded:
      responseMinutes === undefined ? undefined : cwTime(CW_EPOCH + (i + responseMinutes) * MINUTE),
  })

describe.each(DRIVERS)('ConnectWise end to end on %s', (driver) => {
  const integration = connectWiseIntegration(
    { codebase: 'v2025_1', pageSize: 4 },
    { '250': 'acme' },
  )
  const tenant = connectWiseTenant({
    tickets: [
      ...[0, 10, 20, 30, 40, 50].map((i) => acmeTicket(i, 10)),
      makeConnectWiseTicket(1, { company: acme, board: { id: 3, name: 'Alerts' } }),
      makeConnectWiseTicket(2, { company: CW_COMPANIES[1] }),
      makeConnectWiseTicket(3, { company: acme, _info: { dateEntered: undefined } }),
    ],
  })
  let handle: DatabaseHandle
  let catalog: RhythmCatalog
  let sink: RecordSink
  let evaluator: Evaluator

  beforeAll(async () => {
    server.use(...tenant.handlers)
    handle = await openTestDatabase(driver)
    await insertOrganisation(handle.db)
    await insertIntegration(handle.db, integration)
    await insertRhythms(handle.db, [
      rhythmRow({
        id: 'acme-first-response',
        layer: 'note',
        target: 0.9,
        cadence: { kind: 'sla', targetMs: 4 * HOUR },
        source: {
          kind: 'tickets',
          measure: 'first-response',
          integration: 'cw',
          boards: ['Service Desk'],
          priorities: { [P1]: 30 * MINUTE },
        },
        created_at: new Date(NOW - 30 * DAY),
      }),
    ])
    ;({ catalog, evaluator, sink } = await storagePath(handle.db, { now: NOW, log }))
  })
  afterAll(async () => {
    await evaluator?.close()
    await handle?.close()
  })

  const sync = () =>
    runSync({
      db: handle.db,
      driver,
      sink,
      connector: createConnectWiseConnector(integration, {
        env: CW_ENV,
        log,
        http: { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 500 },
      }),
      integration,
      now: () => NOW,
      log,
    })

  const stateOf = async () => {
    await evaluator.flush()
    await evaluateRhythms({ db: handle.db, catalog, now: NOW })
    return handle.db
      .selectFrom('rhythm_states')
      .select(['state', 'adherence', 'reasons'])
      .where('rhythm_id', '=', 'acme-first-response')
      .executeTakeFirstOrThrow()
  }

  it('stores the tickets page by page with their raw JSON, and the rhythm is tight', async () => {
    const report = await sync()
    expect(report).toMatchObject({ status: 'succeeded', pages: 3, created: 7, quarantined: 1 })

    const tickets = await handle.db
      .selectFrom('tickets')
      .select(['external_id', 'board', 'priority', 'created_at', 'first_response_at', 'raw'])
      .orderBy('external_id')
      .execute()
    expect(tickets.map((ticket) => ticket.external_id)).toEqual([
      '10000',
      '10001',
      '10010',
      '10020',
      '10030',
      '10040',
      '10050',
    ])
    expect({ ...tickets[0], raw: JSON.parse(tickets[0]!.raw) }).toMatchObject({
      board: 'Service Desk',
      priority: P1,
      created_at: new Date(CW_EPOCH),
      first_response_at: new Date(CW_EPOCH + 10 * MINUTE),
      raw: acmeTicket(0, 10),
    })
    const quarantine = await handle.db
      .selectFrom('quarantine')
      .select(['natural_key', 'reason'])
      .execute()
    expect(quarantine).toEqual([{ natural_key: '10003', reason: '_info.dateEntered is missing' }])
    const cursor = await handle.db
      .selectFrom('sync_cursors')
      .select(['stream', 'cursor'])
      .executeTakeFirstOrThrow()
    expect(cursor).toEqual({
      stream: 'tickets',
      cursor: new Date(CW_EPOCH + 50 * MINUTE + 4 * HOUR + MINUTE).toISOString(),
    })
    const triggers = await handle.db.selectFrom('triggers').select(['key', 'target_ms']).execute()
    expect(triggers).toHaveLength(6)
    expect(new Set(triggers.map((trigger) => trigger.target_ms))).toEqual(new Set([30 * MINUTE]))

    expect(await stateOf()).toMatchObject({ state: 'tight', adherence: 1 })
  })

  it('reads on from its cursor, and a late and a missed response make the rhythm drift', async () => {
    tenant.tickets.push(acmeTicket(60, 2 * 60), acmeTicket(70, undefined))
    const before = tenant.requests.length
    const report = await sync()
    expect(report).toMatchObject({ status: 'succeeded', created: 2 })
    const read = tenant.requests
      .slice(before)
      .find((request) => request.url.pathname.endsWith('/service/tickets'))!
    // The stored cursor minus the default 10-minute overlap.
    expect(read.url.searchParams.get('conditions')).toBe(
      `lastUpdated>=[${cwTime(CW_EPOCH + 50 * MINUTE + 4 * HOUR + MINUTE - 10 * MINUTE)}]`,
    )

    const state = await stateOf()
    expect(state).toMatchObject({ state: 'drifting', adherence: 6 / 8 })
    expect(state.reasons.map((reason) => reason.code)).toEqual(['budget_exhausted'])
  })
})
