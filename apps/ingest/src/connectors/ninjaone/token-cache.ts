import type { Credentials } from '../http/vendor-http.js'

export interface IssuedToken {
  accessToken: string
  /** How long the vendor says the token lasts. */
  expiresInMs: number
}

// Renew a little before the vendor's expiry, so a request never leaves with a dying token.
const RENEW_BEFORE_MS = 60_000

/**
 * Bearer credentials from an OAuth token endpoint: the token is kept until shortly before it
 * expires, concurrent requests share one token request, and `invalidate` (after a 401) drops it.
 */
export function bearerTokenCredentials({
  issue,
  clock = Date.now,
}: {
  issue: () => Promise<IssuedToken>
  clock?: () => number
}): Credentials {
  let cached: { value: string; renewAt: number } | undefined
  let pending: Promise<string> | undefined

  const current = (): Promise<string> => {
    if (cached && clock() < cached.renewAt) return Promise.resolve(cached.value)
    pending ??= issue()
      .then((token) => {
        const lifetime = Math.max(token.expiresInMs - RENEW_BEFORE_MS, token.expiresInMs / 2)
        cached = { value: token.accessToken, renewAt: clock() + lifetime }
        return token.accessToken
      })
      .finally(() => {
        pending = undefined
      })
    return pending
  }

  return {
    headers: async () => ({ Authorization: `Bearer ${await current()}` }),
    invalidate: () => {
      cached = undefined
    },
  }
}
