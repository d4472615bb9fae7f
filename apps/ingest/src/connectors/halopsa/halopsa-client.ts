import { Temporal } from 'temporal-polyfill'
import { createVendorHttp } from '../http/vendor-http.js'
import { ticketsPage } from './halopsa-api.js'
import { haloCredentials } from './halopsa-auth.js'
import { HaloLabels } from './halopsa-labels.js'
import type { ConnectorDeps } from '../connector.js'
import type { HttpStats } from '../http/vendor-http.js'
import type { HaloConfig } from './halopsa-settings.js'

/** One page of `GET /api/Tickets`, as it came (the tickets are not validated yet). */
export interface RawHaloPage {
  tickets: unknown[]
  /** Tickets read so far in this sync, and how many Halo says match. */
  done: number
  total: number
  last: boolean
}

export interface HaloClient {
  readonly stats: HttpStats
  ticketPages(from: number, signal?: AbortSignal): AsyncGenerator<RawHaloPage>
  ticket(id: string): Promise<unknown>
  labels(): Promise<HaloLabels>
}

/** Halo allows 500 requests in any rolling 300 s per instance. */
const HALO_LIMITS = { concurrency: 2, window: { requests: 500, ms: 300_000 } }

/**
 * HaloPSA's REST API: a client-credentials token from its authorisation server, tickets paged by
 * `page_no` from 1 until `record_count` is reached or a page comes back empty.
 */
export function createHaloClient(
  config: HaloConfig,
  deps: Pick<ConnectorDeps, 'log' | 'http'>,
): HaloClient {
  const policy = deps.http ?? {}
  const auth = createVendorHttp({ vendor: 'halopsa', limits: HALO_LIMITS, policy, log: deps.log })
  const api = createVendorHttp({
    vendor: 'halopsa',
    baseURL: `${config.baseUrl}/api`,
    credentials: haloCredentials(config, auth),
    limits: HALO_LIMITS,
    policy,
    log: deps.log,
  })

  const list = async (path: string): Promise<unknown> => (await api.request({ url: path })).data

  return {
    stats: {
      get requests() {
        return api.stats.requests + auth.stats.requests
      },
      get retries() {
        return api.stats.retries + auth.stats.retries
      },
    },

    async *ticketPages(from, signal) {
      let done = 0
      for (let page = 1; ; page++) {
        const params = {
          pageinate: true,
          page_size: config.pageSize,
          page_no: page,
          lastupdatefromdate: haloTime(from, config.zone),
          order: config.order,
          orderdesc: false,
        }
        const response = await api.request({ url: '/Tickets', params, signal })
        const parsed = ticketsPage.safeParse(response.data)
        if (!parsed.success) {
          throw new Error(`halopsa: GET /Tickets page ${page}: expected { record_count, tickets }`)
        }
        const { tickets, record_count: total } = parsed.data
        done += tickets.length
        // Counting what was read, not pages: Halo may cap page_size below what was asked.
        const last = tickets.length === 0 || done >= total
        yield { tickets, done, total: Math.max(total, done), last }
        if (last) return
      }
    },

    async ticket(id) {
      const response = await api.request({
        url: `/Tickets/${id}`,
        params: { includedetails: true },
      })
      return response.data
    },

    async labels() {
      if (!config.labels) return HaloLabels.ids()
      const [status, priority, type] = await Promise.all([
        list('/Status'),
        list('/Priority'),
        list('/TicketType'),
      ])
      return HaloLabels.fromLookups({ status, priority, type })
    },
  }
}

/** Halo reads filter times without an offset, in the instance's zone: `2026-08-01T06:30:00`. */
export function haloTime(at: number, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(Math.floor(at / 1000) * 1000)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'second' })
}
