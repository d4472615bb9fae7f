import { sql } from 'kysely'
import type { Kysely } from 'kysely'

// A rhythm is judged from when it became known, not from before it existed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rhythms')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
}
