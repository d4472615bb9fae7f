import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { EvaluationWatch } from './activity.js'
import { evaluationBreakdown, timeEvaluation } from './evaluation.js'
import { load } from './load.js'
import { printProfile } from './profile.js'
import { startService } from './service.js'
import { beatLatency } from './sse.js'
import { int, mb, ms, percentile, printVerdicts, seconds, verdict } from './stats.js'
import {
  BENCH_CONNECTION_URL,
  DATABASE_URL,
  PINGED_ORGANISATION,
  SCORE_FILE,
  TOKEN,
  importIngest,
} from './setup.js'
import type { Verdict } from './stats.js'

// Measures the real ingest service on the seeded database (seed.ts): restart time, a full
// re-evaluation, the read API under 50 clients, beat-to-stream latency and peak memory. It
// prints every figure and PASS or FAIL per target, and exits 0 either way: figures are the product.
// With --cpu-prof the service is profiled, and its top functions by self time are printed.

const TARGET = { readMs: 50, streamMs: 300, evaluateMs: 2_000, rssMb: 400 }
const CONNECTIONS = 50
const LOAD_SECONDS = 10
const BEATS = 200
const BEAT_INTERVAL_MS = 50
const TEAM = 'infrastructure'
const cpuProf = process.argv.includes('--cpu-prof')

const ingest = await importIngest()
await using database = await ingest.connectDatabase({
  databaseUrl: BENCH_CONNECTION_URL,
  dataDir: 'memory://',
})
const { db } = database
const seeded = await db
  .selectFrom('beats')
  .select((eb) => eb.fn.countAll<number>().as('beats'))
  .executeTakeFirst()
  .catch(() => undefined)
if (!seeded?.beats) {
  console.error(`no seeded database at ${DATABASE_URL}: run node bench/dist/ingest/seed.js first`)
  process.exit(1)
}
// As if the RMM and PSA had just synced, so record-fed rhythms are judged live, not stale.
await db.updateTable('integrations').set({ last_success_at: new Date() }).execute()
const catalog = await ingest.loadCatalog(db)
const readToken = await ingest.readerToken(db)
const asReader = { authorization: `Bearer ${readToken}` }
console.log(
  `ingest bench: ${int(catalog.rhythms.length)} rhythms, ${int(seeded.beats)} beats, ` +
    `PostgreSQL at ${new URL(DATABASE_URL).host}; ${CONNECTIONS} clients × ${LOAD_SECONDS} s a route`,
)
const line = (what: string, figures: string) => console.log(`${what.padEnd(30)} ${figures}`)
const watch = new EvaluationWatch(db)
const rss = () => {
  const { rssMb, peakMb } = service.memory()
  return `service RSS ${mb(rssMb)}, peak ${mb(peakMb)}`
}
const share = (n: number) => `${(n * 100).toFixed(0)}%`
const meanwhile = (n: number) => `service evaluating ${share(n)} of the time; ${rss()}`

// (a) A restart on existing data: migrations checked, the score parsed and applied, then
// listening; the service re-evaluates every rhythm in the background just after.
const profileDir = cpuProf ? await mkdtemp(join(tmpdir(), 'baton-bench-prof-')) : undefined
const service = await startService({
  env: { DATABASE_URL, BATON_SCORE: SCORE_FILE, BATON_DEMO: 'off', BATON_LOG_LEVEL: 'warn' },
  nodeArgs: profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
})
const readyAt = performance.now()
const settledAt = await watch.settled()
line(
  'ready after restart',
  `${seconds(service.readyMs)}; then its re-evaluation of every rhythm took ` +
    `${seconds(settledAt - readyAt)}; ${rss()}`,
)

// (b) Every rhythm re-evaluated by the service's own evaluateRhythms, in this process, keeping
// an input cache between passes as the service does. The first pass pays for JIT warm-up and
// reads every input; the service runs one every minute, so the second is its steady state. A
// third pass without the cache shows what reading every input costs.
const cache = new ingest.InputCache()
const cold = await watch.during(() => timeEvaluation(ingest, db, cache))
const warm = await watch.during(() => timeEvaluation(ingest, db, cache))
const uncached = await watch.during(() => timeEvaluation(ingest, db))
line(
  're-evaluate all rhythms',
  `cold ${seconds(cold.result)}, warm ${seconds(warm.result)} ` +
    `(the service evaluating too ${share(cold.evaluatingShare)} and ` +
    `${share(warm.evaluatingShare)} of the time); reading every input ${seconds(uncached.result)}`,
)
if (uncached.result >= TARGET.evaluateMs) {
  const { readMs, engineMs, beats } = await evaluationBreakdown(ingest, db)
  const restMs = Math.max(0, uncached.result - readMs - engineMs)
  line(
    '  where an uncached pass goes',
    `reading inputs ${seconds(readMs)} (${int(beats)} beats), engine ${seconds(engineMs)}, ` +
      `the rest (storing states) ~${seconds(restMs)}`,
  )
}

// (c) The read API under load. The first request after an evaluation reloads the read model.
const reads: Verdict[] = []
for (const path of ['/v1/layers', `/v1/teams/${TEAM}`]) {
  const url = `${service.url}${path}`
  const started = performance.now()
  await (await fetch(url, { headers: asReader })).arrayBuffer()
  const firstMs = performance.now() - started
  const { result: r, evaluatingShare } = await watch.during(() =>
    load({ url, connections: CONNECTIONS, seconds: LOAD_SECONDS, headers: asReader }),
  )
  line(
    `GET ${path}`,
    `p50 ${ms(r.p50)}, p95 ${ms(r.p95)}, p99 ${ms(r.p99)}, ${int(r.requestsPerSecond)} req/s, ` +
      `${int(r.bytesPerResponse / 1024)} kB a response, ${r.errors} errors`,
  )
  line('', `first request ${ms(firstMs)}; ${meanwhile(evaluatingShare)}`)
  reads.push(verdict(`GET ${path} p95, ${CONNECTIONS} clients`, r.p95, TARGET.readMs, ms))
}

// (d) A beat posted through the ping API, until a stream client reads it.
const { result: latency, evaluatingShare } = await watch.during(() =>
  beatLatency({
    url: service.url,
    token: TOKEN,
    readToken,
    rhythmIds: catalog.rhythms
      .filter((r) => r.organisation_id === PINGED_ORGANISATION && r.source.kind === 'manual')
      .map((r) => r.id),
    beats: BEATS,
    intervalMs: BEAT_INTERVAL_MS,
  }),
)
const streamP95 = percentile(latency.stream, 95)
const failedPosts = Object.values(latency.failed).reduce((sum, n) => sum + n, 0)
line(
  `beat → SSE, ${BEATS} beats`,
  `p50 ${ms(percentile(latency.stream, 50))}, p95 ${ms(streamP95)}, ` +
    `max ${ms(Math.max(...latency.stream))}, ${latency.lost} lost, ` +
    `${failedPosts} failed POSTs ${JSON.stringify(latency.failed)}; POST p50 ` +
    `${ms(percentile(latency.post, 50))}, p95 ${ms(percentile(latency.post, 95))}`,
)
line('', meanwhile(evaluatingShare))

// (e) Peak memory of the service over the whole run.
const { peakMb } = service.memory()
const stopMs = await service.stop()
line('service peak RSS', `${mb(peakMb)} (VmHWM); stopped in ${seconds(stopMs)}`)

const stream = verdict('beat → SSE p95', streamP95, TARGET.streamMs, ms)
printVerdicts([
  ...reads,
  { ...stream, pass: stream.pass && latency.lost + failedPosts === 0 },
  verdict('re-evaluate all rhythms (warm pass)', warm.result, TARGET.evaluateMs, seconds),
  verdict('ingest peak RSS', peakMb, TARGET.rssMb, mb),
])
if (profileDir) await printProfile(profileDir)
