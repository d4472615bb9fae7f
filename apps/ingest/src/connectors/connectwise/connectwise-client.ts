import { AS_JSON_ELEMENTS, createVendorHttp } from '../http/vendor-http.js'
import { companyInfo, signingKeyAnswer, ticketCount } from './connectwise-api.js'
import { nextPageUrl } from './link-header.js'
import { TICKET_ORDER, ticketConditions } from './ticket-conditions.js'
import type { AxiosResponse } from 'axios'
import type { ConnectorDeps } from '../connector.js'
import type { RawJson } from '../../records/raw-json.js'
import type { Credentials, HttpStats, VendorHttp } from '../http/vendor-http.js'
import type { ConnectWiseConfig } from './connectwise-settings.js'

/** One page of `GET /service/tickets`, as it came (the tickets are not validated yet). */
export interface RawTicketPage {
  /** Each ticket's JSON text, parsed when it is mapped. */
  tickets: RawJson[]
  /** No `rel="next"` link: this was the last page. */
  last: boolean
}

export interface ConnectWiseClient {
  readonly stats: HttpStats
  /** How many tickets changed since `from`, or undefined if ConnectWise would not say. */
  countTickets(from: number, signal?: AbortSignal): Promise<number | undefined>
  ticketPages(from: number, signal?: AbortSignal): AsyncGenerator<RawTicketPage>
  ticket(id: string): Promise<unknown>
  /** The signing key of a callback; the caller has checked that `keyUrl` is ConnectWise's. */
  signingKey(keyUrl: string): Promise<string>
}

/**
 * ConnectWise PSA's REST API: Basic auth of `{companyId}+{publicKey}:{privateKey}` plus the
 * integration's clientId header, the codebase found once, and lists paged by `Link` headers.
 * ConnectWise publishes no rate limit; its Cloudflare front sends 429s, which the HTTP client
 * waits out, so we keep to few requests at once.
 */
export function createConnectWiseClient(
  config: ConnectWiseConfig,
  deps: Pick<ConnectorDeps, 'log' | 'http'>,
): ConnectWiseClient {
  const basic = Buffer.from(
    `${config.companyId}+${config.publicKey}:${config.privateKey}`,
    'utf8',
  ).toString('base64')
  // The key never changes within a run: a 401 means wrong keys, and the one retry the HTTP
  // client makes after `invalidate` simply fails again with the vendor's answer.
  const credentials: Credentials = {
    headers: async () => ({ Authorization: `Basic ${basic}`, clientId: config.clientId }),
    invalidate: () => undefined,
  }
  const shared = { vendor: 'connectwise', limits: { concurrency: 2 }, policy: deps.http ?? {} }
  const api = createVendorHttp({ ...shared, credentials, log: deps.log })
  // Company info and callback keys are read without our API keys, as ConnectWise documents.
  const open = createVendorHttp({ ...shared, log: deps.log })
  let base: Promise<string> | undefined

  const apiBase = (): Promise<string> => {
    base ??= resolveBase(config, open).catch((error: unknown) => {
      base = undefined
      throw error
    })
    return base
  }

  return {
    stats: {
      get requests() {
        return api.stats.requests + open.stats.requests
      },
      get retries() {
        return api.stats.retries + open.stats.retries
      },
    },

    async countTickets(from, signal) {
      const url = `${await apiBase()}/service/tickets/count`
      const conditions = ticketConditions({ from, boards: config.boards, extra: config.conditions })
      try {
        const response = await api.request({ url, params: { conditions }, signal })
        const parsed = ticketCount.safeParse(response.data)
        return parsed.success ? parsed.data.count : undefined
      } catch (error) {
        // Only the progress bar needs the total: the read itself will report a real failure.
        deps.log.warn({ err: error }, 'connectwise: could not count tickets')
        return undefined
      }
    },

    async *ticketPages(from, signal) {
      const first = `${await apiBase()}/service/tickets`
      let params: Record<string, string | number> | undefined = {
        conditions: ticketConditions({ from, boards: config.boards, extra: config.conditions }),
        orderBy: TICKET_ORDER,
        pageSize: config.pageSize,
        page: 1,
      }
      let url: string | undefined = first
      const seen = new Set<string>()
      while (url !== undefined) {
        const response: AxiosResponse<RawJson[]> = await api.request({
          url,
          params,
          signal,
          ...AS_JSON_ELEMENTS,
        })
        if (!Array.isArray(response.data)) {
          throw new Error(`connectwise: GET ${url}: expected a JSON array of tickets`)
        }
        const header = response.headers['link'] as string | undefined
        const next: string | undefined =
          response.data.length === 0 ? undefined : nextPageUrl(header, config.origin)
        if (next !== undefined && seen.has(next)) {
          throw new Error(`connectwise: GET ${url}: the next page link points back to ${next}`)
        }
        seen.add(url)
        yield { tickets: response.data, last: next === undefined }
        url = next
        params = undefined
      }
    },

    async ticket(id) {
      const response = await api.request({ url: `${await apiBase()}/service/tickets/${id}` })
      return response.data
    },

    async signingKey(keyUrl) {
      const response = await open.request({ url: keyUrl, headers: { clientId: config.clientId } })
      const parsed = signingKeyAnswer.safeParse(response.data)
      if (!parsed.success) throw new Error(`connectwise: GET ${keyUrl}: no signing_key in answer`)
      return parsed.data.signing_key
    },
  }
}

/** The API base: given, or `https://{host}/{codebase}/apis/3.0` with the codebase looked up. */
async function resolveBase(config: ConnectWiseConfig, http: VendorHttp): Promise<string> {
  if (config.baseUrl !== undefined) return config.baseUrl
  let codebase = config.codebase
  if (codebase === undefined) {
    const url = `${config.origin}/login/companyinfo/${encodeURIComponent(config.companyId)}`
    const response = await http.request({ url, headers: { clientId: config.clientId } })
    const parsed = companyInfo.safeParse(response.data)
    if (!parsed.success) {
      throw new Error(`connectwise: GET ${url}: no Codebase in the answer; set settings.codebase`)
    }
    codebase = parsed.data.Codebase.replace(/^\/|\/$/g, '')
  }
  return `${config.origin}/${codebase}/apis/3.0`
}
