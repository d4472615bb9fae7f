import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { benchScore } from './bench-score.js'
import { psql } from './psql.js'
import { HISTORY_DAYS, historySql, planSql } from './seed-sql.js'
import { startService } from './service.js'
import { ADMIN_DATABASE_URL, BENCH_DB, DATABASE_URL, SCORE_FILE, importIngest } from './setup.js'
import { int, seconds } from './stats.js'

// Builds the bench database from nothing: a fresh `baton_bench`, the generated score applied by
// the real service (migrations included), ~2 million beats written in SQL, then one evaluation so
// every rhythm's stored state matches its history, as in a service that has been running.

const started = performance.now()
let last = started
const step = (what: string) => {
  const now = performance.now()
  console.log(`  ${what.padEnd(58)} ${seconds(now - last)}`)
  last = now
}

console.log(`seeding ${BENCH_DB} (${new URL(DATABASE_URL).host})`)
await psql(
  ADMIN_DATABASE_URL,
  `drop database if exists ${BENCH_DB} with (force); create database ${BENCH_DB};`,
)
step('database created')

const { text, plans } = benchScore()
await mkdir(dirname(SCORE_FILE), { recursive: true })
await writeFile(SCORE_FILE, text)
step(`score written: ${int(plans.length)} rhythms, ${SCORE_FILE}`)

const service = await startService({
  env: { DATABASE_URL, BATON_SCORE: SCORE_FILE, BATON_DEMO: 'off', BATON_LOG_LEVEL: 'warn' },
  timeoutMs: 600_000,
})
await service.stop()
step('service started once and stopped: migrations, score applied')

await psql(DATABASE_URL, planSql(plans))
await psql(DATABASE_URL, historySql())
step(`history written: ${HISTORY_DAYS} days, in time order`)
await psql(DATABASE_URL, 'vacuum analyze;')
step('vacuum analyze')

const ingest = await importIngest()
{
  await using database = await ingest.connectDatabase({
    databaseUrl: DATABASE_URL,
    dataDir: 'memory://',
  })
  const catalog = await ingest.loadCatalog(database.db)
  const { evaluated, events } = await ingest.evaluateRhythms({
    db: database.db,
    catalog,
    now: Date.now(),
  })
  step(`first evaluation: ${int(evaluated)} rhythms, ${int(events.length)} state changes`)
}

const [beats, triggers, bytes] = (
  await psql(
    DATABASE_URL,
    `select count(*) from beats; select count(*) from triggers;
     select pg_size_pretty(pg_database_size('${BENCH_DB}'));`,
  )
).split('\n')
console.log(
  `seeded in ${seconds(performance.now() - started)}: ${int(plans.length)} rhythms, ` +
    `${int(Number(beats))} beats, ${int(Number(triggers))} SLA triggers, database ${bytes}`,
)
