import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS, openTestDatabase } from '../../test/db.js'
import { insertOrganisation, insertRhythms, rhythmRow } from '../../test/fixtures.js'
import { firstBeatTimes } from '../db/queries/beats.js'
import { loadCatalog } from '../rhythms/catalog.js'
import { storeBatch } from './store-records.js'
import type { DatabaseHandle } from '../db/connect.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { BackupRunRecord, TicketRecord } from './types.js'

const HOUR = 3_600_000
const night = (day: number, hour = 2) => Date.UTC(2026, 10, day, hour)

const backup = (device: string, day: number, result: BackupRunRecord['result'] = 'success') =>
  ({
    kind: 'backup-run',
    externalId: `${device}-${day}`,
    organisationId: 'acme',
    device,
    startedAt: night(day, 1),
    endedAt: night(day),
    result,
    raw: { id: `${device}-${day}`, status: result },
  }) satisfies BackupRunRecord

const ticket = (id: string, firstResponseAt: number | null): TicketRecord => ({
  kind: 'ticket',
  externalId: id,
  organisationId: 'acme',
  board: 'Service Desk',
  priority: 'P1',
  type: null,
  summary: 'Printer on fire',
  status: firstResponseAt ? 'In progress' : 'New',
  assignee: 'kim',
  createdAt: night(20, 9),
  firstResponseAt,
  resolvedAt: null,
  closedAt: null,
  raw: { id, firstResponseAt },
})

describe.each(DRIVERS)('storing records on %s', (driver) => {
  let handle: DatabaseHandle
  let catalog: RhythmCatalog
  beforeAll(async () => {
    handle = await openTestDatabase(driver)
    await insertOrganisation(handle.db)
    await insertRhythms(handle.db, [
      rhythmRow({ id: 'acme-backups', source: { kind: 'backups' } }),
      rhythmRow({
        id: 'acme-first-response',
        layer: 'note',
        cadence: { kind: 'sla', targetMs: 4 * HOUR },
        source: { kind: 'tickets', measure: 'first-response', priorities: { P1: HOUR } },
      }),
    ])
    await handle.db
      .insertInto('rests')
      .values({
        rhythm_id: 'acme-backups',
        from_at: new Date(night(10, 0)),
        to_at: new Date(night(11, 0)),
        reason: 'freeze',
      })
      .execute()
    catalog = await loadCatalog(handle.db)
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('stores records with their raw JSON and derives one beat per backup run', async () => {
    const result = await storeBatch({
      db: handle.db,
      catalog,
      batch: { integrationId: 'rmm', records: [backup('FS01', 1), backup('FS02', 1, 'failure')] },
    })
    expect(result).toMatchObject({
      created: 2,
      updated: 0,
      quarantined: 0,
      touchedRhythms: ['acme-backups'],
    })
    const beats = await handle.db
      .selectFrom('beats')
      .select(['player', 'ok', 'at', 'origin'])
      .orderBy('player')
      .execute()
    expect(beats).toEqual([
      { player: 'FS01', ok: true, at: new Date(night(1)), origin: 'record' },
      { player: 'FS02', ok: false, at: new Date(night(1)), origin: 'record' },
    ])
    const raw = await handle.db
      .selectFrom('backup_runs')
      .select('raw')
      .where('external_id', '=', 'FS01-1')
      .executeTakeFirstOrThrow()
    expect(JSON.parse(raw.raw)).toEqual({ id: 'FS01-1', status: 'success' })
  })

  it('creates nothing when the same page is stored again', async () => {
    const result = await storeBatch({
      db: handle.db,
      catalog,
      batch: { integrationId: 'rmm', records: [backup('FS01', 1), backup('FS02', 1, 'failure')] },
    })
    expect(result).toMatchObject({ created: 0, updated: 0, touchedRhythms: [], newBeats: [] })
    const { count } = await handle.db
      .selectFrom('beats')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow()
    expect(Number(count)).toBe(2)
  })

  it('updates a changed record and its beat instead of adding one', async () => {
    const result = await storeBatch({
      db: handle.db,
      catalog,
      batch: { integrationId: 'rmm', records: [backup('FS02', 1, 'success')] },
    })
    expect(result).toMatchObject({
      created: 0,
      updated: 1,
      touchedRhythms: ['acme-backups'],
      newBeats: [],
    })
    const beat = await handle.db
      .selectFrom('beats')
      .select('ok')
      .where('player', '=', 'FS02')
      .executeTakeFirstOrThrow()
    expect(beat.ok).toBe(true)
  })

  it('opens an SLA slot per ticket with its priority target and adds the response beat later', async () => {
    await storeBatch({
      db: handle.db,
      catalog,
      batch: { integrationId: 'psa', records: [ticket('T1', null)] },
    })
    const trigger = await handle.db.selectFrom('triggers').selectAll().executeTakeFirstOrThrow()
    expect(trigger).toMatchObject({
      rhythm_id: 'acme-first-response',
      key: 'T1',
      target_ms: HOUR,
      player: 'kim',
    })
    const answered = await storeBatch({
      db: handle.db,
      catalog,
      batch: { integrationId: 'psa', records: [ticket('T1', night(20, 9) + 20 * 60_000)] },
    })
    expect(answered.newBeats).toMatchObject([
      { rhythmId: 'acme-first-response', key: 'T1', ok: true },
    ])
  })

  it('marks a beat inside a rest and still stores it', async () => {
    const { newBeats } = await storeBatch({
      db: handle.db,
      catalog,
      batch: { integrationId: 'rmm', records: [backup('FS01', 10)] },
    })
    expect(newBeats).toMatchObject([{ inRest: true }])
  })

  it('quarantines a bad record with its reason and moves the cursor with the page', async () => {
    const bad = {
      kind: 'backup-run',
      naturalKey: 'job-9',
      reason: 'endTime: expected a timestamp',
      raw: { id: 'job-9' },
    }
    await storeBatch({
      db: handle.db,
      catalog,
      batch: {
        integrationId: 'rmm',
        records: [backup('FS01', 2)],
        quarantined: [bad],
        cursor: { stream: 'backups', value: '42' },
      },
    })
    await storeBatch({
      db: handle.db,
      catalog,
      batch: { integrationId: 'rmm', records: [], quarantined: [bad] },
    })
    const quarantined = await handle.db
      .selectFrom('quarantine')
      .selectAll()
      .executeTakeFirstOrThrow()
    expect(quarantined).toMatchObject({
      natural_key: 'job-9',
      reason: 'endTime: expected a timestamp',
      times: 2,
    })
    const cursor = await handle.db.selectFrom('sync_cursors').selectAll().executeTakeFirstOrThrow()
    expect(cursor).toMatchObject({ integration_id: 'rmm', stream: 'backups', cursor: '42' })
  })

  it('keeps a page whole or not at all', async () => {
    const broken = { ...backup('FS03', 3), organisationId: null as unknown as string }
    await expect(
      storeBatch({
        db: handle.db,
        catalog,
        batch: {
          integrationId: 'rmm',
          records: [backup('FS03', 2), broken],
          cursor: { stream: 'backups', value: '99' },
        },
      }),
    ).rejects.toThrow()
    const stored = await handle.db
      .selectFrom('backup_runs')
      .select('external_id')
      .where('device', '=', 'FS03')
      .execute()
    expect(stored).toEqual([])
    const cursor = await handle.db
      .selectFrom('sync_cursors')
      .select('cursor')
      .executeTakeFirstOrThrow()
    expect(cursor.cursor).toBe('42')
  })

  it("finds each rhythm's first beat, and none for a rhythm without beats", async () => {
    await storeBatch({
      db: handle.db,
      catalog,
      batch: { integrationId: 'rmm', records: [backup('FS03', 3), backup('FS03', 2)] },
    })
    const ids = ['acme-backups', 'acme-first-response', 'acme-without-beats']
    const earliest = await handle.db
      .selectFrom('beats')
      .select(['rhythm_id', (eb) => eb.fn.min('at').as('first')])
      .groupBy('rhythm_id')
      .execute()
    expect(earliest.find((row) => row.rhythm_id === 'acme-backups')?.first).toEqual(
      new Date(night(1)),
    )
    expect(await firstBeatTimes(handle.db, ids)).toEqual(
      new Map(earliest.map((row) => [row.rhythm_id, new Date(row.first).getTime()])),
    )
  })
})
