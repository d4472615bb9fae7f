import { useAccessToken } from './access-tokens.js'
import { lesserRole, visibleTeams } from './roles.js'
import { hashToken, tokenPrefix } from './secret-tokens.js'
import { useSession } from './sessions.js'
import type { Db } from '../db/database.js'
import type { Access } from './roles.js'

/**
 * The access a bearer secret gives: a session (`bs_`), a kiosk token (`bk_`) or an API token
 * (`bt_`). Undefined for anything else, or for one that is over, revoked or of a disabled
 * account. A token of another shape is never looked up.
 */
export async function accessOf(db: Db, bearer: string, now: number): Promise<Access | undefined> {
  const prefix = tokenPrefix(bearer)
  if (!prefix) return undefined
  const hash = hashToken(bearer)
  if (prefix === 'bs') {
    const session = await useSession(db, hash, now)
    if (!session) return undefined
    return {
      actor: `account:${session.accountId}`,
      role: session.role,
      teams: visibleTeams(session.role, session.teams),
      readOnly: false,
      accountId: session.accountId,
      sessionHash: hash,
    }
  }
  const token = await useAccessToken(db, hash, now)
  if (!token) return undefined
  // Never more than its creator has now: a demoted creator's tokens shrink with them.
  const role = lesserRole(token.role, token.creator_role)
  return {
    actor: `${token.kind === 'kiosk' ? 'kiosk' : 'token'}:${token.id}`,
    role,
    teams: sharedTeams(
      visibleTeams(role, token.teams),
      visibleTeams(token.creator_role, token.creator_teams),
    ),
    readOnly: token.kind === 'kiosk',
    accountId: token.created_by,
  }
}

function sharedTeams(a: Access['teams'], b: Access['teams']): Access['teams'] {
  if (a === 'all') return b
  if (b === 'all') return a
  return new Set([...a].filter((team) => b.has(team)))
}

/** The secret of an `Authorization: Bearer …` header, if it has one. */
export function bearerOf(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(header ?? '')?.[1]
}
