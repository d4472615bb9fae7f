import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Refresher } from './refresher.js'

describe('Refresher', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('turns a burst of requests into one reload', async () => {
    const run = vi.fn(async () => {})
    const refresher = new Refresher(run, 1_000)
    for (let i = 0; i < 100; i++) refresher.request(300)
    await vi.advanceTimersByTimeAsync(300)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('keeps the gap between reloads', async () => {
    const run = vi.fn(async () => {})
    const refresher = new Refresher(run, 1_000)
    refresher.request()
    await vi.advanceTimersByTimeAsync(0)
    refresher.request()
    await vi.advanceTimersByTimeAsync(999)
    expect(run).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('runs once more after a reload that was asked for again while it ran', async () => {
    let finish = () => {}
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)))
    const refresher = new Refresher(run, 100)
    refresher.request()
    await vi.advanceTimersByTimeAsync(0)
    refresher.request()
    finish()
    await vi.advanceTimersByTimeAsync(100)
    expect(run).toHaveBeenCalledTimes(2)
  })
})
