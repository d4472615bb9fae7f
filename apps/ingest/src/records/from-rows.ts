import { RawJson } from './raw-json.js'
import type { Selectable } from 'kysely'
import type { BackupRunsTable, PatchRunsTable, TicketsTable } from '../db/tables/records.js'
import type { BackupRunRecord, PatchRunRecord, TicketRecord } from './types.js'

// Stored rows back into normalised records, so beats can be re-derived without re-pulling.

const ms = (date: Date | null) => (date === null ? null : date.getTime())

export function ticketFromRow(row: Selectable<TicketsTable>): TicketRecord {
  return {
    kind: 'ticket',
    externalId: row.external_id,
    organisationId: row.organisation_id,
    board: row.board,
    priority: row.priority,
    type: row.type,
    summary: row.summary,
    status: row.status,
    assignee: row.assignee,
    createdAt: row.created_at.getTime(),
    firstResponseAt: ms(row.first_response_at),
    resolvedAt: ms(row.resolved_at),
    closedAt: ms(row.closed_at),
    raw: new RawJson(row.raw),
  }
}

export function backupRunFromRow(row: Selectable<BackupRunsTable>): BackupRunRecord {
  return {
    kind: 'backup-run',
    externalId: row.external_id,
    organisationId: row.organisation_id,
    device: row.device,
    startedAt: ms(row.started_at),
    endedAt: row.ended_at.getTime(),
    result: row.result,
    raw: new RawJson(row.raw),
  }
}

export function patchRunFromRow(row: Selectable<PatchRunsTable>): PatchRunRecord {
  return {
    kind: 'patch-run',
    externalId: row.external_id,
    organisationId: row.organisation_id,
    device: row.device,
    activity: row.activity,
    at: row.at.getTime(),
    result: row.result,
    raw: new RawJson(row.raw),
  }
}
