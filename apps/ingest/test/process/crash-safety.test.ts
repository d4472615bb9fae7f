import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import {
  PROCESS_TEST_TIMEOUT,
  addOwner,
  ownerHeaders,
  startServiceProcess,
  stopped,
  terminated,
} from './service-process.js'

const SCORE = fileURLToPath(new URL('../scores/small.score.yaml', import.meta.url))
const BEATS = 40

describe('the service process', () => {
  const dirs: string[] = []
  afterAll(async () => {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
  })

  it(
    'loses no acknowledged beat when killed mid-write',
    async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'baton-crash-'))
      dirs.push(dataDir)
      const env = { BATON_DATA_DIR: dataDir, BATON_SCORE: SCORE, BATON_DEMO: 'off' }
      await addOwner(env)
      const first = await startServiceProcess(env)
      const acknowledged: string[] = []
      // Keep writing while the process is killed: every 201 before the kill must survive it.
      let writingDone = false
      const writing = (async () => {
        for (let i = 0; i < BEATS * 4; i++) {
          const response = await fetch(`${first.url}/v1/beats/acme-qbr`, {
            method: 'POST',
            headers: { authorization: 'Bearer acme-secret', 'content-type': 'application/json' },
            body: JSON.stringify({
              idempotencyKey: `beat-${i}`,
              at: Date.parse('2026-10-01T12:00:00Z') + i,
            }),
          }).catch(() => undefined)
          if (!response) return
          if (response.status === 201) acknowledged.push(`beat-${i}`)
        }
      })().finally(() => (writingDone = true))
      while (acknowledged.length < BEATS && !writingDone) {
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
      first.child.kill('SIGKILL')
      await writing
      await stopped(first.child)

      const second = await startServiceProcess(env)
      try {
        const headers = await ownerHeaders(second.url)
        const body = (await (
          await fetch(`${second.url}/v1/rhythms/acme-qbr`, { headers })
        ).json()) as {
          beats: Array<{ at: number }>
        }
        const stored = new Set(
          body.beats.map((beat) => `beat-${beat.at - Date.parse('2026-10-01T12:00:00Z')}`),
        )
        expect(acknowledged.filter((key) => !stored.has(key))).toEqual([])
        expect(acknowledged.length).toBeGreaterThanOrEqual(BEATS)
      } finally {
        expect(await terminated(second)).toBe(0)
      }
    },
    PROCESS_TEST_TIMEOUT,
  )
})
