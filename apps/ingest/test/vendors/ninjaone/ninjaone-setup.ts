import { pino } from 'pino'
import { createNinjaOneConnector } from '../../../src/connectors/ninjaone/ninjaone-connector.js'
import { NINJA_CLIENT } from './ninjaone-handlers.js'
import type { Connector, SyncOptions, SyncPage } from '../../../src/connectors/connector.js'
import type { ScoreIntegration } from '../../../src/score/score-types.js'

export const NINJA_ENV = {
  NINJA_CLIENT_ID: NINJA_CLIENT.id,
  NINJA_CLIENT_SECRET: NINJA_CLIENT.secret,
  NINJA_WEBHOOK_SECRET: 'hook-secret-7f3a',
}
/** Backoff in milliseconds, so retry tests stay fast. */
export const FAST = { baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 200 }
export const silentLog = pino({ level: 'silent' })

export function ninjaIntegration(
  settings: Record<string, unknown> = {},
  organisations: Record<string, string> = { '1': 'acme', '3': 'globex' },
): ScoreIntegration {
  return {
    id: 'ninja',
    vendor: 'ninjaone',
    schedule: '*/15 * * * *',
    freshnessMs: 86_400_000,
    organisations,
    settings: {
      region: 'eu',
      clientId: { env: 'NINJA_CLIENT_ID' },
      clientSecret: { env: 'NINJA_CLIENT_SECRET' },
      ...settings,
    },
  }
}

export function connectNinja(
  settings: Record<string, unknown> = {},
  organisations?: Record<string, string>,
  env: NodeJS.ProcessEnv = NINJA_ENV,
): Connector {
  return createNinjaOneConnector(ninjaIntegration(settings, organisations), {
    env,
    log: silentLog,
    http: FAST,
  })
}

/** Every page of a sync, in order. */
export async function syncAll(connector: Connector, options: SyncOptions): Promise<SyncPage[]> {
  const pages: SyncPage[] = []
  for await (const page of connector.sync(options)) pages.push(page)
  return pages
}

export function syncOptions(overrides: Partial<SyncOptions> = {}): SyncOptions {
  return {
    cursors: new Map(),
    since: Date.UTC(2025, 11, 1),
    now: Date.UTC(2026, 0, 10),
    ...overrides,
  }
}
