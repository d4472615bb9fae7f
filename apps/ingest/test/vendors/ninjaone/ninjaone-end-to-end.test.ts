import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { runSync } from '../../../src/connectors/run-sync.js'
import { evaluateRhythms } from '../../../src/evaluation/evaluate-rhythms.js'
import { DRIVERS, openTestDatabase } from '../../db.js'
import { insertIntegration, insertOrganisation, insertRhythms, rhythmRow } from '../../fixtures.js'
import { storagePath } from '../../storage-path.js'
import { makeNinjaBackupJob, makeNinjaDevice } from './ninjaone-data.js'
import { FakeNinjaOne } from './ninjaone-handlers.js'
import { connectNinja, ninjaIntegration, silentLog } from './ninjaone-setup.js'
import type { Connector } from '../../../src/connectors/connector.js'
import type { DatabaseHandle } from '../../../src/db/connect.js'
import type { RecordSink } from '../../../src/records/types.js'
import type { RhythmCatalog } from '../../../src/rhythms/catalog.js'
import type { Evaluator } from '../../../src/service/evaluator.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const NIGHTS = 14
/** Device 21 backed up for the first 11 nights, then stopped. */
const STOPPED = { deviceId: 21, after: 11 }
const ACME_DEVICES = [1, 11, 21]
/** Noon after the last night (night 0 is 2026-01-01). */
const NOW = Date.UTC(2026, 0, NIGHTS, 12)

/** Each of acme's devices (organisation 1) backs up nightly; device 2 belongs to no one we watch. */
function tenant(): FakeNinjaOne {
  const ninja = new FakeNinjaOne()
  ninja.devices = [...ACME_DEVICES, 2].map((id) => makeNinjaDevice(id))
  for (let night = 0; night < NIGHTS; night++) {
    for (const deviceId of [...ACME_DEVICES, 2]) {
      if (deviceId === STOPPED.deviceId && night >= STOPPED.after) continue
      // Job numbers follow the builder's scheme: night * 1000 + device - 1.
      ninja.backupJobs.push(
        makeNinjaBackupJob(night * 1_000 + deviceId - 1, { jobStatus: 'COMPLETED' }),
      )
    }
  }
  return ninja
}

describe.each(DRIVERS)('NinjaOne backups to rhythm state on %s', (driver) => {
  let handle: DatabaseHandle
  let catalog: RhythmCatalog
  let evaluator: Evaluator
  let sink: RecordSink
  let ninja: FakeNinjaOne
  let connector: Connector
  const integration = ninjaIntegration(
    { pageSize: 10, streams: ['devices', 'backups'] },
    {
      '1': 'acme',
    },
  )

  beforeAll(async () => {
    handle = await openTestDatabase(driver)
    await insertOrganisation(handle.db)
    await insertIntegration(handle.db, integration)
    await insertRhythms(handle.db, [
      rhythmRow({
        id: 'acme-nightly-backups',
        source: { kind: 'backups', integration: 'ninja', roster: true },
        created_at: new Date(Date.UTC(2026, 0, 1)),
      }),
    ])
    ;({ catalog, evaluator, sink } = await storagePath(handle.db, { now: NOW, log: silentLog }))
    ninja = tenant()
    connector = connectNinja(integration.settings, integration.organisations)
  })
  beforeEach(() => server.use(...ninja.handlers()))
  afterAll(async () => {
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
      log: silentLog,
    })

  it('stores the roster and every finished job of watched devices, page by page, raw kept', async () => {
    const report = await sync()
    expect(report).toMatchObject({ status: 'succeeded', created: 3 * NIGHTS - 3, quarantined: 0 })
    expect(report.pages).toBeGreaterThan(4)
    const players = await handle.db
      .selectFrom('players')
      .select(['organisation_id', 'key', 'active', 'integration_id'])
      .orderBy('key')
      .execute()
    expect(players).toEqual(
      ['NJ-WS-0001', 'NJ-WS-0011', 'NJ-WS-0021'].map((key) => ({
        organisation_id: 'acme',
        key,
        active: true,
        integration_id: 'ninja',
      })),
    )
    const job = ninja.backupJobs[0]!
    const stored = await handle.db
      .selectFrom('backup_runs')
      .select(['device', 'result', 'raw', 'ended_at'])
      .where('external_id', '=', String(job.jobId))
      .executeTakeFirstOrThrow()
    expect({ ...stored, raw: JSON.parse(stored.raw) }).toEqual({
      device: 'NJ-WS-0001',
      result: 'success',
      raw: job,
      ended_at: new Date(Math.round(Number(job.jobEndTime) * 1000)),
    })
    const cursor = await handle.db.selectFrom('sync_cursors').select(['stream', 'cursor']).execute()
    const latestStart = Math.max(
      ...ninja.backupJobs.map((raw) => Math.round(Number(raw.jobStartTime) * 1000)),
    )
    expect(cursor).toEqual([{ stream: 'backups', cursor: new Date(latestStart).toISOString() }])
  })

  it('gives each device its own beats, one a night', async () => {
    const beats = await handle.db
      .selectFrom('beats')
      .select(['player', (eb) => eb.fn.countAll<string>().as('count')])
      .where('rhythm_id', '=', 'acme-nightly-backups')
      .groupBy('player')
      .orderBy('player')
      .execute()
    expect(beats.map((row) => [row.player, Number(row.count)])).toEqual([
      ['NJ-WS-0001', NIGHTS],
      ['NJ-WS-0011', NIGHTS],
      ['NJ-WS-0021', STOPPED.after],
    ])
  })

  it('is tight while every device backs up, and drifts once one stops', async () => {
    const stateAt = async (now: number) => {
      // The sink's evaluator judges at its own clock: let it finish before judging at `now`.
      await evaluator.flush()
      await evaluateRhythms({ db: handle.db, catalog, now })
      return handle.db
        .selectFrom('rhythm_states')
        .select(['state', 'reasons'])
        .where('rhythm_id', '=', 'acme-nightly-backups')
        .executeTakeFirstOrThrow()
    }
    const before = await stateAt(Date.UTC(2026, 0, STOPPED.after - 1, 12))
    expect(before.state).toBe('tight')
    const after = await stateAt(NOW)
    expect(after.state).toBe('drifting')
    const reasons = after.reasons as unknown as Array<{ code: string; message: string }>
    expect(reasons.find((reason) => reason.code === 'last_missed')?.message).toContain('NJ-WS-0021')
  })

  it('re-reads only the overlap next time and stores nothing twice', async () => {
    const asked = ninja.seen('/v2/backup/jobs').length
    const report = await sync()
    expect(report).toMatchObject({ status: 'succeeded', created: 0, updated: 0 })
    const stf = ninja.seen('/v2/backup/jobs')[asked]!.params.stf
    const cursor = Date.parse(stf!.replace('startTime after ', ''))
    const latestStart = Math.max(
      ...ninja.backupJobs.map((raw) => Math.round(Number(raw.jobStartTime) * 1000)),
    )
    expect(cursor).toBe(latestStart - 10 * 60_000)
    expect(report.records).toBeLessThan(10)
    const { count } = await handle.db
      .selectFrom('beats')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .executeTakeFirstOrThrow()
    expect(Number(count)).toBe(3 * NIGHTS - 3)
  })
})
