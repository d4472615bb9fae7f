import { setupServer } from 'msw/node'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHaloConnector } from '../../../src/connectors/halopsa/halopsa-connector.js'
import { runSync } from '../../../src/connectors/run-sync.js'
import { evaluateRhythms } from '../../../src/evaluation/evaluate-rhythms.js'
import type { Evaluator } from '../../../src/service/evaluator.js'
import { DRIVERS, openTestDatabase } from '../../db.js'
import { insertIntegration, insertOrganisation, insertRhythms, rhythmRow } from '../../fixtures.js'
import { HALO_EMPTY_DATE, HALO_EPOCH, haloLocal, makeHaloTicket } from './halopsa-tickets.js'
import { HALO_ENV, haloIntegration, haloTenant } from './halopsa-tenant.js'
import { storagePath } from '../../storage-path.js'
import type { DatabaseHandle } from '../../../src/db/connect.js'
import type { RecordSink } from '../../../src/records/types.js'
import type { RhythmCatalog } from '../../../src/rhythms/catalog.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const NOW = HALO_EPOCH + 2 * DAY
// The instance writes local times without an offset: Denver is UTC-6 in October.
const ZONE = 'America/Denver'
const log = pino({ level: 'silent' })

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

/** An Acme Critical ticket for the Service Desk team, answered `responseMinutes` after opening. */
const acmeTicket = (i: number, responseMinutes: number | undefined) =>
  makeHaloTicket(
    i,
    {
      client_id: 12,
      client_name: 'Acme Corporation',
      team: 'Service Desk',
      priority_id: 1,
      dateoccurred: haloLocal(HALO_EPOCH + i * MINUTE, ZONE),
      responsedate:
        responseMinutes === undefined
          ? HALO_EMPTY_DATE
          : haloLocal(HALO_EPOCH + (i + responseMinutes) * MINUTE, ZONE),
    },
    { zone: ZONE },
  )

describe.each(DRIVERS)('HaloPSA end to end on %s', (driver) => {
  const integration = haloIntegration({ pageSize: 4, zone: ZONE }, { '12': 'acme' })
  const tenant = haloTenant({
    zone: ZONE,
    tickets: [
      ...[0, 10, 20, 30, 40, 50].map((i) => acmeTicket(i, 10)),
      makeHaloTicket(4, { client_id: 12 }, { zone: ZONE }),
      makeHaloTicket(1, {}, { zone: ZONE }),
      makeHaloTicket(3, { client_id: 12, dateoccurred: HALO_EMPTY_DATE }, { zone: ZONE }),
    ],
  })
  let handle: DatabaseHandle
  let catalog: RhythmCatalog
  let sink: RecordSink
  let evaluator: Evaluator

  beforeAll(async () => {
    server.use(...tenant.handlers)
    handle = await openTestDatabase(driver)
    await insertOrganisation(handle.db, 'acme', ZONE)
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
          integration: 'halo',
          boards: ['Service Desk'],
          priorities: { Critical: 30 * MINUTE },
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
      connector: createHaloConnector(integration, {
        env: HALO_ENV,
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

  it('stores the tickets with their raw JSON and zone-read times, and the rhythm is tight', async () => {
    const report = await sync()
    expect(report).toMatchObject({ status: 'succeeded', pages: 3, created: 7, quarantined: 1 })

    const tickets = await handle.db
      .selectFrom('tickets')
      .select([
        'external_id',
        'board',
        'priority',
        'status',
        'created_at',
        'first_response_at',
        'raw',
      ])
      .orderBy('external_id')
      .execute()
    expect(tickets.map((ticket) => ticket.external_id)).toEqual([
      '2000',
      '2004',
      '2010',
      '2020',
      '2030',
      '2040',
      '2050',
    ])
    expect({ ...tickets[0], raw: JSON.parse(tickets[0]!.raw) }).toMatchObject({
      board: 'Service Desk',
      priority: 'Critical',
      status: 'Closed',
      created_at: new Date(HALO_EPOCH),
      first_response_at: new Date(HALO_EPOCH + 10 * MINUTE),
      raw: acmeTicket(0, 10),
    })
    const quarantine = await handle.db
      .selectFrom('quarantine')
      .select(['natural_key', 'reason'])
      .execute()
    expect(quarantine).toEqual([{ natural_key: '2003', reason: 'dateoccurred is missing' }])
    const triggers = await handle.db.selectFrom('triggers').select(['key', 'target_ms']).execute()
    expect(triggers.map((trigger) => trigger.key).sort()).toEqual([
      '2000',
      '2010',
      '2020',
      '2030',
      '2040',
      '2050',
    ])
    expect(new Set(triggers.map((trigger) => trigger.target_ms))).toEqual(new Set([30 * MINUTE]))

    expect(await stateOf()).toMatchObject({ state: 'tight', adherence: 1 })
  })

  it('reads on from its cursor, and a late and a missed response make the rhythm drift', async () => {
    const cursor = await handle.db
      .selectFrom('sync_cursors')
      .select('cursor')
      .executeTakeFirstOrThrow()
    tenant.tickets.push(acmeTicket(60, 2 * 60), acmeTicket(70, undefined))
    const before = tenant.requests.length
    const report = await sync()
    expect(report).toMatchObject({ status: 'succeeded', created: 2 })
    const read = tenant.requests.slice(before).find((r) => r.url.pathname === '/api/Tickets')!
    expect(read.url.searchParams.get('lastupdatefromdate')).toBe(
      haloLocal(Date.parse(cursor.cursor) - 10 * MINUTE, ZONE),
    )

    const state = await stateOf()
    expect(state).toMatchObject({ state: 'drifting', adherence: 6 / 8 })
    expect(state.reasons.map((reason) => reason.code)).toEqual(['budget_exhausted'])
  })
})
