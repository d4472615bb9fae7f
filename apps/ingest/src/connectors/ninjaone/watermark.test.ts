import { describe, expect, it } from 'vitest'
import { RUNNING_HOLD_MS, Watermark } from './watermark.js'

const NOW = Date.UTC(2026, 0, 10, 12)
const HOUR = 3_600_000

describe('Watermark', () => {
  it('moves to the latest time read, whatever the order', () => {
    const mark = new Watermark({ from: NOW - 48 * HOUR, now: NOW })
    for (const at of [NOW - 5 * HOUR, NOW - 2 * HOUR, NOW - 9 * HOUR]) mark.passed(at)
    expect(mark.value()).toBe(NOW - 2 * HOUR)
  })

  it('stays at or before the start of a job still running', () => {
    const mark = new Watermark({ from: NOW - 48 * HOUR, now: NOW })
    mark.passed(NOW - HOUR)
    mark.open(NOW - 3 * HOUR)
    expect(mark.value()).toBe(NOW - 3 * HOUR)
  })

  it('holds at where the read started for a running job of unknown start', () => {
    const mark = new Watermark({ from: NOW - 10 * HOUR, now: NOW })
    mark.passed(NOW - HOUR)
    mark.open(null)
    expect(mark.value()).toBe(NOW - 10 * HOUR)
  })

  it('lets a job stuck running longer than the hold go', () => {
    const mark = new Watermark({ from: NOW - 100 * HOUR, now: NOW })
    mark.passed(NOW - HOUR)
    mark.open(NOW - RUNNING_HOLD_MS - 1)
    expect(mark.value()).toBe(NOW - HOUR)
  })

  it('never goes back before the previous watermark, nor past now', () => {
    const previous = NOW - 2 * HOUR
    const behind = new Watermark({ from: previous - HOUR, previous, now: NOW })
    behind.passed(previous - 30 * 60_000)
    expect(behind.value()).toBe(previous)
    const ahead = new Watermark({ from: previous, now: NOW })
    ahead.passed(NOW + HOUR)
    expect(ahead.value()).toBe(NOW)
  })

  it('does not move when nothing finished was read', () => {
    const mark = new Watermark({ from: NOW - HOUR, now: NOW })
    mark.open(NOW - 30 * 60_000)
    expect(mark.value()).toBeUndefined()
  })
})
