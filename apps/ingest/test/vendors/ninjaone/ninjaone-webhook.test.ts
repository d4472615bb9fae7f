import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { NINJA_EPOCH_S, makeNinjaActivity, makeNinjaDevice } from './ninjaone-data.js'
import { FakeNinjaOne } from './ninjaone-handlers.js'
import { NINJA_ENV, connectNinja, syncAll, syncOptions } from './ninjaone-setup.js'
import type { Connector, WebhookResult } from '../../../src/connectors/connector.js'

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

let ninja: FakeNinjaOne
beforeEach(() => {
  ninja = new FakeNinjaOne()
  ninja.devices = [1, 2, 3].map((id) => makeNinjaDevice(id))
  server.use(...ninja.handlers())
})

const WEBHOOK = { webhookSecret: { env: 'NINJA_WEBHOOK_SECRET' } }

function deliver(
  connector: Connector,
  body: unknown,
  headers: Record<string, string> = { Authorization: NINJA_ENV.NINJA_WEBHOOK_SECRET },
): Promise<WebhookResult> {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  return connector.webhook!({ headers: new Headers(headers), body: text })
}

const recordsOf = (result: WebhookResult) =>
  result.accepted ? result.pages.flatMap((page) => page.records) : []

describe('the NinjaOne webhook', () => {
  it('turns a finished backup activity into a backup run of its device', async () => {
    const connector = connectNinja(WEBHOOK)
    await syncAll(connector, syncOptions({ cursors: new Map() }))
    const activity = makeNinjaActivity(9_001, { deviceId: 3 })
    const result = await deliver(connector, activity)
    expect(recordsOf(result)).toEqual([
      {
        kind: 'backup-run',
        externalId: 'activity-9001',
        organisationId: 'globex',
        device: 'NJ-WS-0003',
        startedAt: null,
        endedAt: Math.round((NINJA_EPOCH_S + 7_200.75) * 1000),
        result: 'success',
        raw: activity,
      },
    ])
    expect(ninja.seen('/v2/device/3')).toEqual([])
  })

  it('turns patch activities into install or scan runs, failures included', async () => {
    const result = await deliver(connectNinja(WEBHOOK), [
      makeNinjaActivity(1, {
        activityType: 'PATCH_MANAGEMENT',
        statusCode: 'PATCH_MANAGEMENT_INSTALL_FAILED',
        activityResult: 'FAILURE',
      }),
      makeNinjaActivity(2, {
        activityType: 'PATCH_MANAGEMENT',
        statusCode: 'PATCH_MANAGEMENT_SCAN_COMPLETED',
      }),
    ])
    expect(recordsOf(result)).toMatchObject([
      { kind: 'patch-run', externalId: 'activity-1', activity: 'install', result: 'failure' },
      { kind: 'patch-run', externalId: 'activity-2', activity: 'scan', result: 'success' },
    ])
  })

  it('looks up a device no sync has listed yet, by id', async () => {
    const result = await deliver(connectNinja(WEBHOOK), makeNinjaActivity(5, { deviceId: 1 }))
    expect(recordsOf(result)).toMatchObject([{ device: 'NJ-WS-0001', organisationId: 'acme' }])
    expect(ninja.seen('/v2/device/1')).toHaveLength(1)
  })

  it('accepts but stores nothing for other activities, starts and unfinished outcomes', async () => {
    const result = await deliver(connectNinja(WEBHOOK), [
      makeNinjaActivity(1, { activityType: 'CONDITION', activityResult: 'SUCCESS' }),
      makeNinjaActivity(2, { statusCode: 'NINJA_BACKUP_JOB_STARTED' }),
      makeNinjaActivity(3, { activityResult: 'UNCOMPLETED' }),
      makeNinjaActivity(4, { deviceId: 2 }),
    ])
    expect(result).toEqual({
      accepted: true,
      pages: [{ stream: 'activities', records: [], quarantined: [] }],
    })
  })

  it('quarantines an activity whose device NinjaOne does not know or that has no time', async () => {
    const result = await deliver(connectNinja(WEBHOOK), [
      makeNinjaActivity(1, { deviceId: 404 }),
      makeNinjaActivity(2, { activityTime: undefined }),
      makeNinjaActivity(3, { deviceId: undefined }),
    ])
    const quarantined = result.accepted ? result.pages[0]!.quarantined : []
    expect(quarantined.map((item) => [item.kind, item.naturalKey, item.reason])).toEqual([
      ['backup-run', '1', 'deviceId: no device 404'],
      ['backup-run', '2', 'activityTime is missing'],
      ['backup-run', '3', 'deviceId is missing'],
    ])
  })

  it('refuses a call without the shared secret, or with another, before reading it', async () => {
    const connector = connectNinja(WEBHOOK)
    const activity = makeNinjaActivity(1)
    expect(await deliver(connector, activity, {})).toEqual({
      accepted: false,
      status: 401,
      reason: 'the Authorization header is missing',
    })
    expect(await deliver(connector, activity, { Authorization: 'hook-secret-7f3b' })).toEqual({
      accepted: false,
      status: 401,
      reason: 'the Authorization header does not match',
    })
    expect(await deliver(connector, 'not json', { Authorization: 'wrong' })).toMatchObject({
      status: 401,
    })
    expect(ninja.requests).toEqual([])
  })

  it('checks the header the integration registered', async () => {
    const connector = connectNinja({ ...WEBHOOK, webhookHeader: 'X-Baton-Secret' })
    const secret = NINJA_ENV.NINJA_WEBHOOK_SECRET
    expect(await deliver(connector, makeNinjaActivity(1), { Authorization: secret })).toMatchObject(
      {
        accepted: false,
        status: 401,
      },
    )
    const result = await deliver(connector, makeNinjaActivity(1), { 'X-Baton-Secret': secret })
    expect(recordsOf(result)).toHaveLength(1)
  })

  it('answers 400 to a body that is not an activity', async () => {
    const connector = connectNinja(WEBHOOK)
    expect(await deliver(connector, '{"id": 1,')).toEqual({
      accepted: false,
      status: 400,
      reason: 'the body is not JSON',
    })
    expect(await deliver(connector, [1, 2])).toEqual({
      accepted: false,
      status: 400,
      reason: 'expected an Activity object',
    })
  })

  it('offers no webhook without a secret to check it with', () => {
    expect(connectNinja().webhook).toBeUndefined()
  })
})
