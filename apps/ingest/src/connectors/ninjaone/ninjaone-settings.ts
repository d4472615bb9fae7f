import { z } from 'zod'
import {
  connectorSettings,
  parseSettings,
  readSecret,
  secretRef,
  syncWindows,
} from '../settings.js'
import type { ScoreIntegration } from '../../score/score-types.js'

export const NINJA_REGIONS = ['app', 'eu', 'oc', 'ca', 'us2', 'fed'] as const
/** Read in this order, so the device roster exists before the runs that name its devices. */
export const NINJA_STREAMS = ['devices', 'backups', 'patches'] as const
export type NinjaStream = (typeof NINJA_STREAMS)[number]
/** The spec's ceiling for `pageSize` on the query endpoints. */
export const MAX_PAGE_SIZE = 10_000

/** An integration's `settings` for NinjaOne in the score. */
export const ninjaOneSettings = connectorSettings
  .extend({
    region: z
      .enum(NINJA_REGIONS)
      .optional()
      .describe("the instance, like 'eu' for https://eu.ninjarmm.com"),
    baseUrl: z.url().optional().describe("the instance URL, like 'https://app.ninjaone.com'"),
    clientId: secretRef.describe("the API application's client id, as { env: VARIABLE_NAME }"),
    clientSecret: secretRef.describe("the API application's secret, as { env: VARIABLE_NAME }"),
    scope: z.string().min(1).optional().describe("OAuth scopes, 'monitoring' unless told"),
    pageSize: z.int().min(1).max(MAX_PAGE_SIZE).optional().describe('records per page'),
    streams: z
      .array(z.enum(NINJA_STREAMS))
      .min(1)
      .optional()
      .describe('which of devices, backups, patches to read (all unless told)'),
    patchTimeFormat: z
      .enum(['epoch-seconds', 'iso'])
      .optional()
      .describe("how installedAfter is written: 'epoch-seconds' (default) or 'iso'"),
    webhookHeader: z
      .string()
      .min(1)
      .optional()
      .describe("the header registered with the webhook, 'Authorization' unless told"),
    webhookSecret: secretRef.optional().describe("that header's value, as { env: VARIABLE_NAME }"),
  })
  .refine((settings) => (settings.region === undefined) !== (settings.baseUrl === undefined), {
    message: 'give either region (app, eu, oc, ca, us2, fed) or baseUrl, not both',
    path: ['region'],
  })

/** Settings with secrets read and defaults filled: everything the connector needs to run. */
export interface NinjaOneConfig {
  baseUrl: string
  clientId: string
  clientSecret: string
  scope: string
  pageSize: number
  streams: NinjaStream[]
  patchTimeFormat: 'epoch-seconds' | 'iso'
  webhook?: { header: string; secret: string }
  overlapMs: number
}

/** Checks the settings and reads the secrets; a mistake throws `ConnectorConfigError`. */
export function resolveNinjaOneConfig(
  integration: ScoreIntegration,
  env: NodeJS.ProcessEnv,
): NinjaOneConfig {
  const settings = parseSettings(integration, ninjaOneSettings)
  const wanted = new Set(settings.streams ?? NINJA_STREAMS)
  return {
    baseUrl: (settings.baseUrl ?? `https://${settings.region}.ninjarmm.com`).replace(/\/+$/, ''),
    clientId: readSecret(integration, 'clientId', settings.clientId, env),
    clientSecret: readSecret(integration, 'clientSecret', settings.clientSecret, env),
    scope: settings.scope ?? 'monitoring',
    pageSize: settings.pageSize ?? 1000,
    streams: NINJA_STREAMS.filter((stream) => wanted.has(stream)),
    patchTimeFormat: settings.patchTimeFormat ?? 'epoch-seconds',
    ...(settings.webhookSecret && {
      webhook: {
        header: settings.webhookHeader ?? 'Authorization',
        secret: readSecret(integration, 'webhookSecret', settings.webhookSecret, env),
      },
    }),
    overlapMs: syncWindows(settings).overlapMs,
  }
}
