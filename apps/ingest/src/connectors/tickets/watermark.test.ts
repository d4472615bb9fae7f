import { describe, expect, it } from 'vitest'
import { Watermark, streamStart } from './watermark.js'

const T = Date.UTC(2026, 10, 1)
const iso = (at: number) => new Date(at).toISOString()

describe('streamStart', () => {
  it('starts a first sync at since, and an incremental one at the cursor minus the overlap', () => {
    expect(streamStart({ cursor: undefined, since: T, overlapMs: 600_000 })).toBe(T)
    expect(streamStart({ cursor: iso(T), since: 0, overlapMs: 600_000 })).toBe(T - 600_000)
  })

  it('reads an unreadable cursor as none and starts at since', () => {
    expect(streamStart({ cursor: 'page 7', since: T, overlapMs: 600_000 })).toBe(T)
  })
})

describe('Watermark', () => {
  it('moves with the highest update time read, capped at the sync start', () => {
    const mark = new Watermark(undefined, T + 100)
    expect(mark.cursor(false)).toBeUndefined()
    mark.see(T)
    mark.see(null)
    mark.see(T + 50)
    expect(mark.cursor(false)).toBe(iso(T + 50))
    mark.see(T + 500)
    expect(mark.cursor(true)).toBe(iso(T + 100))
  })

  it('never goes back behind the stored cursor', () => {
    const mark = new Watermark(T, T + 1000)
    mark.see(T - 600)
    expect(mark.cursor(false)).toBe(iso(T))
  })

  it('holds still after records came out of order, until the last page', () => {
    const mark = new Watermark(undefined, T + 1000)
    mark.see(T + 10)
    mark.see(T + 5)
    expect(mark.ordered).toBe(false)
    expect(mark.cursor(false)).toBeUndefined()
    expect(mark.cursor(true)).toBe(iso(T + 10))
  })
})
