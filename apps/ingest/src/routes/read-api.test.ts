import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS } from '../../test/db.js'
import { startTestService } from '../../test/service.js'
import type { TestService } from '../../test/service.js'
import type { SourceRecord } from '../records/types.js'

const HOUR = 3_600_000
const NOW = Date.parse('2026-11-24T20:00:00Z')
const score = await readFile(new URL('../../test/scores/small.score.yaml', import.meta.url), 'utf8')

/** Ten nights of backups for three devices; FS02 stopped three nights ago. */
function backupHistory(): SourceRecord[] {
  const records: SourceRecord[] = ['FS01', 'FS02', 'DC01'].map((key) => ({
    kind: 'player',
    organisationId: 'acme',
    playerKind: 'device',
    key,
    active: true,
    raw: null,
  }))
  for (let night = 14; night <= 24; night++) {
    for (const device of ['FS01', 'FS02', 'DC01']) {
      if (device === 'FS02' && night >= 22) continue
      // 03:00 Denver (UTC-7) is 10:00 UTC, well before the 06:00 due.
      const endedAt = Date.UTC(2026, 10, night, 10)
      records.push({
        kind: 'backup-run',
        externalId: `${device}-${night}`,
        organisationId: 'acme',
        device,
        startedAt: endedAt - HOUR,
        endedAt,
        result: 'success',
        raw: { device, night },
      })
    }
  }
  return records
}

describe.each(DRIVERS)('read API on %s', (driver) => {
  let service: TestService
  const get = async (path: string) => {
    const response = await service.request(path)
    return { status: response.status, body: (await response.json()) as unknown }
  }
  beforeAll(async () => {
    service = await startTestService(driver, { score, now: () => NOW })
    const { sink } = service.runtime.deps
    await sink.storeBatch({ integrationId: 'rmm', records: backupHistory() })
    await sink.recordSyncRun({
      integrationId: 'rmm',
      startedAt: NOW - 60_000,
      finishedAt: NOW - 30_000,
      status: 'succeeded',
      pages: 1,
      created: 31,
      updated: 0,
      quarantined: 0,
    })
    await service.runtime.evaluator.flush()
  })
  afterAll(async () => {
    await service?.close()
  })

  it('names the drifting ensemble and which device is off, per layer', async () => {
    const { status, body } = await get('/v1/layers')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      demo: false,
      layers: expect.arrayContaining([
        expect.objectContaining({
          layer: 'measure',
          summary: expect.objectContaining({ drifting: 1, state: 'drifting' }),
          drifting: [
            expect.objectContaining({
              id: 'acme-backups',
              reasons: [
                '3 of the last 33 nightly backups missed (91% < 95% target)',
                '1 of 3 devices missed their last nightly backup: FS02',
              ],
            }),
          ],
        }),
      ]),
    })
  })

  it('lists rhythms worst first and filters them', async () => {
    const all = await get('/v1/rhythms')
    expect(all.body).toMatchObject({ rhythms: [{ id: 'acme-backups', state: 'drifting' }, {}, {}] })
    const measure = await get('/v1/rhythms?layer=measure&organisation=acme')
    expect(measure.body).toMatchObject({ rhythms: [{ id: 'acme-backups' }] })
    expect((measure.body as { rhythms: unknown[] }).rhythms).toHaveLength(1)
  })

  it('pages long lists and says how many there are', async () => {
    expect((await get('/v1/rhythms?limit=1&offset=1')).body).toMatchObject({
      total: 3,
      limit: 1,
      offset: 1,
      rhythms: [expect.objectContaining({ state: 'silent' })],
    })
    const team = await get('/v1/teams/account-management?limit=1')
    expect(team.body).toMatchObject({ total: 2, rhythms: [expect.anything()] })
    expect((team.body as { rhythms: unknown[] }).rhythms).toHaveLength(1)
    expect((await get('/v1/rhythms?limit=0')).status).toBe(400)
  })

  it('rejects an unknown filter value naming the field', async () => {
    const { status, body } = await get('/v1/rhythms?state=wobbly')
    expect(status).toBe(400)
    expect(body).toMatchObject({
      error: { code: 'invalid_request', message: expect.stringContaining('state') },
    })
  })

  it('gives one rhythm its slots, per-player figures, beats and flips', async () => {
    const { body } = await get('/v1/rhythms/acme-backups')
    expect(body).toMatchObject({
      rhythm: { id: 'acme-backups', organisation: { tz: 'America/Denver' } },
      evaluation: {
        state: 'drifting',
        players: expect.arrayContaining([
          expect.objectContaining({ player: 'FS02', state: 'drifting' }),
          expect.objectContaining({ player: 'FS01', state: 'tight' }),
        ]),
      },
      range: { signal: 'live' },
      // Silent until the integration's first sync, then drifting: newest first.
      flips: [
        { from: 'silent', to: 'drifting' },
        { from: null, to: 'silent' },
      ],
    })
    const { slots } = (
      body as { evaluation: { slots: Array<{ player: string; outcome: string }> } }
    ).evaluation
    expect(
      slots.filter((slot) => slot.player === 'FS02' && slot.outcome === 'missed').length,
    ).toBeGreaterThanOrEqual(2)
  })

  it('answers 404 for an unknown rhythm or team', async () => {
    expect((await get('/v1/rhythms/nope')).status).toBe(404)
    expect((await get('/v1/teams/nope')).status).toBe(404)
  })

  it('summarises teams and organisations', async () => {
    const teams = await get('/v1/teams')
    expect(teams.body).toMatchObject({
      teams: expect.arrayContaining([
        expect.objectContaining({
          id: 'infrastructure',
          summary: expect.objectContaining({ drifting: 1 }),
        }),
      ]),
    })
    const team = await get('/v1/teams/infrastructure')
    expect(team.body).toMatchObject({ id: 'infrastructure', rhythms: [{ id: 'acme-backups' }] })
    const organisations = await get('/v1/organisations')
    expect(organisations.body).toMatchObject({
      organisations: expect.arrayContaining([
        expect.objectContaining({ id: 'acme', tz: 'America/Denver' }),
      ]),
    })
  })

  it('shows each integration with its sync state and runs', async () => {
    const { body } = await get('/v1/integrations')
    expect(body).toMatchObject({
      integrations: [
        {
          id: 'rmm',
          vendor: 'ninjaone',
          state: 'fresh',
          runs: [{ status: 'succeeded', recordsNew: 31 }],
        },
      ],
    })
  })

  it('summarises the month so far, marked partial, with the backup misses', async () => {
    const { status, body } = await get('/v1/summary/2026-11?trend=true')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      month: '2026-11',
      tz: 'UTC',
      partial: true,
      layers: expect.arrayContaining([expect.objectContaining({ layer: 'measure', missed: 3 })]),
      drifted: [expect.objectContaining({ id: 'acme-backups' })],
      sentences: expect.arrayContaining([expect.any(String)]),
      trend: expect.arrayContaining([expect.objectContaining({ month: '2026-11' })]),
    })
    expect((body as { trend: unknown[] }).trend).toHaveLength(12)
  })

  it('exports the same numbers as CSV', async () => {
    const response = await service.request('/v1/summary/2026-11?format=csv')
    expect(response.headers.get('content-type')).toContain('text/csv')
    const lines = (await response.text()).trim().split('\r\n')
    expect(lines[0]).toMatch(/^scope,id,name,adherence,/)
    expect(lines).toContainEqual(expect.stringMatching(/^layer,measure,measure,0\.9091,/))
  })

  it.each([
    ['/v1/summary/2026-13', 'month'],
    ['/v1/summary/2027-01', 'has not begun'],
    ['/v1/summary/2026-11?tz=Mars/Olympus', 'tz'],
  ])('rejects %s naming the problem', async (path, problem) => {
    const { status, body } = await get(path)
    expect(status).toBe(400)
    expect(body).toMatchObject({ error: { message: expect.stringContaining(problem) } })
  })

  it('serves an OpenAPI document covering every endpoint', async () => {
    const { body } = await get('/openapi.json')
    const paths = Object.keys((body as { paths: Record<string, unknown> }).paths).sort()
    expect(paths).toEqual([
      '/healthz',
      '/readyz',
      '/v1/accounts',
      '/v1/accounts/{id}',
      '/v1/audit',
      '/v1/auth/login',
      '/v1/auth/logout',
      '/v1/auth/me',
      '/v1/auth/options',
      '/v1/auth/sso/finish',
      '/v1/auth/sso/start',
      '/v1/beats/{rhythm}',
      '/v1/cues',
      '/v1/integrations',
      '/v1/layers',
      '/v1/organisations',
      '/v1/rhythms',
      '/v1/rhythms/{id}',
      '/v1/stream',
      '/v1/summary/{month}',
      '/v1/teams',
      '/v1/teams/{id}',
      '/v1/tokens',
      '/v1/tokens/{id}',
      '/v1/webhooks/{integration}',
    ])
  })

  it('is ready once the score is loaded', async () => {
    expect(await get('/readyz')).toEqual({
      status: 200,
      body: { status: 'ready', checks: { database: true, score: true } },
    })
    expect(await get('/healthz')).toEqual({ status: 200, body: { status: 'ok' } })
  })
})
