import type { Generated } from 'kysely'

/** Who or what produces beats: a device the RMM lists, a technician. The roster of ensembles. */
export interface PlayersTable {
  organisation_id: string
  kind: 'device' | 'technician'
  /** Unique per organisation and kind: a device's name as the RMM reports it. */
  key: string
  integration_id: string | null
  active: boolean
  last_seen_at: Date
  raw: string | null
  updated_at: Generated<Date>
}

export interface PartialDB {
  players: PlayersTable
}
