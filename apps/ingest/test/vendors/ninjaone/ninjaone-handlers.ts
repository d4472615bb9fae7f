import { HttpResponse, http } from 'msw'
import type { RequestHandler } from 'msw'

export const NINJA_BASE = 'https://eu.ninjarmm.com'
export const NINJA_CLIENT = { id: 'ninja-client-id', secret: 'ninja-client-secret' }
/** The spec's ceiling, and its default when no pageSize is sent. */
const MAX_PAGE_SIZE = 10_000

type Json = Record<string, unknown>

/** A request the fake NinjaOne saw: what a test asserts we sent. */
export interface SeenRequest {
  method: string
  path: string
  params: Record<string, string>
  authorization: string | null
  body?: Record<string, string>
}

/**
 * A NinjaOne tenant behind msw: OAuth2 client credentials, `/v2/devices` keyset paging, and the
 * query endpoints' cursor paging (`{ cursor: { name, offset, count, expires }, results }`, the
 * next page asked for by `?cursor={name}`). Records are served in the order given.
 */
export class FakeNinjaOne {
  devices: Json[] = []
  backupJobs: Json[] = []
  patchInstalls: Json[] = []
  readonly requests: SeenRequest[] = []
  tokensIssued = 0
  /** Seconds; what the token endpoint says a token lasts. */
  tokenLifetimeS = 3_600
  private validTokens = new Set<string>()
  private cursors = new Map<string, { items: Json[]; offset: number }>()

  constructor(readonly base = NINJA_BASE) {}

  /** Every token issued so far stops working, as when one expires early. */
  expireTokens(): void {
    this.validTokens.clear()
  }

  seen(path: string): SeenRequest[] {
    return this.requests.filter((request) => request.path === path)
  }

  handlers(): RequestHandler[] {
    return [
      http.post(`${this.base}/ws/oauth/token`, async ({ request }) => {
        const body = Object.fromEntries(new URLSearchParams(await request.text()))
        this.note(request, body)
        const known =
          body.grant_type === 'client_credentials' &&
          body.client_id === NINJA_CLIENT.id &&
          body.client_secret === NINJA_CLIENT.secret
        if (!known) return HttpResponse.json({ error: 'invalid_client' }, { status: 401 })
        const token = `ninja-token-${++this.tokensIssued}`
        this.validTokens.add(token)
        return HttpResponse.json({
          access_token: token,
          token_type: 'Bearer',
          expires_in: this.tokenLifetimeS,
          scope: body.scope,
        })
      }),
      http.get(`${this.base}/v2/devices`, ({ request }) => {
        const denied = this.authorize(request)
        if (denied) return denied
        const params = new URL(request.url).searchParams
        const after = Number(params.get('after') ?? -1)
        const pageSize = this.pageSize(params)
        const page = [...this.devices]
          .sort((a, b) => Number(a.id) - Number(b.id))
          .filter((device) => Number(device.id) > after)
          .slice(0, pageSize)
        return HttpResponse.json(page)
      }),
      http.get(`${this.base}/v2/device/:id`, ({ request, params }) => {
        const denied = this.authorize(request)
        if (denied) return denied
        const device = this.devices.find((item) => String(item.id) === params.id)
        return device
          ? HttpResponse.json(device)
          : HttpResponse.json({ resultCode: 'NOT_FOUND' }, { status: 404 })
      }),
      http.get(`${this.base}/v2/backup/jobs`, ({ request }) => {
        const denied = this.authorize(request)
        if (denied) return denied
        return this.query(request, (params) => {
          const filter = /^startTime after (.+)$/.exec(params.get('stf') ?? '')
          if (!filter) return undefined
          const after = Date.parse(filter[1]!)
          if (Number.isNaN(after)) return undefined
          return this.backupJobs.filter((job) => isAfter(job.jobStartTime, after))
        })
      }),
      http.get(`${this.base}/v2/queries/os-patch-installs`, ({ request }) => {
        const denied = this.authorize(request)
        if (denied) return denied
        return this.query(request, (params) => {
          const text = params.get('installedAfter')
          if (text === null) return this.patchInstalls
          const after = /^\d+$/.test(text) ? Number(text) * 1000 : Date.parse(text)
          if (Number.isNaN(after)) return undefined
          return this.patchInstalls.filter((install) => isAfter(install.installedAt, after))
        })
      }),
    ]
  }

  /** The query endpoints: a new query opens a cursor; `?cursor=` reads its next page. */
  private query(request: Request, select: (params: URLSearchParams) => Json[] | undefined) {
    const params = new URL(request.url).searchParams
    const pageSize = this.pageSize(params)
    const name = params.get('cursor')
    let state: { items: Json[]; offset: number } | undefined
    if (name !== null) {
      state = this.cursors.get(name)
      if (!state) return HttpResponse.json({ resultCode: 'INVALID_CURSOR' }, { status: 400 })
    } else {
      const items = select(params)
      if (!items) return HttpResponse.json({ resultCode: 'INVALID_FILTER' }, { status: 400 })
      state = { items, offset: 0 }
    }
    const cursorName = name ?? `cursor-${this.cursors.size + 1}`
    const results = state.items.slice(state.offset, state.offset + pageSize)
    const offset = state.offset
    this.cursors.set(cursorName, { items: state.items, offset: offset + results.length })
    return HttpResponse.json({
      cursor: {
        name: cursorName,
        offset,
        count: results.length,
        expires: Math.floor(Date.now() / 1000) + 600,
      },
      results,
    })
  }

  private pageSize(params: URLSearchParams): number {
    return Math.min(Number(params.get('pageSize') ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE)
  }

  private authorize(request: Request): Response | undefined {
    this.note(request)
    const token = /^Bearer (.+)$/.exec(request.headers.get('Authorization') ?? '')?.[1]
    if (token && this.validTokens.has(token)) return undefined
    return HttpResponse.json({ error: 'invalid_token' }, { status: 401 })
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

/** Epoch seconds after `after` (ms); a record without a readable time passes, to test with. */
function isAfter(seconds: unknown, after: number): boolean {
  return typeof seconds !== 'number' || seconds * 1000 > after
}
