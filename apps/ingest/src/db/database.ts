import type { Insertable, Kysely, Selectable, Transaction } from 'kysely'
import type * as accounts from './tables/accounts.js'
import type * as beats from './tables/beats.js'
import type * as cues from './tables/cues.js'
import type * as integrations from './tables/integrations.js'
import type * as organisations from './tables/organisations.js'
import type * as players from './tables/players.js'
import type * as records from './tables/records.js'
import type * as rhythmStates from './tables/rhythm-states.js'
import type * as rhythms from './tables/rhythms.js'
import type * as syncRuns from './tables/sync-runs.js'
import type * as teams from './tables/teams.js'

export type Database = organisations.PartialDB &
  teams.PartialDB &
  players.PartialDB &
  integrations.PartialDB &
  syncRuns.PartialDB &
  records.PartialDB &
  rhythms.PartialDB &
  beats.PartialDB &
  rhythmStates.PartialDB &
  accounts.PartialDB &
  cues.PartialDB

/** A connection or a transaction: query functions accept either, so callers own the unit of work. */
export type Db = Kysely<Database> | Transaction<Database>

export type Organisation = Selectable<organisations.OrganisationsTable>
export type Team = Selectable<teams.TeamsTable>
export type Player = Selectable<players.PlayersTable>
export type Integration = Selectable<integrations.IntegrationsTable>
export type SyncRun = Selectable<syncRuns.SyncRunsTable>
export type Rhythm = Selectable<rhythms.RhythmsTable>
export type NewRhythm = Insertable<rhythms.RhythmsTable>
export type Rest = Selectable<rhythms.RestsTable>
export type BeatRow = Selectable<beats.BeatsTable>
export type NewBeat = Insertable<beats.BeatsTable>
export type NewTrigger = Insertable<beats.TriggersTable>
export type Ticket = Selectable<records.TicketsTable>
export type NewTicket = Insertable<records.TicketsTable>
export type NewBackupRun = Insertable<records.BackupRunsTable>
export type NewPatchRun = Insertable<records.PatchRunsTable>
export type RhythmStateRow = Selectable<rhythmStates.RhythmStatesTable>
export type EventRow = Selectable<rhythmStates.EventsTable>
export type Account = Selectable<accounts.AccountsTable>
export type AccessTokenRow = Selectable<accounts.AccessTokensTable>
export type CueRow = Selectable<cues.CuesTable>
