import { parseArgs } from 'node:util'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { addAccountCommand } from './account-command.js'
import { secretCommand } from './secret-command.js'
import { createApp } from './app.js'
import { threadedConnectorFor } from './connectors/off-thread/threaded-connector.js'
import { parseConfig } from './config.js'
import { connectDatabase } from './db/connect.js'
import { migrateToLatest } from './db/migrate.js'
import { DEMO_KIOSK_TOKEN, DEMO_PASSWORD } from './auth/demo-accounts.js'
import { createLogger } from './logger.js'
import { printHealth } from './print-health.js'
import { DEMO_SCORE_FILE, startRuntime } from './service/runtime.js'
import { loadScore } from './score/load-score.js'
import { syncCommand } from './sync-command.js'
import type { CliIo } from './sync-command.js'

const SHUTDOWN_GRACE_MS = 2_000

const USAGE = `usage: baton <command>

  start              start the service (the default)
  migrate            bring the database schema up to date and exit
  validate [file]    check a score file (default: BATON_SCORE, else the demo score)
  health [--url U]   print rhythm health from a running service (default http://127.0.0.1:8787),
                     read with the kiosk or API token in BATON_TOKEN
  account add --email E [--name N] [--role R] [--teams a,b] [--single-sign-on]
                     add an account (default role owner: how the first owner is made);
                     the password is read from BATON_PASSWORD or the first line of stdin,
                     or there is none with --single-sign-on (it signs in through OIDC only)
  secret set <name> | list | rotate
                     store a vendor credential encrypted (value from BATON_SECRET_VALUE or
                     stdin; key BATON_SECRET_KEY), list them, or re-seal them with a new key
  sync <integration> [--since <date|30d>] [--dry-run]
                     run one sync of an integration now, with its progress and a summary;
                     --since re-reads from then (ignoring stored cursors), --dry-run stores nothing

Configuration comes from environment variables; see the README.`

const PROCESS_IO: CliIo = { env: process.env, stdout: process.stdout, stderr: process.stderr }

/** Runs one command and returns the process exit code. */
export async function runCli(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      since: { type: 'string' },
      'dry-run': { type: 'boolean' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      teams: { type: 'string' },
      'single-sign-on': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  const [command = 'start', ...rest] = positionals
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  switch (command) {
    case 'start':
      return start()
    case 'migrate':
      return migrate()
    case 'validate':
      return validate(rest[0])
    case 'health':
      return printHealth(
        values.url ?? `http://127.0.0.1:${parseConfig().api.port}`,
        io.env.BATON_TOKEN,
      )
    case 'account':
      if (rest[0] !== 'add') {
        console.error(`unknown account command ${JSON.stringify(rest[0] ?? '')}\n\n${USAGE}`)
        return 2
      }
      return addAccountCommand({ ...values, singleSignOn: values['single-sign-on'], io })
    case 'secret':
      return secretCommand({ action: rest[0], name: rest[1], io })
    case 'sync':
      return syncCommand({
        integrationId: rest[0],
        since: values.since,
        dryRun: values['dry-run'] ?? false,
        io,
        connectors: threadedConnectorFor,
      })
    default:
      console.error(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`)
      return 2
  }
}

async function start(): Promise<number> {
  const config = parseConfig()
  const log = createLogger(config.logLevel)
  const stopping = new AbortController()
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => stopping.abort(signal))
  }
  await using runtime = await startRuntime({ config, log, connectors: threadedConnectorFor })
  const app = createApp(runtime.deps)
  const server = serve({ fetch: app.fetch, port: config.api.port, hostname: config.api.host })
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const url = `http://${config.api.host}:${config.api.port}`
  log.info({ url, demo: runtime.demo }, 'listening')
  console.log(`Baton API listening on ${url}${runtime.demo ? ' (demo data)' : ''}`)
  if (runtime.demo) {
    console.log(`Demo ping token: demo-token (POST ${url}/v1/beats/<rhythm>)`)
    console.log(`Demo sign-in: owner@demo.baton / ${DEMO_PASSWORD} (demo accounts only)`)
    console.log(`Demo kiosk token: ${DEMO_KIOSK_TOKEN}`)
  } else if (!runtime.hasAccounts) {
    console.log('No accounts yet: add the first owner with `pnpm baton account add --email you@…`')
  }

  // A signal during start-up has already aborted: its event will not fire again.
  if (!stopping.signal.aborted) {
    await new Promise((resolve) =>
      stopping.signal.addEventListener('abort', resolve, { once: true }),
    )
  }
  log.info({ signal: stopping.signal.reason }, 'shutting down')
  // Stop taking requests and let in-flight ones finish before the runtime (and database) closes;
  // live streams never finish by themselves, so after a grace period they are cut.
  const closed = new Promise((resolve) => server.close(resolve))
  const grace = setTimeout(() => (server as Server).closeAllConnections(), SHUTDOWN_GRACE_MS)
  await closed
  clearTimeout(grace)
  return 0
}

async function migrate(): Promise<number> {
  const config = parseConfig()
  await using database = await connectDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
  })
  const results = await migrateToLatest(database.db)
  console.log(
    results.length === 0
      ? 'schema is up to date'
      : results.map((r) => `applied ${r.migrationName}`).join('\n'),
  )
  return 0
}

async function validate(file: string | undefined): Promise<number> {
  const path = file ?? parseConfig().scoreFile ?? DEMO_SCORE_FILE
  try {
    const score = await loadScore(path)
    console.log(
      `${path}: valid — ${score.rhythms.length} rhythms, ${score.teams.length} teams, ${score.organisations.length} organisations`,
    )
    return 0
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error))
    return 1
  }
}
