import { pino } from 'pino'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { backupConnector } from '../../test/backup-connector.js'
import { DRIVERS, openTestDatabase } from '../../test/db.js'
import { insertOrganisation, insertRhythms, rhythmRow } from '../../test/fixtures.js'
import { readSecret, secretRef } from '../connectors/settings.js'
import type { Evaluator } from './evaluator.js'
import { SyncScheduler } from './sync-scheduler.js'
import { storagePath } from '../../test/storage-path.js'
import type { ConnectorBuilder } from '../connectors/registry.js'
import type { DatabaseHandle } from '../db/connect.js'
import type { RecordSink } from '../records/types.js'
import type { ScoreIntegration } from '../score/score-types.js'

const NOW = Date.UTC(2026, 10, 20, 12)
const log = pino({ level: 'silent' })

const integration = (id: string, more: Partial<ScoreIntegration> = {}): ScoreIntegration => ({
  id,
  vendor: 'ninjaone',
  // Never due while a test runs: the tests start syncs themselves.
  schedule: '0 0 1 1 *',
  freshnessMs: 7_200_000,
  organisations: { '1': 'acme' },
  settings: {},
  ...more,
})

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe.each(DRIVERS)('the sync scheduler on %s', (driver) => {
  let handle: DatabaseHandle
  let sink: RecordSink
  let evaluator: Evaluator
  let scheduler: SyncScheduler
  let built: string[]
  let gate: { opened: Promise<void>; open: () => void }
  let gatedPage: number

  const closedGate = () => {
    let open = () => {}
    const opened = new Promise<void>((resolve) => (open = resolve))
    return { opened, open }
  }
  // Builds the test connector; a setting `apiKey: { env }` must name a set variable.
  const build: ConnectorBuilder = (integration, deps) => {
    const apiKey = secretRef.optional().parse(integration.settings['apiKey'])
    if (apiKey) readSecret(integration, 'apiKey', apiKey, deps.env)
    built.push(integration.id)
    return backupConnector({
      integrationId: integration.id,
      now: NOW,
      pages: 3,
      beforePage: (page) => (page === gatedPage ? gate.opened : Promise.resolve()),
    })
  }
  const newScheduler = () =>
    new SyncScheduler({ db: handle.db, driver, sink, log, now: () => NOW, env: {}, build })
  const syncRuns = () =>
    handle.db
      .selectFrom('sync_runs')
      .select(['integration_id', 'status', 'pages', 'error'])
      .orderBy('id')
      .execute()

  beforeAll(async () => {
    handle = await openTestDatabase(driver)
    await insertOrganisation(handle.db)
    await insertRhythms(handle.db, [rhythmRow({ id: 'acme-backups', source: { kind: 'backups' } })])
    ;({ evaluator, sink } = await storagePath(handle.db, { now: NOW, log }))
  })
  beforeEach(async () => {
    for (const table of [
      'backup_runs',
      'beats',
      'sync_cursors',
      'sync_runs',
      'integrations',
    ] as const) {
      await handle.db.deleteFrom(table).execute()
    }
    for (const id of ['rmm', 'broken']) {
      await handle.db
        .insertInto('integrations')
        .values({
          id,
          vendor: 'ninjaone',
          schedule: '0 0 1 1 *',
          freshness_ms: 7_200_000,
          settings: '{}',
          organisations: '{}',
          demo: false,
          active: true,
        })
        .execute()
    }
    built = []
    gate = closedGate()
    gatedPage = 0
    scheduler = newScheduler()
  })
  afterEach(async () => {
    gate.open()
    await scheduler.stop()
    await evaluator.flush()
  })
  afterAll(async () => {
    await evaluator?.close()
    await handle?.close()
  })

  it('syncs a new integration at once, and leaves one it cannot build unscheduled with its reason', async () => {
    await scheduler.plan([
      integration('rmm'),
      integration('broken', { settings: { apiKey: { env: 'BROKEN_API_KEY' } } }),
      integration('demo-psa', { vendor: 'demo' }),
    ])
    await eventually(async () => (await syncRuns()).length === 1)
    expect(await syncRuns()).toEqual([
      { integration_id: 'rmm', status: 'succeeded', pages: 3, error: null },
    ])
    expect(scheduler.connector('broken')).toEqual({
      kind: 'unavailable',
      cause: 'config',
      reason: expect.stringContaining('environment variable BROKEN_API_KEY is not set'),
    })
    const broken = await handle.db
      .selectFrom('integrations')
      .select('last_error')
      .where('id', '=', 'broken')
      .executeTakeFirstOrThrow()
    expect(broken.last_error).toContain('BROKEN_API_KEY')
    expect(scheduler.connector('demo-psa')).toMatchObject({
      kind: 'unavailable',
      cause: 'no-connector',
    })
    expect(scheduler.connector('rmm')).toMatchObject({ kind: 'ready' })
    expect(scheduler.connector('nothing')).toEqual({ kind: 'unknown' })
  })

  it('never runs two syncs of one integration at once in the process, and shows its progress', async () => {
    gatedPage = 2
    await scheduler.plan([integration('rmm')])
    await eventually(() => scheduler.progress('rmm')?.pages === 1)
    expect(scheduler.progress('rmm')).toMatchObject({ stream: 'backups', done: 2, total: 6 })

    expect(await scheduler.run('rmm')).toBeUndefined()
    gate.open()
    await eventually(() => scheduler.progress('rmm') === undefined)
    expect(await syncRuns()).toEqual([expect.objectContaining({ status: 'succeeded', pages: 3 })])
  })

  it('keeps an unchanged integration on a new plan, and rebuilds and syncs a changed one', async () => {
    await scheduler.plan([integration('rmm')])
    await eventually(async () => (await syncRuns()).length === 1)
    await scheduler.plan([integration('rmm')])
    expect(built).toEqual(['rmm'])

    await scheduler.plan([integration('rmm', { settings: { history: '30d' } })])
    expect(built).toEqual(['rmm', 'rmm'])
    await eventually(async () => (await syncRuns()).length === 2)

    await scheduler.plan([])
    expect(scheduler.connector('rmm')).toEqual({ kind: 'unknown' })
  })

  it('stops after the page in flight has committed, and records the run as interrupted', async () => {
    gatedPage = 2
    await scheduler.plan([integration('rmm')])
    await eventually(() => scheduler.progress('rmm')?.pages === 1)

    const stopped = scheduler.stop()
    gate.open()
    await stopped
    expect(await syncRuns()).toEqual([
      expect.objectContaining({
        status: 'failed',
        pages: 2,
        error: expect.stringMatching(/interrupted/),
      }),
    ])
    const cursors = await handle.db.selectFrom('sync_cursors').select('cursor').execute()
    expect(cursors).toEqual([{ cursor: '2' }])
    expect(await scheduler.run('rmm')).toBeUndefined()
  })
})
