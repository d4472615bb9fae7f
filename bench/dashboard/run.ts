import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { EvaluationWatch } from '../ingest/activity.js'
import { startService } from '../ingest/service.js'
import {
  BENCH_CONNECTION_URL,
  DATABASE_URL,
  PINGED_ORGANISATION,
  SCORE_FILE,
  TOKEN,
  importIngest,
} from '../ingest/setup.js'
import { int, ms, percentile, printVerdicts, seconds, verdict } from '../ingest/stats.js'
import { launchChromium } from './browser.js'
import { startDashboard } from './dashboard.js'
import { soakWall } from './soak.js'
import { wallFirstScreen, wallJavaScript } from './wall.js'

// Measures the wall screen of the built dashboard against the ingest bench's seeded database
// (10,000 rhythms): the JavaScript it ships, its first complete screen in Chromium on loopback,
// and its memory over an accelerated soak. Prints every figure and PASS or FAIL per target,
// and exits 0 either way, as the other benches do.
//
//   node bench/dist/dashboard/run.js [--minutes=3] [--rate=20] [--loads=5]

const TARGET = { gzipKb: 100, firstScreenMs: 1_000, heapGrowth: 0.1 }
const option = (name: string, fallback: number) => {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1]
  const value = Number(given ?? process.env[`BENCH_${name.toUpperCase()}`] ?? fallback)
  if (!(value > 0)) throw new Error(`--${name} must be a positive number, not ${given}`)
  return value
}
// An hour of a busy wall's beats, one a second, is 3,600: 20 a second for 3 minutes plays them.
const minutes = option('minutes', 3)
const rate = option('rate', 20)
const loads = Math.round(option('loads', 5))

const ingest = await importIngest()
const countBeats = async (db: Awaited<ReturnType<typeof ingest.connectDatabase>>['db']) =>
  Number(
    (
      await db
        .selectFrom('beats')
        .select((eb) => eb.fn.countAll<number>().as('beats'))
        .executeTakeFirst()
        .catch(() => undefined)
    )?.beats ?? 0,
  )
// The ingest bench's database, seeded by its seed script when it is not there yet.
const seeded = await (async () => {
  await using probe = await ingest
    .connectDatabase({ databaseUrl: BENCH_CONNECTION_URL, dataDir: 'memory://' })
    .catch(() => undefined)
  return probe ? await countBeats(probe.db) : 0
})()
if (seeded === 0) {
  console.log(`no seeded database at ${DATABASE_URL}: seeding it first (a few minutes)`)
  const seed = fileURLToPath(new URL('../ingest/seed.js', import.meta.url))
  const { status } = spawnSync(process.execPath, [seed], { stdio: 'inherit' })
  if (status !== 0) process.exit(status ?? 1)
}
await using database = await ingest.connectDatabase({
  databaseUrl: BENCH_CONNECTION_URL,
  dataDir: 'memory://',
})
const { db } = database
const beats = await countBeats(db)
// As if the RMM and PSA had just synced, so record-fed rhythms are judged live, not stale.
await db.updateTable('integrations').set({ last_success_at: new Date() }).execute()
const catalog = await ingest.loadCatalog(db)
const readToken = await ingest.readerToken(db)
const pinged = catalog.rhythms
  .filter((r) => r.organisation_id === PINGED_ORGANISATION && r.source.kind === 'manual')
  .map((r) => r.id)
const line = (what: string, figures: string) => console.log(`${what.padEnd(30)} ${figures}`)
const kb = (n: number) => `${n.toFixed(1)} KB`
const percent = (n: number) => `${(n * 100).toFixed(1)}%`
const mbOf = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`
console.log(
  `dashboard bench: /wall on ${int(catalog.rhythms.length)} rhythms, ${int(beats)} beats; ` +
    `soak ${minutes} min at ${rate} beats/s`,
)

const service = await startService({
  env: { DATABASE_URL, BATON_SCORE: SCORE_FILE, BATON_DEMO: 'off', BATON_LOG_LEVEL: 'warn' },
})
// The restart's re-evaluation of every rhythm is not what a person opening the wall meets.
await new EvaluationWatch(db).settled()
const dashboard = await startDashboard({ apiUrl: service.url })
const browser = await launchChromium()
try {
  // One untimed load first: a wall is opened on a running dashboard, not its first request.
  await wallFirstScreen(browser, dashboard.url, readToken)

  const js = await wallJavaScript(browser, dashboard.url, readToken)
  line(
    '/wall JavaScript',
    `${js.files} files, ${kb(js.rawBytes / 1024)} raw, ${kb(js.gzipBytes / 1024)} gzipped`,
  )

  const screens = []
  for (let i = 0; i < loads; i++)
    screens.push(await wallFirstScreen(browser, dashboard.url, readToken))
  const drawn = screens.map((screen) => screen.drawnMs)
  line(
    `/wall first screen, ${loads} loads`,
    `median ${ms(percentile(drawn, 50))}, max ${ms(Math.max(...drawn))} ` +
      `(HTML first byte median ${ms(
        percentile(
          screens.map((s) => s.firstByteMs),
          50,
        ),
      )}); ` +
      `${screens[0]!.bands} state counts drawn`,
  )

  const soak = await soakWall({
    browser,
    webUrl: dashboard.url,
    apiUrl: service.url,
    token: TOKEN,
    readToken,
    rhythmIds: pinged,
    minutes,
    rate,
  })
  const growth = soak.after / soak.before - 1
  const failed = Object.values(soak.failed).reduce((sum, n) => sum + n, 0)
  line(
    `soak, ${minutes} min`,
    `${int(soak.posted - soak.warmUpBeats)} beats posted after ${int(soak.warmUpBeats)} to ` +
      `warm up (${failed} failed ${JSON.stringify(soak.failed)}), ${soak.reloads} reloads of ` +
      `the wall, ${soak.tickerBeats} beats on its ticker at the end`,
  )
  line(
    '  wall JS heap (collected)',
    `idle ${mbOf(soak.idle)}, warmed up ${mbOf(soak.before)}, each minute ` +
      `${soak.samples.map(mbOf).join(', ') || '—'}, after ${mbOf(soak.after)}: ` +
      `${growth >= 0 ? '+' : ''}${percent(growth)} from warmed up`,
  )
  printVerdicts([
    verdict('/wall JavaScript, gzipped', js.gzipBytes / 1024, TARGET.gzipKb, kb),
    verdict(
      `/wall first complete screen (median)`,
      percentile(drawn, 50),
      TARGET.firstScreenMs,
      ms,
    ),
    {
      ...verdict('wall heap growth over the soak', growth, TARGET.heapGrowth, percent),
      pass: growth < TARGET.heapGrowth && soak.posted > 0 && failed === 0,
    },
  ])
} finally {
  await browser.close()
  await dashboard.stop()
  const stopMs = await service.stop()
  line('stopped', `service in ${seconds(stopMs)}`)
}
