import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS, openTestDatabase } from '../../test/db.js'
import { migrateToLatest } from './migrate.js'
import type { DatabaseHandle } from './connect.js'

describe.each(DRIVERS)('database on %s', (driver) => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await openTestDatabase(driver)
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('creates every table from an empty database', async () => {
    const tables = await handle.db.introspection.getTables()
    expect(tables.map((table) => table.name).sort()).toEqual([
      'access_tokens',
      'accounts',
      'audit_log',
      'backup_runs',
      'beats',
      'cue_cursor',
      'cues',
      'events',
      'integrations',
      'organisations',
      'patch_runs',
      'players',
      'quarantine',
      'rests',
      'rhythm_flips',
      'rhythm_states',
      'rhythms',
      'secrets',
      'sessions',
      'sign_on_attempts',
      'sync_cursors',
      'sync_runs',
      'teams',
      'tickets',
      'triggers',
    ])
  })

  it('records when a rhythm became known', async () => {
    const columns = (await handle.db.introspection.getTables()).find(
      (t) => t.name === 'rhythms',
    )!.columns
    expect(columns.map((column) => column.name)).toContain('created_at')
  })

  it('runs no migration twice', async () => {
    expect(await migrateToLatest(handle.db)).toEqual([])
  })

  it('returns int8 as a number and timestamptz as a Date', async () => {
    const { rows } = await sql<{ big: unknown; at: unknown }>`
      select 1764000000000::int8 as big, '2026-11-24T12:00:00Z'::timestamptz as at`.execute(
      handle.db,
    )
    expect(rows[0]!.big).toBe(1_764_000_000_000)
    expect(rows[0]!.at).toEqual(new Date('2026-11-24T12:00:00Z'))
  })

  it('keeps jsonb round trips intact', async () => {
    await handle.db
      .insertInto('events')
      .values({
        type: 'beat',
        rhythm_id: 'r',
        payload: JSON.stringify({ nested: { a: [1, 'b'] } }),
      })
      .execute()
    const row = await handle.db.selectFrom('events').selectAll().executeTakeFirstOrThrow()
    expect(row.payload).toEqual({ nested: { a: [1, 'b'] } })
    expect(typeof row.id).toBe('number')
  })
})
