import { z } from 'zod'
import {
  connectorSettings,
  parseSettings,
  readSecret,
  secretRef,
  syncWindows,
} from '../settings.js'
import type { ScoreIntegration } from '../../score/score-types.js'

const HOST = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/i

const hostName = z
  .string()
  .regex(HOST, "expected a host name like 'api-na.myconnectwise.net' (no scheme, no path)")

/** The `settings` of a ConnectWise PSA integration in the score. */
export const connectWiseSettings = connectorSettings
  .extend({
    host: hostName
      .optional()
      .describe('cloud API host: api-na, api-eu or api-au .myconnectwise.net, or your own'),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('the full API base, like https://cw.example.com/v4_6_release/apis/3.0'),
    codebase: z
      .string()
      .regex(/^\/?[\w.-]+\/?$/, "expected a codebase like 'v4_6_release' or 'v2025_1'")
      .optional()
      .describe('found with /login/companyinfo/{companyId} when absent'),
    companyId: z.string().min(1, 'must not be empty'),
    publicKey: secretRef,
    privateKey: secretRef,
    clientId: z.string().min(1, 'must not be empty').describe('the clientId ConnectWise issued'),
    boards: z
      .array(
        z
          .string()
          .min(1, 'must not be empty')
          .refine((name) => !name.includes('"'), 'a board name cannot hold a double quote'),
      )
      .default([])
      .describe('board names to read; empty reads every board'),
    pageSize: z.number().int().min(1).max(1000).default(1000),
    conditions: z
      .string()
      .min(1)
      .optional()
      .describe('extra ConnectWise conditions, joined with "and"'),
    callbackKeyHosts: z
      .array(hostName)
      .default([])
      .describe('more hosts a callback signing key may be fetched from'),
  })
  .superRefine((settings, ctx) => {
    if (settings.host === undefined && settings.baseUrl === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['host'],
        message: "either host (like 'api-na.myconnectwise.net') or baseUrl is required",
      })
    }
  })

export type ConnectWiseSettings = z.infer<typeof connectWiseSettings>

/** Settings with secrets read and windows in milliseconds: what the connector runs on. */
export interface ConnectWiseConfig {
  integrationId: string
  organisations: Readonly<Record<string, string>>
  /** `https://host`, or the origin of `baseUrl`. */
  origin: string
  host: string
  /** Absent: found from the codebase when first needed. */
  baseUrl?: string
  codebase?: string
  companyId: string
  publicKey: string
  privateKey: string
  clientId: string
  boards: string[]
  pageSize: number
  conditions?: string
  callbackKeyHosts: string[]
  overlapMs: number
}

export function resolveConnectWiseConfig(
  integration: ScoreIntegration,
  env: NodeJS.ProcessEnv,
): ConnectWiseConfig {
  const settings = parseSettings(integration, connectWiseSettings)
  const base = settings.baseUrl === undefined ? undefined : new URL(settings.baseUrl)
  const host = base?.host ?? settings.host!
  const config: ConnectWiseConfig = {
    integrationId: integration.id,
    organisations: integration.organisations,
    origin: base?.origin ?? `https://${host}`,
    host,
    companyId: settings.companyId,
    publicKey: readSecret(integration, 'publicKey', settings.publicKey, env),
    privateKey: readSecret(integration, 'privateKey', settings.privateKey, env),
    clientId: settings.clientId,
    boards: settings.boards,
    pageSize: settings.pageSize,
    callbackKeyHosts: settings.callbackKeyHosts,
    overlapMs: syncWindows(settings).overlapMs,
  }
  if (base) config.baseUrl = base.toString().replace(/\/+$/, '')
  if (settings.codebase !== undefined) config.codebase = settings.codebase.replace(/^\/|\/$/g, '')
  if (settings.conditions !== undefined) config.conditions = settings.conditions
  return config
}
