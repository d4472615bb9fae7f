import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAccount } from '../auth/accounts.js'
import { singleSignOnSettings } from '../auth/single-sign-on-settings.js'
import { parseConfig } from '../config.js'
import { DRIVERS } from '../../test/db.js'
import { as } from '../../test/auth/sign-in.js'
import { signInAtProvider, startIdentityProvider } from '../../test/auth/identity-provider.js'
import { startTestService } from '../../test/service.js'
import type { TestService } from '../../test/service.js'

const score = await readFile(new URL('../../test/scores/small.score.yaml', import.meta.url), 'utf8')
const CLIENT = { clientId: 'baton-app-id', clientSecret: 'entra client secret value' }
const CALLBACK = 'http://127.0.0.1:3000/login/sso/callback'

describe.each(DRIVERS)('single sign-on through an Entra-like provider on %s', (driver) => {
  let provider: Awaited<ReturnType<typeof startIdentityProvider>>
  let service: TestService
  let anonymous: ReturnType<typeof as>

  const begin = async () => {
    const started = await anonymous('POST', '/v1/auth/sso/start', { redirectUri: CALLBACK })
    expect(started.status).toBe(200)
    return started.body.authorizationUrl as string
  }
  const finish = (query: string) => anonymous('POST', '/v1/auth/sso/finish', { query })
  const signIn = async () => finish(await signInAtProvider(await begin()))

  beforeAll(async () => {
    provider = await startIdentityProvider({ ...CLIENT, redirectUris: [CALLBACK] })
    service = await startTestService(driver, {
      score,
      env: {
        BATON_OIDC_ISSUER: provider.issuer,
        BATON_OIDC_CLIENT_ID: CLIENT.clientId,
        BATON_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
        BATON_OIDC_LABEL: 'Contoso (Entra ID)',
      },
    })
    anonymous = as(service.app, undefined)
    await createAccount(service.runtime.deps.db, {
      email: 'Lena.Lead@contoso.example',
      name: 'Lena',
      role: 'section-leader',
      teams: ['infrastructure'],
    })
  })
  afterAll(async () => {
    await service?.close()
    await provider?.close()
  })
  beforeEach(() => {
    provider.user = {
      sub: 'lena-pairwise-subject',
      name: 'Lena Lead',
      preferred_username: 'lena.lead@contoso.example',
    }
    provider.tamper = {}
  })

  it('offers the provider on the sign-in page', async () => {
    const options = await anonymous('GET', '/v1/auth/options')
    expect(options.body.singleSignOn).toEqual({ label: 'Contoso (Entra ID)' })
  })

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const url = new URL(await begin())
    expect(url.origin + url.pathname).toBe(
      `${new URL(provider.issuer).origin}/${provider.tenant}/oauth2/v2.0/authorize`,
    )
    const query = url.searchParams
    expect(query.get('client_id')).toBe(CLIENT.clientId)
    expect(query.get('redirect_uri')).toBe(CALLBACK)
    expect(query.get('code_challenge_method')).toBe('S256')
    expect(query.get('scope')).toBe('openid profile email')
    expect(query.get('state')).toMatch(/^[\w-]{20,}$/)
    expect(query.get('nonce')).toMatch(/^[\w-]{20,}$/)
    expect(url.href).not.toContain(CLIENT.clientSecret)
  })

  it('signs an existing account in by its Entra sign-in name, as that account', async () => {
    const signedIn = await signIn()
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.token).toMatch(/^bs_[A-Za-z0-9_-]{43}$/)
    expect(signedIn.body.account).toMatchObject({
      email: 'lena.lead@contoso.example',
      role: 'section-leader',
      teams: ['infrastructure'],
      hasPassword: false,
    })
    const me = await as(service.app, signedIn.body.token)('GET', '/v1/auth/me')
    expect(me.body).toMatchObject({ role: 'section-leader', teams: ['infrastructure'] })
    // The scope of the account holds: another team's rhythm is not there.
    const other = await as(service.app, signedIn.body.token)('GET', '/v1/rhythms/am-review')
    expect(other.status).toBe(404)
  })

  it('binds the account to the first identity: another one claiming the address is refused', async () => {
    expect((await signIn()).status).toBe(200)
    provider.user = { ...provider.user!, sub: 'someone-else' }
    const impostor = await signIn()
    expect(impostor).toMatchObject({
      status: 403,
      body: { error: { code: 'sso_other_identity' } },
    })
    const audit = await service.runtime.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'account.sso-link')
      .execute()
    expect(audit).toHaveLength(1)
  })

  it('keeps opening the bound account when the address changes at the provider', async () => {
    provider.user = { ...provider.user!, preferred_username: 'lena@newname.example' }
    const signedIn = await signIn()
    expect(signedIn.status).toBe(200)
    expect(signedIn.body.account.email).toBe('lena.lead@contoso.example')
  })

  it('makes no account for a stranger, and says so', async () => {
    provider.user = { sub: 'stranger', name: 'S', preferred_username: 'stranger@contoso.example' }
    expect(await signIn()).toMatchObject({
      status: 403,
      body: {
        error: {
          code: 'sso_no_account',
          message: 'there is no Baton account for stranger@contoso.example; an owner adds it first',
        },
      },
    })
    const accounts = await service.runtime.deps.db.selectFrom('accounts').select('email').execute()
    expect(accounts.map((a) => a.email)).not.toContain('stranger@contoso.example')
  })

  it('refuses an address the provider marks unverified', async () => {
    await createAccount(service.runtime.deps.db, {
      email: 'victor@contoso.example',
      name: 'Victor',
      role: 'viewer',
    })
    provider.user = {
      sub: 'victor-sub',
      name: 'V',
      preferred_username: 'not-an-address',
      email: 'victor@contoso.example',
      email_verified: false,
    }
    expect((await signIn()).body.error.code).toBe('sso_no_email')
    provider.user = { ...provider.user, email_verified: true }
    expect((await signIn()).status).toBe(200)
  })

  it('uses each sign-in attempt once', async () => {
    const query = await signInAtProvider(await begin())
    expect((await finish(query)).status).toBe(200)
    expect(await finish(query)).toMatchObject({
      status: 400,
      body: { error: { code: 'sso_expired' } },
    })
    expect((await finish('code=made-up&state=made-up')).body.error.code).toBe('sso_expired')
    expect((await finish('code=no-state')).body.error.code).toBe('sso_invalid')
  })

  it('passes on a refusal at the provider', async () => {
    provider.user = undefined
    expect(await signIn()).toMatchObject({
      status: 401,
      body: { error: { code: 'sso_refused', message: expect.stringContaining('AADSTS65004') } },
    })
  })

  it.each([
    ['a forged signature', { signWithOtherKey: true }],
    ['another audience', { aud: 'some-other-app' }],
    ['another issuer', { iss: 'https://login.microsoftonline.com/evil/v2.0' }],
    ['another nonce', { nonce: 'replayed-nonce' }],
    ['an expired token', { exp: Math.floor(Date.now() / 1000) - 3600 }],
  ])('refuses an ID token with %s', async (_, tamper) => {
    provider.tamper = tamper
    const refused = await signIn()
    expect(refused).toMatchObject({ status: 401, body: { error: { code: 'sso_failed' } } })
    expect(refused.body.token).toBeUndefined()
  })

  it('refuses a disabled account', async () => {
    await service.runtime.deps.db
      .updateTable('accounts')
      .set({ disabled_at: new Date() })
      .where('email', '=', 'lena.lead@contoso.example')
      .execute()
    expect((await signIn()).body.error.code).toBe('account_disabled')
    await service.runtime.deps.db
      .updateTable('accounts')
      .set({ disabled_at: null })
      .where('email', '=', 'lena.lead@contoso.example')
      .execute()
  })

  it('says clearly when the provider cannot be reached, and recovers when it can', async () => {
    const unreachable = await startTestService(driver, {
      score,
      env: {
        BATON_OIDC_ISSUER: 'http://127.0.0.1:9/nobody/v2.0',
        BATON_OIDC_CLIENT_ID: CLIENT.clientId,
        BATON_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      },
    })
    try {
      const started = await as(unreachable.app, undefined)('POST', '/v1/auth/sso/start', {
        redirectUri: CALLBACK,
      })
      expect(started.status).toBe(502)
      expect(started.body.error.message).toMatch(
        /^the identity provider http:\/\/127\.0\.0\.1:9\/nobody\/v2\.0 cannot be reached/,
      )
      expect(JSON.stringify(started.body)).not.toContain(CLIENT.clientSecret)
    } finally {
      await unreachable.close()
    }
  })
})

describe('single sign-on configuration', () => {
  it('is off without an issuer: the routes say so', async () => {
    const service = await startTestService('pglite', { score })
    try {
      const anonymous = as(service.app, undefined)
      expect((await anonymous('GET', '/v1/auth/options')).body.singleSignOn).toBeNull()
      const started = await anonymous('POST', '/v1/auth/sso/start', { redirectUri: CALLBACK })
      expect(started).toMatchObject({ status: 404, body: { error: { code: 'not_found' } } })
    } finally {
      await service.close()
    }
  })

  it('needs a client secret from the environment or the store, and an https issuer', () => {
    const config = parseConfig({
      BATON_OIDC_ISSUER: 'https://login.microsoftonline.com/tenant/v2.0',
      BATON_OIDC_CLIENT_ID: 'app',
    })
    expect(() => singleSignOnSettings(config, {})).toThrow(
      /no client secret; set BATON_OIDC_CLIENT_SECRET or store it with `baton secret set oidc-client-secret`/,
    )
    expect(
      singleSignOnSettings(config, { 'baton-secret:oidc-client-secret': 'stored' }),
    ).toMatchObject({ clientId: 'app', clientSecret: 'stored', label: 'Microsoft' })
    expect(parseConfig({ BATON_OIDC_ISSUER: '', BATON_OIDC_CLIENT_ID: '' }).singleSignOn).toBe(
      undefined,
    )
    expect(() => parseConfig({ BATON_OIDC_ISSUER: 'http://login.example/t/v2.0' })).toThrow(
      /BATON_OIDC_ISSUER: expected an https:\/\/ issuer/,
    )
    expect(() => parseConfig({ BATON_OIDC_ISSUER: 'https://login.example/t/v2.0' })).toThrow(
      /BATON_OIDC_CLIENT_ID: single sign-on needs the client/,
    )
  })
})
