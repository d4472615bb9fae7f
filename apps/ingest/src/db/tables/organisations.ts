import type { Generated } from 'kysely'

/** A client of the MSP (or the IT department itself): rhythms and players belong to one. */
export interface OrganisationsTable {
  id: string
  name: string
  tz: string
  demo: boolean
  updated_at: Generated<Date>
}

export interface PartialDB {
  organisations: OrganisationsTable
}
