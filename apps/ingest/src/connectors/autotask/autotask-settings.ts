import { z } from 'zod'
import {
  connectorSettings,
  parseSettings,
  readSecret,
  secretRef,
  syncWindows,
} from '../settings.js'
import type { ScoreIntegration } from '../../score/score-types.js'

export const ZONE_LOOKUP_URL =
  'https://webservices.autotask.net/atservicesrest/v1.0/zoneInformation'
/** Autotask's own ceiling for `MaxRecords`. */
export const MAX_PAGE_SIZE = 500

/** An integration's `settings` for Autotask in the score. */
export const autotaskSettings = connectorSettings.extend({
  username: z.email().describe("the API-only user's email"),
  secret: secretRef.describe("the API user's secret, as { env: VARIABLE_NAME }"),
  integrationCode: z
    .union([secretRef, z.string().min(1)])
    .describe('the ApiIntegrationCode (tracking identifier), as text or { env: VARIABLE_NAME }'),
  zoneUrl: z
    .url()
    .optional()
    .describe("the zone's API URL, like 'https://webservices15.autotask.net/ATServicesRest/'"),
  zoneLookupUrl: z.url().optional().describe('where to look the zone up'),
  queues: z
    .array(z.number().int().positive())
    .min(1)
    .optional()
    .describe('only tickets of these queue ids'),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).optional().describe('MaxRecords per page'),
  webhookSecret: secretRef
    .optional()
    .describe("the webhook's SecretKey, as { env: VARIABLE_NAME }"),
  impersonationResourceId: z
    .number()
    .int()
    .positive()
    .optional()
    .describe('act as this resource (ImpersonationResourceId)'),
})

/** Settings with secrets read and defaults filled: everything the connector needs to run. */
export interface AutotaskConfig {
  username: string
  secret: string
  integrationCode: string
  zoneUrl?: string
  zoneLookupUrl: string
  queues?: number[]
  pageSize: number
  webhookSecret?: string
  impersonationResourceId?: number
  historyMs: number
  overlapMs: number
}

/** Checks the settings and reads the secrets; a mistake throws `ConnectorConfigError`. */
export function resolveAutotaskConfig(
  integration: ScoreIntegration,
  env: NodeJS.ProcessEnv,
): AutotaskConfig {
  const settings = parseSettings(integration, autotaskSettings)
  const { integrationCode } = settings
  return {
    username: settings.username,
    secret: readSecret(integration, 'secret', settings.secret, env),
    integrationCode:
      typeof integrationCode === 'string'
        ? integrationCode
        : readSecret(integration, 'integrationCode', integrationCode, env),
    zoneUrl: settings.zoneUrl,
    zoneLookupUrl: settings.zoneLookupUrl ?? ZONE_LOOKUP_URL,
    queues: settings.queues,
    pageSize: settings.pageSize ?? MAX_PAGE_SIZE,
    webhookSecret: settings.webhookSecret
      ? readSecret(integration, 'webhookSecret', settings.webhookSecret, env)
      : undefined,
    impersonationResourceId: settings.impersonationResourceId,
    ...syncWindows(settings),
  }
}
