import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/app.js'
import { parseConfig } from '../src/config.js'
import { createLogger } from '../src/logger.js'
import { startRuntime } from '../src/service/runtime.js'
import { openTestDatabase } from './db.js'
import type { Driver } from '../src/db/connect.js'
import type { Runtime } from '../src/service/runtime.js'

export interface TestService {
  runtime: Runtime
  app: ReturnType<typeof createApp>
  scoreFile: string
  close(): Promise<void>
}

/**
 * The real runtime and app on a fresh test database with the given score; no demo, and the
 * evaluation schedule is out of the way so tests decide when to evaluate.
 */
export async function startTestService(
  driver: Driver,
  { score, now }: { score: string; now?: () => number },
): Promise<TestService> {
  const dir = await mkdtemp(join(tmpdir(), 'baton-test-'))
  const scoreFile = join(dir, 'score.yaml')
  await writeFile(scoreFile, score)
  const config = parseConfig({
    BATON_SCORE: scoreFile,
    BATON_DEMO: 'off',
    BATON_EVALUATE_CRON: '0 0 1 1 *',
    BATON_DATA_DIR: 'memory://',
    BATON_LOG_LEVEL: process.env.BATON_TEST_LOG ?? 'silent',
  })
  const database = await openTestDatabase(driver)
  const runtime = await startRuntime({
    config,
    log: createLogger(process.env.BATON_TEST_LOG ?? 'silent'),
    database,
    ...(now ? { now } : {}),
  })
  const app = createApp({ ...runtime.deps, heartbeatMs: 200 })
  return {
    runtime,
    app,
    scoreFile,
    close: async () => {
      await runtime.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
