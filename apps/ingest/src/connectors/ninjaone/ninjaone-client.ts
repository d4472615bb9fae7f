import { VendorHttpError, createVendorHttp } from '../http/vendor-http.js'
import { queryReport, tokenResponse } from './ninjaone-api.js'
import { bearerTokenCredentials } from './token-cache.js'
import type { HttpStats, RetryPolicy, VendorHttp } from '../http/vendor-http.js'
import type { NinjaOneConfig } from './ninjaone-settings.js'
import type { Logger } from 'pino'

const VENDOR = 'ninjaone'
// NinjaOne documents no limits; its access tokens last an hour unless it says otherwise.
const DEFAULT_TOKEN_LIFETIME_MS = 3_600_000

/** A vendor answer that is not the shape the API promises: the sync stops and says where. */
export class NinjaShapeError extends Error {
  override readonly name = 'NinjaShapeError'
}

/** One page of a query endpoint; `last` when no further page should be asked for. */
export interface QueryPage {
  results: unknown[]
  last: boolean
}

/**
 * NinjaOne's API: OAuth2 client credentials (one token, cached until it expires, renewed on a
 * 401), keyset paging for devices and cursor paging for the query endpoints.
 */
export class NinjaOneClient {
  private readonly api: VendorHttp
  private readonly auth: VendorHttp

  constructor(
    private readonly config: NinjaOneConfig,
    deps: { log: Logger; http?: Partial<RetryPolicy> },
  ) {
    const common = { vendor: VENDOR, baseURL: config.baseUrl, policy: deps.http, log: deps.log }
    // The token request goes through a client of its own: it must not ask itself for a token.
    this.auth = createVendorHttp(common)
    this.api = createVendorHttp({
      ...common,
      credentials: bearerTokenCredentials({ issue: () => this.issueToken() }),
      limits: { concurrency: 4 },
    })
  }

  /** Requests and retries of the API and the token endpoint together. */
  get stats(): HttpStats {
    return {
      requests: this.api.stats.requests + this.auth.stats.requests,
      retries: this.api.stats.retries + this.auth.stats.retries,
    }
  }

  /**
   * `GET /v2/devices`, a bare array per page: each next page starts `after` the last id, until a
   * page comes back empty. Not on a short page: the spec gives no ceiling for this endpoint, and
   * a vendor that capped pages below `pageSize` would otherwise cut the roster short, silently.
   */
  async *devices(signal?: AbortSignal): AsyncGenerator<unknown[]> {
    const { pageSize } = this.config
    let after: number | undefined
    for (;;) {
      const { data } = await this.api.request<unknown>({
        url: '/v2/devices',
        params: { pageSize, ...(after === undefined ? {} : { after }) },
        signal,
      })
      if (!Array.isArray(data)) {
        throw new NinjaShapeError(`${VENDOR}: GET /v2/devices: expected a JSON array of devices`)
      }
      if (data.length === 0) return
      yield data
      const lastId = data.reduce<number>((most, device) => Math.max(most, idOf(device)), -1)
      if (lastId < 0 || (after !== undefined && lastId <= after)) {
        throw new NinjaShapeError(`${VENDOR}: GET /v2/devices: device ids do not move on`)
      }
      after = lastId
    }
  }

  /** `GET /v2/device/{id}`; null when NinjaOne has no such device. */
  async device(id: number, signal?: AbortSignal): Promise<unknown> {
    try {
      return (await this.api.request<unknown>({ url: `/v2/device/${id}`, signal })).data
    } catch (error) {
      if (error instanceof VendorHttpError && error.status === 404) return null
      throw error
    }
  }

  /**
   * A query endpoint (`/v2/backup/jobs`, `/v2/queries/...`): the first page with the filters,
   * each next one with `?cursor={cursor.name}`. The end is not documented [UNSURE]: it stops on
   * an empty page, on a page shorter than `pageSize`, or when the vendor gives no cursor.
   */
  async *query(
    url: string,
    filters: Record<string, string | number>,
    signal?: AbortSignal,
  ): AsyncGenerator<QueryPage> {
    const { pageSize } = this.config
    let params: Record<string, string | number> = { ...filters, pageSize }
    let offset: number | null | undefined
    for (;;) {
      const { data } = await this.api.request<unknown>({ url, params, signal })
      const report = queryReport.safeParse(data)
      if (!report.success) {
        throw new NinjaShapeError(`${VENDOR}: GET ${url}: expected { cursor, results: [...] }`)
      }
      const { cursor, results } = report.data
      const full = results.length > 0 && results.length >= pageSize
      const next = full && cursor?.name ? cursor.name : undefined
      yield { results, last: next === undefined }
      if (next === undefined) return
      // A cursor that does not move on would page forever.
      if (typeof cursor?.offset === 'number' && cursor.offset === offset) {
        throw new NinjaShapeError(`${VENDOR}: GET ${url}: the cursor did not move on`)
      }
      offset = cursor?.offset
      params = { cursor: next, pageSize }
    }
  }

  private async issueToken() {
    const form = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      scope: this.config.scope,
    })
    let data: unknown
    try {
      data = (await this.auth.request({ method: 'POST', url: '/ws/oauth/token', data: form })).data
    } catch (error) {
      if (error instanceof VendorHttpError && [400, 401, 403].includes(error.status ?? 0)) {
        throw new VendorHttpError(
          `${error.message}: NinjaOne refused the client credentials (settings.clientId, clientSecret, scope)`,
          error.status,
        )
      }
      throw error
    }
    const token = tokenResponse.safeParse(data)
    if (!token.success) {
      throw new NinjaShapeError(`${VENDOR}: POST /ws/oauth/token: no access_token in the answer`)
    }
    return {
      accessToken: token.data.access_token,
      expiresInMs: (token.data.expires_in ?? DEFAULT_TOKEN_LIFETIME_MS / 1000) * 1000,
    }
  }
}

function idOf(device: unknown): number {
  const id = (device as { id?: unknown } | null)?.id
  return typeof id === 'number' && Number.isFinite(id) ? id : -1
}
