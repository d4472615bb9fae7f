import { z } from 'zod'
import { parseDuration } from '../score/durations.js'
import { duration } from '../score/score-fields.js'
import { ConnectorConfigError } from './connector.js'
import { readCredential } from '../secrets/credential-sources.js'
import type { ScoreIntegration } from '../score/score-types.js'

/**
 * A credential in the score is never the secret itself but where to find it:
 * `{ env: CW_PRIVATE_KEY }` reads an environment variable when the connector is built, and
 * `{ secret: cw-private-key }` a secret stored encrypted with `baton secret set`.
 */
export const secretRef = z
  .union([
    z.strictObject({
      env: z
        .string()
        .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected an environment variable name like 'CW_KEY'"),
    }),
    z.strictObject({
      secret: z
        .string()
        .regex(
          /^[a-z0-9][a-z0-9._-]{0,99}$/,
          "expected a stored secret's name like 'cw-private-key'",
        ),
    }),
  ])
  .describe('a secret given as { env: VARIABLE_NAME } or { secret: stored-name }')

export type SecretRef = z.infer<typeof secretRef>

/**
 * Settings every connector takes, beside its own: how much history a first sync backfills, and
 * how far before its stored watermark an incremental sync starts again (vendors' clocks and
 * late commits). Vendor schemas extend this one.
 */
export const connectorSettings = z.looseObject({
  history: duration.optional().describe("how much history a first sync reads, like '180d'"),
  overlap: duration.optional().describe("how far back an incremental sync re-reads, like '10m'"),
})

export const DEFAULT_HISTORY_MS = 180 * 24 * 3_600_000
export const DEFAULT_OVERLAP_MS = 10 * 60_000

/** The backfill and overlap of an integration, in ms, with their defaults. */
export function syncWindows(settings: { history?: string | number; overlap?: string | number }): {
  historyMs: number
  overlapMs: number
} {
  return {
    historyMs:
      settings.history === undefined ? DEFAULT_HISTORY_MS : parseDuration(settings.history),
    overlapMs:
      settings.overlap === undefined ? DEFAULT_OVERLAP_MS : parseDuration(settings.overlap),
  }
}

/** Parses an integration's `settings` with a connector's schema; the error names the field. */
export function parseSettings<Schema extends z.ZodType>(
  integration: ScoreIntegration,
  schema: Schema,
): z.infer<Schema> {
  const parsed = schema.safeParse(integration.settings)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const field = issue.path.map(String).join('.') || '(settings)'
  throw new ConnectorConfigError(integration.id, field, issue.message)
}

/**
 * Reads a secret from the connector's credential sources: the environment, and the stored
 * secrets beside it (secret-store.ts). A missing one is a configuration error, not a failed call.
 */
export function readSecret(
  integration: ScoreIntegration,
  field: string,
  ref: SecretRef,
  env: NodeJS.ProcessEnv,
): string {
  const read = readCredential(ref, env)
  if ('missing' in read) throw new ConnectorConfigError(integration.id, field, read.missing)
  return read.value
}
