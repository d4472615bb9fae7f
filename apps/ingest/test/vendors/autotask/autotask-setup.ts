import { createHmac } from 'node:crypto'
import pino from 'pino'
import { autotask } from '../../../src/connectors/autotask/autotask-connector.js'
import { ACME, API_USER } from './autotask-data.js'
import type {
  Connector,
  SyncOptions,
  SyncPage,
  WebhookDelivery,
} from '../../../src/connectors/connector.js'
import type { ScoreIntegration } from '../../../src/score/score-types.js'

export const WEBHOOK_KEY = 'a-webhook-secret-key-of-up-to-64-chars'

export const ENV = {
  AUTOTASK_SECRET: API_USER.secret,
  AUTOTASK_CODE: API_USER.integrationCode,
  AUTOTASK_HOOK_KEY: WEBHOOK_KEY,
}

/** Retries that keep tests fast; 200 ms is the timeout the timeout tests exceed. */
export const FAST = { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 200 }

export function autotaskIntegration(
  settings: Record<string, unknown> = {},
  id = 'autotask',
): ScoreIntegration {
  return {
    id,
    vendor: 'autotask',
    schedule: '*/5 * * * *',
    freshnessMs: 3_600_000,
    organisations: { [String(ACME)]: 'acme' },
    settings: {
      username: API_USER.username,
      secret: { env: 'AUTOTASK_SECRET' },
      integrationCode: { env: 'AUTOTASK_CODE' },
      webhookSecret: { env: 'AUTOTASK_HOOK_KEY' },
      ...settings,
    },
  }
}

export function createTestConnector(
  settings: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = ENV,
): Connector {
  return autotask.create(autotaskIntegration(settings), {
    env,
    log: pino({ level: 'silent' }),
    http: FAST,
  })
}

export const NOW = Date.parse('2026-11-24T12:00:00Z')
export const SINCE = Date.parse('2026-11-01T00:00:00Z')

export function syncOptions(cursor?: string, now = NOW): SyncOptions {
  return {
    cursors: new Map(cursor === undefined ? [] : [['tickets', cursor]]),
    since: SINCE,
    now,
  }
}

/** Every page of one sync. */
export async function allPages(connector: Connector, options: SyncOptions): Promise<SyncPage[]> {
  const pages: SyncPage[] = []
  for await (const page of connector.sync(options)) pages.push(page)
  return pages
}

export function externalIds(pages: readonly SyncPage[]): string[] {
  return pages.flatMap((page) =>
    page.records.map((record) => ('externalId' in record ? record.externalId : '')),
  )
}

/** A webhook delivery signed as Autotask signs it: base64 of HMAC-SHA1 over the raw body. */
export function signedDelivery(payload: unknown, key = WEBHOOK_KEY): WebhookDelivery {
  return signedBody(JSON.stringify(payload), key)
}

export function signedBody(body: string, key = WEBHOOK_KEY): WebhookDelivery {
  const signature = createHmac('sha1', key).update(body).digest('base64')
  return { headers: new Headers({ 'X-Hook-Signature': `sha1=${signature}` }), body }
}
