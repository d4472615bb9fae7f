import { sql } from 'kysely'
import { rawJsonText } from '../../records/raw-json.js'
import { chunks, lastByKey } from './chunks.js'
import { unnestUpsert } from './unnest-upsert.js'
import type {
  BackupRunRecord,
  PatchRunRecord,
  QuarantinedRecord,
  SourceRecord,
  TicketRecord,
} from '../../records/types.js'
import type { Db } from '../database.js'
import type { Column, UnnestUpsert } from './unnest-upsert.js'

/** Inserts new records and updates changed ones; an unchanged replay writes nothing. */
export async function upsertRecords(
  db: Db,
  integrationId: string,
  records: readonly SourceRecord[],
): Promise<{ created: number; updated: number }> {
  const pick = <K extends SourceRecord['kind']>(kind: K) =>
    lastByKey(
      records.filter(
        (record): record is Extract<SourceRecord, { kind: K }> => record.kind === kind,
      ),
      (record) => ('externalId' in record ? record.externalId : ''),
    )
  const fixed = { integration_id: integrationId }
  const results = [
    ...(await unnestUpsert(db, { ...TICKETS, fixed }, pick('ticket'))),
    ...(await unnestUpsert(db, { ...BACKUP_RUNS, fixed }, pick('backup-run'))),
    ...(await unnestUpsert(db, { ...PATCH_RUNS, fixed }, pick('patch-run'))),
  ]
  const created = results.filter((row) => row.inserted).length
  return { created, updated: results.length - created }
}

const TICKETS = recordUpsert<TicketRecord>('tickets', [
  { name: 'external_id', kind: 'text', value: (ticket) => ticket.externalId },
  { name: 'organisation_id', kind: 'text', value: (ticket) => ticket.organisationId },
  { name: 'board', kind: 'text', value: (ticket) => ticket.board },
  { name: 'priority', kind: 'text', value: (ticket) => ticket.priority },
  { name: 'type', kind: 'text', value: (ticket) => ticket.type },
  { name: 'summary', kind: 'text', value: (ticket) => ticket.summary },
  { name: 'status', kind: 'text', value: (ticket) => ticket.status },
  { name: 'assignee', kind: 'text', value: (ticket) => ticket.assignee },
  { name: 'created_at', kind: 'timestamptz', value: (ticket) => ticket.createdAt },
  { name: 'first_response_at', kind: 'timestamptz', value: (ticket) => ticket.firstResponseAt },
  { name: 'resolved_at', kind: 'timestamptz', value: (ticket) => ticket.resolvedAt },
  { name: 'closed_at', kind: 'timestamptz', value: (ticket) => ticket.closedAt },
  { name: 'raw', kind: 'jsonText', value: (ticket) => rawJsonText(ticket.raw) },
])

const BACKUP_RUNS = recordUpsert<BackupRunRecord>('backup_runs', [
  { name: 'external_id', kind: 'text', value: (run) => run.externalId },
  { name: 'organisation_id', kind: 'text', value: (run) => run.organisationId },
  { name: 'device', kind: 'text', value: (run) => run.device },
  { name: 'started_at', kind: 'timestamptz', value: (run) => run.startedAt },
  { name: 'ended_at', kind: 'timestamptz', value: (run) => run.endedAt },
  { name: 'result', kind: 'text', value: (run) => run.result },
  { name: 'raw', kind: 'jsonText', value: (run) => rawJsonText(run.raw) },
])

const PATCH_RUNS = recordUpsert<PatchRunRecord>('patch_runs', [
  { name: 'external_id', kind: 'text', value: (run) => run.externalId },
  { name: 'organisation_id', kind: 'text', value: (run) => run.organisationId },
  { name: 'device', kind: 'text', value: (run) => run.device },
  { name: 'activity', kind: 'text', value: (run) => run.activity },
  { name: 'at', kind: 'timestamptz', value: (run) => run.at },
  { name: 'result', kind: 'text', value: (run) => run.result },
  { name: 'raw', kind: 'jsonText', value: (run) => rawJsonText(run.raw) },
])

/**
 * A record is keyed by the vendor's id within its integration. A replay whose raw JSON is the
 * same changes nothing; one that differs rewrites every normalised column from it.
 */
function recordUpsert<Row>(table: string, columns: Column<Row>[]): UnnestUpsert<Row> {
  return {
    table,
    columns,
    conflict: ['integration_id', 'external_id'],
    update: columns.map((column) => column.name).filter((name) => name !== 'external_id'),
    extraSet: sql`stored_at = now()`,
    changedWhen: sql<boolean>`${sql.ref(`${table}.raw`)} is distinct from excluded.raw`,
  }
}

/** Records the devices a source lists, so ensembles know who owes a beat. */
export async function upsertPlayers(
  db: Db,
  integrationId: string,
  records: readonly SourceRecord[],
): Promise<void> {
  const players = lastByKey(
    records.filter((record) => record.kind === 'player'),
    (player) => `${player.organisationId}\u0000${player.playerKind}\u0000${player.key}`,
  )
  for (const chunk of chunks(players)) {
    await db
      .insertInto('players')
      .values(
        chunk.map((player) => ({
          organisation_id: player.organisationId,
          kind: player.playerKind,
          key: player.key,
          integration_id: integrationId,
          active: player.active,
          last_seen_at: sql<Date>`now()`,
          raw: player.raw === null ? null : rawJsonText(player.raw),
        })),
      )
      .onConflict((oc) =>
        oc.columns(['organisation_id', 'kind', 'key']).doUpdateSet((eb) => ({
          integration_id: eb.ref('excluded.integration_id'),
          active: eb.ref('excluded.active'),
          last_seen_at: eb.ref('excluded.last_seen_at'),
          raw: eb.ref('excluded.raw'),
          updated_at: sql`now()`,
        })),
      )
      .execute()
  }
}

/** Sets aside records that could not be normalised; a record seen again bumps its count. */
export async function upsertQuarantine(
  db: Db,
  integrationId: string,
  records: readonly QuarantinedRecord[],
): Promise<number> {
  const unique = lastByKey(records, (record) => `${record.kind}\u0000${record.naturalKey}`)
  for (const chunk of chunks(unique)) {
    await db
      .insertInto('quarantine')
      .values(
        chunk.map((record) => ({
          integration_id: integrationId,
          kind: record.kind,
          natural_key: record.naturalKey,
          reason: record.reason,
          raw: rawJsonText(record.raw),
        })),
      )
      .onConflict((oc) =>
        oc.columns(['integration_id', 'kind', 'natural_key']).doUpdateSet((eb) => ({
          reason: eb.ref('excluded.reason'),
          raw: eb.ref('excluded.raw'),
          last_seen_at: sql`now()`,
          times: sql`quarantine.times + 1`,
        })),
      )
      .execute()
  }
  return unique.length
}
