import { insertBeats, upsertTriggers } from '../db/queries/beats.js'
import { backupRunFromRow, patchRunFromRow, ticketFromRow } from '../records/from-rows.js'
import { groupBy } from '../lib/group-by.js'
import { deriveBeats } from './derive-beats.js'
import type { Selectable } from 'kysely'
import type { Database, Db } from '../db/database.js'
import type { SourceRecord } from '../records/types.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'

const PAGE = 5_000

/**
 * Rebuilds the record-derived beats and triggers of some rhythms from the stored records:
 * how a new rhythm gets its history and a corrected mapping takes effect, without re-pulling.
 * Run it inside the transaction that changed the rhythms.
 */
export async function rederiveBeats({
  db,
  catalog,
  rhythmIds,
}: {
  db: Db
  catalog: RhythmCatalog
  rhythmIds: readonly string[]
}): Promise<{ beats: number; triggers: number }> {
  if (rhythmIds.length === 0) return { beats: 0, triggers: 0 }
  await db
    .deleteFrom('beats')
    .where('origin', '=', 'record')
    .where('rhythm_id', 'in', rhythmIds)
    .execute()
  await db.deleteFrom('triggers').where('rhythm_id', 'in', rhythmIds).execute()
  const wanted = new Set(rhythmIds)
  const feeds = catalog.feeds.filter((feed) => wanted.has(feed.id))
  const organisations = [...new Set(feeds.map((feed) => feed.organisationId))]
  if (feeds.length === 0) return { beats: 0, triggers: 0 }

  let beats = 0
  let triggers = 0
  const derive = async (integrationId: string, records: SourceRecord[]) => {
    const derived = deriveBeats(integrationId, records, feeds)
    const stored = await insertBeats(
      db,
      derived.beats.map((beat) => {
        const rhythm = catalog.get(beat.rhythmId)!
        return { ...beat, origin: 'record' as const, inRest: catalog.inRest(rhythm, beat.at) }
      }),
    )
    beats += stored.length
    await upsertTriggers(db, derived.triggers)
    triggers += derived.triggers.length
  }
  const kinds = new Set(feeds.map((feed) => feed.source.kind))
  if (kinds.has('tickets')) {
    for await (const rows of pages(db, 'tickets', organisations)) {
      for (const [integrationId, group] of groupBy(rows, (row) => row.integration_id)) {
        await derive(integrationId, group.map(ticketFromRow))
      }
    }
  }
  if (kinds.has('backups')) {
    for await (const rows of pages(db, 'backup_runs', organisations)) {
      for (const [integrationId, group] of groupBy(rows, (row) => row.integration_id)) {
        await derive(integrationId, group.map(backupRunFromRow))
      }
    }
  }
  if (kinds.has('patches')) {
    for await (const rows of pages(db, 'patch_runs', organisations)) {
      for (const [integrationId, group] of groupBy(rows, (row) => row.integration_id)) {
        await derive(integrationId, group.map(patchRunFromRow))
      }
    }
  }
  return { beats, triggers }
}

// Keyset pages keep memory flat however many records an organisation has.
async function* pages<T extends 'tickets' | 'backup_runs' | 'patch_runs'>(
  db: Db,
  table: T,
  organisations: readonly string[],
): AsyncGenerator<Array<Selectable<Database[T]>>> {
  let after: { integration: string; external: string } | undefined
  for (;;) {
    let query = db
      .selectFrom(table as 'tickets')
      .selectAll()
      .where('organisation_id', 'in', organisations)
    if (after) {
      const { integration, external } = after
      query = query.where((eb) =>
        eb.or([
          eb('integration_id', '>', integration),
          eb.and([eb('integration_id', '=', integration), eb('external_id', '>', external)]),
        ]),
      )
    }
    const rows = await query.orderBy('integration_id').orderBy('external_id').limit(PAGE).execute()
    if (rows.length === 0) return
    yield rows as Array<Selectable<Database[T]>>
    const last = rows.at(-1)!
    after = { integration: last.integration_id, external: last.external_id }
  }
}
