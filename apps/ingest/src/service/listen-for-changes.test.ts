import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startTestService } from '../../test/service.js'
import { readEvents } from '../../test/sse.js'
import type { TestService } from '../../test/service.js'

const SCORE = new URL('../../test/scores/small.score.yaml', import.meta.url)
// Built with the service before the tests run, as the other process tests use dist.
const WRITE_BEAT = fileURLToPath(new URL('../../dist/test/process/write-beat.js', import.meta.url))

// Another process on the same PostgreSQL (a second instance, `baton sync`) writes a beat
// without this service's knowledge but for PostgreSQL's NOTIFY. Only this service evaluates.
describe('changes written by another process, on PostgreSQL', () => {
  let service: TestService
  beforeAll(async () => {
    service = await startTestService('postgres', { score: await readFile(SCORE, 'utf8') })
  })
  afterAll(async () => {
    await service?.close()
  })

  const stateOf = (rhythmId: string) =>
    service.runtime.deps.db
      .selectFrom('rhythm_states')
      .select(['figures', 'evaluated_at'])
      .where('rhythm_id', '=', rhythmId)
      .executeTakeFirstOrThrow()

  it('re-reads and re-evaluates the rhythm, and streams its beat to this service’s clients', async () => {
    await service.runtime.evaluator.flush()
    const before = await stateOf('acme-qbr')
    const stream = await service.request('/v1/stream')
    const heard = readEvents(stream, (events) => events.some((e) => e.event === 'beat'), 5_000)
    await promisify(execFile)(process.execPath, [WRITE_BEAT, service.databaseUrl!, 'acme-qbr'])
    const beats = (await heard).filter((event) => event.event === 'beat')
    expect(beats.map((event) => JSON.parse(event.data))).toMatchObject([{ rhythmId: 'acme-qbr' }])
    await vi.waitFor(
      async () => {
        const after = await stateOf('acme-qbr')
        expect(after.evaluated_at.getTime()).toBeGreaterThan(before.evaluated_at.getTime())
        // Evaluated with the new beat: its cached inputs were dropped, not reused.
        expect(after.figures).not.toEqual(before.figures)
      },
      { timeout: 5_000, interval: 100 },
    )
  })
})
