import { sql } from 'kysely'
import type { Kysely } from 'kysely'

// OpenID Connect sign-in: an account remembers the identity provider's subject it was first
// signed in as, and each sign-in under way keeps its PKCE verifier and nonce until it returns.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('accounts').addColumn('sso_subject', 'text').execute()
  await db.schema
    .createIndex('accounts_sso_subject')
    .on('accounts')
    .column('sso_subject')
    .unique()
    .execute()
  await db.schema
    .createTable('sign_on_attempts')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
}
