import * as oidc from 'openid-client'
import { isLoopback } from '../config.js'
import { ApiError } from '../errors.js'
import { sha256 } from '../lib/sha256.js'
import type { Db } from '../db/database.js'
import type { Logger } from 'pino'

export interface SingleSignOnSettings {
  /** The issuer, e.g. `https://login.microsoftonline.com/<tenant id>/v2.0` for Entra ID. */
  issuer: URL
  clientId: string
  clientSecret: string
  /** The provider's name on the sign-in button. */
  label: string
  scopes: string
}

/** Who the identity provider says signed in. */
export interface SignedOnIdentity {
  /** `issuer subject`: stable for this person at this provider, whatever their address. */
  subject: string
  /** The address to find the Baton account by; undefined when the provider sent none. */
  email: string | undefined
  name: string | undefined
}

/** Long enough to type a password and pass multi-factor prompts; short enough not to linger. */
const ATTEMPT_LIFETIME_MS = 10 * 60_000
const PROVIDER_TIMEOUT_S = 10

/**
 * The OpenID Connect authorization code flow with PKCE, for the dashboard's sign-in. `begin`
 * keeps what the return must match in the database (any ingest instance may receive it), and
 * `finish` checks the return, exchanges the code and checks the ID token: its signature, issuer,
 * audience, expiry and nonce (openid-client does each of these; the signature because we ask).
 */
export class SingleSignOn {
  private configuration?: Promise<oidc.Configuration>

  constructor(
    private readonly settings: SingleSignOnSettings,
    private readonly deps: { db: Db; now: () => number; log: Logger },
  ) {}

  get label(): string {
    return this.settings.label
  }

  async begin(redirectUri: string): Promise<{ authorizationUrl: string }> {
    const configuration = await this.discovered()
    const state = oidc.randomState()
    const nonce = oidc.randomNonce()
    const codeVerifier = oidc.randomPKCECodeVerifier()
    const now = this.deps.now()
    await this.deps.db
      .deleteFrom('sign_on_attempts')
      .where('expires_at', '<', new Date(now))
      .execute()
    await this.deps.db
      .insertInto('sign_on_attempts')
      .values({
        state_hash: sha256(state),
        code_verifier: codeVerifier,
        nonce,
        redirect_uri: redirectUri,
        created_at: new Date(now),
        expires_at: new Date(now + ATTEMPT_LIFETIME_MS),
      })
      .execute()
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      state,
      nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    })
    return { authorizationUrl: url.href }
  }

  /** `query` is the search part of the request the provider sent back to the redirect URI. */
  async finish(query: string): Promise<SignedOnIdentity> {
    const parameters = new URLSearchParams(query)
    const state = parameters.get('state')
    if (!state) throw new ApiError(400, 'sso_invalid', 'the sign-in return carries no state')
    const attempt = await this.deps.db
      .deleteFrom('sign_on_attempts')
      .where('state_hash', '=', sha256(state))
      .returningAll()
      .executeTakeFirst()
    if (!attempt || attempt.expires_at.getTime() <= this.deps.now()) {
      throw new ApiError(
        400,
        'sso_expired',
        'this sign-in has expired or was already used; start it again',
      )
    }
    const refused = parameters.get('error')
    if (refused) {
      const why = parameters.get('error_description') ?? refused
      throw new ApiError(401, 'sso_refused', `the identity provider refused: ${why.slice(0, 300)}`)
    }
    const configuration = await this.discovered()
    // The return as the provider addressed it: the redirect URI this attempt was begun with, so a
    // proxy in front of the dashboard cannot change what the token request says.
    const returned = new URL(attempt.redirect_uri)
    returned.search = parameters.toString()
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, returned, {
        pkceCodeVerifier: attempt.code_verifier,
        expectedState: state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      })
      return identityFrom(tokens.claims()!)
    } catch (error) {
      this.deps.log.warn({ err: error }, 'single sign-on failed')
      throw new ApiError(401, 'sso_failed', `single sign-on failed: ${reasonOf(error)}`)
    }
  }

  /** The provider's metadata and keys, found once; a failure is tried again on the next sign-in. */
  private discovered(): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(
        this.settings.issuer,
        this.settings.clientId,
        this.settings.clientSecret,
        undefined,
        {
          timeout: PROVIDER_TIMEOUT_S,
          execute: [
            // The spec lets a client trust an ID token for the TLS it came over; Baton checks its
            // signature against the provider's published keys as well.
            oidc.enableNonRepudiationChecks,
            // Only a provider on this machine (a test or a development stand-in) may be plain http.
            ...(isLoopback(this.settings.issuer.hostname) ? [oidc.allowInsecureRequests] : []),
          ],
        },
      )
      .catch((error: unknown) => {
        this.configuration = undefined
        this.deps.log.error(
          { err: error, issuer: this.settings.issuer.href },
          'identity provider not reachable',
        )
        throw new ApiError(
          502,
          'sso_unavailable',
          `the identity provider ${this.settings.issuer.href} cannot be reached: ${reasonOf(error)}`,
        )
      })
    return this.configuration
  }
}

/**
 * Entra ID often sends no `email` claim: the sign-in name (`preferred_username`, the UPN) is the
 * address then. An address the provider itself marks unverified is not used.
 */
export function identityFrom(claims: oidc.IDToken): SignedOnIdentity {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value : undefined)
  const address = (value: unknown) => {
    const candidate = text(value)
    return candidate?.includes('@') ? candidate.trim().toLowerCase() : undefined
  }
  const email =
    (claims.email_verified === false ? undefined : address(claims.email)) ??
    address(claims.preferred_username) ??
    address(claims.upn)
  return { subject: `${claims.iss} ${claims.sub}`, email, name: text(claims.name) }
}

/** Why, in a line: the provider's own error (Entra's AADSTS codes say most), or the check that failed. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const { error: code, error_description: description } = error as {
    error?: unknown
    error_description?: unknown
  }
  if (typeof code === 'string') {
    const said = typeof description === 'string' ? `: ${description}` : ''
    return `the provider answered ${code}${said}`.slice(0, 300)
  }
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
  return `${error.message}${cause}`.slice(0, 300)
}
