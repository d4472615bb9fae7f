import { newSecretToken } from './secret-tokens.js'
import type { Db } from '../db/database.js'

/** A session ends after this long unused; each use extends it (at most every few minutes). */
export const SESSION_IDLE_MS = 12 * 3_600_000
/** …and after this long however it is used: a stolen cookie does not live for ever. */
export const SESSION_MAX_MS = 30 * 86_400_000
const TOUCH_EVERY_MS = 5 * 60_000

export async function createSession(
  db: Db,
  accountId: string,
  now: number,
): Promise<{ token: string; expiresAt: number }> {
  const { token, hash } = newSecretToken('bs')
  const expiresAt = now + SESSION_IDLE_MS
  await db
    .insertInto('sessions')
    .values({
      token_hash: hash,
      account_id: accountId,
      created_at: new Date(now),
      last_seen_at: new Date(now),
      expires_at: new Date(expiresAt),
    })
    .execute()
  return { token, expiresAt }
}

/** The live session's account, extended by this use; undefined when it is over or unknown. */
export async function useSession(db: Db, hash: string, now: number) {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .select([
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'accounts.id',
      'accounts.role',
      'accounts.teams',
      'accounts.disabled_at',
    ])
    .where('sessions.token_hash', '=', hash)
    .executeTakeFirst()
  if (!row || row.disabled_at !== null) return undefined
  const hardEnd = row.created_at.getTime() + SESSION_MAX_MS
  if (now >= row.expires_at.getTime() || now >= hardEnd) {
    await endSession(db, hash)
    return undefined
  }
  if (now - row.last_seen_at.getTime() >= TOUCH_EVERY_MS) {
    await db
      .updateTable('sessions')
      .set({
        last_seen_at: new Date(now),
        expires_at: new Date(Math.min(now + SESSION_IDLE_MS, hardEnd)),
      })
      .where('token_hash', '=', hash)
      .execute()
  }
  return { accountId: row.id, role: row.role, teams: row.teams }
}

export async function endSession(db: Db, hash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hash).execute()
}

/** Signs an account out everywhere: its role changed, it was disabled, its password reset. */
export async function endSessionsOf(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute()
}
