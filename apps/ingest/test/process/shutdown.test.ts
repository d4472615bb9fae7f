import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { spawnService, terminated } from './service-process.js'

const SCORE = fileURLToPath(new URL('../scores/small.score.yaml', import.meta.url))

describe('the service process', () => {
  const dirs: string[] = []
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
  })

  it('shuts down cleanly on SIGTERM that arrives while it is still starting', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'baton-shutdown-'))
    dirs.push(dataDir)
    const service = await spawnService(
      { BATON_DATA_DIR: dataDir, BATON_SCORE: SCORE, BATON_DEMO: 'off' },
      'info',
    )
    // The first log line (migrations applied) comes after the signal handlers are in place and
    // before the service listens: the signal lands mid-start, as a container stop can.
    await new Promise((resolve) => service.child.stdout!.once('data', resolve))
    expect(service.output()).not.toContain('listening')
    expect(await terminated(service)).toBe(0)
  })
})
