import pino from 'pino'
import { describe, expect, it } from 'vitest'
import { ConnectorConfigError } from '../connector.js'
import { autotask } from './autotask-connector.js'
import { ZONE_LOOKUP_URL, resolveAutotaskConfig } from './autotask-settings.js'
import type { ScoreIntegration } from '../../score/score-types.js'

const integration = (settings: Record<string, unknown>): ScoreIntegration => ({
  id: 'psa',
  vendor: 'autotask',
  schedule: '*/5 * * * *',
  freshnessMs: 3_600_000,
  organisations: {},
  settings: {
    username: 'api@msp.example',
    secret: { env: 'AT_SECRET' },
    integrationCode: 'CODE',
    ...settings,
  },
})
const env = { AT_SECRET: 's3cret', AT_CODE: 'from-env', AT_HOOK: 'hook' }

describe('Autotask settings', () => {
  it('fills the defaults and reads the secrets', () => {
    expect(resolveAutotaskConfig(integration({ webhookSecret: { env: 'AT_HOOK' } }), env)).toEqual({
      username: 'api@msp.example',
      secret: 's3cret',
      integrationCode: 'CODE',
      zoneUrl: undefined,
      zoneLookupUrl: ZONE_LOOKUP_URL,
      queues: undefined,
      pageSize: 500,
      webhookSecret: 'hook',
      impersonationResourceId: undefined,
      historyMs: 180 * 86_400_000,
      overlapMs: 600_000,
    })
  })

  it('takes the integration code from the environment too', () => {
    const config = resolveAutotaskConfig(integration({ integrationCode: { env: 'AT_CODE' } }), env)
    expect(config.integrationCode).toBe('from-env')
  })

  it.each([
    [
      { secret: { env: 'AT_MISSING' } },
      'settings.secret: environment variable AT_MISSING is not set',
    ],
    [
      { integrationCode: { env: 'AT_NONE' } },
      'settings.integrationCode: environment variable AT_NONE',
    ],
    [{ username: 'not-an-email' }, 'settings.username:'],
    [{ pageSize: 501 }, 'settings.pageSize:'],
    [{ queues: [] }, 'settings.queues:'],
    [{ zoneUrl: 'webservices15' }, 'settings.zoneUrl:'],
  ])('refuses %j before calling Autotask, naming the field', (settings, message) => {
    const create = () =>
      autotask.create(integration(settings), { env, log: pino({ level: 'silent' }) })
    expect(create).toThrow(ConnectorConfigError)
    expect(create).toThrow(`integration 'psa': ${message}`)
  })
})
