import type { Generated, JSONColumnType } from 'kysely'
import type { Reason, RhythmState } from '@baton/cadence'

/** Each rhythm's latest evaluation: state, reasons and figures (its slots are recomputed). */
export interface RhythmStatesTable {
  rhythm_id: string
  state: RhythmState
  reasons: JSONColumnType<Reason[]>
  score: number | null
  adherence: number | null
  figures: JSONColumnType<Record<string, unknown>>
  since: Date
  evaluated_at: Date
}

/** Every change between tight, drifting and silent, with the reasons at that moment. */
export interface RhythmFlipsTable {
  id: Generated<number>
  rhythm_id: string
  at: Date
  from_state: RhythmState | null
  to_state: RhythmState
  reasons: JSONColumnType<Reason[]>
}

/** The live stream's journal: ids let a reconnecting client resume without gaps. */
export interface EventsTable {
  id: Generated<number>
  at: Generated<Date>
  type: 'beat' | 'state'
  rhythm_id: string
  payload: JSONColumnType<Record<string, unknown>>
}

export interface PartialDB {
  rhythm_states: RhythmStatesTable
  rhythm_flips: RhythmFlipsTable
  events: EventsTable
}
