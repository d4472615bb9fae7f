import type { Generated, JSONColumnType } from 'kysely'
import type { Cadence, Layer } from '@baton/cadence'

/** A rhythm as declared in the score; `active` turns false when the score drops it. */
export interface RhythmsTable {
  id: string
  name: string
  layer: Layer
  team_id: string
  organisation_id: string
  owner_role: string
  cadence: JSONColumnType<Cadence>
  target: number
  critical: boolean
  freshness_ms: number | null
  beat_noun: string | null
  player_noun: string | null
  source: JSONColumnType<{ kind: string; [field: string]: unknown }>
  demo: boolean
  active: boolean
  /** When the score first named it: it is not judged on slots before it was known. */
  created_at: Generated<Date>
  updated_at: Generated<Date>
}

/** A planned interval without expected beats, scoped to a rhythm, organisation, team or all. */
export interface RestsTable {
  id: Generated<number>
  rhythm_id: string | null
  organisation_id: string | null
  team_id: string | null
  from_at: Date
  to_at: Date
  reason: string | null
}

export interface PartialDB {
  rhythms: RhythmsTable
  rests: RestsTable
}
