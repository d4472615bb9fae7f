import { sql } from 'kysely'
import { chunks, lastByKey, toDate } from './chunks.js'
import type {
  BackupRunRecord,
  PatchRunRecord,
  QuarantinedRecord,
  SourceRecord,
  TicketRecord,
} from '../../records/types.js'
import type { Db } from '../database.js'

// `xmax = 0` is true for a row this statement inserted and false for one it updated.
const INSERTED = sql<boolean>`xmax = 0`.as('inserted')

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
  const results = [
    ...(await upsertTickets(db, integrationId, pick('ticket'))),
    ...(await upsertBackupRuns(db, integrationId, pick('backup-run'))),
    ...(await upsertPatchRuns(db, integrationId, pick('patch-run'))),
  ]
  const created = results.filter((row) => row.inserted).length
  return { created, updated: results.length - created }
}

async function upsertTickets(db: Db, integrationId: string, tickets: TicketRecord[]) {
  const results: Array<{ inserted: boolean }> = []
  for (const chunk of chunks(tickets)) {
    const rows = await db
      .insertInto('tickets')
      .values(
        chunk.map((ticket) => ({
          integration_id: integrationId,
          external_id: ticket.externalId,
          organisation_id: ticket.organisationId,
          board: ticket.board,
          priority: ticket.priority,
          type: ticket.type,
          summary: ticket.summary,
          status: ticket.status,
          assignee: ticket.assignee,
          created_at: toDate(ticket.createdAt),
          first_response_at: toDate(ticket.firstResponseAt),
          resolved_at: toDate(ticket.resolvedAt),
          closed_at: toDate(ticket.closedAt),
          raw: JSON.stringify(ticket.raw),
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['integration_id', 'external_id'])
          .doUpdateSet((eb) => ({
            organisation_id: eb.ref('excluded.organisation_id'),
            board: eb.ref('excluded.board'),
            priority: eb.ref('excluded.priority'),
            type: eb.ref('excluded.type'),
            summary: eb.ref('excluded.summary'),
            status: eb.ref('excluded.status'),
            assignee: eb.ref('excluded.assignee'),
            created_at: eb.ref('excluded.created_at'),
            first_response_at: eb.ref('excluded.first_response_at'),
            resolved_at: eb.ref('excluded.resolved_at'),
            closed_at: eb.ref('excluded.closed_at'),
            raw: eb.ref('excluded.raw'),
            stored_at: sql`now()`,
          }))
          .where(sql<boolean>`tickets.raw is distinct from excluded.raw`),
      )
      .returning(INSERTED)
      .execute()
    results.push(...rows)
  }
  return results
}

async function upsertBackupRuns(db: Db, integrationId: string, runs: BackupRunRecord[]) {
  const results: Array<{ inserted: boolean }> = []
  for (const chunk of chunks(runs)) {
    const rows = await db
      .insertInto('backup_runs')
      .values(
        chunk.map((run) => ({
          integration_id: integrationId,
          external_id: run.externalId,
          organisation_id: run.organisationId,
          device: run.device,
          started_at: toDate(run.startedAt),
          ended_at: toDate(run.endedAt),
          result: run.result,
          raw: JSON.stringify(run.raw),
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['integration_id', 'external_id'])
          .doUpdateSet((eb) => ({
            organisation_id: eb.ref('excluded.organisation_id'),
            device: eb.ref('excluded.device'),
            started_at: eb.ref('excluded.started_at'),
            ended_at: eb.ref('excluded.ended_at'),
            result: eb.ref('excluded.result'),
            raw: eb.ref('excluded.raw'),
            stored_at: sql`now()`,
          }))
          .where(sql<boolean>`backup_runs.raw is distinct from excluded.raw`),
      )
      .returning(INSERTED)
      .execute()
    results.push(...rows)
  }
  return results
}

async function upsertPatchRuns(db: Db, integrationId: string, runs: PatchRunRecord[]) {
  const results: Array<{ inserted: boolean }> = []
  for (const chunk of chunks(runs)) {
    const rows = await db
      .insertInto('patch_runs')
      .values(
        chunk.map((run) => ({
          integration_id: integrationId,
          external_id: run.externalId,
          organisation_id: run.organisationId,
          device: run.device,
          activity: run.activity,
          at: toDate(run.at),
          result: run.result,
          raw: JSON.stringify(run.raw),
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['integration_id', 'external_id'])
          .doUpdateSet((eb) => ({
            organisation_id: eb.ref('excluded.organisation_id'),
            device: eb.ref('excluded.device'),
            activity: eb.ref('excluded.activity'),
            at: eb.ref('excluded.at'),
            result: eb.ref('excluded.result'),
            raw: eb.ref('excluded.raw'),
            stored_at: sql`now()`,
          }))
          .where(sql<boolean>`patch_runs.raw is distinct from excluded.raw`),
      )
      .returning(INSERTED)
      .execute()
    results.push(...rows)
  }
  return results
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
          raw: player.raw === null ? null : JSON.stringify(player.raw),
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
          raw: JSON.stringify(record.raw ?? null),
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
