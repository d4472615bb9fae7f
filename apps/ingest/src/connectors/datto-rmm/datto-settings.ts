import { z } from 'zod'
import { connectorSettings, parseSettings, readSecret, secretRef } from '../settings.js'
import type { ScoreIntegration } from '../../score/score-types.js'

export const DATTO_PLATFORMS = [
  'pinotage',
  'merlot',
  'concord',
  'vidal',
  'zinfandel',
  'syrah',
] as const
/** Datto's published limit: 600 requests in any rolling 60 s, for the whole account. */
export const DATTO_REQUESTS_PER_MINUTE = 600

/** An integration's `settings` for Datto RMM in the score. */
export const dattoRmmSettings = connectorSettings
  .extend({
    platform: z
      .enum(DATTO_PLATFORMS)
      .optional()
      .describe("the platform, like 'merlot' for https://merlot-api.centrastage.net"),
    baseUrl: z.url().optional().describe('the API host, when not one of the platforms'),
    apiKey: secretRef.describe("the API user's key, as { env: VARIABLE_NAME }"),
    apiSecret: secretRef.describe("the API user's secret key, as { env: VARIABLE_NAME }"),
    pageSize: z
      .int()
      .min(1)
      .max(1_000)
      .optional()
      .describe('devices per page (max), 250 unless told'),
    firstPage: z
      .union([z.literal(0), z.literal(1)])
      .optional()
      .describe('the number of the first page, 0 unless told'),
    filterId: z
      .int()
      .positive()
      .optional()
      .describe('only the devices of this Datto device filter'),
    requestsPerMinute: z
      .int()
      .min(1)
      .max(DATTO_REQUESTS_PER_MINUTE)
      .optional()
      .describe("this integration's share of the account's 600 requests a minute"),
  })
  .refine((settings) => (settings.platform === undefined) !== (settings.baseUrl === undefined), {
    message:
      'give either platform (pinotage, merlot, concord, vidal, zinfandel, syrah) or baseUrl, not both',
    path: ['platform'],
  })

/** Settings with secrets read and defaults filled: everything the connector needs to run. */
export interface DattoRmmConfig {
  baseUrl: string
  apiKey: string
  apiSecret: string
  pageSize: number
  firstPage: 0 | 1
  filterId?: number
  requestsPerMinute: number
}

/** Checks the settings and reads the secrets; a mistake throws `ConnectorConfigError`. */
export function resolveDattoRmmConfig(
  integration: ScoreIntegration,
  env: NodeJS.ProcessEnv,
): DattoRmmConfig {
  const settings = parseSettings(integration, dattoRmmSettings)
  return {
    baseUrl: (settings.baseUrl ?? `https://${settings.platform}-api.centrastage.net`).replace(
      /\/+$/,
      '',
    ),
    apiKey: readSecret(integration, 'apiKey', settings.apiKey, env),
    apiSecret: readSecret(integration, 'apiSecret', settings.apiSecret, env),
    pageSize: settings.pageSize ?? 250,
    firstPage: settings.firstPage ?? 0,
    ...(settings.filterId !== undefined && { filterId: settings.filterId }),
    requestsPerMinute: settings.requestsPerMinute ?? DATTO_REQUESTS_PER_MINUTE,
  }
}
