import type { Generated } from 'kysely'

// Source records: normalised columns beside the vendor's raw JSON, so a mapping mistake is fixed
// by re-deriving beats, never by re-pulling. The natural key is (integration_id, external_id).

export interface TicketsTable {
  integration_id: string
  external_id: string
  organisation_id: string
  board: string | null
  priority: string | null
  type: string | null
  summary: string | null
  status: string | null
  assignee: string | null
  created_at: Date
  first_response_at: Date | null
  resolved_at: Date | null
  closed_at: Date | null
  /** The vendor's JSON text, as it came. */
  raw: string
  stored_at: Generated<Date>
}

export interface BackupRunsTable {
  integration_id: string
  external_id: string
  organisation_id: string
  device: string
  started_at: Date | null
  ended_at: Date
  result: 'success' | 'failure' | 'warning' | 'unknown'
  /** The vendor's JSON text, as it came. */
  raw: string
  stored_at: Generated<Date>
}

export interface PatchRunsTable {
  integration_id: string
  external_id: string
  organisation_id: string
  device: string
  activity: 'install' | 'scan' | 'fully-patched'
  at: Date
  result: 'success' | 'failure' | 'unknown'
  /** The vendor's JSON text, as it came. */
  raw: string
  stored_at: Generated<Date>
}

/** A record that could not be normalised, with the reason; the sync carried on without it. */
export interface QuarantineTable {
  integration_id: string
  kind: string
  natural_key: string
  reason: string
  /** The vendor's JSON text, as it came. */
  raw: string
  first_seen_at: Generated<Date>
  last_seen_at: Generated<Date>
  times: Generated<number>
}

export interface PartialDB {
  tickets: TicketsTable
  backup_runs: BackupRunsTable
  patch_runs: PatchRunsTable
  quarantine: QuarantineTable
}
