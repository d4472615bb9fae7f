import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAccessToken } from '../auth/access-tokens.js'
import { createAccount } from '../auth/accounts.js'
import { createSession } from '../auth/sessions.js'
import { DRIVERS } from '../../test/db.js'
import { readEvents } from '../../test/sse.js'
import { startTestService } from '../../test/service.js'
import type { Role } from '../auth/roles.js'
import type { TestService } from '../../test/service.js'

// Who may reach what: every API route, for every kind of caller. Infrastructure's section
// leader (and its viewer, kiosk and API token) must not reach Account management's rhythms by
// any route: not by guessing an id, nor through a list, summary, export or the event stream.

const NOW = Date.parse('2026-11-24T20:00:00Z')
const SCORE = `version: 1
organisations:
  - { id: acme, name: Acme Dental, tz: UTC }
  - { id: globex, name: Globex Law, tz: UTC }
teams:
  - { id: infrastructure, name: Infrastructure }
  - { id: account-management, name: Account management }
rhythms:
  - id: infra-check
    name: Acme server room check
    layer: measure
    team: infrastructure
    organisation: acme
    cadence: { kind: schedule, cron: '0 9 * * *', grace: 4h }
  - id: am-review
    name: Globex business review
    layer: movement
    team: account-management
    organisation: globex
    cadence: { kind: schedule, cron: '0 9 1 */3 *', grace: 14d }
`

const CALLERS = ['anonymous', 'owner', 'conductor', 'lead', 'viewer', 'kiosk', 'script'] as const
type Caller = (typeof CALLERS)[number]

/** Expected statuses, in CALLERS order. */
type Row = [method: string, path: string, statuses: number[], body?: () => unknown]

const ALL_READ = [401, 200, 200, 200, 200, 200, 200]
const OWNER_ONLY = (ok: number) => [401, ok, 403, 403, 403, 403, 403]

describe.each(DRIVERS)('who may reach what, on %s', (driver) => {
  let service: TestService
  const tokens = {} as Record<Caller, string | undefined>
  let ownerId: string
  let leadId: string
  let spareToken: string

  beforeAll(async () => {
    service = await startTestService(driver, { score: SCORE, now: () => NOW })
    const { db } = service.runtime.deps
    const sessionOf = async (role: Role, teams: string[] = []) => {
      const account = await createAccount(db, {
        email: `${role}@matrix.test`,
        name: role,
        role,
        teams,
      })
      return { id: account.id, token: (await createSession(db, account.id, NOW)).token }
    }
    const owner = await sessionOf('owner')
    const lead = await sessionOf('section-leader', ['infrastructure'])
    ownerId = owner.id
    leadId = lead.id
    tokens.anonymous = undefined
    tokens.owner = owner.token
    tokens.conductor = (await sessionOf('conductor')).token
    tokens.lead = lead.token
    tokens.viewer = (await sessionOf('viewer', ['infrastructure'])).token
    const token = (kind: 'kiosk' | 'api', role: Role, createdBy: string) =>
      createAccessToken(db, { kind, name: kind, role, teams: ['infrastructure'], createdBy })
    tokens.kiosk = (await token('kiosk', 'viewer', ownerId)).token
    tokens.script = (await token('api', 'section-leader', leadId)).token
    spareToken = (await token('kiosk', 'viewer', ownerId)).row.id
    await service.runtime.evaluator.flush()
  })
  afterAll(async () => {
    await service?.close()
  })

  const call = async (caller: Caller, method: string, path: string, body?: unknown) => {
    const headers = new Headers()
    if (tokens[caller]) headers.set('authorization', `Bearer ${tokens[caller]}`)
    if (body !== undefined) headers.set('content-type', 'application/json')
    return service.app.request(path, {
      method,
      headers,
      ...(body !== undefined && { body: JSON.stringify(body) }),
    })
  }

  // Routes whose effect would spoil the rows above run last, each with its own check.
  const LATER = [
    'PATCH /v1/accounts/{id}',
    'DELETE /v1/tokens/{id}',
    'POST /v1/auth/logout',
    'POST /v1/auth/login',
  ]

  let made = 0
  const rows: Row[] = [
    ['GET', '/healthz', [200, 200, 200, 200, 200, 200, 200]],
    ['GET', '/readyz', [200, 200, 200, 200, 200, 200, 200]],
    ['GET', '/openapi.json', [200, 200, 200, 200, 200, 200, 200]],
    ['GET', '/v1/layers', ALL_READ],
    ['GET', '/v1/teams', ALL_READ],
    ['GET', '/v1/teams/infrastructure', ALL_READ],
    ['GET', '/v1/teams/account-management', [401, 200, 200, 404, 404, 404, 404]],
    ['GET', '/v1/organisations', ALL_READ],
    ['GET', '/v1/rhythms', ALL_READ],
    ['GET', '/v1/rhythms/infra-check', ALL_READ],
    ['GET', '/v1/rhythms/am-review', [401, 200, 200, 404, 404, 404, 404]],
    ['GET', '/v1/summary/2026-11', ALL_READ],
    ['GET', '/v1/summary/2026-11?format=csv', ALL_READ],
    ['GET', '/v1/integrations', [401, 200, 200, 403, 403, 403, 403]],
    ['POST', '/v1/beats/infra-check', [401, 201, 201, 201, 403, 403, 201], () => ({})],
    ['POST', '/v1/beats/am-review', [401, 201, 201, 404, 404, 404, 404], () => ({})],
    ['GET', '/v1/stream', ALL_READ],
    ['GET', '/v1/auth/me', ALL_READ],
    ['GET', '/v1/auth/options', [200, 200, 200, 200, 200, 200, 200]],
    // Public, and not configured here (single-sign-on.test.ts signs in through a provider).
    [
      'POST',
      '/v1/auth/sso/start',
      [404, 404, 404, 404, 404, 404, 404],
      () => ({ redirectUri: 'http://127.0.0.1:3000/login/sso/callback' }),
    ],
    [
      'POST',
      '/v1/auth/sso/finish',
      [404, 404, 404, 404, 404, 404, 404],
      () => ({ query: 'state=x' }),
    ],
    ['GET', '/v1/accounts', OWNER_ONLY(200)],
    [
      'POST',
      '/v1/accounts',
      OWNER_ONLY(201),
      () => ({ email: `new${made++}@matrix.test`, name: 'New', role: 'viewer' }),
    ],
    ['GET', '/v1/tokens', [401, 200, 200, 200, 403, 403, 200]],
    [
      'POST',
      '/v1/tokens',
      [401, 201, 201, 201, 403, 403, 201],
      () => ({ kind: 'kiosk', name: `wall ${made++}`, teams: ['infrastructure'] }),
    ],
    ['GET', '/v1/audit', OWNER_ONLY(200)],
    ['GET', '/v1/cues', ALL_READ],
  ]

  it('covers every route of the API', async () => {
    const { paths } = (await (await call('anonymous', 'GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const documented = Object.entries(paths)
      .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
      // The vendors' own signatures guard webhooks: see webhooks.test.ts.
      .filter((route) => !route.includes('/v1/webhooks/'))
      .sort()
    const covered = new Set([
      ...rows.map(([method, path]) => `${method} ${templateOf(path)}`),
      ...LATER,
    ])
    expect(documented.filter((route) => !covered.has(route))).toEqual([])
  })

  for (const [method, path, statuses, body] of rows) {
    it(`${method} ${path}: ${statuses.join(' ')}`, async () => {
      const got: number[] = []
      for (const caller of CALLERS) {
        const response = await call(caller, method, path, body?.())
        got.push(response.status)
        await response.body?.cancel()
      }
      expect(got).toEqual(statuses)
    })
  }

  it('PATCH /v1/accounts/{id} and DELETE /v1/tokens/{id}: owners, and a token’s creator', async () => {
    const patch = await Promise.all(
      CALLERS.map(
        async (caller) =>
          (await call(caller, 'PATCH', `/v1/accounts/${leadId}`, { name: 'Lee' })).status,
      ),
    )
    expect(patch).toEqual(OWNER_ONLY(200))
    const revoke = []
    for (const caller of CALLERS) {
      revoke.push((await call(caller, 'DELETE', `/v1/tokens/${spareToken}`)).status)
    }
    // The owner made it: only the owner finds it; once revoked, revoking again changes nothing.
    expect(revoke).toEqual([401, 204, 404, 404, 403, 403, 404])
  })

  it('shows a section leader only their teams, in every list, summary, export and stream', async () => {
    const json = async (caller: Caller, path: string) => (await call(caller, 'GET', path)).json()
    for (const caller of ['lead', 'viewer', 'kiosk', 'script'] as const) {
      const rhythms = (await json(caller, '/v1/rhythms')) as { rhythms: Array<{ id: string }> }
      expect(rhythms.rhythms.map((r) => r.id)).toEqual(['infra-check'])
      const teams = (await json(caller, '/v1/teams')) as { teams: Array<{ id: string }> }
      expect(teams.teams.map((t) => t.id)).toEqual(['infrastructure'])
      const orgs = (await json(caller, '/v1/organisations')) as {
        organisations: Array<{ id: string }>
      }
      expect(orgs.organisations.map((o) => o.id)).toEqual(['acme'])
      const layers = JSON.stringify(await json(caller, '/v1/layers'))
      expect(layers).not.toMatch(/am-review|Globex/)
      const summary = (await json(caller, '/v1/summary/2026-11')) as {
        teams: Array<{ team: string }>
        organisations: Array<{ organisation: string }>
      }
      expect(summary.teams.map((team) => team.team)).toEqual(['infrastructure'])
      expect(summary.organisations.map((o) => o.organisation)).toEqual(['acme'])
      expect(JSON.stringify(summary)).not.toMatch(/am-review|account-management|Globex/)
      const csv = await (await call(caller, 'GET', '/v1/summary/2026-11?format=csv')).text()
      expect(csv).not.toMatch(/Globex|Account management/)
    }
    const all = (await json('conductor', '/v1/rhythms')) as { rhythms: Array<{ id: string }> }
    expect(all.rhythms.map((r) => r.id).sort()).toEqual(['am-review', 'infra-check'])
  })

  it("streams a section leader's team's beats, and not another team's", async () => {
    const response = await call('lead', 'GET', '/v1/stream')
    setTimeout(() => {
      void call('owner', 'POST', '/v1/beats/am-review', { idempotencyKey: 'other-team' }).then(() =>
        call('owner', 'POST', '/v1/beats/infra-check', { idempotencyKey: 'own-team' }),
      )
    }, 100)
    const events = await readEvents(response, (seen) => seen.some((e) => e.event === 'beat'))
    const beats = events.filter((event) => event.event === 'beat')
    expect(beats.map((event) => JSON.parse(event.data).rhythmId)).toEqual(['infra-check'])
  })

  it('ends a session on sign-out, and refuses sign-in without the right password', async () => {
    const login = await call('anonymous', 'POST', '/v1/auth/login', {
      email: 'owner@matrix.test',
      password: 'x',
    })
    expect(login.status).toBe(401)
    expect((await call('conductor', 'POST', '/v1/auth/logout')).status).toBe(204)
    expect((await call('conductor', 'GET', '/v1/auth/me')).status).toBe(401)
    expect((await call('anonymous', 'POST', '/v1/auth/logout')).status).toBe(401)
  })
})

/** `/v1/teams/infrastructure` → `/v1/teams/{id}`, as the OpenAPI document names it. */
function templateOf(path: string): string {
  const bare = path.split('?')[0]!
  return bare
    .replace(/^\/v1\/teams\/[^/]+$/, '/v1/teams/{id}')
    .replace(/^\/v1\/rhythms\/[^/]+$/, '/v1/rhythms/{id}')
    .replace(/^\/v1\/summary\/[^/]+$/, '/v1/summary/{month}')
    .replace(/^\/v1\/beats\/[^/]+$/, '/v1/beats/{rhythm}')
}
