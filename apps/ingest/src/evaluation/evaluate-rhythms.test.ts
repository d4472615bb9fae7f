import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS, openTestDatabase } from '../../test/db.js'
import { insertOrganisation, insertRhythms, rhythmRow } from '../../test/fixtures.js'
import { loadCatalog } from '../rhythms/catalog.js'
import { evaluateRhythms } from './evaluate-rhythms.js'
import { InputCache } from './input-cache.js'
import type { DatabaseHandle } from '../db/connect.js'
import type { StoredFigures } from './figures.js'

const DAY = 86_400_000
const NOW = Date.parse('2026-11-24T12:00:00Z')

describe.each(DRIVERS)('evaluating rhythms on %s', (driver) => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await openTestDatabase(driver)
    await insertOrganisation(handle.db)
    await insertRhythms(handle.db, [
      rhythmRow({ id: 'daily', created_at: new Date(NOW - 400 * DAY) }),
      rhythmRow({
        id: 'monthly',
        layer: 'section',
        cadence: { kind: 'schedule', cron: '0 9 1 * *', tz: 'UTC' },
        created_at: new Date(NOW - 400 * DAY),
      }),
    ])
    // A daily beat long before the daily rhythm's window, but within the monthly one's.
    await handle.db
      .insertInto('beats')
      .values({
        rhythm_id: 'daily',
        at: new Date(NOW - 60 * DAY),
        ok: true,
        origin: 'api',
        idempotency_key: 'old',
      })
      .execute()
  })
  afterAll(async () => {
    await handle?.close()
  })

  const extraOf = async (rhythmId: string) => {
    const row = await handle.db
      .selectFrom('rhythm_states')
      .select('figures')
      .where('rhythm_id', '=', rhythmId)
      .executeTakeFirstOrThrow()
    return (row.figures as unknown as StoredFigures).counts.extra
  }

  it('gives a rhythm the same figures whichever rhythms share its round', async () => {
    const catalog = await loadCatalog(handle.db)
    await evaluateRhythms({ db: handle.db, catalog, now: NOW, rhythmIds: ['daily'] })
    const alone = await extraOf('daily')
    await evaluateRhythms({ db: handle.db, catalog, now: NOW })
    expect(await extraOf('daily')).toBe(alone)
    expect(alone).toBe(0)
  })

  it('records a flip and a stream event only when the state changes', async () => {
    const catalog = await loadCatalog(handle.db)
    const again = await evaluateRhythms({ db: handle.db, catalog, now: NOW })
    expect(again).toMatchObject({ evaluated: 2, events: [] })
    const flips = await handle.db
      .selectFrom('rhythm_flips')
      .select(['rhythm_id', 'to_state'])
      .execute()
    expect(flips.map((flip) => flip.rhythm_id).sort()).toEqual(['daily', 'monthly'])
  })

  it('sees through its input cache exactly what a fresh read sees, told of each new beat', async () => {
    const catalog = await loadCatalog(handle.db)
    const cache = new InputCache()
    const statesOf = async () =>
      handle.db
        .selectFrom('rhythm_states')
        .select(['rhythm_id', 'state', 'score', 'figures'])
        .orderBy('rhythm_id')
        .execute()
    for (let day = 1; day <= 3; day++) {
      const now = NOW + day * DAY
      await handle.db
        .insertInto('beats')
        .values({
          rhythm_id: 'daily',
          at: new Date(now - DAY / 2),
          ok: true,
          origin: 'api',
          idempotency_key: `day-${day}`,
        })
        .execute()
      cache.invalidate(['daily'])
      await evaluateRhythms({ db: handle.db, catalog, now, cache })
      const cached = await statesOf()
      await evaluateRhythms({ db: handle.db, catalog, now })
      expect(cached).toEqual(await statesOf())
    }
    expect(cache.size).toBe(2)
  })
})
