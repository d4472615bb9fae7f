import { describe, expect, it } from 'vitest'
import { formatDue, humanDuration, listNames, percent } from './wording.js'

describe('wording', () => {
  it.each([
    [12_000, '12 s'],
    [12 * 60_000, '12 min'],
    [89 * 60_000, '89 min'],
    [90 * 60_000, '1 h 30 min'],
    [5 * 3_600_000, '5 h'],
    [-20 * 60_000, '20 min'],
    [3 * 86_400_000, '3 days'],
    [1.6 * 86_400_000, '2 days'],
  ])('says %i ms as "%s"', (ms, words) => {
    expect(humanDuration(ms)).toBe(words)
  })

  it('never shows a share below its target as equal to it', () => {
    expect(percent(11 / 14, 0.95)).toBe('79%')
    expect(percent(0.9466, 0.95)).toBe('94.6%')
    expect(percent(0.95)).toBe('95%')
  })

  it('names the zone of a due time', () => {
    expect(formatDue(Date.parse('2026-11-23T13:00Z'), 'America/Denver')).toBe(
      'Mon 23 Nov, 06:00 America/Denver',
    )
  })

  it('lists at most five names', () => {
    expect(listNames(['A', 'B'])).toBe('A, B')
    expect(listNames(['A', 'B', 'C', 'D', 'E', 'F', 'G'])).toBe('A, B, C, D, E and 2 more')
  })
})
