import { insertRhythms, rhythmRow } from '../../../test/fixtures.js'
import type { Db, NewBeat, NewTrigger } from '../../db/database.js'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

/** A UTC instant in 2026; months count from 1. */
export const at = (month: number, day: number, hour = 0, minute = 0) =>
  Date.UTC(2026, month - 1, day, hour, minute)

/**
 * Acme over October and November 2026, in UTC:
 * - Backups (measure, daily 06:00): a beat every night at 02:00; held both months.
 * - Patch deployment (phrase, Wednesdays 22:00), named on 1 October (the others on 1 September):
 *   four of four in October, two of four in November.
 * - Service desk first responses (note, 1 h SLA, 4 h grace): 24 of 25 on time in October, 20 of 22
 *   in November (two late).
 * - Monthly audit (section, the 28th 17:00, 3 days' grace): on time in October; November's lands
 *   on 1 December, late but within grace, so it counts in November.
 * - Quarterly business review (movement, the 15th of Jan/Apr/Jul/Oct): held 15 October; no slot
 *   in November.
 */
export async function seedTwoMonths(db: Db): Promise<void> {
  await db
    .insertInto('organisations')
    .values({ id: 'acme', name: 'Acme Dental', tz: 'UTC', demo: false })
    .execute()
  await db
    .insertInto('teams')
    .values([
      { id: 'infrastructure', name: 'Infrastructure', demo: false },
      { id: 'service-desk', name: 'Service desk', demo: false },
    ])
    .execute()
  const created_at = new Date(at(9, 1))
  await insertRhythms(db, [
    rhythmRow({ id: 'backups', name: 'Backups', beat_noun: 'nightly backups', created_at }),
    rhythmRow({
      id: 'patching',
      name: 'Patch deployment',
      created_at: new Date(at(10, 1)),
      layer: 'phrase',
      target: 0.9,
      beat_noun: 'weekly windows',
      cadence: { kind: 'schedule', cron: '0 22 * * 3', tz: 'UTC', graceMs: 12 * HOUR },
    }),
    rhythmRow({
      id: 'first-response',
      name: 'Service desk first responses',
      created_at,
      layer: 'note',
      team_id: 'service-desk',
      target: 0.9,
      cadence: { kind: 'sla', targetMs: HOUR, graceMs: 4 * HOUR },
    }),
    rhythmRow({
      id: 'audit',
      name: 'Monthly audit',
      created_at,
      layer: 'section',
      target: 0.9,
      cadence: { kind: 'schedule', cron: '0 17 28 * *', tz: 'UTC', graceMs: 3 * DAY },
    }),
    rhythmRow({
      id: 'qbr',
      name: 'Quarterly business review',
      created_at,
      layer: 'movement',
      target: 1,
      cadence: { kind: 'schedule', cron: '0 15 15 1,4,7,10 *', tz: 'UTC', graceMs: 7 * DAY },
    }),
  ])

  const beats: NewBeat[] = []
  const beat = (rhythm: string, time: number, key: string | null = null) =>
    beats.push({
      rhythm_id: rhythm,
      at: new Date(time),
      ok: true,
      player: null,
      key,
      origin: 'api',
      idempotency_key: `${rhythm}-${time}-${key}`,
    })
  for (let time = at(10, 1, 2); time <= at(12, 3, 2); time += DAY) beat('backups', time)
  for (const day of [7, 14, 21, 28]) beat('patching', at(10, day, 21))
  for (const day of [4, 18]) beat('patching', at(11, day, 21))
  beat('audit', at(10, 27, 10))
  beat('audit', at(12, 1, 10))
  beat('qbr', at(10, 15, 11))

  const triggers: NewTrigger[] = []
  const ticket = (month: number, day: number, late: boolean) => {
    const key = `T-${month}-${day}`
    triggers.push({
      rhythm_id: 'first-response',
      key,
      at: new Date(at(month, day, 9)),
      target_ms: null,
      player: null,
    })
    beat('first-response', late ? at(month, day, 11) : at(month, day, 9, 20), key)
  }
  for (let day = 1; day <= 25; day++) ticket(10, day, day === 10)
  for (let day = 1; day <= 22; day++) ticket(11, day, day === 5 || day === 12)

  await db.insertInto('beats').values(beats).execute()
  await db.insertInto('triggers').values(triggers).execute()
}
