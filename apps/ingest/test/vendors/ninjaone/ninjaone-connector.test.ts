import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  makeNinjaBackupJob,
  makeNinjaDevice,
  makeNinjaPatchInstall,
  ninjaOrganizationOf,
} from './ninjaone-data.js'
import { FakeNinjaOne } from './ninjaone-handlers.js'
import { connectNinja, syncAll, syncOptions } from './ninjaone-setup.js'
import type { SyncPage } from '../../../src/connectors/connector.js'
import type { SourceRecord } from '../../../src/records/types.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

let ninja: FakeNinjaOne
beforeEach(() => {
  ninja = new FakeNinjaOne()
  server.use(...ninja.handlers())
})

/** Devices 1, 2, 3, 11, 13, 21: organisations 1, 2, 3, 1, 3, 1 (2 is not mapped). */
const DEVICE_IDS = [1, 2, 3, 11, 13, 21]
const job = (i: number, deviceId: number, overrides: Record<string, unknown> = {}) =>
  makeNinjaBackupJob(i, { deviceId, organizationId: ninjaOrganizationOf(deviceId), ...overrides })
const startOf = (raw: Record<string, unknown>) => Number(raw.jobStartTime) * 1000

const recordsOf = <K extends SourceRecord['kind']>(pages: SyncPage[], stream: string, kind: K) =>
  pages
    .filter((page) => page.stream === stream)
    .flatMap((page) => page.records)
    .filter((record): record is Extract<SourceRecord, { kind: K }> => record.kind === kind)

describe('the NinjaOne connector', () => {
  beforeEach(() => {
    ninja.devices = DEVICE_IDS.map((id) => makeNinjaDevice(id))
  })

  it('reads the roster first, then backups, then patches, page by page', async () => {
    ninja.backupJobs = [job(0, 1), job(1, 3), job(2, 11)]
    ninja.patchInstalls = [makeNinjaPatchInstall(0, { deviceId: 13 })]
    const pages = await syncAll(connectNinja({ pageSize: 2 }), syncOptions())
    expect(pages.map((page) => [page.stream, page.records.length])).toEqual([
      ['devices', 1],
      ['devices', 2],
      ['devices', 2],
      ['backups', 2],
      ['backups', 1],
      ['patches', 1],
    ])
    expect(ninja.seen('/v2/devices').map((request) => request.params)).toEqual([
      { pageSize: '2' },
      { pageSize: '2', after: '2' },
      { pageSize: '2', after: '11' },
      { pageSize: '2', after: '21' },
    ])
    expect(pages.filter((page) => page.stream === 'devices').map((page) => page.progress)).toEqual([
      { done: 2 },
      { done: 4 },
      { done: 6 },
    ])
  })

  it('keys players by systemName, else displayName, else id, and runs by the same key', async () => {
    ninja.devices = [
      makeNinjaDevice(1),
      makeNinjaDevice(3, { systemName: null, displayName: 'Front desk PC' }),
      makeNinjaDevice(11, { systemName: '', displayName: undefined, dnsName: undefined }),
    ]
    ninja.backupJobs = [job(0, 1), job(1, 3), job(2, 11)]
    const pages = await syncAll(connectNinja(), syncOptions())
    const players = recordsOf(pages, 'devices', 'player')
    const runs = recordsOf(pages, 'backups', 'backup-run')
    expect(players.map((player) => [player.organisationId, player.key])).toEqual([
      ['acme', 'NJ-WS-0001'],
      ['globex', 'Front desk PC'],
      ['acme', 'ninja-device-11'],
    ])
    expect(runs.map((run) => run.device)).toEqual(players.map((player) => player.key))
  })

  it('leaves out devices and runs of organisations the integration does not map', async () => {
    ninja.backupJobs = [job(0, 2), job(1, 1)]
    ninja.patchInstalls = [makeNinjaPatchInstall(0, { deviceId: 2 })]
    const pages = await syncAll(connectNinja(), syncOptions())
    const players = recordsOf(pages, 'devices', 'player')
    expect(players.map((player) => player.key)).not.toContain('NJ-WS-0002')
    expect(players).toHaveLength(5)
    expect(recordsOf(pages, 'backups', 'backup-run').map((run) => run.organisationId)).toEqual([
      'acme',
    ])
    expect(pages.flatMap((page) => page.records).filter((r) => r.kind === 'patch-run')).toEqual([])
    expect(pages.flatMap((page) => page.quarantined)).toEqual([])
  })

  it('keeps pending and deleted devices off the roster but stores them', async () => {
    ninja.devices = [
      makeNinjaDevice(1),
      makeNinjaDevice(3, { approvalStatus: 'PENDING' }),
      makeNinjaDevice(11, { deleted: true }),
      makeNinjaDevice(13, { approvalStatus: undefined }),
    ]
    const pages = await syncAll(connectNinja({ streams: ['devices'] }), syncOptions())
    const players = recordsOf(pages, 'devices', 'player')
    expect(players.map((player) => [player.key, player.active])).toEqual([
      ['NJ-WS-0001', true],
      ['NJ-WS-0003', false],
      ['NJ-WS-0011', false],
      ['NJ-WS-0013', true],
    ])
    expect(players[0]!.raw).toEqual(ninja.devices[0])
    expect(pages.every((page) => page.cursor === undefined)).toBe(true)
  })

  it('asks for jobs that started after the history start, then follows the cursor by name', async () => {
    ninja.backupJobs = [job(0, 1), job(1, 3), job(2, 11)]
    await syncAll(connectNinja({ pageSize: 2, streams: ['backups'] }), syncOptions())
    expect(ninja.seen('/v2/backup/jobs').map((request) => request.params)).toEqual([
      { stf: 'startTime after 2025-12-01T00:00:00.000Z', pageSize: '2' },
      { cursor: 'cursor-1', pageSize: '2' },
    ])
  })

  it('maps each job status to a result and keeps the job as it came', async () => {
    ninja.backupJobs = [
      job(0, 1, { jobStatus: 'COMPLETED' }),
      job(1, 3, { jobStatus: 'FAILED' }),
      job(2, 11, { jobStatus: 'CANCELED' }),
      job(3, 13, { jobStatus: 'VERIFYING' }),
      job(4, 21, { jobStatus: 'COMPLETED', upsyncJob: { status: 'FAILED' } }),
    ]
    const pages = await syncAll(connectNinja({ streams: ['backups'] }), syncOptions())
    const runs = recordsOf(pages, 'backups', 'backup-run')
    expect(runs.map((run) => run.result)).toEqual([
      'success',
      'failure',
      'failure',
      'unknown',
      'warning',
    ])
    const first = ninja.backupJobs[0]!
    expect(runs[0]).toEqual({
      kind: 'backup-run',
      externalId: first.jobId,
      organisationId: 'acme',
      device: 'NJ-WS-0001',
      startedAt: Math.round(Number(first.jobStartTime) * 1000),
      endedAt: Math.round(Number(first.jobEndTime) * 1000),
      result: 'success',
      raw: first,
    })
  })

  it('stores no running job and holds the watermark at its start, so it is read again', async () => {
    ninja.backupJobs = [
      job(0, 1),
      job(1_001, 3, { jobStatus: 'RUNNING', jobEndTime: null }),
      job(1_002, 11),
    ]
    const now = Date.UTC(2026, 0, 2, 12)
    const pages = await syncAll(connectNinja({ streams: ['backups'] }), syncOptions({ now }))
    const runs = recordsOf(pages, 'backups', 'backup-run')
    expect(runs.map((run) => run.device)).toEqual(['NJ-WS-0001', 'NJ-WS-0011'])
    expect(pages.at(-1)!.cursor).toBe(new Date(startOf(ninja.backupJobs[1]!)).toISOString())
  })

  it('lets a job stuck running for two days no longer hold the watermark', async () => {
    ninja.backupJobs = [job(0, 3, { jobStatus: 'PROCESSING', jobEndTime: null }), job(2_002, 11)]
    const now = Date.UTC(2026, 0, 3, 12)
    const pages = await syncAll(connectNinja({ streams: ['backups'] }), syncOptions({ now }))
    expect(pages.at(-1)!.cursor).toBe(new Date(startOf(ninja.backupJobs[1]!)).toISOString())
  })

  it('moves the watermark on the last page only, to the latest start read in any order', async () => {
    ninja.backupJobs = [job(2_000, 1), job(5_000, 3), job(1_000, 11), job(3_000, 13)]
    const pages = await syncAll(connectNinja({ pageSize: 2, streams: ['backups'] }), syncOptions())
    expect(pages.map((page) => page.cursor)).toEqual([
      undefined,
      undefined,
      new Date(startOf(ninja.backupJobs[1]!)).toISOString(),
    ])
    expect(pages.map((page) => page.progress)).toEqual([{ done: 2 }, { done: 4 }, { done: 4 }])
  })

  it('resumes each stream from its stored cursor less the overlap', async () => {
    const cursors = new Map([
      ['backups', '2026-01-05T01:30:00.000Z'],
      ['patches', '2026-01-05T03:00:00.000Z'],
    ])
    await syncAll(connectNinja({ overlap: '15m' }), syncOptions({ cursors }))
    expect(ninja.seen('/v2/backup/jobs')[0]!.params.stf).toBe(
      'startTime after 2026-01-05T01:15:00.000Z',
    )
    expect(ninja.seen('/v2/queries/os-patch-installs')[0]!.params).toEqual({
      installedAfter: String(Date.UTC(2026, 0, 5, 2, 45) / 1000),
      pageSize: '1000',
    })
  })

  it('never moves a watermark back, and leaves it when nothing was read', async () => {
    ninja.backupJobs = [job(0, 1)]
    const cursors = new Map([['backups', '2026-01-01T01:05:00.000Z']])
    const pages = await syncAll(
      connectNinja({ streams: ['backups', 'patches'] }),
      syncOptions({ cursors }),
    )
    expect(startOf(ninja.backupJobs[0]!)).toBeLessThan(Date.parse('2026-01-01T01:05:00Z'))
    expect(pages.filter((page) => page.stream === 'backups').at(-1)!.cursor).toBe(
      '2026-01-01T01:05:00.000Z',
    )
    expect(pages.filter((page) => page.stream === 'patches').at(-1)!.cursor).toBeUndefined()
  })

  it('writes installedAfter as ISO when patchTimeFormat says so', async () => {
    await syncAll(connectNinja({ patchTimeFormat: 'iso', streams: ['patches'] }), syncOptions())
    expect(ninja.seen('/v2/queries/os-patch-installs')[0]!.params.installedAfter).toBe(
      '2025-12-01T00:00:00.000Z',
    )
  })

  it('turns install attempts into install runs of their device, by device, patch and time', async () => {
    ninja.patchInstalls = [
      makeNinjaPatchInstall(0, { deviceId: 3 }),
      makeNinjaPatchInstall(1_000, { deviceId: 3, id: 'same-patch', status: 'FAILED' }),
      makeNinjaPatchInstall(2_000, { deviceId: 13, id: 'same-patch', status: 'REJECTED' }),
    ]
    const pages = await syncAll(connectNinja({ streams: ['patches'] }), syncOptions())
    const runs = recordsOf(pages, 'patches', 'patch-run')
    const second = Math.round(Number(ninja.patchInstalls[1]!.installedAt) * 1000)
    expect(runs.map((run) => [run.device, run.activity, run.result])).toEqual([
      ['NJ-WS-0003', 'install', 'success'],
      ['NJ-WS-0003', 'install', 'failure'],
      ['NJ-WS-0013', 'install', 'unknown'],
    ])
    expect(runs[1]).toMatchObject({ externalId: `3:same-patch:${second}`, at: second })
    expect(new Set(runs.map((run) => run.externalId)).size).toBe(3)
    expect(pages.at(-1)!.cursor).toBe(new Date(runs[2]!.at).toISOString())
  })

  it('quarantines records it cannot read, with the field, and carries on', async () => {
    ninja.backupJobs = [
      job(0, 1, { jobId: undefined }),
      job(1, 3, { jobEndTime: 'yesterday' }),
      job(2, 11, { jobEndTime: null }),
      job(3, 991),
      job(4, 13, { surprise: { nested: true } }),
    ]
    ninja.patchInstalls = [makeNinjaPatchInstall(0, { deviceId: 1, installedAt: undefined })]
    ninja.devices.push(makeNinjaDevice(41, { organizationId: 'Acme' }))
    const pages = await syncAll(connectNinja(), syncOptions())
    const quarantined = pages.flatMap((page) => page.quarantined)
    expect(quarantined.map((item) => [item.kind, item.reason])).toEqual([
      ['player', expect.stringMatching(/^organizationId: /)],
      ['backup-run', expect.stringMatching(/^jobId: /)],
      ['backup-run', 'jobEndTime: not a time: "yesterday"'],
      ['backup-run', 'jobEndTime is missing'],
      ['backup-run', 'deviceId: no device 991'],
      ['patch-run', 'installedAt is missing'],
    ])
    expect(quarantined[2]!.naturalKey).toBe(ninja.backupJobs[1]!.jobId)
    expect(quarantined[1]!.naturalKey).toMatch(/^sha256:/)
    expect(recordsOf(pages, 'backups', 'backup-run')).toHaveLength(1)
  })

  it('looks up a device the roster did not list, once, by id', async () => {
    ninja.devices.push(makeNinjaDevice(31))
    server.use(
      http.get(`${ninja.base}/v2/devices`, ({ request }) => {
        const after = Number(new URL(request.url).searchParams.get('after') ?? -1)
        const listed = ninja.devices.filter((device) => device.id !== 31)
        return HttpResponse.json(listed.filter((device) => Number(device.id) > after))
      }),
    )
    ninja.backupJobs = [job(0, 31), job(1_000, 31)]
    const pages = await syncAll(connectNinja({ streams: ['backups'] }), syncOptions())
    expect(recordsOf(pages, 'backups', 'backup-run').map((run) => run.device)).toEqual([
      'NJ-WS-0031',
      'NJ-WS-0031',
    ])
    expect(ninja.seen('/v2/device/31')).toHaveLength(1)
  })

  it('reads the device list for names even when the devices stream is not wanted', async () => {
    ninja.backupJobs = [job(0, 1)]
    const pages = await syncAll(connectNinja({ streams: ['backups'] }), syncOptions())
    expect(pages.map((page) => page.stream)).toEqual(['backups'])
    expect(ninja.seen('/v2/devices')).toHaveLength(2)
    expect(recordsOf(pages, 'backups', 'backup-run')[0]).toMatchObject({ device: 'NJ-WS-0001' })
  })

  it('reads on past a short page of devices, in case NinjaOne caps its pages', async () => {
    server.use(
      http.get(`${ninja.base}/v2/devices`, ({ request }) => {
        const after = Number(new URL(request.url).searchParams.get('after') ?? -1)
        return HttpResponse.json(
          ninja.devices.filter((device) => Number(device.id) > after).slice(0, 4),
        )
      }),
    )
    const pages = await syncAll(connectNinja({ streams: ['devices'] }), syncOptions())
    expect(pages.map((page) => page.progress)).toEqual([{ done: 4 }, { done: 6 }])
  })

  it('counts every request it made, the token among them', async () => {
    ninja.backupJobs = [job(0, 1), job(1, 3), job(2, 11)]
    const connector = connectNinja({ pageSize: 2 })
    await syncAll(connector, syncOptions())
    expect(connector.stats).toEqual({ requests: ninja.requests.length, retries: 0 })
    expect(ninja.requests.map((request) => request.path)).toEqual([
      '/ws/oauth/token',
      '/v2/devices',
      '/v2/devices',
      '/v2/devices',
      '/v2/devices',
      '/v2/backup/jobs',
      '/v2/backup/jobs',
      '/v2/queries/os-patch-installs',
    ])
  })
})
