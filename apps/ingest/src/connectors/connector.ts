import type { QuarantinedRecord, SourceRecord } from '../records/types.js'
import type { ScoreIntegration, Vendor } from '../score/score-types.js'
import type { HttpStats, RetryPolicy } from './http/vendor-http.js'
import type { Logger } from 'pino'
import type { z } from 'zod'

/**
 * One page a connector read from one of its streams (tickets, backup jobs, devices, ...).
 * The sync stores it, with its cursor, in one transaction before asking for the next page,
 * so memory stays flat and a crash resumes from the last page that committed.
 */
export interface SyncPage {
  /** The stream this page belongs to; its cursor is stored under this name. */
  stream: string
  records: SourceRecord[]
  quarantined: QuarantinedRecord[]
  /** Where the next sync of this stream resumes, if this page moved it (connector-defined text). */
  cursor?: string
  /** Records read so far in this stream, and the total when the vendor tells. */
  progress?: { done: number; total?: number }
}

export interface SyncOptions {
  /** The stored cursor of each stream (absent on a first sync, or when `--since` overrides it). */
  cursors: ReadonlyMap<string, string>
  /** Epoch ms: where a stream without a cursor starts (now minus the history to backfill). */
  since: number
  /** Epoch ms: the sync's clock, for windows like "until now". */
  now: number
  signal?: AbortSignal
}

/** A webhook call as it arrived: the raw body matters, signatures are computed over it. */
export interface WebhookDelivery {
  headers: Headers
  body: string
}

export type WebhookResult =
  { accepted: true; pages: SyncPage[] } | { accepted: false; status: 401 | 400; reason: string }

/** A configured connection to one vendor tenant. Created per integration; holds its token cache. */
export interface Connector {
  readonly vendor: Vendor
  readonly integrationId: string
  /** Requests and retries so far, for the sync run's record. */
  readonly stats: HttpStats
  /** Reads every stream from its cursor to the end, page by page. */
  sync(options: SyncOptions): AsyncIterable<SyncPage>
  /** Verifies a webhook in constant time and turns it into records. Absent: no webhooks. */
  webhook?(delivery: WebhookDelivery): Promise<WebhookResult>
}

export interface ConnectorDeps {
  env: NodeJS.ProcessEnv
  log: Logger
  /** Overrides for tests and benchmarks (shorter backoff, fewer retries). */
  http?: Partial<RetryPolicy>
}

/**
 * Builds a connector from the score's integration. Checks its settings and credentials first and
 * throws `ConnectorConfigError` naming the field, before any call to the vendor.
 */
export type ConnectorFactory = (integration: ScoreIntegration, deps: ConnectorDeps) => Connector

/**
 * What each vendor module exports: the schema of its `settings` in the score (checked when the
 * score loads, so a mistake names its line) and the factory.
 */
export interface VendorConnector {
  vendor: Vendor
  settings: z.ZodType
  create: ConnectorFactory
}

/** A setting or credential is missing or wrong: the message names the integration and field. */
export class ConnectorConfigError extends Error {
  override readonly name = 'ConnectorConfigError'

  constructor(
    readonly integrationId: string,
    readonly field: string,
    problem: string,
  ) {
    super(`integration '${integrationId}': settings.${field}: ${problem}`)
  }
}
