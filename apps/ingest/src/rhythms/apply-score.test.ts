import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS, openTestDatabase } from '../../test/db.js'
import { storeBatch } from '../records/store-records.js'
import { parseScore } from '../score/load-score.js'
import { applyScore } from './apply-score.js'
import type { DatabaseHandle } from '../db/connect.js'
import type { SourceRecord } from '../records/types.js'

const scoreWith = (rhythms: string) =>
  parseScore(
    `version: 1
organisations: [{ id: acme, name: Acme, tz: UTC }]
teams: [{ id: infra, name: Infrastructure }]
integrations:
  - id: rmm
    vendor: ninjaone
    settings: { region: eu, clientId: { env: RMM_ID }, clientSecret: { env: RMM_SECRET } }
rhythms:
${rhythms}`,
    'test.score.yaml',
  )

const nightly = (source: string) => `  - id: acme-nightly
    name: Acme nightly
    layer: measure
    team: infra
    organisation: acme
    cadence: { kind: schedule, cron: '0 6 * * *', grace: 2h }
    source: ${source}
`

const records: SourceRecord[] = [
  {
    kind: 'backup-run',
    externalId: 'b1',
    organisationId: 'acme',
    device: 'FS01',
    startedAt: null,
    endedAt: Date.UTC(2026, 10, 20, 2),
    result: 'success',
    raw: {},
  },
  {
    kind: 'patch-run',
    externalId: 'p1',
    organisationId: 'acme',
    device: 'FS01',
    activity: 'scan',
    at: Date.UTC(2026, 10, 20, 3),
    result: 'success',
    raw: {},
  },
  {
    kind: 'patch-run',
    externalId: 'p2',
    organisationId: 'acme',
    device: 'FS02',
    activity: 'scan',
    at: Date.UTC(2026, 10, 21, 3),
    result: 'failure',
    raw: {},
  },
]

describe.each(DRIVERS)('applying a score on %s', (driver) => {
  let handle: DatabaseHandle
  beforeAll(async () => {
    handle = await openTestDatabase(driver)
  })
  afterAll(async () => {
    await handle?.close()
  })
  const beatsOf = (rhythmId: string) =>
    handle.db
      .selectFrom('beats')
      .select(['player', 'ok'])
      .where('rhythm_id', '=', rhythmId)
      .orderBy('at')
      .execute()

  it('derives beats from records stored under the first score', async () => {
    const { catalog } = await applyScore({
      db: handle.db,
      score: scoreWith(nightly('{ kind: backups }')),
    })
    await storeBatch({ db: handle.db, catalog, batch: { integrationId: 'rmm', records } })
    expect(await beatsOf('acme-nightly')).toEqual([{ player: 'FS01', ok: true }])
  })

  it('re-derives a rhythm from stored records when its source changes, without a re-pull', async () => {
    const applied = await applyScore({
      db: handle.db,
      score: scoreWith(nightly('{ kind: patches, activity: scan }')),
    })
    expect(applied.rederived).toEqual(['acme-nightly'])
    expect(await beatsOf('acme-nightly')).toEqual([
      { player: 'FS01', ok: true },
      { player: 'FS02', ok: false },
    ])
  })

  it('leaves unchanged rhythms alone and gives a new rhythm its history', async () => {
    const applied = await applyScore({
      db: handle.db,
      score: scoreWith(
        nightly('{ kind: patches, activity: scan }') +
          nightly('{ kind: backups }')
            .replace('acme-nightly', 'acme-backups')
            .replace('Acme nightly', 'Acme backups'),
      ),
    })
    expect(applied.rederived).toEqual(['acme-backups'])
    expect(await beatsOf('acme-backups')).toEqual([{ player: 'FS01', ok: true }])
  })

  it('deactivates a rhythm the score drops and keeps its beats', async () => {
    const applied = await applyScore({
      db: handle.db,
      score: scoreWith(nightly('{ kind: patches, activity: scan }')),
    })
    expect(applied.deactivated).toEqual(['acme-backups'])
    expect(applied.catalog.get('acme-backups')).toBeUndefined()
    expect(await beatsOf('acme-backups')).toHaveLength(1)
  })

  it('writes nothing when the same score is applied again, and rewrites a changed rhythm', async () => {
    const score = scoreWith(nightly('{ kind: patches, activity: scan }'))
    const stamps = async () =>
      (await handle.db.selectFrom('rhythms').select(['id', 'updated_at', 'name']).execute())
        .map((row) => `${row.id} ${row.name} ${row.updated_at.toISOString()}`)
        .sort()
    await applyScore({ db: handle.db, score })
    const before = await stamps()
    await new Promise((resolve) => setTimeout(resolve, 5))
    await applyScore({ db: handle.db, score })
    expect(await stamps()).toEqual(before)

    await applyScore({
      db: handle.db,
      score: scoreWith(
        nightly('{ kind: patches, activity: scan }').replace('Acme nightly', 'Acme scans'),
      ),
    })
    const renamed = await stamps()
    expect(renamed).not.toEqual(before)
    expect(renamed.find((line) => line.startsWith('acme-nightly'))).toMatch(/Acme scans/)
  })
})
