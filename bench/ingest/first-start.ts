import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startService } from './service.js'
import { mb, printVerdicts, seconds, verdict } from './stats.js'

// What `pnpm start` does on a fresh clone: the service on an empty PGlite folder with the demo
// (initdb, migrations, the demo score, 180 days of demo history, a first evaluation), then a
// restart on the same folder. Each is timed from spawning node to the first 200 from /readyz.

const TARGET = { firstMs: 15_000, restartMs: 3_000 }

const dataDir = await mkdtemp(join(tmpdir(), 'baton-bench-first-start-'))
const env = { BATON_DATA_DIR: dataDir, BATON_DEMO: 'on', BATON_LOG_LEVEL: 'warn' }
try {
  const first = await startService({ env })
  const firstRss = first.memory().peakMb
  const firstStop = await first.stop()
  console.log(
    `first start (empty PGlite folder, demo backfill)  ${seconds(first.readyMs)} to ready, ` +
      `peak RSS ${mb(firstRss)}, stopped in ${seconds(firstStop)}`,
  )

  const again = await startService({ env })
  const againRss = again.memory().peakMb
  await again.stop()
  console.log(
    `restart (same folder)                             ${seconds(again.readyMs)} to ready, ` +
      `peak RSS ${mb(againRss)}`,
  )

  printVerdicts([
    verdict('first start on an empty data folder', first.readyMs, TARGET.firstMs, seconds),
    verdict('restart on the same folder', again.readyMs, TARGET.restartMs, seconds),
  ])
} finally {
  await rm(dataDir, { recursive: true, force: true })
}
