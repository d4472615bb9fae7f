import { describe, expect, it } from 'vitest'
import { linkOf, nextPageUrl } from './link-header.js'

const API = 'https://api-na.myconnectwise.net'

describe('Link headers', () => {
  it.each([
    ['<https://a/x?page=2>; rel="next", <https://a/x?page=9>; rel="last"', 'https://a/x?page=2'],
    ['<https://a/x?page=9>; rel="last",<https://a/x?page=3>;rel=next', 'https://a/x?page=3'],
    ['<https://a/x?page=4>; rel="next last"', 'https://a/x?page=4'],
    ['<https://a/x?page=1>; rel="first", <https://a/x?page=1>; rel="prev"', undefined],
    ['', undefined],
  ])('finds the next link in %j', (header, next) => {
    expect(linkOf(header, 'next')).toBe(next)
  })

  it("folds ConnectWise's double slash and keeps the query", () => {
    const header = `<${API}/v2025_1/apis/3.0//service/tickets?conditions=lastUpdated%3E%3D%5B2026-10-01T00%3A00%3A00Z%5D&page=2>; rel="next"`
    expect(nextPageUrl(header, API)).toBe(
      `${API}/v2025_1/apis/3.0/service/tickets?conditions=lastUpdated%3E%3D%5B2026-10-01T00%3A00%3A00Z%5D&page=2`,
    )
  })

  it('refuses a next page on another origin', () => {
    expect(() => nextPageUrl('<http://api-na.myconnectwise.net/x>; rel="next"', API)).toThrow(
      'the next page is on http://api-na.myconnectwise.net',
    )
  })
})
