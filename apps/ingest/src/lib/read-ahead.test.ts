import { describe, expect, it } from 'vitest'
import { readAhead } from './read-ahead.js'

/** Yields 1..n, logging when each is produced and whether the source was closed. */
function counting(n: number, log: string[], failAt?: number) {
  return (async function* () {
    try {
      for (let i = 1; i <= n; i++) {
        await new Promise((resolve) => setTimeout(resolve, 1))
        if (i === failAt) throw new Error(`item ${i} failed`)
        log.push(`made ${i}`)
        yield i
      }
    } finally {
      log.push('closed')
    }
  })()
}

describe('readAhead', () => {
  it('produces the next item while the consumer works on this one, in order', async () => {
    const log: string[] = []
    for await (const item of readAhead(counting(3, log))) {
      await new Promise((resolve) => setTimeout(resolve, 10))
      log.push(`used ${item}`)
    }
    // The source finishes (and closes) while the last item is still in use.
    expect(log).toEqual(['made 1', 'made 2', 'used 1', 'made 3', 'used 2', 'closed', 'used 3'])
  })

  it('closes its source when the consumer stops early', async () => {
    const log: string[] = []
    for await (const item of readAhead(counting(5, log))) {
      if (item === 2) break
    }
    expect(log.at(-1)).toBe('closed')
    expect(log).not.toContain('made 4')
  })

  it('passes on a failure of the source, after the items before it', async () => {
    const log: string[] = []
    const seen: number[] = []
    await expect(async () => {
      for await (const item of readAhead(counting(5, log, 3))) seen.push(item)
    }).rejects.toThrow('item 3 failed')
    expect(seen).toEqual([1, 2])
  })
})
