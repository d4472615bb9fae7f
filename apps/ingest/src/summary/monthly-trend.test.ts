import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS, openTestDatabase } from '../../test/db.js'
import { loadCatalog } from '../rhythms/catalog.js'
import { at, seedTwoMonths } from './__fixtures__/two-months.js'
import { monthlySummary } from './monthly-summary.js'
import { monthlyTrend } from './monthly-trend.js'
import type { DatabaseHandle } from '../db/connect.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'

const none = { piece: null, portfolio: null }

describe.each(DRIVERS)('the monthly trend on %s', (driver) => {
  let handle: DatabaseHandle
  let catalog: RhythmCatalog
  const now = at(12, 3, 12)
  beforeAll(async () => {
    handle = await openTestDatabase(driver)
    await seedTwoMonths(handle.db)
    catalog = await loadCatalog(handle.db)
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('gives adherence overall and per layer for each month, oldest first', async () => {
    const trend = await monthlyTrend({
      db: handle.db,
      catalog,
      months: 3,
      now,
      endMonth: '2026-11',
    })
    expect(trend).toEqual([
      {
        // Nothing was played in September: every slot was missed, but patching was not known yet.
        month: '2026-09',
        overall: 0,
        layers: { note: null, measure: 0, phrase: null, section: 0, movement: null, ...none },
      },
      {
        month: '2026-10',
        overall: 61 / 62,
        layers: { note: 24 / 25, measure: 1, phrase: 1, section: 1, movement: 1, ...none },
      },
      {
        month: '2026-11',
        overall: 52 / 57,
        layers: { note: 20 / 22, measure: 1, phrase: 0.5, section: 0, movement: null, ...none },
      },
    ])
  })

  it('agrees with the monthly summary of each month', async () => {
    const trend = await monthlyTrend({
      db: handle.db,
      catalog,
      months: 2,
      now,
      endMonth: '2026-11',
    })
    const summary = await monthlySummary({ db: handle.db, catalog, month: '2026-11', now })
    expect(trend.map((point) => point.overall)).toEqual([
      summary.overall.previous?.adherence,
      summary.overall.adherence,
    ])
  })

  it('ends with the current month, judged up to now, by default', async () => {
    const trend = await monthlyTrend({ db: handle.db, catalog, months: 2, now })
    expect(trend.map((point) => point.month)).toEqual(['2026-11', '2026-12'])
    // Three nightly backups on time; the patch window of Wednesday 2 December missed.
    expect(trend[1]).toMatchObject({ overall: 3 / 4, layers: { measure: 1, phrase: 0 } })
  })

  it('refuses to end with a month that has not begun', async () => {
    await expect(
      monthlyTrend({ db: handle.db, catalog, now, endMonth: '2027-01' }),
    ).rejects.toThrow(/2027-01/)
  })
})
