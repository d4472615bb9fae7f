import { VendorHttpError, createVendorHttp } from '../http/vendor-http.js'
import { bearerTokenCredentials } from '../ninjaone/token-cache.js'
import { devicesPage, tokenResponse } from './datto-api.js'
import type { HttpStats, RetryPolicy, VendorHttp } from '../http/vendor-http.js'
import type { DattoRmmConfig } from './datto-settings.js'
import type { Logger } from 'pino'

const VENDOR = 'datto-rmm'
/** Datto's tokens last 100 hours; expires_in says so too, this is for when it does not. */
const DEFAULT_TOKEN_LIFETIME_MS = 100 * 3_600_000
// Every API user signs in as Datto's public OAuth client (DattoRMM.Core, Request-ApiToken).
const PUBLIC_CLIENT = `Basic ${Buffer.from('public-client:public').toString('base64')}`
// A 429 without Retry-After: back off from 2 s, about a minute over the retries, as the
// rolling 60 s window needs; Datto blocks accounts that keep pushing.
const DATTO_POLICY: Partial<RetryPolicy> = { baseDelayMs: 2_000 }

/** A vendor answer that is not the shape the API promises: the sync stops and says where. */
export class DattoShapeError extends Error {
  override readonly name = 'DattoShapeError'
}

/** One page of devices, with the account's total when Datto tells. */
export interface DevicesPage {
  devices: unknown[]
  totalCount?: number
}

/**
 * Datto RMM's API: the password grant with the API key and secret (one token, kept until it
 * expires, renewed on a 401), within the account's rolling request window, paged by following
 * `pageDetails.nextPageUrl`.
 */
export class DattoRmmClient {
  private readonly api: VendorHttp
  private readonly auth: VendorHttp

  constructor(
    private readonly config: DattoRmmConfig,
    deps: { log: Logger; http?: Partial<RetryPolicy> },
  ) {
    const common = {
      vendor: VENDOR,
      baseURL: config.baseUrl,
      policy: { ...DATTO_POLICY, ...deps.http },
      log: deps.log,
    }
    // The token request goes through a client of its own: it must not ask itself for a token.
    this.auth = createVendorHttp(common)
    this.api = createVendorHttp({
      ...common,
      credentials: bearerTokenCredentials({ issue: () => this.issueToken() }),
      limits: { concurrency: 2, window: { requests: config.requestsPerMinute, ms: 60_000 } },
    })
  }

  get stats(): HttpStats {
    return {
      requests: this.api.stats.requests + this.auth.stats.requests,
      retries: this.api.stats.retries + this.auth.stats.retries,
    }
  }

  /**
   * `GET /api/v2/account/devices`, page after page by `nextPageUrl` until it is null. That URL
   * drops filter parameters (a known quirk), so any it lacks are added back; it is requested on
   * our own host, so the token never goes anywhere else.
   */
  async *devices(signal?: AbortSignal): AsyncGenerator<DevicesPage> {
    const { pageSize, firstPage, filterId } = this.config
    const kept: Record<string, string> = {
      max: String(pageSize),
      ...(filterId !== undefined && { filterId: String(filterId) }),
    }
    let url = '/api/v2/account/devices'
    let params: Record<string, string> = { ...kept, page: String(firstPage) }
    const asked = new Set<string>()
    for (;;) {
      asked.add(pageKey(url, params))
      const data = await this.get(url, params, signal)
      const page = devicesPage.safeParse(data)
      if (!page.success) {
        throw new DattoShapeError(`${VENDOR}: GET ${url}: expected { pageDetails, devices: [...] }`)
      }
      const { devices, pageDetails } = page.data
      yield {
        devices,
        ...(pageDetails?.totalCount != null && { totalCount: pageDetails.totalCount }),
      }
      const next = pageDetails?.nextPageUrl
      if (!next || devices.length === 0) return
      const target = new URL(next, this.config.baseUrl)
      for (const [name, value] of Object.entries(kept)) {
        if (!target.searchParams.has(name)) target.searchParams.set(name, value)
      }
      url = target.pathname
      params = Object.fromEntries(target.searchParams)
      if (asked.has(pageKey(url, params))) {
        throw new DattoShapeError(`${VENDOR}: GET ${url}: nextPageUrl points back to a page read`)
      }
    }
  }

  private async get(url: string, params: Record<string, string>, signal?: AbortSignal) {
    try {
      return (await this.api.request<unknown>({ url, params, signal })).data
    } catch (error) {
      // Datto answers 403 to an account (and IP) it has blocked after repeated rate-limit
      // breaches, or to a user without access: asking again only prolongs a block.
      if (error instanceof VendorHttpError && error.status === 403) {
        throw new VendorHttpError(
          `${error.message}: Datto RMM refused the request (the API user lacks access, or the account is blocked after repeated rate-limit breaches); not retried`,
          403,
        )
      }
      throw error
    }
  }

  private async issueToken() {
    const form = new URLSearchParams({
      grant_type: 'password',
      username: this.config.apiKey,
      password: this.config.apiSecret,
    })
    let data: unknown
    try {
      const response = await this.auth.request({
        method: 'POST',
        url: '/auth/oauth/token',
        data: form,
        headers: { Authorization: PUBLIC_CLIENT },
      })
      data = response.data
    } catch (error) {
      if (error instanceof VendorHttpError && [400, 401].includes(error.status ?? 0)) {
        throw new VendorHttpError(
          `${error.message}: Datto RMM refused the API key and secret (settings.apiKey, apiSecret)`,
          error.status,
        )
      }
      throw error
    }
    const token = tokenResponse.safeParse(data)
    if (!token.success) {
      throw new DattoShapeError(`${VENDOR}: POST /auth/oauth/token: no access_token in the answer`)
    }
    return {
      accessToken: token.data.access_token,
      expiresInMs: (token.data.expires_in ?? DEFAULT_TOKEN_LIFETIME_MS / 1000) * 1000,
    }
  }
}

function pageKey(url: string, params: Record<string, string>): string {
  return `${url}?${new URLSearchParams(Object.entries(params).sort()).toString()}`
}
