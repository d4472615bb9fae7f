import type { ColumnType, Generated, JSONColumnType } from 'kysely'
import type { Role } from '../../auth/roles.js'

/** A person who signs in: with a password here, or through single sign-on (OpenID Connect). */
export interface AccountsTable {
  id: string
  /** Lower-cased; the sign-in name. */
  email: string
  name: string
  role: Role
  /** The teams a section leader leads or a viewer may see; ignored for owner and conductor. */
  teams: ColumnType<string[], string[] | undefined, string[]>
  /** An argon2id hash; null for an account that cannot sign in with a password. */
  password_hash: string | null
  /**
   * `issuer subject` of the identity it first signed in with through single sign-on; later
   * sign-ins must be the same identity, whatever e-mail address it then claims.
   */
  sso_subject: Generated<string | null>
  demo: Generated<boolean>
  created_at: Generated<Date>
  disabled_at: Date | null
}

/** A signed-in browser: the token lives in its cookie, only its hash here. */
export interface SessionsTable {
  token_hash: string
  account_id: string
  created_at: Generated<Date>
  last_seen_at: Generated<Date>
  expires_at: Date
}

/** A wall screen's kiosk token or a script's API token: scoped, revocable, kept as a hash. */
export interface AccessTokensTable {
  id: string
  kind: 'kiosk' | 'api'
  name: string
  token_hash: string
  role: Role
  /** The teams it may see; null for every team. */
  teams: string[] | null
  /** The account that created it. */
  created_by: string
  created_at: Generated<Date>
  last_used_at: Date | null
  revoked_at: Date | null
}

/** Who changed the score, an integration, a token or an account, and when. */
export interface AuditLogTable {
  id: Generated<string>
  at: Generated<Date>
  actor: string
  action: string
  target: string
  details: JSONColumnType<Record<string, unknown>>
}

/** A vendor credential sealed with AES-256-GCM: never stored or shown in the clear. */
export interface SecretsTable {
  name: string
  key_id: string
  iv: string
  tag: string
  ciphertext: string
  updated_at: Generated<Date>
}

/** A single sign-on under way: what its return must match, for ten minutes, used once. */
export interface SignOnAttemptsTable {
  /** sha256 of the `state` sent to the identity provider. */
  state_hash: string
  code_verifier: string
  nonce: string
  redirect_uri: string
  created_at: Generated<Date>
  expires_at: Date
}

export interface PartialDB {
  sign_on_attempts: SignOnAttemptsTable
  secrets: SecretsTable
  accounts: AccountsTable
  sessions: SessionsTable
  access_tokens: AccessTokensTable
  audit_log: AuditLogTable
}
