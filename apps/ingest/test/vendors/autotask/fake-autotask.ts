import { HttpResponse, delay, http } from 'msw'
import { API, API_USER, TICKET_FIELDS, ZONE, ZONE_LOOKUP } from './autotask-data.js'

/** A request as the fake tenant saw it. */
export interface SeenRequest {
  method: string
  url: string
  headers: Record<string, string>
  body: unknown
}

interface Filter {
  op: string
  field: string
  value: unknown
}

// Autotask wants filter times as `yyyy-mm-ddThh:mm:ss.msZ`.
const FILTER_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/

/**
 * An Autotask tenant behind msw: the zone lookup, the ticket picklists, and ticket queries that
 * filter, sort by id and page through `pageDetails.nextPageUrl`, which must be POSTed with the
 * query's body (a GET gets 405, as from Autotask). It checks the API user's headers on every
 * call and measures how many requests are in flight at once.
 */
export class FakeAutotask {
  tickets: Array<Record<string, unknown>> = []
  readonly seen: SeenRequest[] = []
  /** How long each API call takes, so concurrent calls overlap. */
  latencyMs = 0
  inFlight = 0
  maxInFlight = 0

  constructor(tickets: Array<Record<string, unknown>> = []) {
    this.tickets = tickets
  }

  /** The requests to one path of the API (or the zone lookup), in order. */
  requestsTo(path: string, method?: string): SeenRequest[] {
    return this.seen.filter(
      (request) =>
        new URL(request.url).pathname.endsWith(path) && (!method || request.method === method),
    )
  }

  handlers() {
    return [
      http.get(ZONE_LOOKUP, ({ request }) => {
        this.note(request, undefined)
        const user = new URL(request.url).searchParams.get('user')
        if (user !== API_USER.username) {
          return HttpResponse.json({ errors: ['Invalid user'] }, { status: 500 })
        }
        return HttpResponse.json(ZONE)
      }),
      http.get(`${API}Tickets/entityInformation/fields`, ({ request }) =>
        this.api(request, undefined, () => HttpResponse.json(TICKET_FIELDS)),
      ),
      http.post(`${API}Tickets/query/count`, async ({ request }) => {
        const body = await request.json()
        return this.api(request, body, () =>
          HttpResponse.json({ queryCount: this.matching(body).length }),
        )
      }),
      http.post(`${API}Tickets/query`, async ({ request }) => {
        const body = await request.json()
        return this.api(request, body, () => this.page(body, undefined))
      }),
      http.post(`${API}Tickets/query/next`, async ({ request }) => {
        const body = await request.text().then((text) => (text ? JSON.parse(text) : undefined))
        return this.api(request, body, () => {
          const paging = JSON.parse(new URL(request.url).searchParams.get('paging') ?? '{}')
          return this.page(body, paging.nextIds?.[0])
        })
      }),
      http.get(`${API}Tickets/query/next`, ({ request }) => {
        this.note(request, undefined)
        return new HttpResponse(null, { status: 405, statusText: 'Method Not Allowed' })
      }),
      http.get(`${API}Tickets/:id`, ({ request, params }) =>
        this.api(request, undefined, () =>
          HttpResponse.json({
            item: this.tickets.find((ticket) => String(ticket.id) === params.id) ?? null,
          }),
        ),
      ),
    ]
  }

  private note(request: Request, body: unknown): void {
    this.seen.push({
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers.entries()),
      body,
    })
  }

  private async api(request: Request, body: unknown, answer: () => Response): Promise<Response> {
    this.note(request, body)
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    try {
      if (this.latencyMs > 0) await delay(this.latencyMs)
      const headers = request.headers
      if (
        headers.get('ApiIntegrationCode') !== API_USER.integrationCode ||
        headers.get('UserName') !== API_USER.username ||
        headers.get('Secret') !== API_USER.secret
      ) {
        return new HttpResponse(null, { status: 401, statusText: 'Unauthorized' })
      }
      return answer()
    } finally {
      this.inFlight--
    }
  }

  private page(body: unknown, fromId: number | undefined): Response {
    const query = body as { MaxRecords?: number; filter?: Filter[] } | undefined
    if (!query?.filter) {
      return HttpResponse.json({ errors: ['A filter is required.'] }, { status: 500 })
    }
    const bad = query.filter.find(
      (item) => item.field === 'lastActivityDate' && !FILTER_TIME.test(String(item.value)),
    )
    if (bad) {
      return HttpResponse.json(
        { errors: [`Unable to convert ${String(bad.value)} to a date.`] },
        { status: 500 },
      )
    }
    const size = Math.min(query.MaxRecords ?? 500, 500)
    const all = this.matching(query).filter(
      (ticket) => fromId === undefined || idOf(ticket) >= fromId,
    )
    const items = all.slice(0, size)
    const next = all[size]
    const paging = { pageSize: size, previousIds: [-1], nextIds: next ? [idOf(next)] : [] }
    return HttpResponse.json({
      items,
      pageDetails: {
        count: items.length,
        requestCount: size,
        prevPageUrl: null,
        nextPageUrl: next
          ? `${API}Tickets/query/next?paging=${encodeURIComponent(JSON.stringify(paging))}`
          : null,
      },
    })
  }

  private matching(body: unknown): Array<Record<string, unknown>> {
    const filters = (body as { filter?: Filter[] } | undefined)?.filter ?? []
    return this.tickets
      .filter((ticket) => filters.every((filter) => matches(ticket, filter)))
      .sort((a, b) => idOf(a) - idOf(b))
  }
}

function idOf(ticket: Record<string, unknown>): number {
  return typeof ticket.id === 'number' ? ticket.id : Number.MAX_SAFE_INTEGER
}

function matches(ticket: Record<string, unknown>, { op, field, value }: Filter): boolean {
  const actual = ticket[field]
  const compare = (a: unknown, b: unknown) =>
    field.toLowerCase().includes('date')
      ? Date.parse(String(a)) - Date.parse(String(b))
      : Number(a) - Number(b)
  switch (op) {
    case 'gte':
      return actual !== null && actual !== undefined && compare(actual, value) >= 0
    case 'gt':
      return actual !== null && actual !== undefined && compare(actual, value) > 0
    case 'in':
      return Array.isArray(value) && value.includes(actual)
    case 'eq':
      return actual === value
    default:
      throw new Error(`the fake does not know the filter op '${op}'`)
  }
}
