import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DRIVERS, openTestDatabase } from '../../test/db.js'
import { backupConnector as testConnector } from '../../test/backup-connector.js'
import {
  insertIntegration,
  insertOrganisation,
  insertRhythms,
  rhythmRow,
} from '../../test/fixtures.js'
import { connectDatabase } from '../db/connect.js'
import type { Evaluator } from '../service/evaluator.js'
import { integrationLockKey } from './advisory-lock.js'
import { runSync } from './run-sync.js'
import { sql } from 'kysely'
import { storagePath } from '../../test/storage-path.js'
import type { DatabaseHandle } from '../db/connect.js'
import type { RecordSink } from '../records/types.js'
import type { ScoreIntegration } from '../score/score-types.js'
import type { Connector } from './connector.js'
import type { SyncProgress } from './sync-progress.js'

const DAY = 86_400_000
const NOW = Date.UTC(2026, 10, 20, 12)
const log = pino({ level: 'silent' })

const integration: ScoreIntegration = {
  id: 'rmm',
  vendor: 'ninjaone',
  schedule: '*/15 * * * *',
  freshnessMs: 2 * 3_600_000,
  organisations: { '1': 'acme' },
  settings: {},
}

const backupConnector = (options: Omit<Parameters<typeof testConnector>[0], 'now'>) =>
  testConnector({ ...options, now: NOW })

describe.each(DRIVERS)('running a sync on %s', (driver) => {
  let handle: DatabaseHandle
  let sink: RecordSink
  let evaluator: Evaluator
  beforeAll(async () => {
    handle = await openTestDatabase(driver)
    await insertOrganisation(handle.db)
    await insertRhythms(handle.db, [
      rhythmRow({ id: 'acme-backups', source: { kind: 'backups', integration: 'rmm' } }),
    ])
    ;({ evaluator, sink } = await storagePath(handle.db, { now: NOW, log }))
  })
  beforeEach(async () => {
    for (const table of [
      'backup_runs',
      'beats',
      'sync_cursors',
      'sync_runs',
      'quarantine',
    ] as const) {
      await handle.db.deleteFrom(table).execute()
    }
    await handle.db.deleteFrom('integrations').execute()
    await insertIntegration(handle.db, integration)
  })
  afterEach(async () => {
    await evaluator.flush()
  })
  afterAll(async () => {
    await evaluator?.close()
    await handle?.close()
  })

  const sync = (connector: Connector, more: Partial<Parameters<typeof runSync>[0]> = {}) =>
    runSync({
      db: handle.db,
      driver,
      sink,
      connector,
      integration,
      now: () => NOW,
      log,
      ...more,
    })

  const stored = async () => ({
    runs: (await handle.db.selectFrom('backup_runs').select('external_id').execute())
      .map((row) => row.external_id)
      .sort(),
    cursors: await handle.db.selectFrom('sync_cursors').select(['stream', 'cursor']).execute(),
    syncRuns: await handle.db
      .selectFrom('sync_runs')
      .select([
        'status',
        'pages',
        'records_new',
        'records_updated',
        'records_quarantined',
        'requests',
        'retries',
        'error',
      ])
      .orderBy('id')
      .execute(),
  })

  it('stores every page with its cursor, derives beats and records the run', async () => {
    const progress: SyncProgress[] = []
    const report = await sync(backupConnector({ pages: 3 }), {
      onProgress: (p) => progress.push(p),
    })

    expect(report).toMatchObject({ status: 'succeeded', pages: 3, records: 6, created: 6 })
    const after = await stored()
    expect(after.runs).toHaveLength(6)
    expect(after.cursors).toEqual([{ stream: 'backups', cursor: '3' }])
    expect(after.syncRuns).toEqual([
      {
        status: 'succeeded',
        pages: 3,
        records_new: 6,
        records_updated: 0,
        records_quarantined: 1,
        requests: 3,
        retries: 0,
        error: null,
      },
    ])
    const beats = await handle.db.selectFrom('beats').select('rhythm_id').execute()
    expect(beats).toHaveLength(6)
    const row = await handle.db.selectFrom('integrations').selectAll().executeTakeFirstOrThrow()
    expect(row.last_success_at?.getTime()).toBe(NOW)
    expect(row.last_error).toBeNull()
    expect(progress.at(-1)).toMatchObject({
      stream: 'backups',
      done: 6,
      total: 6,
      pages: 3,
      records: 7,
    })
  })

  it('starts a stream without a cursor at now minus the history, and resumes from its cursor', async () => {
    const first = backupConnector({ pages: 2 })
    await sync(first, { integration: { ...integration, settings: { history: '30d' } } })
    expect(first.calls[0]).toMatchObject({ since: NOW - 30 * DAY, now: NOW })
    expect([...first.calls[0]!.cursors]).toEqual([])

    const second = backupConnector({ pages: 4 })
    const report = await sync(second)
    expect([...second.calls[0]!.cursors]).toEqual([['backups', '2']])
    expect(second.calls[0]!.since).toBe(NOW - 180 * DAY)
    expect(report).toMatchObject({ status: 'succeeded', pages: 2, created: 4, updated: 0 })
    expect((await stored()).runs).toHaveLength(8)
  })

  it('reads everything again from --since, ignoring the stored cursor, without doubling', async () => {
    await sync(backupConnector({ pages: 2 }))
    const again = backupConnector({ pages: 2 })
    const report = await sync(again, { since: NOW - 7 * DAY })
    expect(again.calls[0]).toMatchObject({ since: NOW - 7 * DAY })
    expect([...again.calls[0]!.cursors]).toEqual([])
    // Re-read records that did not change are neither new nor updated.
    expect(report).toMatchObject({ pages: 2, records: 4, created: 0, updated: 0 })
    expect((await stored()).runs).toHaveLength(4)
  })

  it('keeps the cursor at the last committed page when the vendor fails, and records why', async () => {
    const report = await sync(backupConnector({ pages: 4, failAt: 3 }))

    expect(report).toMatchObject({
      status: 'failed',
      pages: 2,
      created: 4,
      requests: 3,
      retries: 5,
    })
    const after = await stored()
    expect(after.runs).toEqual(['job-2', 'job-3', 'job-4', 'job-5'])
    expect(after.cursors).toEqual([{ stream: 'backups', cursor: '2' }])
    expect(after.syncRuns).toEqual([
      expect.objectContaining({
        status: 'failed',
        pages: 2,
        error: 'ninjaone: GET /v2/backup/jobs: 503 after 6 attempts',
      }),
    ])
    const row = await handle.db.selectFrom('integrations').selectAll().executeTakeFirstOrThrow()
    expect(row.last_error).toBe('ninjaone: GET /v2/backup/jobs: 503 after 6 attempts')
    expect(row.last_success_at).toBeNull()

    const resumed = backupConnector({ pages: 4 })
    await sync(resumed)
    expect([...resumed.calls[0]!.cursors]).toEqual([['backups', '2']])
    expect((await stored()).runs).toHaveLength(8)
  })

  it('stores nothing on a dry run, only counts', async () => {
    const report = await sync(backupConnector({ pages: 3 }), { dryRun: true })
    expect(report).toMatchObject({
      status: 'succeeded',
      dryRun: true,
      pages: 3,
      records: 6,
      created: 0,
      quarantined: 1,
    })
    expect(await stored()).toEqual({ runs: [], cursors: [], syncRuns: [] })
  })

  it('stops after the page being stored when asked to, and records the run as interrupted', async () => {
    const stopping = new AbortController()
    const connector = backupConnector({
      pages: 4,
      // Page 3 is asked for (read ahead) while page 2 is being stored.
      beforePage: async (page) => {
        if (page === 3) stopping.abort()
      },
    })
    const report = await sync(connector, { signal: stopping.signal })
    expect(report).toMatchObject({ status: 'failed', pages: 2 })
    expect(report.error).toMatch(/interrupted/)
    expect((await stored()).cursors).toEqual([{ stream: 'backups', cursor: '2' }])
  })

  it('skips a second sync of the same integration while the first runs', async () => {
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const slow = backupConnector({
      pages: 2,
      beforePage: (page) => (page === 2 ? held : Promise.resolve()),
    })
    const first = sync(slow)
    await new Promise((resolve) => setTimeout(resolve, 50))

    const second = await sync(backupConnector({ pages: 2 }))
    expect(second).toMatchObject({ status: 'skipped', pages: 0 })
    expect(second.error).toMatch(/another sync/)
    release()
    expect(await first).toMatchObject({ status: 'succeeded', pages: 2 })
    expect((await stored()).syncRuns).toHaveLength(1)

    // Once the first is done, the lock is free again.
    expect(await sync(backupConnector({ pages: 2 }))).toMatchObject({ status: 'succeeded' })
  })

  it.runIf(driver === 'postgres')(
    'skips while another instance holds the advisory lock, and runs once it lets go',
    async () => {
      const [{ name }] = (
        await sql<{ name: string }>`select current_database() as name`.execute(handle.db)
      ).rows as [{ name: string }]
      const url = new URL(
        process.env.BATON_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      )
      url.pathname = `/${name}`
      await using other = await connectDatabase({ databaseUrl: url.toString(), dataDir: '' })
      await other.db.connection().execute(async (connection) => {
        const key = integrationLockKey('rmm')
        await sql`select pg_advisory_lock(${key}::bigint)`.execute(connection)
        expect(await sync(backupConnector({ pages: 1 }))).toMatchObject({ status: 'skipped' })
        await sql`select pg_advisory_unlock(${key}::bigint)`.execute(connection)
      })
      expect(await sync(backupConnector({ pages: 1 }))).toMatchObject({ status: 'succeeded' })
      expect((await stored()).syncRuns).toHaveLength(1)
    },
  )
})
