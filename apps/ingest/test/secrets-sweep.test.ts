import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { createAccount } from '../src/auth/accounts.js'
import { createSession } from '../src/auth/sessions.js'
import { parseConfig } from '../src/config.js'
import { loggerOptions } from '../src/logger.js'
import { secretKeysFrom } from '../src/secrets/secret-box.js'
import { setSecret } from '../src/secrets/secret-store.js'
import { startRuntime } from '../src/service/runtime.js'
import { signInAtProvider, startIdentityProvider } from './auth/identity-provider.js'
import { openTestDatabase } from './db.js'
import {
  CW_API,
  CW_CLIENT_ID,
  CW_ENV,
  CW_HOST,
  connectWiseTenant,
} from './vendors/connectwise/connectwise-tenant.js'
import { makeConnectWiseTicket } from './vendors/connectwise/connectwise-tickets.js'
import type { Runtime } from '../src/service/runtime.js'

// Known credentials go in (one from the environment, one stored encrypted); every route, every
// log line at trace level, the sync's errors and what the database shows of integrations must
// hold none of them, nor the Basic header made from them.

// The keys the test tenant accepts (its Basic header is made from them).
const PUBLIC_KEY = CW_ENV.CW_PUBLIC_KEY
const PRIVATE_KEY = CW_ENV.CW_PRIVATE_KEY
// The single sign-on client secret, stored encrypted; the provider expects another one.
const OIDC_SECRET = 'entra-client-secret-Qx9~sweep'
// A Slack webhook address is a secret itself; nothing answers at this one.
const SLACK_URL = 'http://127.0.0.1:9/services/T0SWEEP/B0SWEEP/sweepSlackSecretPart'
const SECRETS = [
  PUBLIC_KEY,
  PRIVATE_KEY,
  Buffer.from(`baton+${PUBLIC_KEY}:${PRIVATE_KEY}`).toString('base64'),
  OIDC_SECRET,
  encodeURIComponent(OIDC_SECRET),
  SLACK_URL,
  'sweepSlackSecretPart',
]
const CALLBACK = 'http://127.0.0.1:3000/login/sso/callback'

const SCORE = `version: 1
organisations:
  - { id: acme, name: Acme Dental, tz: UTC }
teams:
  - { id: service-desk, name: Service desk }
integrations:
  - id: cw
    vendor: connectwise
    schedule: '0 0 1 1 *'
    organisations: { '250': acme }
    settings:
      host: ${CW_HOST}
      companyId: baton
      clientId: ${CW_CLIENT_ID}
      publicKey: { env: SWEEP_CW_PUBLIC }
      privateKey: { secret: cw-private }
rhythms:
  - id: acme-first-response
    name: Acme first response
    layer: note
    team: service-desk
    organisation: acme
    cadence: { kind: sla, target: 4h }
    source: { kind: tickets, measure: first-response, integration: cw }
channels:
  - id: noc-slack
    kind: slack
    url: { secret: noc-slack-url }
`

const server = setupServer()

describe('credentials appear nowhere', () => {
  let logged = ''
  let runtime: Runtime
  let app: ReturnType<typeof createApp>
  let token: string
  let dir: string
  let provider: Awaited<ReturnType<typeof startIdentityProvider>>
  const seen: string[] = []

  beforeAll(async () => {
    server.listen({ onUnhandledRequest: 'bypass' })
    server.use(...connectWiseTenant({ tickets: [makeConnectWiseTicket(1)] }).handlers)
    dir = await mkdtemp(join(tmpdir(), 'baton-sweep-'))
    await writeFile(join(dir, 'score.yaml'), SCORE)
    const env = {
      SWEEP_CW_PUBLIC: PUBLIC_KEY,
      BATON_SECRET_KEY: randomBytes(32).toString('base64'),
    }
    const database = await openTestDatabase('pglite')
    await setSecret(database.db, secretKeysFrom(env)!, 'cw-private', PRIVATE_KEY)
    await setSecret(database.db, secretKeysFrom(env)!, 'oidc-client-secret', OIDC_SECRET)
    await setSecret(database.db, secretKeysFrom(env)!, 'noc-slack-url', SLACK_URL)
    provider = await startIdentityProvider({
      clientId: 'baton',
      clientSecret: 'not the one Baton has',
      redirectUris: [CALLBACK],
    })
    provider.user = { sub: 'o', name: 'O', preferred_username: 'o@sweep.test' }
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += String(chunk)
        done()
      },
    })
    runtime = await startRuntime({
      config: parseConfig({
        BATON_SCORE: join(dir, 'score.yaml'),
        BATON_DEMO: 'off',
        BATON_EVALUATE_CRON: '0 0 1 1 *',
        BATON_DATA_DIR: 'memory://',
        BATON_OIDC_ISSUER: provider.issuer,
        BATON_OIDC_CLIENT_ID: 'baton',
      }),
      log: pino(loggerOptions('trace'), sink),
      database,
      env,
      http: { retries: 1, baseDelayMs: 1, maxDelayMs: 5 },
    })
    app = createApp(runtime.deps)
    const owner = await createAccount(runtime.deps.db, {
      email: 'o@sweep.test',
      name: 'O',
      role: 'owner',
    })
    token = (await createSession(runtime.deps.db, owner.id, Date.now())).token
  })
  afterAll(async () => {
    await runtime?.close()
    await provider?.close()
    server.close()
    await rm(dir, { recursive: true, force: true })
  })

  /** A sync of its own, once the one the service started with has finished. */
  const syncNow = async () => {
    for (;;) {
      const report = await runtime.syncs.run('cw')
      if (report) return report
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
  }

  it('syncs with them, then fails with them refused and with the vendor down', async () => {
    expect(await syncNow()).toMatchObject({ status: 'succeeded' })
    // The vendor refuses them, and echoes what it was sent, as a careless error page might.
    server.use(
      http.get(`${CW_API}/*`, ({ request }) =>
        HttpResponse.json(
          { message: `bad auth ${request.headers.get('authorization')}` },
          { status: 401 },
        ),
      ),
    )
    expect(await syncNow()).toMatchObject({ status: 'failed' })
    server.use(http.get(`${CW_API}/*`, () => HttpResponse.text('down', { status: 503 })))
    expect(await syncNow()).toMatchObject({ status: 'failed' })
  })

  it('fails a single sign-on with the client secret refused', async () => {
    const call = (path: string, body: unknown) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const started = (await (
      await call('/v1/auth/sso/start', { redirectUri: CALLBACK })
    ).json()) as { authorizationUrl: string }
    const query = await signInAtProvider(started.authorizationUrl)
    const refused = await call('/v1/auth/sso/finish', { query })
    const answer = await refused.text()
    seen.push(`sso/finish ${refused.status} ${answer}`)
    expect(refused.status).toBe(401)
    expect(answer).toContain('invalid client secret')
    expect(provider.tokenRequests).toBe(1)
  })

  it('fails to send a cue to the Slack address, and says so without it', async () => {
    await runtime.cues.round()
    const cues = await runtime.deps.db.selectFrom('cues').selectAll().execute()
    expect(cues.length).toBeGreaterThan(0)
    expect(cues[0]).toMatchObject({
      channel_id: 'noc-slack',
      status: 'pending',
      note: 'the receiver cannot be reached (ECONNREFUSED)',
    })
  })

  it('shows none of them in any API answer', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>
    }
    for (const [template, methods] of Object.entries(doc.paths)) {
      if (!('get' in methods) || template === '/v1/stream') continue
      const path = template.replace('{id}', 'acme-first-response').replace('{month}', '2026-11')
      const response = await app.request(path, { headers: { authorization: `Bearer ${token}` } })
      seen.push(`${path} ${response.status} ${await response.text()}`)
    }
    const answers = seen.join('\n')
    expect(answers).toContain('/v1/integrations 200')
    for (const secret of SECRETS) expect(answers).not.toContain(secret)
  })

  it('writes none of them to the log or the database', async () => {
    expect(logged).toContain('"integration":"cw"')
    expect(logged).toContain('single sign-on failed')
    expect(logged).toContain('cue not delivered')
    for (const secret of SECRETS) expect(logged).not.toContain(secret)
    const { db } = runtime.deps
    const stored = JSON.stringify([
      await db.selectFrom('integrations').selectAll().execute(),
      await db.selectFrom('sync_runs').selectAll().execute(),
      await db.selectFrom('audit_log').selectAll().execute(),
      await db.selectFrom('secrets').selectAll().execute(),
      await db.selectFrom('cues').selectAll().execute(),
    ])
    for (const secret of SECRETS) expect(stored).not.toContain(secret)
  })
})
