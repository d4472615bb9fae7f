import { describe, expect, it } from 'vitest'
import {
  formatAgo,
  formatDate,
  formatDayTime,
  formatDuration,
  formatOffset,
  formatTime,
  isZone,
  parseInterval,
  zoneName,
} from './time.js'

const AT = Date.UTC(2026, 10, 25, 0, 41, 7)

describe('formatTime', () => {
  it('names the zone with the time', () => {
    expect(formatTime(AT, 'UTC')).toBe('00:41 UTC')
    expect(formatTime(AT, 'America/Denver')).toBe('17:41 MST')
    expect(formatTime(AT, 'Europe/Berlin')).toBe('01:41 GMT+1')
    expect(formatTime(AT, 'UTC', { seconds: true })).toBe('00:41:07 UTC')
  })

  it('puts the day before the time when the day matters', () => {
    expect(formatDayTime(AT, 'America/Denver')).toBe('24 Nov 17:41 MST')
  })

  it('leaves the zone out for a list that names it once', () => {
    expect(formatTime(AT, 'UTC', { seconds: true, zone: false })).toBe('00:41:07')
    expect(zoneName(AT, 'America/Denver')).toBe('MST')
  })
})

describe('isZone', () => {
  it('tells an IANA zone from a typo', () => {
    expect(isZone('Europe/Berlin')).toBe(true)
    expect(isZone('Mars/Olympus')).toBe(false)
  })
})

describe('formatDuration', () => {
  it.each([
    [500, 'just now'],
    [12_000, '12 s'],
    [3 * 60_000 + 5_000, '3 min'],
    [2 * 3_600_000, '2 h'],
    [2 * 3_600_000 + 5 * 60_000, '2 h 5 min'],
    [3 * 86_400_000, '3 days'],
  ])('reads %i ms as "%s"', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  it('says "ago" only after a real duration', () => {
    expect(formatAgo(12_000)).toBe('12 s ago')
    expect(formatAgo(0)).toBe('just now')
  })
})

describe('parseInterval', () => {
  it.each([
    ['30s', 30_000],
    ['2m', 120_000],
    ['1h', 3_600_000],
    ['45', 45_000],
    ['1', 5_000],
    ['off', null],
    ['', null],
    [null, null],
  ])('reads %j as %j ms', (text, ms) => {
    expect(parseInterval(text)).toBe(ms)
  })
})

describe('formatOffset', () => {
  it('says how late or early a beat landed, as people say it', () => {
    expect(formatOffset(12 * 60_000)).toBe('12 min late')
    expect(formatOffset(-3 * 86_400_000)).toBe('3 days early')
    expect(formatOffset(1_500)).toBe('1 s late')
    expect(formatOffset(400)).toBe('on the beat')
  })
})

describe('formatDate', () => {
  it('gives the day in the zone, with the year unless told otherwise', () => {
    expect(formatDate(AT, 'America/Denver')).toBe('24 Nov 2026')
    expect(formatDate(AT, 'UTC', { year: false })).toBe('25 Nov')
  })
})
