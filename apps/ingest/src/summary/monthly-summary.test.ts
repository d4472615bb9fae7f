import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS, openTestDatabase } from '../../test/db.js'
import { loadCatalog } from '../rhythms/catalog.js'
import { at, seedTwoMonths } from './__fixtures__/two-months.js'
import { monthlySummary } from './monthly-summary.js'
import type { DatabaseHandle } from '../db/connect.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'
import type { MonthlySummary } from './types.js'

describe.each(DRIVERS)('the monthly summary on %s', (driver) => {
  let handle: DatabaseHandle
  let catalog: RhythmCatalog
  let november: MonthlySummary
  beforeAll(async () => {
    handle = await openTestDatabase(driver)
    await seedTwoMonths(handle.db)
    catalog = await loadCatalog(handle.db)
    november = await monthlySummary({
      db: handle.db,
      catalog,
      month: '2026-11',
      now: at(12, 3, 12),
    })
  })
  afterAll(async () => {
    await handle?.close()
  })

  it('pools every rhythm’s decided slots of the month, against the month before', () => {
    expect(november).toMatchObject({
      month: '2026-11',
      tz: 'UTC',
      from: at(11, 1),
      to: at(12, 1),
      partial: false,
      demo: false,
    })
    expect(november.overall).toEqual({
      adherence: 52 / 57,
      expected: 57,
      onTime: 52,
      late: 3,
      missed: 2,
      failed: 0,
      previous: { adherence: 61 / 62, expected: 62, onTime: 61, late: 1, missed: 0, failed: 0 },
      change: 52 / 57 - 61 / 62,
    })
  })

  it('summarises the layers that have rhythms, in layer order, with their states', () => {
    expect(
      november.layers.map(({ layer, adherence, change }) => ({ layer, adherence, change })),
    ).toEqual([
      { layer: 'note', adherence: 20 / 22, change: 20 / 22 - 24 / 25 },
      { layer: 'measure', adherence: 1, change: 0 },
      { layer: 'phrase', adherence: 0.5, change: -0.5 },
      { layer: 'section', adherence: 0, change: -1 },
      { layer: 'movement', adherence: null, change: null },
    ])
    const movement = november.layers.find((layer) => layer.layer === 'movement')
    expect(movement).toMatchObject({
      rhythms: 1,
      silent: 1,
      expected: 0,
      previous: { expected: 1 },
    })
  })

  it('summarises teams and organisations under their names', () => {
    expect(november.teams).toMatchObject([
      {
        team: 'infrastructure',
        name: 'Infrastructure',
        rhythms: 4,
        tight: 1,
        drifting: 2,
        silent: 1,
      },
      { team: 'service-desk', name: 'Service desk', rhythms: 1, tight: 1, adherence: 20 / 22 },
    ])
    expect(november.teams[0]).toMatchObject({
      expected: 35,
      onTime: 32,
      previous: { expected: 37 },
    })
    expect(november.organisations).toMatchObject([
      { organisation: 'acme', name: 'Acme Dental', rhythms: 5, expected: 57, onTime: 52 },
    ])
  })

  it('lists what drifted furthest below target first, and what held', () => {
    expect(
      november.drifted.map(({ id, adherence, previousAdherence }) => ({
        id,
        adherence,
        previousAdherence,
      })),
    ).toEqual([
      { id: 'audit', adherence: 0, previousAdherence: 1 },
      { id: 'patching', adherence: 0.5, previousAdherence: 1 },
    ])
    expect(november.drifted[1]).toMatchObject({
      state: 'drifting',
      counts: { expected: 4, onTime: 2, missed: 2 },
      reasons: [{ code: 'budget_exhausted' }, { code: 'last_missed' }],
    })
    expect(november.held.map((rhythm) => rhythm.id)).toEqual(['backups', 'first-response'])
  })

  it('says in plain sentences what happened', () => {
    expect(november.sentences).toEqual([
      'In November, 91% of 57 expected beats landed on time across 5 rhythms, down from 98% in October.',
      'Monthly rhythms (section): 0% on time, down from 100% in October.',
      'Weekly rhythms (phrase): 50% on time, down from 100% in October.',
      'Infrastructure: 91% on time, down from 100% in October.',
      'Service desk: 91% on time, down from 96% in October.',
      'Monthly audit slipped: its one monthly beat was late.',
      'Patch deployment slipped: 2 of 4 weekly windows missed.',
      'Backups and Service desk first responses held all month.',
    ])
  })

  it('judges the current month up to now and marks it partial', async () => {
    const now = at(11, 15, 12)
    const sofar = await monthlySummary({ db: handle.db, catalog, month: '2026-11', now })
    expect(sofar).toMatchObject({ partial: true, from: at(11, 1), to: now, generatedAt: now })
    const backups = sofar.held.find((rhythm) => rhythm.id === 'backups')
    expect(backups?.counts).toMatchObject({ expected: 15, onTime: 15, pending: 1 })
    expect(sofar.sentences[0]).toMatch(/^So far in November, /)
    expect(sofar.sentences.at(-1)).toMatch(/held so far this month\.$/)
  })

  it('refuses a month that has not begun', async () => {
    await expect(
      monthlySummary({ db: handle.db, catalog, month: '2027-01', now: at(12, 3, 12) }),
    ).rejects.toThrow('month 2027-01 has not begun yet in UTC')
  })
})
