import { HttpResponse, http } from 'msw'
import { parseVendorTime } from '../../../src/connectors/vendor-time.js'
import { HALO_PRIORITIES, HALO_STATUSES, HALO_TICKET_TYPES } from './halopsa-tickets.js'
import type { ScoreIntegration } from '../../../src/score/score-types.js'

// A HaloPSA instance for msw: the client-credentials token endpoint, tickets paged by page_no
// with record_count, the lastupdatefromdate filter read in the instance's zone, the lookups,
// and bearer-token checks (tokens can be revoked to force a refresh). Faults are added per test.

export const HALO_BASE = 'https://acme.halopsa.com'
export const HALO_API = `${HALO_BASE}/api`
export const HALO_CLIENT_ID = 'b1f4a7c2-baton-ingest'
export const HALO_SECRET = 'halo-client-secret-value'
export const HALO_WEBHOOK_SECRET = 'whsec-0c1b2a39'
export const HALO_ENV = { HALO_SECRET, HALO_WEBHOOK_SECRET }

export function haloIntegration(
  settings: Record<string, unknown> = {},
  organisations: Record<string, string> = { '12': 'acme', Globex: 'globex' },
): ScoreIntegration {
  return {
    id: 'halo',
    vendor: 'halopsa',
    schedule: '*/5 * * * *',
    freshnessMs: 3_600_000,
    organisations,
    settings: {
      baseUrl: HALO_BASE,
      clientId: HALO_CLIENT_ID,
      clientSecret: { env: 'HALO_SECRET' },
      webhookSecret: { env: 'HALO_WEBHOOK_SECRET' },
      ...settings,
    },
  }
}

export interface SeenRequest {
  method: string
  url: URL
  headers: Headers
  /** Form fields of a token request. */
  form?: URLSearchParams
}

export interface HaloTenant {
  tickets: Array<Record<string, unknown>>
  requests: SeenRequest[]
  handlers: Array<ReturnType<typeof http.get>>
  /** Tokens issued so far stop working, as when Halo restarts or the app's secret rotates. */
  revokeTokens(): void
  tokenRequests(): SeenRequest[]
  ticketRequests(): SeenRequest[]
}

export function haloTenant({
  tickets = [],
  zone = 'UTC',
  maxPageSize = 1000,
  expiresIn = 3600,
  authUrl = `${HALO_BASE}/auth`,
}: {
  tickets?: Array<Record<string, unknown>>
  /** The instance's zone: offset-less filter times are read in it. */
  zone?: string
  /** Halo answers at most this many per page, whatever page_size asks. */
  maxPageSize?: number
  expiresIn?: number
  /** Where the authorisation server answers. */
  authUrl?: string
} = {}): HaloTenant {
  const requests: SeenRequest[] = []
  const valid = new Set<string>()
  let issued = 0
  const seen = (request: Request, form?: URLSearchParams) => {
    const entry: SeenRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: request.headers,
    }
    if (form) entry.form = form
    requests.push(entry)
  }
  const authorised = (request: Request) =>
    valid.has(request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '')
  const unauthorised = () =>
    HttpResponse.json({ ClassName: 'UnauthorizedAccessException' }, { status: 401 })
  const lookup = (path: string, entries: unknown[]) =>
    http.get(`${HALO_API}/${path}`, ({ request }) => {
      seen(request)
      return authorised(request) ? HttpResponse.json(entries) : unauthorised()
    })

  const tenant: HaloTenant = {
    tickets,
    requests,
    handlers: [],
    revokeTokens: () => valid.clear(),
    tokenRequests: () => requests.filter((request) => request.url.pathname.endsWith('/token')),
    ticketRequests: () => requests.filter((request) => request.url.pathname === '/api/Tickets'),
  }
  tenant.handlers = [
    http.post(`${authUrl}/token`, async ({ request }) => {
      const form = new URLSearchParams(await request.text())
      seen(request, form)
      const good =
        request.headers.get('content-type')?.startsWith('application/x-www-form-urlencoded') &&
        form.get('grant_type') === 'client_credentials' &&
        form.get('client_id') === HALO_CLIENT_ID &&
        form.get('client_secret') === HALO_SECRET
      if (!good) return HttpResponse.json({ error: 'invalid_client' }, { status: 401 })
      const token = `halo-token-${++issued}`
      valid.add(token)
      return HttpResponse.json({
        access_token: token,
        token_type: 'Bearer',
        expires_in: expiresIn,
        scope: form.get('scope'),
      })
    }),
    lookup('Status', HALO_STATUSES),
    lookup('Priority', HALO_PRIORITIES),
    lookup('TicketType', HALO_TICKET_TYPES),
    http.get(`${HALO_API}/Tickets/:id`, ({ request, params }) => {
      seen(request)
      if (!authorised(request)) return unauthorised()
      const ticket = tenant.tickets.find((t) => String(t['id']) === params['id'])
      return ticket ? HttpResponse.json(ticket) : new HttpResponse(null, { status: 404 })
    }),
    http.get(`${HALO_API}/Tickets`, ({ request }) => {
      seen(request)
      if (!authorised(request)) return unauthorised()
      const query = new URL(request.url).searchParams
      const from = query.get('lastupdatefromdate')
      const since = from === null ? null : parseVendorTime(from, zone)
      let found = tenant.tickets.filter(
        (ticket) => since === null || updatedAt(ticket, zone) >= since,
      )
      if (query.get('order') === 'lastupdate' && query.get('orderdesc') !== 'true') {
        found = [...found].sort(
          (a, b) => updatedAt(a, zone) - updatedAt(b, zone) || Number(a['id']) - Number(b['id']),
        )
      }
      if (query.get('pageinate') !== 'true')
        return HttpResponse.json({ tickets: found.slice(0, 50) })
      const size = Math.min(Number(query.get('page_size') ?? 50), maxPageSize)
      const page = Number(query.get('page_no') ?? 1)
      return HttpResponse.json({
        page_no: page,
        page_size: size,
        record_count: found.length,
        tickets: found.slice((page - 1) * size, page * size),
      })
    }),
  ]
  return tenant
}

function updatedAt(ticket: Record<string, unknown>, zone: string): number {
  return parseVendorTime(ticket['lastupdate'], zone) ?? 0
}
