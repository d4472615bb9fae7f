import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runSync } from '../../../src/connectors/run-sync.js'
import { evaluateRhythms } from '../../../src/evaluation/evaluate-rhythms.js'
import { DRIVERS, openTestDatabase } from '../../db.js'
import { insertIntegration, insertOrganisation, insertRhythms, rhythmRow } from '../../fixtures.js'
import { storagePath } from '../../storage-path.js'
import { DATTO_SITES, makeDattoDevice } from './datto-data.js'
import { FakeDattoRmm } from './datto-handlers.js'
import { connectDatto, dattoIntegration, silentLog } from './datto-setup.js'
import type { Connector } from '../../../src/connectors/connector.js'
import type { DatabaseHandle } from '../../../src/db/connect.js'
import type { RecordSink } from '../../../src/records/types.js'
import type { RhythmCatalog } from '../../../src/rhythms/catalog.js'
import type { Evaluator } from '../../../src/service/evaluator.js'
import type { SyncReport } from '../../../src/connectors/run-sync.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const DAYS = 7
/** From day 4 on, DT-WS-0003's patch installs fail. */
const BROKEN = { device: 3, from: 4 }
const day = (n: number, hour: number) => Date.UTC(2026, 0, 1 + n, hour)

describe.each(DRIVERS)('Datto RMM patch status to rhythm state on %s', (driver) => {
  let handle: DatabaseHandle
  let catalog: RhythmCatalog
  let evaluator: Evaluator
  let sink: RecordSink
  let connector: Connector
  const datto = new FakeDattoRmm()
  const integration = dattoIntegration({ pageSize: 2 }, { [DATTO_SITES[0].uid]: 'acme' })

  /** The account as Datto shows it on day `n`: each device audited at 03:00 (or `audit`). */
  const showDay = (n: number, audit: number) => {
    datto.devices = [0, 3, 6, 1].map((i) =>
      makeDattoDevice(i, {
        lastAuditDate: day(n, audit) + i * 1_000,
        lastSeen: day(n, 11),
        patchManagement: {
          patchStatus: i === BROKEN.device && n >= BROKEN.from ? 'InstallError' : 'FullyPatched',
          patchesApprovedPending: 0,
          patchesNotApproved: 0,
          patchesInstalled: 140 + n,
        },
      }),
    )
  }

  beforeAll(async () => {
    handle = await openTestDatabase(driver)
    await insertOrganisation(handle.db)
    await insertIntegration(handle.db, integration)
    await insertRhythms(handle.db, [
      rhythmRow({
        id: 'acme-fully-patched',
        source: { kind: 'patches', activity: 'fully-patched', integration: 'datto', roster: true },
        created_at: new Date(day(0, 0)),
      }),
    ])
    ;({ catalog, evaluator, sink } = await storagePath(handle.db, {
      now: day(0, 12),
      log: silentLog,
    }))
    connector = connectDatto(integration.settings, integration.organisations)
  })
  beforeEach(() => server.use(...datto.handlers()))
  afterAll(async () => {
    await evaluator?.close()
    await handle?.close()
  })

  const syncOn = (n: number, { hour = 12, audit = 3 } = {}): Promise<SyncReport> => {
    showDay(n, audit)
    return runSync({
      db: handle.db,
      driver,
      sink,
      connector,
      integration,
      now: () => day(n, hour),
      log: silentLog,
    })
  }
  const stateAt = async (now: number) => {
    // The sink's evaluator judges at its own clock: let it finish before judging at `now`.
    await evaluator.flush()
    await evaluateRhythms({ db: handle.db, catalog, now })
    return handle.db
      .selectFrom('rhythm_states')
      .select(['state', 'reasons'])
      .where('rhythm_id', '=', 'acme-fully-patched')
      .executeTakeFirstOrThrow()
  }

  it('stores the roster and one observation per device per day, raw kept', async () => {
    const reports = []
    for (let n = 0; n < DAYS; n++) reports.push(await syncOn(n))
    expect(reports.map((report) => [report.status, report.created])).toEqual(
      Array(DAYS).fill(['succeeded', 3]),
    )
    const players = await handle.db
      .selectFrom('players')
      .select(['key', 'active'])
      .where('organisation_id', '=', 'acme')
      .orderBy('key')
      .execute()
    expect(players).toEqual([
      { key: 'DT-SRV-0000', active: true },
      { key: 'DT-WS-0003', active: true },
      { key: 'DT-WS-0006', active: true },
    ])
    const runs = await handle.db
      .selectFrom('patch_runs')
      .select(['device', 'result', 'at', 'raw'])
      .where('device', '=', 'DT-WS-0003')
      .orderBy('at')
      .execute()
    expect(runs.map((run) => run.result)).toEqual([
      ...Array(BROKEN.from).fill('success'),
      ...Array(DAYS - BROKEN.from).fill('failure'),
    ])
    expect(runs.at(-1)!.at).toEqual(new Date(day(DAYS - 1, 3) + 3_000))
    expect(JSON.parse(runs.at(-1)!.raw)).toEqual(datto.devices[1])
  })

  it('is tight while every device is fully patched, and drifts when one fails to install', async () => {
    expect((await stateAt(day(BROKEN.from - 1, 12))).state).toBe('tight')
    const after = await stateAt(day(DAYS - 1, 12))
    expect(after.state).toBe('drifting')
    const reasons = after.reasons as unknown as Array<{ code: string; message: string }>
    expect(reasons.find((reason) => reason.code === 'last_failed')?.message).toContain('DT-WS-0003')
  })

  it('updates the day’s observation on a later sync that day instead of adding one', async () => {
    const report = await syncOn(DAYS - 1, { hour: 18, audit: 15 })
    expect(report).toMatchObject({ status: 'succeeded', created: 0, updated: 3 })
    const { count } = await handle.db
      .selectFrom('beats')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('rhythm_id', '=', 'acme-fully-patched')
      .executeTakeFirstOrThrow()
    expect(Number(count)).toBe(3 * DAYS)
    const latest = await handle.db
      .selectFrom('beats')
      .select((eb) => eb.fn.max('at').as('at'))
      .where('player', '=', 'DT-WS-0003')
      .executeTakeFirstOrThrow()
    expect(new Date(latest.at)).toEqual(new Date(day(DAYS - 1, 15) + 3_000))
  })
})
