import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../src/app.js'
import { createAccount } from '../src/auth/accounts.js'
import { createSession } from '../src/auth/sessions.js'
import { parseConfig } from '../src/config.js'
import { createLogger } from '../src/logger.js'
import { startRuntime } from '../src/service/runtime.js'
import { openTestDatabase } from './db.js'
import type { Driver } from '../src/db/connect.js'
import type { Runtime } from '../src/service/runtime.js'

export interface TestService {
  runtime: Runtime
  /** On PostgreSQL, where another process can reach the same database. */
  databaseUrl?: string
  app: ReturnType<typeof createApp>
  /** A request as the test's owner (signed in), unless it brings its own authorization. */
  request(path: string, init?: RequestInit): Promise<Response>
  /** The session token of an owner account the service was started with. */
  ownerToken: string
  scoreFile: string
  close(): Promise<void>
}

/**
 * The real runtime and app on a fresh test database with the given score; no demo, and the
 * evaluation schedule is out of the way so tests decide when to evaluate.
 */
export async function startTestService(
  driver: Driver,
  {
    score,
    now,
    env = {},
  }: {
    score: string
    now?: () => number
    /** More configuration (`BATON_OIDC_*`…), read as the service reads its environment. */
    env?: Record<string, string>
  },
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
    ...env,
  })
  const database = await openTestDatabase(driver)
  const runtime = await startRuntime({
    config,
    log: createLogger(process.env.BATON_TEST_LOG ?? 'silent'),
    database,
    env: { ...process.env, ...env },
    ...(now ? { now } : {}),
  })
  const app = createApp({ ...runtime.deps, heartbeatMs: 200 })
  const owner = await createAccount(runtime.deps.db, {
    email: 'owner@test.baton',
    name: 'Test owner',
    role: 'owner',
  })
  const { token: ownerToken } = await createSession(runtime.deps.db, owner.id, Date.now())
  const request = async (path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers)
    if (!headers.has('authorization')) headers.set('authorization', `Bearer ${ownerToken}`)
    return app.request(path, { ...init, headers })
  }
  return {
    runtime,
    app,
    request,
    ownerToken,
    scoreFile,
    ...(database.url ? { databaseUrl: database.url } : {}),
    close: async () => {
      await runtime.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}
