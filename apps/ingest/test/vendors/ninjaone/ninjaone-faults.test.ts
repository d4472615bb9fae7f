import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ConnectorConfigError } from '../../../src/connectors/connector.js'
import { makeNinjaBackupJob, makeNinjaDevice } from './ninjaone-data.js'
import { FakeNinjaOne } from './ninjaone-handlers.js'
import { NINJA_ENV, connectNinja, syncAll, syncOptions } from './ninjaone-setup.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

let ninja: FakeNinjaOne
beforeEach(() => {
  ninja = new FakeNinjaOne()
  ninja.devices = [1, 11, 21].map((id) => makeNinjaDevice(id))
  ninja.backupJobs = [0, 1_000, 1_010].map((i) => makeNinjaBackupJob(i, { deviceId: 1 + (i % 30) }))
  server.use(...ninja.handlers())
})

/** Answers with each response in turn, then hands over to the fake tenant. */
function inTurn(...responses: Array<() => Response | Promise<Response>>) {
  let call = 0
  return () => (call < responses.length ? responses[call++]!() : undefined)
}

const JOBS = `https://eu.ninjarmm.com/v2/backup/jobs`
const backupRuns = (pages: Awaited<ReturnType<typeof syncAll>>) =>
  pages.flatMap((page) => page.records).filter((record) => record.kind === 'backup-run')

describe('the NinjaOne connector when things go wrong', () => {
  it('asks for one token, sends it on every request and keeps it between syncs', async () => {
    const connector = connectNinja({ scope: 'monitoring management' })
    await syncAll(connector, syncOptions())
    await syncAll(connector, syncOptions())
    expect(ninja.tokensIssued).toBe(1)
    expect(ninja.seen('/ws/oauth/token')[0]!.body).toEqual({
      grant_type: 'client_credentials',
      client_id: 'ninja-client-id',
      client_secret: 'ninja-client-secret',
      scope: 'monitoring management',
    })
    const sent = ninja.requests.filter((request) => request.path.startsWith('/v2/'))
    expect(new Set(sent.map((request) => request.authorization))).toEqual(
      new Set(['Bearer ninja-token-1']),
    )
  })

  it('asks for a new token once after a 401 and carries on', async () => {
    const connector = connectNinja()
    await syncAll(connector, syncOptions())
    ninja.expireTokens()
    const pages = await syncAll(connector, syncOptions())
    expect(ninja.tokensIssued).toBe(2)
    expect(backupRuns(pages)).toHaveLength(3)
  })

  it('asks for a new token when the last one has run out', async () => {
    // Kept for half its 2 s life: long enough that a slow first sync (a busy CI machine) does not
    // outlive it, which 20 ms once did.
    ninja.tokenLifetimeS = 2
    const connector = connectNinja({ streams: ['devices'] })
    await syncAll(connector, syncOptions())
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    await syncAll(connector, syncOptions())
    expect(ninja.tokensIssued).toBe(2)
  })

  it('fails on a second 401 in a row, naming the request', async () => {
    server.use(http.get(JOBS, () => HttpResponse.json({}, { status: 401 })))
    const failing = syncAll(connectNinja({ streams: ['backups'] }), syncOptions())
    await expect(failing).rejects.toThrow('ninjaone: GET /v2/backup/jobs: 401')
  })

  it('says so when NinjaOne refuses the client credentials', async () => {
    const connector = connectNinja({}, undefined, { ...NINJA_ENV, NINJA_CLIENT_SECRET: 'wrong' })
    await expect(syncAll(connector, syncOptions())).rejects.toThrow(
      /POST \/ws\/oauth\/token: 401.*refused the client credentials/,
    )
  })

  it('waits out 429s with and without Retry-After, a 500 and a timeout, then reads on', async () => {
    server.use(
      http.get(
        JOBS,
        inTurn(
          () => new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } }),
          () => new HttpResponse(null, { status: 429 }),
          () => HttpResponse.json({ message: 'oops' }, { status: 500 }),
          async () => {
            await new Promise((resolve) => setTimeout(resolve, 400))
            return HttpResponse.json({ cursor: null, results: [] })
          },
        ),
      ),
    )
    const connector = connectNinja({ streams: ['backups'] })
    const started = Date.now()
    const pages = await syncAll(connector, syncOptions())
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000)
    expect(backupRuns(pages)).toHaveLength(3)
    expect(connector.stats.retries).toBe(4)
  })

  it('reads a page again when its JSON arrives broken', async () => {
    server.use(
      http.get(
        JOBS,
        inTurn(
          () =>
            new HttpResponse('{"cursor":{"name":"c1"},"results":[{"jobId":', {
              headers: { 'Content-Type': 'application/json' },
            }),
        ),
      ),
    )
    const connector = connectNinja({ streams: ['backups'] })
    expect(backupRuns(await syncAll(connector, syncOptions()))).toHaveLength(3)
    expect(connector.stats.retries).toBe(1)
  })

  it('fails the sync, naming the request, once the retries run out', async () => {
    server.use(http.get(JOBS, () => new HttpResponse(null, { status: 503 })))
    const connector = connectNinja({ streams: ['backups'] })
    await expect(syncAll(connector, syncOptions())).rejects.toThrow(
      'ninjaone: GET /v2/backup/jobs: 503 Service Unavailable after 6 attempts',
    )
  })

  it('stops with the endpoint named when a page is not the documented shape', async () => {
    server.use(http.get(JOBS, () => HttpResponse.json({ jobs: [] })))
    await expect(syncAll(connectNinja({ streams: ['backups'] }), syncOptions())).rejects.toThrow(
      'ninjaone: GET /v2/backup/jobs: expected { cursor, results: [...] }',
    )
    server.use(
      http.get('https://eu.ninjarmm.com/v2/devices', () => HttpResponse.json({ devices: [] })),
    )
    await expect(syncAll(connectNinja(), syncOptions())).rejects.toThrow(
      'ninjaone: GET /v2/devices: expected a JSON array of devices',
    )
  })

  it('stops rather than loop when the vendor repeats a page', async () => {
    const page = {
      cursor: { name: 'stuck', offset: 0, count: 1, expires: 0 },
      results: [makeNinjaBackupJob(0)],
    }
    server.use(http.get(JOBS, () => HttpResponse.json(page)))
    const failing = syncAll(connectNinja({ pageSize: 1, streams: ['backups'] }), syncOptions())
    await expect(failing).rejects.toThrow('the cursor did not move on')
    server.use(
      http.get('https://eu.ninjarmm.com/v2/devices', () => HttpResponse.json([makeNinjaDevice(1)])),
    )
    await expect(syncAll(connectNinja(), syncOptions())).rejects.toThrow(
      'ninjaone: GET /v2/devices: device ids do not move on',
    )
  })

  it('checks settings and secrets before any request, naming the field', () => {
    expect(() => connectNinja({ region: undefined })).toThrow(
      "integration 'ninja': settings.region: give either region",
    )
    expect(() => connectNinja({ baseUrl: 'https://app.ninjaone.com' })).toThrow(
      'settings.region: give either region',
    )
    expect(() => connectNinja({ pageSize: 20_000 })).toThrow('settings.pageSize')
    expect(() => connectNinja({ streams: ['tickets'] })).toThrow('settings.streams.0')
    expect(() => connectNinja({}, undefined, {})).toThrow(
      'settings.clientId: environment variable NINJA_CLIENT_ID is not set',
    )
    expect(() => connectNinja({ webhookSecret: { env: 'NOPE' } }, undefined, NINJA_ENV)).toThrow(
      ConnectorConfigError,
    )
    expect(ninja.requests).toEqual([])
  })

  it('talks to the instance its baseUrl names', async () => {
    const other = new FakeNinjaOne('https://app.ninjaone.com')
    server.use(...other.handlers())
    await syncAll(
      connectNinja({
        region: undefined,
        baseUrl: 'https://app.ninjaone.com/',
        streams: ['devices'],
      }),
      syncOptions(),
    )
    expect(other.seen('/v2/devices')).toHaveLength(1)
    expect(ninja.requests).toEqual([])
  })
})
