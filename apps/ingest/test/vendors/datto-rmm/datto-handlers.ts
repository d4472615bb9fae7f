import { HttpResponse, http } from 'msw'
import type { RequestHandler } from 'msw'

export const DATTO_BASE = 'https://merlot-api.centrastage.net'
export const DATTO_KEY = { apiKey: 'DATTO-API-KEY-1', apiSecret: 'datto-api-secret-1' }
const PUBLIC_CLIENT = `Basic ${Buffer.from('public-client:public').toString('base64')}`
/** The account's page ceiling (`GET /api/v2/system/pagination` answers `{ max: 250 }`). */
const ACCOUNT_MAX = 250

type Json = Record<string, unknown>

/** A request the fake Datto saw: what a test asserts we sent. */
export interface SeenRequest {
  method: string
  path: string
  params: Record<string, string>
  authorization: string | null
  body?: Record<string, string>
}

/**
 * A Datto RMM account behind msw: the password grant under the public client, and the device
 * list paged by `max` and `page`, each page linking the next by `pageDetails.nextPageUrl`, which
 * (as the real one does) drops the filter parameters.
 */
export class FakeDattoRmm {
  devices: Json[] = []
  readonly requests: SeenRequest[] = []
  tokensIssued = 0
  /** The number of the first page: 0 as public scripts assume, or 1. */
  firstPage = 0
  /** Device filters by id, as configured in the Datto portal. */
  filters = new Map<number, (device: Json) => boolean>()
  private validTokens = new Set<string>()

  constructor(readonly base = DATTO_BASE) {}

  expireTokens(): void {
    this.validTokens.clear()
  }

  seen(path: string): SeenRequest[] {
    return this.requests.filter((request) => request.path === path)
  }

  handlers(): RequestHandler[] {
    return [
      http.post(`${this.base}/auth/oauth/token`, async ({ request }) => {
        const body = Object.fromEntries(new URLSearchParams(await request.text()))
        this.note(request, body)
        if (request.headers.get('Authorization') !== PUBLIC_CLIENT) {
          return HttpResponse.json({ error: 'unauthorized' }, { status: 401 })
        }
        const known =
          body.grant_type === 'password' &&
          body.username === DATTO_KEY.apiKey &&
          body.password === DATTO_KEY.apiSecret
        if (!known) {
          return HttpResponse.json(
            { error: 'invalid_grant', error_description: 'Bad credentials' },
            { status: 400 },
          )
        }
        const token = `datto-token-${++this.tokensIssued}`
        this.validTokens.add(token)
        return HttpResponse.json({
          access_token: token,
          token_type: 'bearer',
          expires_in: 359_999,
          scope: 'default',
          jti: `jti-${this.tokensIssued}`,
        })
      }),
      http.get(`${this.base}/api/v2/account/devices`, ({ request }) => {
        this.note(request)
        const token = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')?.[1]
        if (!token || !this.validTokens.has(token)) {
          return HttpResponse.json({ error: 'invalid_token' }, { status: 401 })
        }
        const params = new URL(request.url).searchParams
        const max = Math.min(Number(params.get('max') ?? 50), ACCOUNT_MAX)
        const page = Number(params.get('page') ?? this.firstPage)
        const filterId = params.get('filterId')
        const filter = filterId === null ? undefined : this.filters.get(Number(filterId))
        if (filterId !== null && !filter) {
          return HttpResponse.json({ message: 'filter not found' }, { status: 404 })
        }
        const all = filter ? this.devices.filter(filter) : this.devices
        const index = page - this.firstPage
        const devices = index < 0 ? [] : all.slice(index * max, (index + 1) * max)
        const more = (index + 1) * max < all.length
        const link = (number: number) =>
          `${this.base}/api/v2/account/devices?max=${max}&page=${number}`
        return HttpResponse.json({
          pageDetails: {
            count: devices.length,
            totalCount: all.length,
            prevPageUrl: index > 0 ? link(page - 1) : null,
            nextPageUrl: more ? link(page + 1) : null,
          },
          devices,
        })
      }),
    ]
  }

  private note(request: Request, body?: Record<string, string>): void {
    const url = new URL(request.url)
    this.requests.push({
      method: request.method,
      path: url.pathname,
      params: Object.fromEntries(url.searchParams),
      authorization: request.headers.get('Authorization'),
      ...(body && { body }),
    })
  }
}
