import { HttpResponse, http } from 'msw'
import { callbackSignature } from '../../../src/connectors/connectwise/connectwise-callback.js'
import type { ScoreIntegration } from '../../../src/score/score-types.js'

// A ConnectWise PSA tenant for msw: company info, tickets paged with `Link` headers (ConnectWise's
// own double slash included), `conditions` on lastUpdated and board, Basic auth with clientId,
// and the callback signing key. Faults are added per test with `server.use(...)`.

export const CW_HOST = 'api-na.myconnectwise.net'
export const CW_CODEBASE = 'v2025_1'
export const CW_API = `https://${CW_HOST}/${CW_CODEBASE}/apis/3.0`
export const CW_KEY_URL = `https://na.myconnectwise.net/${CW_CODEBASE}//system/callbackkey/index.rails?companyName=baton&id=89966c04-9889-46ad-8d5e-421103aca922`
export const CW_SIGNING_KEY = 'f5a1c0de-callback-signing-key'

export const CW_ENV = { CW_PUBLIC_KEY: 'Pub1icKey', CW_PRIVATE_KEY: 'Pr1vateKey' }
export const CW_BASIC = `Basic ${Buffer.from('baton+Pub1icKey:Pr1vateKey').toString('base64')}`
export const CW_CLIENT_ID = '3040b6af-ac90-42e6-932d-9178fc76f128'

/** An integration as the score would declare it, with overrides for its settings. */
export function connectWiseIntegration(
  settings: Record<string, unknown> = {},
  organisations: Record<string, string> = { '250': 'acme', Globex: 'globex' },
): ScoreIntegration {
  return {
    id: 'cw',
    vendor: 'connectwise',
    schedule: '*/5 * * * *',
    freshnessMs: 3_600_000,
    organisations,
    settings: {
      host: CW_HOST,
      companyId: 'baton',
      publicKey: { env: 'CW_PUBLIC_KEY' },
      privateKey: { env: 'CW_PRIVATE_KEY' },
      clientId: CW_CLIENT_ID,
      ...settings,
    },
  }
}

export interface SeenRequest {
  method: string
  url: URL
  headers: Headers
}

export interface ConnectWiseTenant {
  /** The tenant's tickets; tests may change them between syncs. */
  tickets: Array<Record<string, unknown>>
  /** Every request the tenant answered, in order. */
  requests: SeenRequest[]
  handlers: ReturnType<typeof http.get>[]
  /** A callback body as ConnectWise would post it, and its `x-content-signature`. */
  callback(
    ticket: Record<string, unknown> | undefined,
    fields?: Record<string, unknown>,
  ): { body: string; signature: string }
}

export function connectWiseTenant({
  tickets = [],
  ignoreOrder = false,
}: {
  tickets?: Array<Record<string, unknown>>
  /** Return tickets in stored order whatever `orderBy` asks, as a misbehaving server might. */
  ignoreOrder?: boolean
} = {}): ConnectWiseTenant {
  const requests: SeenRequest[] = []
  const tenant: ConnectWiseTenant = {
    tickets,
    requests,
    handlers: [],
    callback(ticket, fields = {}) {
      const body = JSON.stringify({
        MessageId: 'cb67323f-43ba-4ef6-b471-6bb90e62ab6a',
        FromUrl: 'na.myconnectwise.net',
        CompanyId: 'baton',
        MemberId: 'kmorgan',
        Action: 'updated',
        Type: 'ticket',
        ID: ticket?.['id'] ?? 0,
        ProductInstanceId: '639c96cab2eb560001dd1324',
        PartnerId: '61ddc2817bcddc0001c74208',
        Entity: ticket === undefined ? null : JSON.stringify(ticket),
        Metadata: { key_url: CW_KEY_URL },
        CallbackObjectRecId: 26567,
        ...fields,
      })
      return { body, signature: callbackSignature(body, CW_SIGNING_KEY) }
    },
  }
  const seen = (request: Request) => {
    requests.push({ method: request.method, url: new URL(request.url), headers: request.headers })
  }
  const authorised = (request: Request) =>
    request.headers.get('authorization') === CW_BASIC &&
    request.headers.get('clientid') === CW_CLIENT_ID

  tenant.handlers = [
    http.get(`https://${CW_HOST}/login/companyinfo/:company`, ({ request, params }) => {
      seen(request)
      return HttpResponse.json({
        CompanyName: params['company'],
        Codebase: `${CW_CODEBASE}/`,
        VersionCode: 'v2025.1',
        VersionNumber: 'v4.6.94521',
        CompanyID: params['company'],
        IsCloud: true,
        SiteUrl: 'na.myconnectwise.net',
      })
    }),
    http.get(
      `https://na.myconnectwise.net/${CW_CODEBASE}//system/callbackkey/index.rails`,
      ({ request }) => {
        seen(request)
        if (request.headers.get('clientid') !== CW_CLIENT_ID) return unauthorised()
        return HttpResponse.json({ signing_key: CW_SIGNING_KEY })
      },
    ),
    http.get(`${CW_API}/service/tickets/count`, ({ request }) => {
      seen(request)
      if (!authorised(request)) return unauthorised()
      const conditions = new URL(request.url).searchParams.get('conditions') ?? ''
      return HttpResponse.json({ count: select(tenant.tickets, conditions).length })
    }),
    http.get(`${CW_API}/service/tickets/:id`, ({ request, params }) => {
      seen(request)
      if (!authorised(request)) return unauthorised()
      const ticket = tenant.tickets.find((t) => String(t['id']) === params['id'])
      return ticket
        ? HttpResponse.json(ticket)
        : HttpResponse.json({ code: 'NotFound', message: 'Ticket not found' }, { status: 404 })
    }),
    http.get(`${CW_API}/service/tickets`, ({ request }) => {
      seen(request)
      if (!authorised(request)) return unauthorised()
      const url = new URL(request.url)
      const query = url.searchParams
      const pageSize = Math.min(Number(query.get('pageSize') ?? 25), 1000)
      const page = Number(query.get('page') ?? 1)
      let found = select(tenant.tickets, query.get('conditions') ?? '')
      if (!ignoreOrder && query.get('orderBy') === 'lastUpdated asc, id asc') {
        found = [...found].sort(
          (a, b) =>
            lastUpdated(a).localeCompare(lastUpdated(b)) || Number(a['id']) - Number(b['id']),
        )
      }
      const pages = Math.max(1, Math.ceil(found.length / pageSize))
      const body = found.slice((page - 1) * pageSize, page * pageSize)
      return HttpResponse.json(body, { headers: { Link: linkHeader(query, page, pages) } })
    }),
  ]
  return tenant
}

function unauthorised() {
  return HttpResponse.json(
    { code: 'Unauthorized', message: 'Authentication failed: invalid credentials or clientId' },
    { status: 401 },
  )
}

/** ConnectWise's navigable paging: first/prev/next/last, each with every query parameter. */
function linkHeader(query: URLSearchParams, page: number, pages: number): string {
  const at = (n: number) => {
    const params = new URLSearchParams(query)
    params.set('page', String(n))
    return `${CW_API}//service/tickets?${params.toString()}`
  }
  const links: string[] = []
  if (page > 1) links.push(`<${at(1)}>; rel="first"`, `<${at(page - 1)}>; rel="prev"`)
  if (page < pages) links.push(`<${at(page + 1)}>; rel="next"`, `<${at(pages)}>; rel="last"`)
  return links.join(', ')
}

function lastUpdated(ticket: Record<string, unknown>): string {
  const info = ticket['_info'] as { lastUpdated?: string } | undefined
  return info?.lastUpdated ?? ''
}

/** The tickets `conditions` selects: `lastUpdated>=[…]` and `board/name in (…)` are understood. */
function select(
  tickets: Array<Record<string, unknown>>,
  conditions: string,
): Array<Record<string, unknown>> {
  const since = /lastUpdated\s*>=\s*\[([^\]]+)\]/i.exec(conditions)?.[1]
  const boards = /board\/name\s+in\s+\(([^)]*)\)/i
    .exec(conditions)?.[1]
    ?.split(',')
    .map((name) => name.trim().replace(/^"|"$/g, ''))
  return tickets.filter((ticket) => {
    if (since !== undefined && Date.parse(lastUpdated(ticket)) < Date.parse(since)) return false
    const board = (ticket['board'] as { name?: string } | undefined)?.name
    return boards === undefined || boards.includes(board ?? '')
  })
}
