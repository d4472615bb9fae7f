import { describe, expect, it } from 'vitest'
import { DOWN_GRACE_MS, STALE_AFTER_MS, staleness } from './staleness.js'

const NOW = 1_000_000

describe('staleness', () => {
  it('calls a live stream with recent data fresh', () => {
    expect(staleness({ status: 'live', downSince: null, freshAt: NOW - 5_000, now: NOW })).toEqual({
      kind: 'fresh',
    })
  })

  it('lets a stream that just dropped reconnect before raising the banner', () => {
    const input = { status: 'down' as const, downSince: NOW - 1_000, freshAt: NOW - 2_000 }
    expect(staleness({ ...input, now: NOW }).kind).toBe('fresh')
  })

  it('says since when the stream has been down once the grace has passed', () => {
    const downSince = NOW - DOWN_GRACE_MS
    expect(staleness({ status: 'down', downSince, freshAt: NOW - 9_000, now: NOW })).toEqual({
      kind: 'down',
      since: downSince,
      dataAt: NOW - 9_000,
    })
  })

  it('calls data older than a minute stale even while the stream claims to be live', () => {
    const freshAt = NOW - STALE_AFTER_MS - 1
    expect(staleness({ status: 'live', downSince: null, freshAt, now: NOW })).toEqual({
      kind: 'old',
      since: freshAt,
      dataAt: freshAt,
    })
  })
})
