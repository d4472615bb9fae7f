import { describe, expect, it } from 'vitest'
import { SigningKeys, callbackSignature } from './connectwise-callback.js'

describe('callback signing keys', () => {
  const body = '{"Action":"updated","Type":"ticket"}'

  it('signs as ConnectWise does: base64 HMAC-SHA256 keyed with the SHA-256 of the key', () => {
    // Worked by hand with openssl: the key is hashed first, then used as the HMAC key.
    expect(callbackSignature(body, 'secret')).toBe('eqI8fg5mn5mdcfku/503JJqpMkLeMvy0shW7XTyEbuc=')
  })

  it('fetches a rotated key again, but at most once a minute per key URL', async () => {
    let now = 0
    let current = 'old'
    const fetched: string[] = []
    const keys = new SigningKeys(
      async (url) => {
        fetched.push(url)
        return current
      },
      () => now,
    )
    expect(await keys.verify('k', body, callbackSignature(body, 'old'))).toBe(true)
    current = 'new'
    now = 30_000
    expect(await keys.verify('k', body, callbackSignature(body, 'new'))).toBe(false)
    now = 61_000
    expect(await keys.verify('k', body, callbackSignature(body, 'new'))).toBe(true)
    expect(await keys.verify('k', body, callbackSignature(body, 'forged'))).toBe(false)
    expect(fetched).toEqual(['k', 'k'])
  })
})
