import type { Generated } from 'kysely'

/** One run of a connector: what it fetched, stored and set aside. */
export interface SyncRunsTable {
  id: Generated<number>
  integration_id: string
  started_at: Date
  finished_at: Date | null
  status: 'running' | 'succeeded' | 'failed'
  pages: Generated<number>
  records_new: Generated<number>
  records_updated: Generated<number>
  records_quarantined: Generated<number>
  requests: Generated<number>
  retries: Generated<number>
  error: string | null
}

/** Where a connector's incremental sync of one stream resumes; moves with its data. */
export interface SyncCursorsTable {
  integration_id: string
  stream: string
  cursor: string
  updated_at: Generated<Date>
}

export interface PartialDB {
  sync_runs: SyncRunsTable
  sync_cursors: SyncCursorsTable
}
