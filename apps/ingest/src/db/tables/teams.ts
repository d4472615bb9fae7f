import type { Generated } from 'kysely'

/** A section of the orchestra: the team that answers for a set of rhythms. */
export interface TeamsTable {
  id: string
  name: string
  demo: boolean
  updated_at: Generated<Date>
}

export interface PartialDB {
  teams: TeamsTable
}
