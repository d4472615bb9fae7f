import { hashPassword } from './passwords.js'
import { publicId } from './secret-tokens.js'
import type { Account, Db } from '../db/database.js'
import type { Role } from './roles.js'

export interface NewAccount {
  email: string
  name: string
  role: Role
  teams?: readonly string[]
  /** Omitted: the account cannot sign in with a password (single sign-on only). */
  password?: string
  demo?: boolean
}

/** An account as the API shows it: never its password hash. */
export interface AccountView {
  id: string
  email: string
  name: string
  role: Role
  teams: string[]
  demo: boolean
  hasPassword: boolean
  createdAt: number
  disabledAt: number | null
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase()
}

export async function createAccount(db: Db, account: NewAccount): Promise<Account> {
  return db
    .insertInto('accounts')
    .values({
      id: publicId('acc'),
      email: normaliseEmail(account.email),
      name: account.name,
      role: account.role,
      teams: [...(account.teams ?? [])],
      password_hash: account.password === undefined ? null : await hashPassword(account.password),
      demo: account.demo ?? false,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
}

export async function accountByEmail(db: Db, email: string): Promise<Account | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst()
}

export function accountView(account: Account): AccountView {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    teams: account.teams,
    demo: account.demo,
    hasPassword: account.password_hash !== null,
    createdAt: account.created_at.getTime(),
    disabledAt: account.disabled_at?.getTime() ?? null,
  }
}
