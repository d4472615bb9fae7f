import { describe, expect, it } from 'vitest'

import { isRestTime, isTimeZone, restTimeToEpoch } from './local-dates.js'

describe('restTimeToEpoch', () => {
  it.each([
    ['2026-12-24', 'America/Denver', 'start', '2026-12-24T07:00:00.000Z'],
    ['2026-12-26', 'America/Denver', 'end', '2026-12-27T06:59:59.999Z'],
    ['2026-12-24', 'UTC', 'start', '2026-12-24T00:00:00.000Z'],
    ['2026-07-01', 'Europe/Berlin', 'start', '2026-06-30T22:00:00.000Z'],
    // Spring forward at 02:00 leaves midnight in standard time.
    ['2026-03-08', 'America/Denver', 'start', '2026-03-08T07:00:00.000Z'],
    ['2026-03-08', 'America/Denver', 'end', '2026-03-09T05:59:59.999Z'],
    // Santiago skips 00:00 on 2026-09-06: that day starts at 01:00 local (-03:00).
    ['2026-09-06', 'America/Santiago', 'start', '2026-09-06T04:00:00.000Z'],
    ['2026-12-24T00:00:00-07:00', 'UTC', 'start', '2026-12-24T07:00:00.000Z'],
    ['2026-12-24T09:30Z', 'America/Denver', 'end', '2026-12-24T09:30:00.000Z'],
  ] as const)('reads %s in %s as the %s %s', (text, tz, edge, expected) => {
    expect(new Date(restTimeToEpoch(text, tz, edge)).toISOString()).toBe(expected)
  })
})

describe('isRestTime', () => {
  it.each(['2026-12-24', '2026-12-24T00:00:00-07:00', '2026-12-24T00:00Z'])(
    'accepts %s',
    (text) => {
      expect(isRestTime(text)).toBe(true)
    },
  )

  it.each(['2026-02-30', '2026-12-24T00:00:00', '24/12/2026', 'christmas'])(
    'rejects %s',
    (text) => {
      expect(isRestTime(text)).toBe(false)
    },
  )
})

describe('isTimeZone', () => {
  it('knows IANA zones and rejects made-up ones', () => {
    expect(isTimeZone('America/Denver')).toBe(true)
    expect(isTimeZone('UTC')).toBe(true)
    expect(isTimeZone('America/Atlantis')).toBe(false)
  })
})
