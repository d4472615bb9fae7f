import { setupServer } from 'msw/node'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runSync } from '../../../src/connectors/run-sync.js'
import { evaluateRhythms } from '../../../src/evaluation/evaluate-rhythms.js'
import { loadCatalog } from '../../../src/rhythms/catalog.js'
import type { Evaluator } from '../../../src/service/evaluator.js'
import { DRIVERS, openTestDatabase } from '../../db.js'
import { insertIntegration, insertOrganisation, insertRhythms, rhythmRow } from '../../fixtures.js'
import { GLOBEX, autotaskTicket } from './autotask-data.js'
import { autotaskIntegration, createTestConnector } from './autotask-setup.js'
import { FakeAutotask } from './fake-autotask.js'
import { storagePath } from '../../storage-path.js'
import type { Connector } from '../../../src/connectors/connector.js'
import type { DatabaseHandle } from '../../../src/db/connect.js'
import type { RecordSink } from '../../../src/records/types.js'

const HOUR = 3_600_000
const NOW = Date.parse('2026-11-24T12:00:00Z')
const at = (time: string) => `2026-11-24T${time}`
const log = pino({ level: 'silent' })

// Acme's service desk answers High tickets within 1 h and the rest within 4 h, and must do
// so for 75% of them. 201, 202: answered in time. 203: never answered. 206: still within 4 h.
const firstSync = [
  autotaskTicket(201, {
    priority: 1,
    createDate: at('08:00:00Z'),
    firstResponseDateTime: at('08:20:30.5Z'),
    lastActivityDate: at('08:20:30.5Z'),
  }),
  autotaskTicket(202, {
    priority: 2,
    createDate: at('06:00:00.07Z'),
    firstResponseDateTime: at('09:00:00Z'),
    lastActivityDate: at('09:00:00.123Z'),
  }),
  autotaskTicket(203, { priority: 1, createDate: at('07:00:00Z'), lastActivityDate: at('07:00Z') }),
  autotaskTicket(204, { companyID: GLOBEX, lastActivityDate: at('10:00:00Z') }),
  autotaskTicket(205, { createDate: 'not a date', lastActivityDate: at('10:30:00Z') }),
  autotaskTicket(206, {
    priority: 3,
    createDate: at('11:00:00Z'),
    lastActivityDate: at('11:00:00.5Z'),
  }),
]

describe.each(DRIVERS)('an Autotask sync into storage on %s', (driver) => {
  const vendor = new FakeAutotask(firstSync.map((ticket) => ({ ...ticket })))
  const server = setupServer(...vendor.handlers())
  const integration = autotaskIntegration({ pageSize: 2 })
  let handle: DatabaseHandle
  let evaluator: Evaluator
  let sink: RecordSink
  let connector: Connector

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'error' })
    handle = await openTestDatabase(driver)
    const { db } = handle
    await insertOrganisation(db)
    await insertRhythms(db, [
      rhythmRow({
        id: 'acme-first-response',
        layer: 'note',
        target: 0.75,
        cadence: { kind: 'sla', targetMs: 4 * HOUR },
        source: {
          kind: 'tickets',
          measure: 'first-response',
          integration: 'autotask',
          priorities: { High: HOUR },
        },
        created_at: new Date(NOW - 30 * 24 * HOUR),
      }),
    ])
    await insertIntegration(db, integration)
    ;({ evaluator, sink } = await storagePath(db, { now: NOW, log }))
    connector = createTestConnector({ pageSize: 2 })
  })
  afterAll(async () => {
    server.close()
    await evaluator?.close()
    await handle?.close()
  })

  const sync = () =>
    runSync({
      db: handle.db,
      driver,
      sink,
      connector,
      integration,
      now: () => NOW,
      log,
    })
  const evaluate = async () => {
    await evaluateRhythms({ db: handle.db, catalog: await loadCatalog(handle.db), now: NOW })
    return handle.db
      .selectFrom('rhythm_states')
      .select(['state', 'adherence', 'reasons'])
      .where('rhythm_id', '=', 'acme-first-response')
      .executeTakeFirstOrThrow()
  }

  it('stores each page with its cursor, the raw tickets, and their SLA slots and beats', async () => {
    const report = await sync()
    expect(report).toMatchObject({
      status: 'succeeded',
      pages: 3,
      created: 4,
      quarantined: 1,
      requests: 6,
    })
    const tickets = await handle.db
      .selectFrom('tickets')
      .select(['external_id', 'organisation_id', 'priority', 'first_response_at', 'raw'])
      .orderBy('external_id')
      .execute()
    expect(tickets.map((row) => [row.external_id, row.priority])).toEqual([
      ['201', 'High'],
      ['202', 'Medium'],
      ['203', 'High'],
      ['206', 'Low'],
    ])
    expect(tickets[0]!.first_response_at).toEqual(new Date(at('08:20:30.500Z')))
    expect(JSON.parse(tickets[0]!.raw)).toEqual(firstSync[0])
    const quarantined = await handle.db
      .selectFrom('quarantine')
      .select(['natural_key', 'reason'])
      .execute()
    expect(quarantined).toEqual([
      { natural_key: '205', reason: 'createDate: not a time: "not a date"' },
    ])
    const triggers = await handle.db
      .selectFrom('triggers')
      .select(['key', 'target_ms'])
      .orderBy('key')
      .execute()
    expect(triggers).toEqual([
      { key: '201', target_ms: HOUR },
      { key: '202', target_ms: null },
      { key: '203', target_ms: HOUR },
      { key: '206', target_ms: null },
    ])
    const beats = await handle.db.selectFrom('beats').select(['key', 'at']).orderBy('key').execute()
    expect(beats).toEqual([
      { key: '201', at: new Date(at('08:20:30.500Z')) },
      { key: '202', at: new Date(at('09:00:00Z')) },
    ])
    const cursor = await handle.db
      .selectFrom('sync_cursors')
      .select(['stream', 'cursor'])
      .executeTakeFirstOrThrow()
    expect(cursor).toEqual({ stream: 'tickets', cursor: '{"since":"2026-11-24T11:00:00.500Z"}' })
  })

  it('judges the rhythm drifting while a High ticket goes unanswered past its hour', async () => {
    expect(await evaluate()).toMatchObject({
      state: 'drifting',
      adherence: 2 / 3,
      reasons: [{ code: 'budget_exhausted' }],
    })
  })

  it('reads only what changed since its cursor, and the rhythm comes back tight', async () => {
    const answered = vendor.tickets.find((ticket) => ticket.id === 206)!
    Object.assign(answered, {
      firstResponseDateTime: at('11:30:00.12Z'),
      lastActivityDate: at('11:30:00.12Z'),
    })
    vendor.tickets.push(
      autotaskTicket(207, {
        priority: 1,
        createDate: at('09:00:00Z'),
        firstResponseDateTime: at('09:10:00Z'),
        lastActivityDate: at('11:45:00Z'),
      }),
    )
    const report = await sync()
    expect(report).toMatchObject({ status: 'succeeded', records: 2, created: 1, updated: 1 })
    expect(vendor.requestsTo('Tickets/query').at(-1)!.body).toMatchObject({
      filter: [{ op: 'gte', field: 'lastActivityDate', value: '2026-11-24T10:50:00.500Z' }],
    })
    expect(await evaluate()).toMatchObject({ state: 'tight', adherence: 4 / 5, reasons: [] })
  })
})
