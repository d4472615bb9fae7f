import type { Generated } from 'kysely'

/** One observed occurrence of a rhythm: pinged, checked in, or derived from a record. */
export interface BeatsTable {
  id: Generated<number>
  rhythm_id: string
  at: Date
  ok: boolean
  player: string | null
  key: string | null
  origin: 'api' | 'record' | 'demo'
  /** Replaying the same input carries the same key, so it never makes a second beat. */
  idempotency_key: string
  in_rest: Generated<boolean>
  received_at: Generated<Date>
}

/** Opens one slot of an SLA rhythm: a ticket created, with its own target where it has one. */
export interface TriggersTable {
  rhythm_id: string
  key: string
  at: Date
  target_ms: number | null
  player: string | null
}

export interface PartialDB {
  beats: BeatsTable
  triggers: TriggersTable
}
