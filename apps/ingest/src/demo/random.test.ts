import { describe, expect, it } from 'vitest'
import { mulberry32, rngFor, weighted } from './random.js'

describe('random', () => {
  it('repeats mulberry32 for the same seed', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const drawn = Array.from({ length: 5 }, () => a())
    expect(Array.from({ length: 5 }, () => b())).toEqual(drawn)
    expect(drawn.every((x) => x >= 0 && x < 1)).toBe(true)
  })

  it('gives each named event its own stream, the same every time it is asked for', () => {
    expect(rngFor(1, 'backup', 'FS01', 7)()).toBe(rngFor(1, 'backup', 'FS01', 7)())
    expect(rngFor(1, 'backup', 'FS01', 7)()).not.toBe(rngFor(1, 'backup', 'FS01', 8)())
    expect(rngFor(1, 'backup', 'FS01', 7)()).not.toBe(rngFor(2, 'backup', 'FS01', 7)())
  })

  it('chooses weighted keys in proportion to their weights', () => {
    const random = mulberry32(7)
    const counts = { rare: 0, common: 0 }
    for (let i = 0; i < 10_000; i++) counts[weighted(random, { rare: 0.1, common: 0.9 })]++
    expect(counts.rare).toBeGreaterThan(800)
    expect(counts.rare).toBeLessThan(1_200)
  })
})
