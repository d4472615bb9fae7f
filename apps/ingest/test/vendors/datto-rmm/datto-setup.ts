import { createDattoRmmConnector } from '../../../src/connectors/datto-rmm/datto-connector.js'
import { FAST, silentLog } from '../ninjaone/ninjaone-setup.js'
import { DATTO_KEY, DATTO_BASE } from './datto-handlers.js'
import { DATTO_SITES } from './datto-data.js'
import type { Connector, SyncOptions } from '../../../src/connectors/connector.js'
import type { ScoreIntegration } from '../../../src/score/score-types.js'

export { FAST, silentLog, syncAll } from '../ninjaone/ninjaone-setup.js'

export const DATTO_ENV = { DATTO_API_KEY: DATTO_KEY.apiKey, DATTO_API_SECRET: DATTO_KEY.apiSecret }
export const DEVICES_URL = `${DATTO_BASE}/api/v2/account/devices`

/** Acme by site uid, Globex by site name; the third site is not watched. */
export function dattoIntegration(
  settings: Record<string, unknown> = {},
  organisations: Record<string, string> = {
    [DATTO_SITES[0].uid]: 'acme',
    [DATTO_SITES[1].name]: 'globex',
  },
): ScoreIntegration {
  return {
    id: 'datto',
    vendor: 'datto-rmm',
    schedule: '0 * * * *',
    freshnessMs: 86_400_000,
    organisations,
    settings: {
      platform: 'merlot',
      apiKey: { env: 'DATTO_API_KEY' },
      apiSecret: { env: 'DATTO_API_SECRET' },
      ...settings,
    },
  }
}

export function connectDatto(
  settings: Record<string, unknown> = {},
  organisations?: Record<string, string>,
  env: NodeJS.ProcessEnv = DATTO_ENV,
): Connector {
  return createDattoRmmConnector(dattoIntegration(settings, organisations), {
    env,
    log: silentLog,
    http: FAST,
  })
}

export function dattoSyncOptions(overrides: Partial<SyncOptions> = {}): SyncOptions {
  return {
    cursors: new Map(),
    since: Date.UTC(2025, 11, 1),
    now: Date.UTC(2026, 0, 1, 12),
    ...overrides,
  }
}
