import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_PASSWORD, ensureDemoAccounts } from '../auth/demo-accounts.js'
import { hashToken } from '../auth/secret-tokens.js'
import { DRIVERS } from '../../test/db.js'
import { PASSWORD, as, signedIn } from '../../test/auth/sign-in.js'
import { startTestService } from '../../test/service.js'
import type { TestService } from '../../test/service.js'

const score = await readFile(new URL('../../test/scores/small.score.yaml', import.meta.url), 'utf8')

describe.each(DRIVERS)('accounts, sessions and tokens on %s', (driver) => {
  let service: TestService
  let owner: ReturnType<typeof as>
  let ownerToken: string
  const login = (email: string, password: string) =>
    as(service.app, undefined)('POST', '/v1/auth/login', { email, password })

  beforeAll(async () => {
    service = await startTestService(driver, { score })
    ownerToken = await signedIn(service.runtime.deps.db, service.app, {
      email: 'olivia@msp.example',
      role: 'owner',
    })
    owner = as(service.app, ownerToken)
  })
  afterAll(async () => {
    await service?.close()
  })

  it('signs in with the right password only, the same answer for a wrong one or no account', async () => {
    const wrong = await login('olivia@msp.example', 'not the password')
    const nobody = await login('nobody@msp.example', PASSWORD)
    expect(wrong).toMatchObject({
      status: 401,
      body: { error: { message: 'wrong e-mail or password' } },
    })
    expect(nobody.status).toBe(401)
    expect(nobody.body.error.message).toBe(wrong.body.error.message)
    const right = await login('OLIVIA@msp.example ', PASSWORD)
    expect(right.status).toBe(200)
    expect(right.body.token).toMatch(/^bs_[A-Za-z0-9_-]{43}$/)
    expect(right.body.account).toMatchObject({ email: 'olivia@msp.example', role: 'owner' })
    expect(right.body.account).not.toHaveProperty('password_hash')
  })

  it('knows who a session is, and forgets it after sign-out', async () => {
    const { body } = await login('olivia@msp.example', PASSWORD)
    const me = as(service.app, body.token)
    expect((await me('GET', '/v1/auth/me')).body).toMatchObject({
      role: 'owner',
      teams: null,
      readOnly: false,
      account: { email: 'olivia@msp.example' },
    })
    expect((await me('POST', '/v1/auth/logout')).status).toBe(204)
    expect((await me('GET', '/v1/auth/me')).status).toBe(401)
    expect((await as(service.app, 'bs_forged')('GET', '/v1/auth/me')).status).toBe(401)
  })

  it('stores sessions and tokens only as hashes', async () => {
    const { body } = await login('olivia@msp.example', PASSWORD)
    const sessions = await service.runtime.deps.db.selectFrom('sessions').selectAll().execute()
    expect(sessions.map((session) => session.token_hash)).toContain(hashToken(body.token))
    expect(JSON.stringify(sessions)).not.toContain(body.token)
    const made = await owner('POST', '/v1/tokens', { kind: 'api', name: 'backup script' })
    const tokens = await service.runtime.deps.db.selectFrom('access_tokens').selectAll().execute()
    expect(JSON.stringify(tokens)).not.toContain(made.body.token)
    const accounts = await service.runtime.deps.db.selectFrom('accounts').selectAll().execute()
    expect(JSON.stringify(accounts)).not.toContain(PASSWORD)
  })

  it('limits failed sign-ins to one account, and says when to try again', async () => {
    await signedIn(service.runtime.deps.db, service.app, {
      email: 'target@msp.example',
      role: 'viewer',
    })
    for (let i = 0; i < 10; i++)
      expect((await login('target@msp.example', `guess ${i}`)).status).toBe(401)
    const blocked = await login('target@msp.example', PASSWORD)
    expect(blocked.status).toBe(429)
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800)
    // Another account is not held up by it.
    expect((await login('olivia@msp.example', PASSWORD)).status).toBe(200)
  })

  it('lets owners add and change accounts, and no one else', async () => {
    const added = await owner('POST', '/v1/accounts', {
      email: 'sam@msp.example',
      name: 'Sam',
      role: 'section-leader',
      teams: ['infrastructure'],
      password: 'sam-password-1',
    })
    expect(added).toMatchObject({
      status: 201,
      body: { role: 'section-leader', teams: ['infrastructure'] },
    })
    const sam = as(service.app, (await login('sam@msp.example', 'sam-password-1')).body.token)
    expect((await sam('GET', '/v1/accounts')).status).toBe(403)
    expect(
      (await sam('POST', '/v1/accounts', { email: 'x@y.example', name: 'X', role: 'owner' }))
        .status,
    ).toBe(403)

    expect(
      (
        await owner('POST', '/v1/accounts', {
          email: 'sam@msp.example',
          name: 'Sam',
          role: 'viewer',
        })
      ).status,
    ).toBe(409)
    const unknownTeam = await owner('POST', '/v1/accounts', {
      email: 'kim@msp.example',
      name: 'Kim',
      role: 'viewer',
      teams: ['no-such-team'],
    })
    expect(unknownTeam).toMatchObject({
      status: 400,
      body: { error: { message: 'teams: no team "no-such-team"' } },
    })
    const short = await owner('POST', '/v1/accounts', {
      email: 'kim@msp.example',
      name: 'Kim',
      role: 'viewer',
      password: 'short',
    })
    expect(short.status).toBe(400)
    expect(short.body.error.message).toMatch(/password: at least 10 characters/)

    // Changing what Sam may see ends Sam's sessions.
    const changed = await owner('PATCH', `/v1/accounts/${added.body.id}`, { role: 'viewer' })
    expect(changed).toMatchObject({ status: 200, body: { role: 'viewer' } })
    expect((await sam('GET', '/v1/auth/me')).status).toBe(401)
    // A disabled account cannot sign in.
    await owner('PATCH', `/v1/accounts/${added.body.id}`, { disabled: true })
    expect((await login('sam@msp.example', 'sam-password-1')).status).toBe(401)
  })

  it('never leaves the operation without an owner', async () => {
    const accounts = (await owner('GET', '/v1/accounts')).body.accounts as Array<{
      id: string
      email: string
    }>
    const other = accounts.find((account) => account.email === 'owner@test.baton')!
    expect((await owner('PATCH', `/v1/accounts/${other.id}`, { disabled: true })).status).toBe(200)
    const { body } = await owner('GET', '/v1/auth/me')
    const last = await owner('PATCH', `/v1/accounts/${body.account.id}`, { role: 'conductor' })
    expect(last).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } })
  })

  it('makes kiosk tokens that only read, within their creator’s teams, revocable at once', async () => {
    const leadToken = await signedIn(service.runtime.deps.db, service.app, {
      email: 'lee@msp.example',
      role: 'section-leader',
      teams: ['infrastructure'],
    })
    const lead = as(service.app, leadToken)
    const outside = await lead('POST', '/v1/tokens', {
      kind: 'kiosk',
      name: 'NOC',
      teams: ['account-management'],
    })
    expect(outside.status).toBe(403)
    const tooHigh = await lead('POST', '/v1/tokens', { kind: 'api', name: 'x', role: 'owner' })
    expect(tooHigh.status).toBe(403)
    const made = await lead('POST', '/v1/tokens', { kind: 'kiosk', name: 'Infra wall' })
    expect(made).toMatchObject({
      status: 201,
      body: { kind: 'kiosk', role: 'viewer', teams: ['infrastructure'] },
    })
    expect(made.body.token).toMatch(/^bk_/)

    const kiosk = as(service.app, made.body.token)
    expect((await kiosk('GET', '/v1/auth/me')).body).toMatchObject({
      actor: `kiosk:${made.body.id}`,
      role: 'viewer',
      teams: ['infrastructure'],
      readOnly: true,
    })
    expect((await kiosk('POST', '/v1/tokens', { kind: 'kiosk', name: 'more' })).status).toBe(403)

    const listed = await lead('GET', '/v1/tokens')
    const entry = listed.body.tokens.find((token: { id: string }) => token.id === made.body.id)
    expect(entry.lastUsedAt).toEqual(expect.any(Number))
    expect(entry).not.toHaveProperty('token')
    // Someone else's token cannot be revoked, nor even found.
    const other = await owner('POST', '/v1/tokens', { kind: 'kiosk', name: 'Lobby' })
    expect((await lead('DELETE', `/v1/tokens/${other.body.id}`)).status).toBe(404)

    expect((await lead('DELETE', `/v1/tokens/${made.body.id}`)).status).toBe(204)
    expect((await kiosk('GET', '/v1/auth/me')).status).toBe(401)
  })

  it('keeps an audit log of accounts and tokens, for owners', async () => {
    const { body } = await owner('GET', '/v1/audit?limit=50')
    const actions = body.entries.map((entry: { action: string }) => entry.action)
    expect(actions).toEqual(
      expect.arrayContaining(['account.create', 'account.change', 'token.create', 'token.revoke']),
    )
    const change = body.entries.find(
      (entry: { action: string }) => entry.action === 'account.change',
    )
    expect(change.actor).toMatch(/^account:acc_/)
    expect(JSON.stringify(body)).not.toContain('sam-password-1')
    const viewer = await signedIn(service.runtime.deps.db, service.app, {
      email: 'val@msp.example',
      role: 'viewer',
    })
    expect((await as(service.app, viewer)('GET', '/v1/audit')).status).toBe(403)
  })
})

describe('the demo accounts', () => {
  it('are one per role, labelled demo, made once, and sign in with the demo password', async () => {
    const service = await startTestService('pglite', { score })
    try {
      const { db } = service.runtime.deps
      await ensureDemoAccounts(db)
      await ensureDemoAccounts(db)
      const accounts = await db
        .selectFrom('accounts')
        .selectAll()
        .where('demo', '=', true)
        .orderBy('email')
        .execute()
      expect(accounts.map((account) => [account.role, account.demo])).toEqual([
        ['conductor', true],
        ['section-leader', true],
        ['owner', true],
        ['viewer', true],
      ])
      const { status } = await as(service.app, undefined)('POST', '/v1/auth/login', {
        email: 'lead@demo.baton',
        password: DEMO_PASSWORD,
      })
      expect(status).toBe(200)
    } finally {
      await service.close()
    }
  })
})
