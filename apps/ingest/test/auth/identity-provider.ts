import { createHash, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { JWK } from 'jose'

/** The person who signs in at the provider: the claims it puts in their ID token. */
export interface ProviderUser {
  /** Entra's `sub` (pairwise per application) and `oid` (the directory object id). */
  sub: string
  name: string
  preferred_username: string
  /** Entra sends `email` only when the app asks for the optional claim. */
  email?: string
  email_verified?: boolean
}

/**
 * A local OpenID Connect provider shaped like Microsoft Entra ID's v2.0 endpoints: tenant-specific
 * issuer `/<tenant>/v2.0`, discovery, JWKS, the authorize endpoint (which signs in `user` at
 * once, as a browser with a live Entra session would be), and the token endpoint, which checks
 * the client secret (basic or post), the code, its redirect URI and the PKCE verifier before it
 * issues an RS256 ID token. `tamper` changes claims of the next tokens, to test that Baton
 * refuses them.
 */
export async function startIdentityProvider(options: {
  clientId: string
  clientSecret: string
  redirectUris: string[]
}) {
  const tenant = randomUUID()
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const other = await generateKeyPair('RS256')
  const kid = randomUUID()
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' }
  const codes = new Map<
    string,
    { challenge: string; redirectUri: string; nonce?: string; user: ProviderUser }
  >()
  const provider = {
    tenant,
    issuer: '',
    /** Registered return addresses; a test may add one once it knows its port. */
    redirectUris: [...options.redirectUris],
    user: undefined as ProviderUser | undefined,
    /** Claims to override in the next ID tokens; `signWithOtherKey` forges the signature. */
    tamper: {} as Record<string, unknown> & { signWithOtherKey?: boolean },
    /** How many times the token endpoint was called. */
    tokenRequests: 0,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      response.writeHead(500).end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  provider.issuer = `${origin}/${tenant}/v2.0`

  const json = (response: ServerResponse, status: number, body: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  const oauthError = (
    response: ServerResponse,
    status: number,
    error: string,
    description: string,
  ) => json(response, status, { error, error_description: description })

  async function handle(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url!, origin)
    switch (url.pathname) {
      case `/${tenant}/v2.0/.well-known/openid-configuration`:
        return json(response, 200, {
          issuer: provider.issuer,
          authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
          token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
          jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
          response_modes_supported: ['query', 'fragment', 'form_post'],
          response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          subject_types_supported: ['pairwise'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: [
            'client_secret_post',
            'private_key_jwt',
            'client_secret_basic',
          ],
          scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
          code_challenge_methods_supported: ['plain', 'S256'],
          claims_supported: [
            'sub',
            'iss',
            'aud',
            'exp',
            'iat',
            'nonce',
            'name',
            'oid',
            'tid',
            'preferred_username',
            'email',
          ],
        })
      case `/${tenant}/discovery/v2.0/keys`:
        return json(response, 200, { keys: [jwk] })
      case `/${tenant}/oauth2/v2.0/authorize`:
        return authorize(url, response)
      case `/${tenant}/oauth2/v2.0/token`:
        return token(request, response)
      default:
        return json(response, 404, { error: 'not_found' })
    }
  }

  function authorize(url: URL, response: ServerResponse) {
    const query = url.searchParams
    const redirectUri = query.get('redirect_uri') ?? ''
    if (
      query.get('client_id') !== options.clientId ||
      !provider.redirectUris.includes(redirectUri)
    ) {
      // Entra shows its own error page: it never redirects to an unregistered address.
      return response.writeHead(400).end('AADSTS50011: the redirect URI does not match')
    }
    const back = new URL(redirectUri)
    back.searchParams.set('state', query.get('state') ?? '')
    const refuse = (error: string, description: string) => {
      back.searchParams.set('error', error)
      back.searchParams.set('error_description', description)
      response.writeHead(302, { location: back.href }).end()
    }
    if (query.get('response_type') !== 'code')
      return refuse('unsupported_response_type', 'code only')
    if (!query.get('scope')?.split(' ').includes('openid'))
      return refuse('invalid_scope', 'openid missing')
    if (query.get('code_challenge_method') !== 'S256' || !query.get('code_challenge')) {
      return refuse('invalid_request', 'AADSTS9002325: PKCE is required')
    }
    if (!provider.user) return refuse('access_denied', 'AADSTS65004: the user declined')
    const code = randomUUID()
    codes.set(code, {
      challenge: query.get('code_challenge')!,
      redirectUri,
      ...(query.get('nonce') && { nonce: query.get('nonce')! }),
      user: provider.user,
    })
    back.searchParams.set('code', code)
    back.searchParams.set('session_state', randomUUID())
    response.writeHead(302, { location: back.href }).end()
  }

  async function token(request: IncomingMessage, response: ServerResponse) {
    provider.tokenRequests++
    let text = ''
    for await (const chunk of request) text += chunk
    const form = new URLSearchParams(text)
    const basic = request.headers.authorization?.match(/^Basic (.+)$/)?.[1]
    const [basicId, basicSecret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      : []
    const clientId = basicId ?? form.get('client_id')
    const clientSecret = basicSecret ?? form.get('client_secret')
    if (clientId !== options.clientId || clientSecret !== options.clientSecret) {
      return oauthError(response, 401, 'invalid_client', 'AADSTS7000215: invalid client secret')
    }
    const grant = codes.get(form.get('code') ?? '')
    codes.delete(form.get('code') ?? '')
    if (form.get('grant_type') !== 'authorization_code' || !grant) {
      return oauthError(response, 400, 'invalid_grant', 'AADSTS70008: the code is unknown or used')
    }
    if (form.get('redirect_uri') !== grant.redirectUri) {
      return oauthError(response, 400, 'invalid_grant', 'AADSTS500112: redirect_uri mismatch')
    }
    const verifier = form.get('code_verifier') ?? ''
    if (createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
      return oauthError(response, 400, 'invalid_grant', 'AADSTS501481: code_verifier mismatch')
    }
    const now = Math.floor(Date.now() / 1000)
    const { signWithOtherKey, ...claims } = provider.tamper
    const idToken = await new SignJWT({
      ver: '2.0',
      iss: provider.issuer,
      aud: options.clientId,
      sub: grant.user.sub,
      oid: grant.user.sub,
      tid: tenant,
      name: grant.user.name,
      preferred_username: grant.user.preferred_username,
      ...(grant.user.email && { email: grant.user.email }),
      ...(grant.user.email_verified !== undefined && { email_verified: grant.user.email_verified }),
      ...(grant.nonce && { nonce: grant.nonce }),
      iat: now,
      nbf: now,
      exp: now + 3600,
      ...claims,
    })
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .sign(signWithOtherKey ? other.privateKey : privateKey)
    json(response, 200, {
      token_type: 'Bearer',
      scope: 'openid profile email',
      expires_in: 3600,
      access_token: randomUUID(),
      id_token: idToken,
    })
  }

  return provider
}

export type IdentityProvider = Awaited<ReturnType<typeof startIdentityProvider>>

/** Follows the provider's sign-in as a browser would: the query it sends back to Baton. */
export async function signInAtProvider(authorizationUrl: string): Promise<string> {
  const response = await fetch(authorizationUrl, { redirect: 'manual' })
  const location = response.headers.get('location')
  if (response.status !== 302 || !location) {
    throw new Error(`the provider answered ${response.status}: ${await response.text()}`)
  }
  return new URL(location).search
}
