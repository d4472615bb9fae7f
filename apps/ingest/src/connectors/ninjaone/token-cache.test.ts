import { describe, expect, it } from 'vitest'
import { bearerTokenCredentials } from './token-cache.js'

describe('bearerTokenCredentials', () => {
  const issuer = (lifetimeMs: number) => {
    const issued: number[] = []
    const issue = async () => {
      issued.push(issued.length + 1)
      await new Promise((resolve) => setTimeout(resolve, 5))
      return { accessToken: `token-${issued.length}`, expiresInMs: lifetimeMs }
    }
    return { issued, issue }
  }

  it('shares one token request among concurrent requests', async () => {
    const { issued, issue } = issuer(3_600_000)
    const credentials = bearerTokenCredentials({ issue })
    const headers = await Promise.all([1, 2, 3].map(() => credentials.headers()))
    expect(headers).toEqual(Array(3).fill({ Authorization: 'Bearer token-1' }))
    expect(issued).toHaveLength(1)
  })

  it('renews a minute before expiry, and at once after invalidate', async () => {
    let now = 0
    const { issued, issue } = issuer(3_600_000)
    const credentials = bearerTokenCredentials({ issue, clock: () => now })
    await credentials.headers()
    now = 3_600_000 - 61_000
    expect(await credentials.headers()).toEqual({ Authorization: 'Bearer token-1' })
    now = 3_600_000 - 59_000
    expect(await credentials.headers()).toEqual({ Authorization: 'Bearer token-2' })
    credentials.invalidate()
    expect(await credentials.headers()).toEqual({ Authorization: 'Bearer token-3' })
    expect(issued).toHaveLength(3)
  })

  it('asks again after a failed token request instead of keeping the failure', async () => {
    let calls = 0
    const credentials = bearerTokenCredentials({
      issue: async () => {
        if (++calls === 1) throw new Error('token endpoint down')
        return { accessToken: 'fresh', expiresInMs: 60_000 }
      },
    })
    await expect(credentials.headers()).rejects.toThrow('token endpoint down')
    expect(await credentials.headers()).toEqual({ Authorization: 'Bearer fresh' })
  })
})
