import { describe, expect, it } from 'vitest'
import { InputCache, fromTime, untilTime } from './input-cache.js'
import type { RhythmInputs } from './input-cache.js'

const inputs = (...ats: number[]): RhythmInputs => ({
  beatsFrom: 0,
  beats: ats.map((at) => ({ at, ok: true })),
  triggersFrom: 0,
  triggers: [],
})

describe('InputCache', () => {
  it('keeps what a read found and trims it as the window moves on', () => {
    const cache = new InputCache()
    cache.put(cache.ticket(['r']), 'r', inputs(10, 20, 30))
    expect(cache.get('r', 15, 0)?.beats.map((beat) => beat.at)).toEqual([20, 30])
    // Once trimmed, an earlier cutoff needs a new read.
    expect(cache.get('r', 5, 0)).toBeUndefined()
  })

  it('forgets a rhythm whose inputs changed', () => {
    const cache = new InputCache()
    cache.put(cache.ticket(['r', 's']), 'r', inputs(10))
    cache.put(cache.ticket(['r', 's']), 's', inputs(10))
    cache.invalidate(['r'])
    expect(cache.get('r', 0, 0)).toBeUndefined()
    expect(cache.get('s', 0, 0)).toBeDefined()
  })

  it('does not keep a read that a write overtook', () => {
    const cache = new InputCache()
    const ticket = cache.ticket(['r', 's'])
    // A beat for r commits while the read is on its way back, without it.
    cache.invalidate(['r'])
    cache.put(ticket, 'r', inputs(10))
    cache.put(ticket, 's', inputs(10))
    expect(cache.get('r', 0, 0)).toBeUndefined()
    expect(cache.get('s', 0, 0)).toBeDefined()
  })

  it('drops everything, and reads under way, when the score changes', () => {
    const cache = new InputCache()
    cache.put(cache.ticket(['r']), 'r', inputs(10))
    const ticket = cache.ticket(['s'])
    cache.clear()
    cache.put(ticket, 's', inputs(10))
    expect(cache.size).toBe(0)
  })

  it('lets an entry expire, so a write it was not told of is seen in time', () => {
    let now = 0
    const cache = new InputCache(1_000, () => now)
    cache.put(cache.ticket(['r']), 'r', inputs(10))
    now = 700
    expect(cache.get('r', 0, 0)).toBeDefined()
    now = 1_300
    expect(cache.get('r', 0, 0)).toBeUndefined()
  })
})

describe('fromTime and untilTime', () => {
  const items = [1, 2, 2, 3].map((at) => ({ at }))
  it.each([
    [0, [1, 2, 2, 3], [] as number[]],
    [2, [2, 2, 3], [1, 2, 2]],
    [4, [], [1, 2, 2, 3]],
  ])('split a list in time order at %d', (at, from, until) => {
    expect(fromTime(items, at).map((item) => item.at)).toEqual(from)
    expect(untilTime(items, at).map((item) => item.at)).toEqual(until)
  })
})
