import { describe, expect, it } from 'vitest'

import { parseDuration } from './durations.js'

const SECOND = 1_000
const MINUTE = 60 * SECOND
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

describe('parseDuration', () => {
  it.each([
    ['30s', 30 * SECOND],
    ['90m', 90 * MINUTE],
    ['2h', 2 * HOUR],
    ['1d', DAY],
    ['2w', 14 * DAY],
    ['500ms', 500],
    ['1.5h', 90 * MINUTE],
    ['1h30m', 90 * MINUTE],
    ['1d 12h', 36 * HOUR],
    ['1w2d3h4m5s', 9 * DAY + 3 * HOUR + 4 * MINUTE + 5 * SECOND],
    [' 2h ', 2 * HOUR],
    ['PT2H', 2 * HOUR],
    ['P1D', DAY],
    ['PT1H30M', 90 * MINUTE],
    ['P1W', 7 * DAY],
    ['P1DT12H', 36 * HOUR],
    ['PT0.5S', 500],
    ['pt15m', 15 * MINUTE],
    [0, 0],
    [5000, 5000],
  ])('reads %j as %d ms', (text, expected) => {
    expect(parseDuration(text)).toBe(expected)
  })

  it.each([
    '',
    '2',
    'h',
    '2x',
    '2 hours',
    '30m1h',
    '1h1h',
    '-2h',
    'P',
    'PT',
    'P1DT',
    'PT2X',
    '2h!',
  ])('rejects %j and names the accepted forms', (text) => {
    expect(() => parseDuration(text)).toThrow(/expected a duration like '30s'.*ISO 8601 'PT2H'/)
  })

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('rejects the number %d', (value) => {
    expect(() => parseDuration(value)).toThrow(/expected a duration like/)
  })

  it.each(['P1M', 'P1Y', 'P1Y2M3D', 'P2MT1H'])(
    'rejects the calendar units of %j because they have no fixed length',
    (text) => {
      expect(() => parseDuration(text)).toThrow(/months and years have no fixed length/)
    },
  )

  it('treats M after T as minutes, not months', () => {
    expect(parseDuration('PT5M')).toBe(5 * MINUTE)
  })
})
