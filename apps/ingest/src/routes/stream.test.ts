import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DRIVERS } from '../../test/db.js'
import { startTestService } from '../../test/service.js'
import { readEvents } from '../../test/sse.js'
import type { TestService } from '../../test/service.js'

const score = await readFile(new URL('../../test/scores/small.score.yaml', import.meta.url), 'utf8')

describe.each(DRIVERS)('GET /v1/stream on %s', (driver) => {
  let service: TestService
  beforeAll(async () => {
    service = await startTestService(driver, { score })
  })
  afterAll(async () => {
    await service?.close()
  })
  const ping = (idempotencyKey: string) =>
    service.request('/v1/beats/acme-qbr', {
      method: 'POST',
      headers: { authorization: 'Bearer acme-secret', 'content-type': 'application/json' },
      body: JSON.stringify({ idempotencyKey }),
    })

  it('sends a posted beat to a connected client, with its journal id', async () => {
    const response = await service.request('/v1/stream')
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const posted = new Promise((resolve) => setTimeout(() => resolve(ping('first')), 100))
    const events = await readEvents(response, (seen) =>
      seen.some((event) => event.event === 'beat'),
    )
    await posted
    const beat = events.find((event) => event.event === 'beat')!
    expect(beat.id).toMatch(/^\d+$/)
    expect(JSON.parse(beat.data)).toMatchObject({ rhythmId: 'acme-qbr', ok: true, origin: 'api' })
  })

  it('replays what a reconnecting client missed, after its Last-Event-ID', async () => {
    const first = await readEvents(await service.request('/v1/stream'), (seen) => seen.length > 0)
    const { cursor } = JSON.parse(first[0]!.data) as { cursor: number }
    await ping('second')
    await ping('third')
    const response = await service.request('/v1/stream', {
      headers: { 'last-event-id': String(cursor) },
    })
    const events = await readEvents(
      response,
      (seen) => seen.filter((e) => e.event === 'beat').length >= 2,
    )
    const beats = events.filter((event) => event.event === 'beat')
    expect(beats).toHaveLength(2)
    expect(Number(beats[0]!.id)).toBeGreaterThan(cursor)
    expect(Number(beats[1]!.id)).toBeGreaterThan(Number(beats[0]!.id))
  })

  it('delivers events that commit out of id order', async () => {
    const response = await service.request('/v1/stream')
    const base = 1_000_000
    const row = (id: number) => ({
      id,
      at: new Date(),
      type: 'beat' as const,
      rhythm_id: 'acme-qbr',
      payload: { rhythmId: 'acme-qbr', n: id },
    })
    // A transaction that took a higher id can commit before one that took a lower id.
    setTimeout(() => service.runtime.deps.bus.publish([row(base + 2), row(base + 1)]), 100)
    const events = await readEvents(
      response,
      (seen) => seen.filter((e) => e.event === 'beat').length >= 2,
    )
    expect(events.filter((e) => e.event === 'beat').map((e) => Number(e.id))).toEqual([
      base + 2,
      base + 1,
    ])
  })

  it('keeps the connection alive with heartbeats', async () => {
    const events = await readEvents(await service.request('/v1/stream'), (seen) =>
      seen.some((event) => event.event === 'heartbeat'),
    )
    expect(events[0]!.event).toBe('hello')
    expect(JSON.parse(events.at(-1)!.data)).toMatchObject({
      at: expect.any(Number),
      cursor: expect.any(Number),
    })
  })
})
