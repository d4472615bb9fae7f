import { hashToken, newSecretToken, publicId } from './secret-tokens.js'
import type { AccessTokenRow, Db } from '../db/database.js'
import type { Role } from './roles.js'

const TOUCH_EVERY_MS = 60_000

export interface NewAccessToken {
  kind: 'kiosk' | 'api'
  name: string
  /** A kiosk token is always a viewer; an API token may have up to its creator's role. */
  role: Role
  /** Null: every team the creator may see. */
  teams: readonly string[] | null
  createdBy: string
  /** A given secret instead of a random one: only the demo's well-known kiosk token. */
  secret?: string
  id?: string
}

/** A token as lists show it: never the secret, which is shown once, when it is created. */
export interface AccessTokenView {
  id: string
  kind: 'kiosk' | 'api'
  name: string
  role: Role
  teams: string[] | null
  createdBy: string
  createdAt: number
  lastUsedAt: number | null
  revokedAt: number | null
}

export async function createAccessToken(
  db: Db,
  token: NewAccessToken,
): Promise<{ token: string; row: AccessTokenRow }> {
  const secret = token.secret
    ? { token: token.secret, hash: hashToken(token.secret) }
    : newSecretToken(token.kind === 'kiosk' ? 'bk' : 'bt')
  const row = await db
    .insertInto('access_tokens')
    .values({
      id: token.id ?? publicId(token.kind === 'kiosk' ? 'kiosk' : 'tok'),
      kind: token.kind,
      name: token.name,
      token_hash: secret.hash,
      role: token.role,
      teams: token.teams === null ? null : [...token.teams],
      created_by: token.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  return { token: secret.token, row }
}

/** A live token and its creator's current standing; its use noted (at most once a minute). */
export async function useAccessToken(db: Db, hash: string, now: number) {
  const row = await db
    .selectFrom('access_tokens')
    .innerJoin('accounts', 'accounts.id', 'access_tokens.created_by')
    .select([
      'access_tokens.id',
      'access_tokens.kind',
      'access_tokens.role',
      'access_tokens.teams',
      'access_tokens.last_used_at',
      'access_tokens.revoked_at',
      'access_tokens.created_by',
      'accounts.role as creator_role',
      'accounts.teams as creator_teams',
      'accounts.disabled_at',
    ])
    .where('access_tokens.token_hash', '=', hash)
    .executeTakeFirst()
  // A token dies with its creator's account.
  if (!row || row.revoked_at !== null || row.disabled_at !== null) return undefined
  if (row.last_used_at === null || now - row.last_used_at.getTime() >= TOUCH_EVERY_MS) {
    await db
      .updateTable('access_tokens')
      .set({ last_used_at: new Date(now) })
      .where('id', '=', row.id)
      .execute()
  }
  return row
}

export function accessTokenView(row: AccessTokenRow): AccessTokenView {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    role: row.role,
    teams: row.teams,
    createdBy: row.created_by,
    createdAt: row.created_at.getTime(),
    lastUsedAt: row.last_used_at?.getTime() ?? null,
    revokedAt: row.revoked_at?.getTime() ?? null,
  }
}
