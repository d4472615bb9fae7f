// Normalised source records: what every connector (and the demo ensemble) hands to storage.
// Times are epoch milliseconds; `raw` is the vendor's record exactly as it arrived (its object,
// or its JSON text).

import type { VendorRaw } from './raw-json.js'

export interface TicketRecord {
  kind: 'ticket'
  externalId: string
  organisationId: string
  board: string | null
  priority: string | null
  type: string | null
  summary: string | null
  status: string | null
  assignee: string | null
  createdAt: number
  firstResponseAt: number | null
  resolvedAt: number | null
  closedAt: number | null
  raw: VendorRaw
}

export interface BackupRunRecord {
  kind: 'backup-run'
  externalId: string
  organisationId: string
  device: string
  startedAt: number | null
  endedAt: number
  result: 'success' | 'failure' | 'warning' | 'unknown'
  raw: VendorRaw
}

export interface PatchRunRecord {
  kind: 'patch-run'
  externalId: string
  organisationId: string
  device: string
  activity: 'install' | 'scan' | 'fully-patched'
  at: number
  result: 'success' | 'failure' | 'unknown'
  raw: VendorRaw
}

/** A device (or technician) the source lists: the roster of an ensemble rhythm. */
export interface PlayerRecord {
  kind: 'player'
  organisationId: string
  playerKind: 'device' | 'technician'
  key: string
  active: boolean
  raw: VendorRaw | null
}

export type SourceRecord = TicketRecord | BackupRunRecord | PatchRunRecord | PlayerRecord

/** A vendor record that could not be normalised: kept aside with the reason, never dropped. */
export interface QuarantinedRecord {
  kind: string
  naturalKey: string
  reason: string
  raw: unknown
}

/** One page of a sync: stored, with its beats derived, in one transaction. */
export interface RecordBatch {
  integrationId: string
  records: SourceRecord[]
  quarantined?: QuarantinedRecord[]
  /** The stream cursor to store with this page, so it moves with the data. */
  cursor?: { stream: string; value: string }
}

export interface StoreResult {
  created: number
  updated: number
  quarantined: number
  /** Rhythms that received new beats or triggers: they need evaluating. */
  touchedRhythms: string[]
}

export interface SyncRunReport {
  integrationId: string
  startedAt: number
  finishedAt: number
  status: 'succeeded' | 'failed'
  pages: number
  created: number
  updated: number
  quarantined: number
  requests?: number
  retries?: number
  error?: string
}

export interface BeatInput {
  rhythmId: string
  at: number
  ok: boolean
  player?: string
  key?: string
  /** Without one every call is a new beat; with one, a retried call makes no second beat. */
  idempotencyKey?: string
  origin: 'api' | 'record' | 'demo'
}

/** Where sources deliver: the storage path every connector, the demo and the ping API share. */
export interface RecordSink {
  storeBatch(batch: RecordBatch): Promise<StoreResult>
  recordSyncRun(run: SyncRunReport): Promise<void>
  recordBeat(beat: BeatInput): Promise<{ created: boolean }>
  /** Many beats in one transaction: history (a backfill) rather than news. */
  recordBeats(beats: readonly BeatInput[]): Promise<{ created: number }>
}
