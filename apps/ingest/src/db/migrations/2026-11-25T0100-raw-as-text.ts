import { sql } from 'kysely'
import type { Kysely } from 'kysely'

const TABLES = ['players', 'tickets', 'backup_runs', 'patch_runs', 'quarantine'] as const

// A vendor's raw record is kept to re-derive from, never queried into, so it is kept as the text
// the vendor sent. `jsonb` re-encoded every record on the way in (storing pages of 5 KB tickets
// took 2.5 times as long) and `json` still parsed each one again, after the connector had. lz4
// compresses faster than the default, where the server has it; PGlite has not, and keeps the
// default.
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await sql`alter table ${sql.table(table)} alter column raw type text using raw::text`.execute(
      db,
    )
    await sql
      .raw(
        `do $$ begin
           alter table ${table} alter column raw set compression lz4;
         exception when feature_not_supported then null;
         end $$`,
      )
      .execute(db)
  }
}
