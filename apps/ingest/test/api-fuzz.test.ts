import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mulberry32 } from '../src/demo/random.js'
import { startIdentityProvider } from './auth/identity-provider.js'
import { startTestService } from './service.js'
import type { Random } from '../src/demo/random.js'
import type { TestService } from './service.js'

// Every endpoint of the OpenAPI document gets malformed, oversized and hostile input, as an
// owner and as nobody: never a 5xx, and nothing stored by a request that was refused.

const CASES_PER_ROUTE = 150
const score = await readFile(new URL('./scores/small.score.yaml', import.meta.url), 'utf8')

const HOSTILE_STRINGS = [
  '',
  ' ',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  "'; drop table beats; --",
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '{{7*7}}',
  '${jndi:ldap://x}',
  'é'.repeat(300),
  'x'.repeat(70_000),
  '1e309',
  '-1',
  '9'.repeat(40),
  'NaN',
  'null',
  '2026-13-45T99:99:99Z',
]

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** A JSON value of a random shape: wrong types, deep nesting, prototype keys, huge arrays. */
function hostileValue(random: Random, depth = 0): unknown {
  const kind = Math.floor(random() * (depth > 3 ? 6 : 9))
  switch (kind) {
    case 0:
      return pick(random, HOSTILE_STRINGS)
    case 1:
      return pick(random, [0, -1, 1.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2])
    case 2:
      return pick(random, [true, false, null])
    case 3:
      return 'ok'
    case 4:
      return Math.floor(random() * 2e12)
    case 5:
      return []
    case 6:
      return Array.from({ length: Math.floor(random() * 5) }, () => hostileValue(random, depth + 1))
    case 7: {
      const object: Record<string, unknown> = {}
      for (const key of [
        'ok',
        'at',
        'email',
        'password',
        'name',
        'role',
        'teams',
        'kind',
        'disabled',
      ]) {
        if (random() < 0.5) object[key] = hostileValue(random, depth + 1)
      }
      return object
    }
    default:
      return JSON.parse(
        `{"__proto__": {"admin": true}, "constructor": {"prototype": {"x": 1}}, "nested": ${'['.repeat(50)}${']'.repeat(50)}}`,
      )
  }
}

function hostileBody(random: Random): { body: string; type: string } {
  const choice = random()
  if (choice < 0.6) return { body: JSON.stringify(hostileValue(random)), type: 'application/json' }
  if (choice < 0.7) return { body: '{"ok": tru', type: 'application/json' }
  if (choice < 0.8) return { body: '\u0000\u0001\u0002', type: 'application/json' }
  if (choice < 0.9) return { body: 'a=1&b=2', type: 'application/x-www-form-urlencoded' }
  return { body: JSON.stringify({ filler: 'y'.repeat(2_000_000) }), type: 'application/json' }
}

/** Percent-encoded; text that has no UTF-8 form (a lone surrogate) becomes bytes that are no UTF-8. */
function encodePart(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return '%ED%A0%80%FF'
  }
}

/** A path of a route template with its parameters filled with hostile text. */
function hostilePath(random: Random, template: string): string {
  const path = template.replace(/\{[^}]+\}/g, () =>
    encodePart(pick(random, [...HOSTILE_STRINGS.filter(Boolean), 'acme-qbr', '2026-11'])),
  )
  if (random() < 0.5) return path
  const key = pick(random, [
    'limit',
    'offset',
    'layer',
    'team',
    'state',
    'tz',
    'format',
    'after',
    'before',
    'trend',
  ])
  return `${path}?${key}=${encodePart(pick(random, HOSTILE_STRINGS))}`
}

describe('hostile input to every endpoint', () => {
  let service: TestService
  let provider: Awaited<ReturnType<typeof startIdentityProvider>>
  const counts = async () => {
    const { db } = service.runtime.deps
    const count = async (table: 'accounts' | 'access_tokens' | 'beats' | 'sessions') =>
      Number(
        (await db.selectFrom(table).select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
      )
    return {
      accounts: await count('accounts'),
      access_tokens: await count('access_tokens'),
      beats: await count('beats'),
      sessions: await count('sessions'),
    }
  }
  beforeAll(async () => {
    // Single sign-on configured, so its two public routes run their real code on the input.
    provider = await startIdentityProvider({
      clientId: 'fuzz',
      clientSecret: 'fuzz secret',
      redirectUris: ['http://127.0.0.1:3000/login/sso/callback'],
    })
    service = await startTestService('pglite', {
      score,
      env: {
        BATON_OIDC_ISSUER: provider.issuer,
        BATON_OIDC_CLIENT_ID: 'fuzz',
        BATON_OIDC_CLIENT_SECRET: 'fuzz secret',
      },
    })
  })
  afterAll(async () => {
    await service?.close()
    await provider?.close()
  })

  it(`answers ${CASES_PER_ROUTE} cases per route without a 5xx, storing only what it accepted`, async () => {
    const doc = (await (await service.app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => ({ method: method.toUpperCase(), path })),
    )
    const random = mulberry32(20261125)
    const before = await counts()
    const created = { accounts: 0, access_tokens: 0, beats: 0, sessions: 0 }
    const failures: string[] = []
    let cases = 0
    for (const route of routes) {
      for (let i = 0; i < CASES_PER_ROUTE; i++) {
        const path = hostilePath(random, route.path)
        const headers = new Headers()
        const who = random()
        if (who < 0.6) headers.set('authorization', `Bearer ${service.ownerToken}`)
        else if (who < 0.8)
          headers.set(
            'authorization',
            pick(random, ['Bearer ', 'Bearer bs_x', 'Basic Og==', `Bearer ${'a'.repeat(10_000)}`]),
          )
        let body: string | undefined
        if (route.method !== 'GET') {
          const hostile = hostileBody(random)
          body = hostile.body
          headers.set('content-type', hostile.type)
        }
        // Signing out would end the session the other cases use.
        if (route.path === '/v1/auth/logout') headers.delete('authorization')
        const response = await service.app.request(path, {
          method: route.method,
          headers,
          ...(body !== undefined && { body }),
        })
        cases++
        if (response.status >= 500) {
          failures.push(
            `${route.method} ${path.slice(0, 120)} → ${response.status}: ${(await response.text()).slice(0, 200)}`,
          )
        } else if (route.path === '/v1/stream' && response.status === 200) {
          await response.body?.cancel()
        } else {
          await response.arrayBuffer()
        }
        if (response.status === 201 && route.path === '/v1/accounts') created.accounts++
        if (response.status === 201 && route.path === '/v1/tokens') created.access_tokens++
        if (response.status === 201 && route.path === '/v1/beats/{rhythm}') created.beats++
        if (response.status === 200 && route.path === '/v1/auth/login') created.sessions++
      }
    }
    console.log(`api fuzz: ${cases} cases over ${routes.length} routes, ${failures.length} 5xx`)
    expect(failures).toEqual([])
    expect(cases).toBeGreaterThanOrEqual(3000)
    const after = await counts()
    expect(after).toEqual({
      accounts: before.accounts + created.accounts,
      access_tokens: before.access_tokens + created.access_tokens,
      beats: before.beats + created.beats,
      sessions: before.sessions + created.sessions,
    })
  }, 300_000)
})
