import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { DATTO_EPOCH_MS, DATTO_NEVER, DATTO_SITES, makeDattoDevice } from './datto-data.js'
import { FakeDattoRmm } from './datto-handlers.js'
import { DEVICES_URL, connectDatto, dattoSyncOptions, syncAll } from './datto-setup.js'
import type { SyncPage } from '../../../src/connectors/connector.js'
import type { SourceRecord } from '../../../src/records/types.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

let datto: FakeDattoRmm
beforeEach(() => {
  datto = new FakeDattoRmm()
  server.use(...datto.handlers())
})

const recordsOf = <K extends SourceRecord['kind']>(pages: SyncPage[], kind: K) =>
  pages
    .flatMap((page) => page.records)
    .filter((record): record is Extract<SourceRecord, { kind: K }> => record.kind === kind)
/** Devices 0, 3, 6, ... are on Acme's site, 1, 4, ... on Globex's, 2, 5, ... on Initech's. */
const acme = (i: number, overrides: Record<string, unknown> = {}) =>
  makeDattoDevice(i * 3, overrides)
const NOW = dattoSyncOptions().now

describe('the Datto RMM connector', () => {
  it('follows nextPageUrl to the end, adding back the filter it drops', async () => {
    datto.devices = Array.from({ length: 7 }, (_, i) => makeDattoDevice(i))
    datto.filters.set(42, () => true)
    const pages = await syncAll(connectDatto({ pageSize: 3, filterId: 42 }), dattoSyncOptions())
    expect(datto.seen('/api/v2/account/devices').map((request) => request.params)).toEqual([
      { max: '3', filterId: '42', page: '0' },
      { max: '3', page: '1', filterId: '42' },
      { max: '3', page: '2', filterId: '42' },
    ])
    expect(pages.map((page) => page.progress)).toEqual([
      { done: 3, total: 7 },
      { done: 6, total: 7 },
      { done: 7, total: 7 },
    ])
    expect(pages.every((page) => page.stream === 'devices' && page.cursor === undefined)).toBe(true)
  })

  it('adds back the page size too when nextPageUrl keeps only the page', async () => {
    datto.devices = Array.from({ length: 5 }, (_, i) => makeDattoDevice(i))
    server.use(
      http.get(DEVICES_URL, ({ request }) => {
        const params = new URL(request.url).searchParams
        if (params.get('page') !== '0') return undefined
        return HttpResponse.json({
          pageDetails: { count: 3, totalCount: 5, nextPageUrl: `${DEVICES_URL}?page=1` },
          devices: datto.devices.slice(0, 3),
        })
      }),
    )
    const pages = await syncAll(connectDatto({ pageSize: 3 }), dattoSyncOptions())
    expect(datto.seen('/api/v2/account/devices').at(-1)!.params).toEqual({ page: '1', max: '3' })
    expect(recordsOf(pages, 'player')).toHaveLength(4)
  })

  it('starts at page 1 when the account numbers pages from 1', async () => {
    datto.firstPage = 1
    datto.devices = Array.from({ length: 4 }, (_, i) => acme(i))
    const pages = await syncAll(connectDatto({ pageSize: 2, firstPage: 1 }), dattoSyncOptions())
    expect(datto.seen('/api/v2/account/devices').map((request) => request.params.page)).toEqual([
      '1',
      '2',
    ])
    expect(recordsOf(pages, 'player')).toHaveLength(4)
  })

  it('makes each device a player keyed by hostname, in the organisation its site maps to', async () => {
    datto.devices = [0, 1, 2].map((i) => makeDattoDevice(i))
    const pages = await syncAll(connectDatto(), dattoSyncOptions())
    expect(recordsOf(pages, 'player')).toEqual([
      {
        kind: 'player',
        organisationId: 'acme',
        playerKind: 'device',
        key: 'DT-SRV-0000',
        active: true,
        raw: datto.devices[0],
      },
      expect.objectContaining({ organisationId: 'globex', key: 'DT-WS-0001' }),
    ])
  })

  it('takes a site by its id too', async () => {
    datto.devices = [makeDattoDevice(2)]
    const organisations = { [String(DATTO_SITES[2].id)]: 'initech' }
    const pages = await syncAll(connectDatto({}, organisations), dattoSyncOptions())
    expect(recordsOf(pages, 'player').map((player) => player.organisationId)).toEqual(['initech'])
  })

  it('keeps deleted and suspended devices off the roster, with no patch beat', async () => {
    datto.devices = [acme(0), acme(1, { deleted: true }), acme(2, { suspended: true })]
    const pages = await syncAll(connectDatto(), dattoSyncOptions())
    expect(recordsOf(pages, 'player').map((player) => player.active)).toEqual([true, false, false])
    expect(recordsOf(pages, 'patch-run').map((run) => run.device)).toEqual(['DT-SRV-0000'])
  })

  it('observes FullyPatched as a beat and InstallError as a failed one, and nothing else', async () => {
    const statuses = [
      'FullyPatched',
      'InstallError',
      'RebootRequired',
      'ApprovedPending',
      'NoPolicy',
      'NoData',
      'SomethingNew',
    ]
    datto.devices = statuses.map((patchStatus, i) =>
      acme(i, { patchManagement: { patchStatus, patchesInstalled: null } }),
    )
    const pages = await syncAll(connectDatto(), dattoSyncOptions())
    expect(recordsOf(pages, 'player')).toHaveLength(7)
    expect(recordsOf(pages, 'patch-run')).toEqual([
      {
        kind: 'patch-run',
        externalId: `${datto.devices[0]!.uid}:patch-status:2026-01-01`,
        organisationId: 'acme',
        device: 'DT-SRV-0000',
        activity: 'fully-patched',
        at: datto.devices[0]!.lastAuditDate,
        result: 'success',
        raw: datto.devices[0],
      },
      expect.objectContaining({ device: 'DT-WS-0003', result: 'failure' }),
    ])
    expect(pages.flatMap((page) => page.quarantined)).toEqual([])
  })

  it('dates the observation at the last audit in any form, else last seen, else now', async () => {
    const audit = DATTO_EPOCH_MS + 4 * 3_600_000
    datto.devices = [
      acme(0, { lastAuditDate: audit }),
      acme(1, { lastAuditDate: audit / 1000 }),
      acme(2, { lastAuditDate: new Date(audit).toISOString() }),
      acme(3, { lastAuditDate: DATTO_NEVER, lastSeen: audit + 60_000 }),
      acme(4, { lastAuditDate: null, lastSeen: DATTO_NEVER }),
      acme(5, { lastAuditDate: NOW + 3_600_000 }),
    ]
    const pages = await syncAll(connectDatto(), dattoSyncOptions())
    expect(recordsOf(pages, 'patch-run').map((run) => run.at)).toEqual([
      audit,
      audit,
      audit,
      audit + 60_000,
      NOW,
      NOW,
    ])
  })

  it('gives a device one observation a day, the same on every sync of that day', async () => {
    datto.devices = [acme(0, { lastAuditDate: null, lastSeen: null })]
    const ids = async (now: number) =>
      recordsOf(await syncAll(connectDatto(), dattoSyncOptions({ now })), 'patch-run').map(
        (run) => run.externalId,
      )
    const morning = await ids(Date.UTC(2026, 0, 2, 8))
    expect(await ids(Date.UTC(2026, 0, 2, 20))).toEqual(morning)
    expect(await ids(Date.UTC(2026, 0, 3, 8))).not.toEqual(morning)
  })

  it('quarantines a device it cannot read, and only the observation when its date is bad', async () => {
    datto.devices = [
      acme(0, { hostname: '  ' }),
      acme(1, { uid: undefined }),
      acme(2, { lastAuditDate: 'last tuesday' }),
      acme(3, { unexpected: { nested: [1, 2] }, antivirus: null, udf: undefined }),
    ]
    const pages = await syncAll(connectDatto(), dattoSyncOptions())
    const quarantined = pages.flatMap((page) => page.quarantined)
    expect(quarantined.map((item) => [item.kind, item.naturalKey, item.reason])).toEqual([
      ['player', datto.devices[0]!.uid, expect.stringMatching(/^hostname: /)],
      ['player', expect.stringMatching(/^sha256:/), expect.stringMatching(/^uid: /)],
      ['patch-run', datto.devices[2]!.uid, 'lastAuditDate: not a time: "last tuesday"'],
    ])
    expect(recordsOf(pages, 'player').map((player) => player.key)).toEqual([
      'DT-WS-0006',
      'DT-WS-0009',
    ])
    expect(recordsOf(pages, 'patch-run').map((run) => run.device)).toEqual(['DT-WS-0009'])
  })

  it('offers no webhook: the public API has none to verify', () => {
    expect(connectDatto().webhook).toBeUndefined()
  })

  it('counts every request, the token among them', async () => {
    datto.devices = Array.from({ length: 5 }, (_, i) => makeDattoDevice(i))
    const connector = connectDatto({ pageSize: 2 })
    await syncAll(connector, dattoSyncOptions())
    expect(connector.stats).toEqual({ requests: 4, retries: 0 })
    expect(datto.requests.map((request) => request.path)).toEqual([
      '/auth/oauth/token',
      '/api/v2/account/devices',
      '/api/v2/account/devices',
      '/api/v2/account/devices',
    ])
  })
})
