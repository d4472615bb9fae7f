import { isAbsolute, resolve } from 'node:path'
import { z } from 'zod'

const port = z.coerce.number().int().min(1).max(65_535)

/** A variable set to nothing (as compose's `${VAR:-}` does) counts as not set. */
const unsetWhenEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema)

const envSchema = z.object({
  BATON_API_PORT: port.default(8787),
  BATON_API_HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional(),
  BATON_DATA_DIR: z.string().min(1).default('.baton/data'),
  BATON_SCORE: z.string().min(1).optional(),
  BATON_DEMO: z.enum(['auto', 'on', 'off']).default('auto'),
  BATON_DEMO_INTERVAL_MS: z.coerce.number().int().min(250).default(3000),
  BATON_EVALUATE_CRON: z.string().min(1).default('* * * * *'),
  BATON_TZ: z.string().min(1).default('UTC'),
  // The dashboard signs people in through the API: its address may speak for theirs.
  BATON_TRUSTED_PROXIES: z.string().default('127.0.0.1,::1,::ffff:127.0.0.1'),
  BATON_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  // Single sign-on (OpenID Connect): on when an issuer is set. The client secret is a credential,
  // read like vendor credentials (single-sign-on-settings.ts), not here.
  BATON_OIDC_ISSUER: unsetWhenEmpty(
    z
      .url({ protocol: /^https?$/ })
      .refine(
        (issuer) => new URL(issuer).protocol === 'https:' || isLoopback(new URL(issuer).hostname),
        'expected an https:// issuer (plain http only on this machine, for testing)',
      )
      .optional(),
  ),
  BATON_OIDC_CLIENT_ID: unsetWhenEmpty(z.string().min(1).optional()),
  // The dashboard's address as people open it: cues link to its rhythm pages.
  BATON_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  BATON_CUE_INTERVAL_MS: z.coerce.number().int().min(100).default(15_000),
  BATON_OIDC_LABEL: z.string().min(1).max(60).default('Microsoft'),
  BATON_OIDC_SCOPES: z.string().min(1).default('openid profile email'),
})

export type Config = ReturnType<typeof parseConfig>

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname)
}

/**
 * Reads the configuration from the environment once, at start-up. Relative paths are taken
 * from where the user ran the command (pnpm's INIT_CWD), not from the package folder.
 */
export function parseConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) =>
        `${issue.path.join('.')}: ${issue.message} (got ${JSON.stringify(env[String(issue.path[0])])})`,
    )
    throw new Error(`invalid configuration:\n  ${problems.join('\n  ')}`)
  }
  const base = env.INIT_CWD ?? process.cwd()
  const fromBase = (path: string) => (isAbsolute(path) ? path : resolve(base, path))
  const values = parsed.data
  if (values.BATON_OIDC_ISSUER && !values.BATON_OIDC_CLIENT_ID) {
    throw new Error(
      'invalid configuration:\n  BATON_OIDC_CLIENT_ID: single sign-on needs the client (application) id registered with the issuer',
    )
  }
  return {
    api: { port: values.BATON_API_PORT, host: values.BATON_API_HOST },
    databaseUrl: values.DATABASE_URL,
    dataDir: values.BATON_DATA_DIR.startsWith('memory://')
      ? values.BATON_DATA_DIR
      : fromBase(values.BATON_DATA_DIR),
    scoreFile: values.BATON_SCORE ? fromBase(values.BATON_SCORE) : undefined,
    demo: values.BATON_DEMO,
    demoIntervalMs: values.BATON_DEMO_INTERVAL_MS,
    evaluateCron: values.BATON_EVALUATE_CRON,
    tz: values.BATON_TZ,
    trustedProxies: new Set(
      values.BATON_TRUSTED_PROXIES.split(',')
        .map((address) => address.trim())
        .filter(Boolean),
    ),
    logLevel: values.BATON_LOG_LEVEL,
    publicUrl: values.BATON_PUBLIC_URL ?? `http://127.0.0.1:${env.BATON_WEB_PORT || 3000}`,
    cueIntervalMs: values.BATON_CUE_INTERVAL_MS,
    singleSignOn:
      values.BATON_OIDC_ISSUER && values.BATON_OIDC_CLIENT_ID
        ? {
            issuer: new URL(values.BATON_OIDC_ISSUER),
            clientId: values.BATON_OIDC_CLIENT_ID,
            label: values.BATON_OIDC_LABEL,
            scopes: values.BATON_OIDC_SCOPES,
          }
        : undefined,
  }
}
