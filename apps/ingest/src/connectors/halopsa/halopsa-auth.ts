import { tokenAnswer } from './halopsa-api.js'
import type { Credentials, VendorHttp } from '../http/vendor-http.js'
import type { HaloConfig } from './halopsa-settings.js'

const DEFAULT_LIFETIME_S = 3600
const MARGIN_MS = 60_000

/**
 * Halo's OAuth2 client-credentials token, fetched on first use and kept until shortly before it
 * expires. Concurrent requests share one token request. `invalidate` (after a 401) drops it, so
 * the retried request fetches a new one.
 */
export function haloCredentials(
  config: HaloConfig,
  auth: VendorHttp,
  clock: () => number = Date.now,
): Credentials {
  let token: { value: string; expiresAt: number } | undefined
  let pending: Promise<string> | undefined

  const fetchToken = async (): Promise<string> => {
    const url = `${config.authUrl}/token`
    const response = await auth.request({
      method: 'POST',
      url,
      params: config.tenant === undefined ? undefined : { tenant: config.tenant },
      data: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: config.clientId,
        client_secret: config.clientSecret,
        scope: config.scope,
      }),
    })
    const answer = tokenAnswer.safeParse(response.data)
    if (!answer.success) throw new Error(`halopsa: POST ${url}: no access_token in the answer`)
    const lifetimeMs = (answer.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000
    // Renew a minute early (or at 90% of a short lifetime) so no request carries a dying token.
    const margin = Math.min(MARGIN_MS, lifetimeMs / 10)
    token = { value: answer.data.access_token, expiresAt: clock() + lifetimeMs - margin }
    return token.value
  }

  const current = (): Promise<string> => {
    if (token && clock() < token.expiresAt) return Promise.resolve(token.value)
    pending ??= fetchToken().finally(() => {
      pending = undefined
    })
    return pending
  }

  return {
    headers: async () => ({ Authorization: `Bearer ${await current()}` }),
    invalidate: () => {
      token = undefined
    },
  }
}
