import { z } from 'zod'
import { timeZone } from '../../score/score-fields.js'
import {
  connectorSettings,
  parseSettings,
  readSecret,
  secretRef,
  syncWindows,
} from '../settings.js'
import type { ScoreIntegration } from '../../score/score-types.js'

const httpUrl = z.url({ protocol: /^https?$/ })

/** The `settings` of a HaloPSA integration in the score. */
export const haloSettings = connectorSettings.extend({
  baseUrl: httpUrl.describe('the instance, like https://acme.halopsa.com (the API is under /api)'),
  authUrl: httpUrl
    .optional()
    .describe('the authorisation server; default {baseUrl}/auth (GET /api/authinfo names it)'),
  tenant: z.string().min(1).optional().describe('hosted tenants: added to the token request'),
  clientId: z.string().min(1, 'must not be empty'),
  clientSecret: secretRef,
  scope: z.string().min(1).default('all'),
  pageSize: z.number().int().min(1).max(1000).default(100),
  order: z
    .string()
    .min(1)
    .default('lastupdate')
    .describe(
      'the column tickets are read in, ascending; the cursor moves per page when it is the update time',
    ),
  zone: timeZone
    .default('UTC')
    .describe('the zone of times Halo writes without an offset (the instance zone)'),
  labels: z
    .boolean()
    .default(true)
    .describe('look up status, priority and type names; false keeps the numeric ids'),
  webhookSecret: secretRef.optional(),
  webhookHeader: z.string().min(1).default('Authorization'),
})

/** Settings with secrets read and windows in milliseconds: what the connector runs on. */
export interface HaloConfig {
  integrationId: string
  organisations: Readonly<Record<string, string>>
  /** The instance origin and path, without a trailing slash; the API is `${baseUrl}/api`. */
  baseUrl: string
  authUrl: string
  tenant?: string
  clientId: string
  clientSecret: string
  scope: string
  pageSize: number
  order: string
  zone: string
  labels: boolean
  webhookSecret?: string
  webhookHeader: string
  overlapMs: number
}

export function resolveHaloConfig(
  integration: ScoreIntegration,
  env: NodeJS.ProcessEnv,
): HaloConfig {
  const settings = parseSettings(integration, haloSettings)
  const baseUrl = settings.baseUrl.replace(/\/+$/, '').replace(/\/api$/i, '')
  const config: HaloConfig = {
    integrationId: integration.id,
    organisations: integration.organisations,
    baseUrl,
    authUrl: (settings.authUrl ?? `${baseUrl}/auth`).replace(/\/+$/, ''),
    clientId: settings.clientId,
    clientSecret: readSecret(integration, 'clientSecret', settings.clientSecret, env),
    scope: settings.scope,
    pageSize: settings.pageSize,
    order: settings.order,
    zone: settings.zone,
    labels: settings.labels,
    webhookHeader: settings.webhookHeader,
    overlapMs: syncWindows(settings).overlapMs,
  }
  if (settings.tenant !== undefined) config.tenant = settings.tenant
  if (settings.webhookSecret !== undefined) {
    config.webhookSecret = readSecret(integration, 'webhookSecret', settings.webhookSecret, env)
  }
  return config
}
