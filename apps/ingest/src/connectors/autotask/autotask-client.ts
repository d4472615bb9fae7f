import { createVendorHttp } from '../http/vendor-http.js'
import {
  entityFields,
  queryCount,
  queryPage,
  singleTicket,
  zoneInformation,
} from './autotask-api.js'
import { picklistsOf } from './picklists.js'
import type { HttpStats, RetryPolicy } from '../http/vendor-http.js'
import type { AutotaskConfig } from './autotask-settings.js'
import type { Picklists } from './picklists.js'
import type { Logger } from 'pino'
import type { z } from 'zod'

/** Autotask's published limits: 3 threads per endpoint, 10,000 requests per rolling hour. */
const LIMITS = { concurrency: 3, window: { requests: 10_000, ms: 3_600_000 } }

/** A query filter item (vendor-apis.md §2: `Filter {op, field, value}`). */
export interface QueryFilter {
  op: 'gte' | 'gt' | 'in'
  field: string
  value: string | number | number[]
}

export interface TicketQuery {
  MaxRecords: number
  filter: QueryFilter[]
}

export interface AutotaskClient {
  /** The query's pages in turn; `last` is set on the page without a next one. */
  queryTickets(query: TicketQuery, signal?: AbortSignal): AsyncGenerator<TicketPage>
  /** How many tickets the query matches, when Autotask says. */
  countTickets(query: TicketQuery, signal?: AbortSignal): Promise<number>
  ticketPicklists(signal?: AbortSignal): Promise<Picklists>
  /** One ticket as Autotask holds it now, or null when it is gone. */
  getTicket(id: number, signal?: AbortSignal): Promise<unknown>
  readonly stats: HttpStats
}

export interface TicketPage {
  items: unknown[]
  last: boolean
}

/**
 * Autotask's REST API for one tenant: finds the tenant's zone once, sends the API user's
 * headers on every call, and pages queries by POSTing the same body to `nextPageUrl`.
 */
export function createAutotaskClient({
  config,
  policy,
  log,
}: {
  config: AutotaskConfig
  policy?: Partial<RetryPolicy>
  log?: Logger
}): AutotaskClient {
  const http = createVendorHttp({ vendor: 'autotask', limits: LIMITS, policy, log })
  // The zone lookup needs no credentials and is exempt from the thread limit.
  const lookup = createVendorHttp({ vendor: 'autotask-zone', policy, log })
  const headers: Record<string, string> = {
    ApiIntegrationCode: config.integrationCode,
    UserName: config.username,
    Secret: config.secret,
    ...(config.impersonationResourceId === undefined
      ? {}
      : { ImpersonationResourceId: String(config.impersonationResourceId) }),
  }
  let apiBase: Promise<string> | undefined

  const base = () => {
    apiBase ??= findApiBase(config, lookup).catch((error: unknown) => {
      apiBase = undefined
      throw error
    })
    return apiBase
  }
  const call = async <Schema extends z.ZodType>(
    schema: Schema,
    request: { method: 'GET' | 'POST'; url: string; data?: unknown; signal?: AbortSignal },
  ): Promise<z.infer<Schema>> => {
    const response = await http.request({ ...request, headers })
    return parseResponse(schema, response.data, `${request.method} ${request.url}`)
  }

  return {
    async *queryTickets(query, signal) {
      let url: string | undefined = `${await base()}Tickets/query`
      while (url) {
        const page: z.infer<typeof queryPage> = await call(queryPage, {
          method: 'POST',
          url,
          data: query,
          signal,
        })
        const next: string | undefined = page.pageDetails?.nextPageUrl || undefined
        if (next === url) throw new Error(`autotask: POST ${url}: the next page is this page`)
        yield { items: page.items, last: next === undefined }
        url = next
      }
    },
    async countTickets(query, signal) {
      const url = `${await base()}Tickets/query/count`
      const data = { filter: query.filter }
      const count = await call(queryCount, { method: 'POST', url, data, signal })
      return count.queryCount
    },
    async ticketPicklists(signal) {
      const url = `${await base()}Tickets/entityInformation/fields`
      return picklistsOf(await call(entityFields, { method: 'GET', url, signal }))
    },
    async getTicket(id, signal) {
      const url = `${await base()}Tickets/${id}`
      return (await call(singleTicket, { method: 'GET', url, signal })).item ?? null
    },
    get stats() {
      return {
        requests: http.stats.requests + lookup.stats.requests,
        retries: http.stats.retries + lookup.stats.retries,
      }
    },
  }
}

async function findApiBase(
  config: AutotaskConfig,
  lookup: ReturnType<typeof createVendorHttp>,
): Promise<string> {
  if (config.zoneUrl) return apiBaseOf(config.zoneUrl)
  const response = await lookup.request({
    url: config.zoneLookupUrl,
    params: { user: config.username },
  })
  const zone = parseResponse(zoneInformation, response.data, `zone lookup for ${config.username}`)
  return apiBaseOf(zone.url)
}

/** The REST root of a zone URL: doubled slashes removed, `V1.0/` appended unless present. */
export function apiBaseOf(zoneUrl: string): string {
  const url = new URL(zoneUrl)
  let path = url.pathname.replace(/\/{2,}/g, '/')
  if (!path.endsWith('/')) path += '/'
  if (!/\/v1\.0\/$/i.test(path)) path += 'V1.0/'
  url.pathname = path
  url.search = ''
  url.hash = ''
  return url.toString()
}

function parseResponse<Schema extends z.ZodType>(
  schema: Schema,
  data: unknown,
  what: string,
): z.infer<Schema> {
  const parsed = schema.safeParse(data)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const field = issue.path.map(String).join('.') || '(body)'
  throw new Error(`autotask: ${what}: unexpected response: ${field}: ${issue.message}`)
}
