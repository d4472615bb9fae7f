import { describe, expect, it } from 'vitest'
import { VendorTimeError, parseVendorTime } from './vendor-time.js'

const AT = Date.UTC(2023, 5, 29, 10, 16, 8)

describe('parseVendorTime', () => {
  it.each([
    ['ISO without a fraction (ConnectWise)', '2023-06-29T10:16:08Z', AT],
    ['one fractional digit (Autotask)', '2023-06-29T10:16:08.2Z', AT + 200],
    ['three fractional digits', '2023-06-29T10:16:08.407Z', AT + 407],
    ['seven fractional digits (Halo)', '2023-06-29T10:16:08.8378294Z', AT + 837],
    ['no offset, read as UTC', '2023-06-29T10:16:08', AT],
    ['an offset', '2023-06-29T12:16:08+02:00', AT],
    ['an offset without a colon', '2023-06-29T05:16:08-0500', AT],
    ['epoch seconds as a decimal (NinjaOne)', 1688033768.25, AT + 250],
    ['epoch seconds as text', '1688033768', AT],
    ['epoch milliseconds (Datto)', AT, AT],
  ])('reads %s', (_, value, expected) => {
    expect(parseVendorTime(value)).toBe(expected)
  })

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['empty text', ''],
    ["Halo's empty date", '1900-01-01T00:00:00'],
    ['.NET DateTime.MinValue in milliseconds (Datto)', -62135596800000],
    ['.NET DateTime.MinValue as ISO', '0001-01-01T00:00:00'],
    ['epoch zero', 0],
  ])('reads %s as no time', (_, value) => {
    expect(parseVendorTime(value)).toBeNull()
  })

  it('reads a zone-less time in the zone it is given', () => {
    expect(parseVendorTime('2023-06-29T12:16:08', 'Europe/Berlin')).toBe(AT)
  })

  it.each(['yesterday', '2023-13-01T00:00:00Z', '2023-06-29T10:16:08+', true, {}])(
    'refuses %j with an error naming the value',
    (value) => {
      expect(() => parseVendorTime(value)).toThrow(VendorTimeError)
      expect(() => parseVendorTime(value)).toThrow(/not a time/)
    },
  )
})
