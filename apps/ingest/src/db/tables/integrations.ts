import type { ColumnType, Generated, JSONColumnType } from 'kysely'

/** A connection to one vendor tenant, as declared in the score, with its sync health. */
export interface IntegrationsTable {
  id: string
  vendor: string
  schedule: string
  freshness_ms: number
  settings: JSONColumnType<Record<string, unknown>>
  organisations: JSONColumnType<Record<string, string>>
  demo: boolean
  active: boolean
  last_success_at: ColumnType<Date | null, Date | null | undefined>
  last_run_at: ColumnType<Date | null, Date | null | undefined>
  last_error: string | null
  updated_at: Generated<Date>
}

export interface PartialDB {
  integrations: IntegrationsTable
}
