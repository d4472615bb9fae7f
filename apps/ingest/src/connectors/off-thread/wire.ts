import { RawJson } from '../../records/raw-json.js'
import type { QuarantinedRecord, SourceRecord } from '../../records/types.js'
import type { ScoreIntegration } from '../../score/score-types.js'
import type { SyncOptions, SyncPage } from '../connector.js'
import type { HttpStats, RetryPolicy } from '../http/vendor-http.js'

// The messages between a sync and the thread that reads its vendor. Structured cloning keeps
// plain data but not classes, so a record's raw JSON text crosses as `rawText`.

export interface SyncThreadInput {
  integration: ScoreIntegration
  env: Record<string, string | undefined>
  http?: Partial<RetryPolicy>
  log: { level: string; bindings: Record<string, unknown> }
  options: Omit<SyncOptions, 'signal' | 'cursors'> & { cursors: Array<[string, string]> }
}

/** From the sync to the thread: a page was taken (the thread may read one more), or stop. */
export type ToThread = { type: 'taken' } | { type: 'stop' }

export type FromThread =
  | { type: 'page'; page: WirePage; stats: HttpStats }
  | { type: 'done'; stats: HttpStats }
  | { type: 'failed'; message: string; stats: HttpStats }

type Wire<T> = Omit<T, 'raw'> & { raw?: unknown; rawText?: string }

export interface WirePage extends Omit<SyncPage, 'records' | 'quarantined'> {
  records: Array<Wire<SourceRecord>>
  quarantined: Array<Wire<QuarantinedRecord>>
}

export function pageToWire(page: SyncPage): WirePage {
  return { ...page, records: page.records.map(toWire), quarantined: page.quarantined.map(toWire) }
}

export function pageFromWire(page: WirePage): SyncPage {
  return {
    ...page,
    records: page.records.map((record) => fromWire(record) as SourceRecord),
    quarantined: page.quarantined.map((record) => fromWire(record) as QuarantinedRecord),
  }
}

function toWire<T extends { raw: unknown }>(record: T): Wire<T> {
  if (!(record.raw instanceof RawJson)) return record
  const { raw, ...rest } = record
  return { ...rest, rawText: raw.text }
}

function fromWire<T>(record: Wire<T>): T {
  if (record.rawText === undefined) return record as T
  const { rawText, ...rest } = record
  return { ...rest, raw: new RawJson(rawText) } as T
}
