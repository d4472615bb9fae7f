import { sql } from 'kysely'
import type { Kysely } from 'kysely'

// Cues: the notifications planned from rhythm flips, queued durably until their channel takes
// them. (channel_id, dedupe_key) is unique, so no flip is cued twice to one channel however often
// planning runs; cue_cursor remembers the last flip planned, so a restart misses none.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('cues')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text', (c) => c.notNull())
    .addColumn('rhythm_id', 'text', (c) => c.notNull())
    .addColumn('flip_id', 'bigint')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('message', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addUniqueConstraint('cues_channel_dedupe', ['channel_id', 'dedupe_key'])
    .execute()
  await db.schema
    .createIndex('cues_due')
    .on('cues')
    .columns(['status', 'next_attempt_at'])
    .execute()
  await db.schema
    .createIndex('cues_channel_rhythm')
    .on('cues')
    .columns(['channel_id', 'rhythm_id', 'created_at'])
    .execute()
  await db.schema
    .createTable('cue_cursor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_flip_id', 'bigint', (c) => c.notNull())
    .execute()
  // Flips from before cues existed are history, not news.
  await sql`insert into cue_cursor (id, last_flip_id) select 1, coalesce(max(id), 0) from rhythm_flips`.execute(
    db,
  )
}
