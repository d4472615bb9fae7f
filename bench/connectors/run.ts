import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { psql } from '../ingest/psql.js'
import { serviceNodeArgs } from '../ingest/service.js'
import { ADMIN_DATABASE_URL, INGEST_MAIN } from '../ingest/setup.js'
import { int, mb, printVerdicts, seconds, verdict } from '../ingest/stats.js'
import type { ChildProcess } from 'node:child_process'

// Issue 4's connector benchmark: a local HTTP server (vendor-server.ts, its own process) serves
// 100,000 ConnectWise tickets in pages of 1,000 and 200,000 NinjaOne backup jobs; `baton sync`
// (the real command, its own process) stores each integration's first sync in PostgreSQL, with
// the beats they give. It prints records/second and the sync's peak RSS beside what a plain COPY
// of the same normalised rows reaches on this machine, in this run.

const TARGET = { recordsPerSecond: 10_000, rssMb: 300 }
const BENCH_DB = 'baton_connectors_bench'
const DATABASE_URL = new URL(`/${BENCH_DB}`, ADMIN_DATABASE_URL).href
const WORK = join(tmpdir(), 'baton-bench-connectors')
const SERVER = new URL('vendor-server.js', import.meta.url).pathname

interface Stream {
  integration: string
  table: 'tickets' | 'backup_runs'
  columns: string[]
}

const STREAMS: Stream[] = [
  {
    integration: 'cw-bench',
    table: 'tickets',
    columns: [
      'integration_id',
      'external_id',
      'organisation_id',
      'board',
      'priority',
      'type',
      'summary',
      'status',
      'assignee',
      'created_at',
      'first_response_at',
      'resolved_at',
      'closed_at',
      'raw',
    ],
  },
  {
    integration: 'ninja-bench',
    table: 'backup_runs',
    columns: [
      'integration_id',
      'external_id',
      'organisation_id',
      'device',
      'started_at',
      'ended_at',
      'result',
      'raw',
    ],
  },
]

await mkdir(WORK, { recursive: true })
await psql(
  ADMIN_DATABASE_URL,
  `DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE); CREATE DATABASE ${BENCH_DB};`,
)
const server = spawn(process.execPath, [SERVER], { stdio: ['ignore', 'pipe', 'inherit'] })
const port = await portOf(server)
const scoreFile = join(WORK, 'bench.score.yaml')
await writeFile(scoreFile, score(`http://127.0.0.1:${port}`))
const env = {
  PATH: process.env.PATH ?? '',
  DATABASE_URL,
  BATON_SCORE: scoreFile,
  BATON_LOG_LEVEL: 'warn',
  BENCH_CW_PUBLIC: 'public',
  BENCH_CW_PRIVATE: 'private',
  BENCH_NINJA_ID: 'client',
  BENCH_NINJA_SECRET: 'secret',
}
await run(['migrate'], env)
console.log(
  `connector bench: PostgreSQL ${new URL(DATABASE_URL).host}, vendor server on port ${port}`,
)

const verdicts = []
try {
  for (const stream of STREAMS) {
    console.log(`\nbaton sync ${stream.integration}`)
    const { ms: syncMs, peakMb } = await run(['sync', stream.integration], env, 'inherit')
    const records = Number(
      await psql(
        DATABASE_URL,
        `select count(*) from ${stream.table} where integration_id = '${stream.integration}'`,
      ),
    )
    const beats = Number(await psql(DATABASE_URL, `select count(*) from beats`))
    const copyMs = await timeCopy(stream)
    const syncRate = (records / syncMs) * 1000
    const copyRate = (records / copyMs) * 1000
    console.log(
      `${stream.integration.padEnd(12)} ${int(records)} ${stream.table} in ${seconds(syncMs)}: ` +
        `${int(syncRate)} records/s, peak RSS ${mb(peakMb)}; beats in the database ${int(beats)}`,
    )
    console.log(
      `${''.padEnd(12)} plain COPY of the same rows: ${seconds(copyMs)}, ${int(copyRate)} records/s; ` +
        `the sync reaches ${((syncRate / copyRate) * 100).toFixed(0)}% of it`,
    )
    verdicts.push(
      verdict(
        `${stream.integration} records/s`,
        syncRate,
        TARGET.recordsPerSecond,
        int,
        'at least',
      ),
      verdict(`${stream.integration} sync peak RSS`, peakMb ?? Infinity, TARGET.rssMb, mb),
    )
  }
} finally {
  server.kill('SIGTERM')
}
printVerdicts(verdicts)

/** Copies the synced rows out, then times COPY of them into an empty twin of their table. */
async function timeCopy(stream: Stream): Promise<number> {
  const file = join(WORK, `${stream.table}.copy`)
  const columns = stream.columns.join(', ')
  await psql(
    DATABASE_URL,
    `\\copy (select ${columns} from ${stream.table} where integration_id = '${stream.integration}') to '${file}'\n` +
      `drop table if exists copy_${stream.table}; create table copy_${stream.table} (like ${stream.table} including all);`,
  )
  const started = performance.now()
  await psql(DATABASE_URL, `\\copy copy_${stream.table} (${columns}) from '${file}'`)
  return performance.now() - started
}

/** Runs a `baton` command to its end; its time and the peak RSS (VmHWM) it reached. */
async function run(
  args: string[],
  env: Record<string, string>,
  stdio: 'inherit' | 'ignore' = 'ignore',
): Promise<{ ms: number; peakMb: number | undefined }> {
  const started = performance.now()
  // With the service's own Node flags (its heap bound): scheduled syncs run inside the service.
  const child = spawn(process.execPath, [...serviceNodeArgs(), INGEST_MAIN, ...args], {
    env,
    stdio: ['ignore', stdio, 'inherit'],
  })
  let peakMb: number | undefined
  const sample = setInterval(
    () => void peakOf(child.pid).then((mb) => (peakMb = mb ?? peakMb)),
    100,
  )
  const [code] = (await once(child, 'exit')) as [number | null]
  clearInterval(sample)
  if (code !== 0) throw new Error(`baton ${args.join(' ')} failed (${code})`)
  return { ms: performance.now() - started, peakMb }
}

async function peakOf(pid: number | undefined): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '')
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1]
  return kb === undefined ? undefined : Number(kb) / 1024
}

async function portOf(child: ChildProcess): Promise<number> {
  for await (const line of createInterface({ input: child.stdout! })) {
    const port = /^listening (\d+)/.exec(line)?.[1]
    if (port) return Number(port)
  }
  throw new Error('the vendor server exited before listening')
}

function score(base: string): string {
  const ninjaOrganisations = Array.from({ length: 10 }, (_, i) => `'${i + 1}': n${i + 1}`).join(
    ', ',
  )
  const organisations = [
    '  - { id: acme, name: Acme Corporation, tz: America/Denver }',
    '  - { id: globex, name: Globex, tz: America/New_York }',
    '  - { id: initech, name: Initech, tz: America/Chicago }',
    ...Array.from(
      { length: 10 },
      (_, i) => `  - { id: n${i + 1}, name: Ninja client ${i + 1}, tz: UTC }`,
    ),
  ]
  const slaRhythms = ['acme', 'globex', 'initech'].map(
    (org) => `  - id: ${org}-first-response
    name: ${org} first response
    layer: note
    team: service-desk
    organisation: ${org}
    cadence: { kind: sla, target: 1h }
    source: { kind: tickets, measure: first-response, integration: cw-bench }`,
  )
  const backupRhythms = Array.from(
    { length: 10 },
    (_, i) => `  - id: n${i + 1}-backups
    name: Client ${i + 1} nightly backups
    layer: measure
    team: infrastructure
    organisation: n${i + 1}
    cadence: { kind: schedule, cron: '0 6 * * *', grace: 2h }
    beat: nightly backups
    players: devices
    source: { kind: backups, integration: ninja-bench, roster: true }`,
  )
  return `version: 1
organisations:
${organisations.join('\n')}
teams:
  - { id: service-desk, name: Service desk }
  - { id: infrastructure, name: Infrastructure }
integrations:
  - id: cw-bench
    vendor: connectwise
    schedule: '0 0 1 1 *'
    organisations: { '250': acme, '251': globex, '252': initech }
    settings:
      baseUrl: ${base}/v2025_1/apis/3.0
      companyId: bench
      publicKey: { env: BENCH_CW_PUBLIC }
      privateKey: { env: BENCH_CW_PRIVATE }
      clientId: bench-client
  - id: ninja-bench
    vendor: ninjaone
    schedule: '0 0 1 1 *'
    organisations: { ${ninjaOrganisations} }
    settings:
      baseUrl: ${base}
      clientId: { env: BENCH_NINJA_ID }
      clientSecret: { env: BENCH_NINJA_SECRET }
      streams: [devices, backups]
rhythms:
${[...slaRhythms, ...backupRhythms].join('\n')}
`
}
