import { VendorHttpError } from '../src/connectors/http/vendor-http.js'
import type { Connector, SyncOptions, SyncPage } from '../src/connectors/connector.js'
import type { BackupRunRecord } from '../src/records/types.js'

const HOUR = 3_600_000

/** Backup run `n` of organisation acme, ended n hours before `now`, on device FS0 or FS1. */
export function backupRun(n: number, now: number): BackupRunRecord {
  return {
    kind: 'backup-run',
    externalId: `job-${n}`,
    organisationId: 'acme',
    device: `FS${n % 2}`,
    startedAt: now - (n + 1) * HOUR,
    endedAt: now - n * HOUR,
    result: 'success',
    raw: { id: n },
  }
}

/**
 * The seam runSync is defined on, for tests of the sync runtime itself (vendor connectors are
 * tested against msw): one `backups` stream of `pages` pages of two runs, resuming after the page
 * number its cursor names, failing for good at `failAt`, and awaiting `beforePage` before each.
 */
export function backupConnector({
  integrationId = 'rmm',
  now,
  pages,
  failAt,
  beforePage,
}: {
  integrationId?: string
  now: number
  pages: number
  failAt?: number
  beforePage?: (page: number) => Promise<void>
}): Connector & { calls: SyncOptions[] } {
  const stats = { requests: 0, retries: 0 }
  const calls: SyncOptions[] = []
  return {
    vendor: 'ninjaone',
    integrationId,
    stats,
    calls,
    async *sync(options): AsyncGenerator<SyncPage> {
      calls.push(options)
      const after = Number(options.cursors.get('backups') ?? 0)
      for (let page = after + 1; page <= pages; page++) {
        await beforePage?.(page)
        stats.requests++
        if (page === failAt) {
          stats.retries += 5
          throw new VendorHttpError('ninjaone: GET /v2/backup/jobs: 503 after 6 attempts', 503)
        }
        yield {
          stream: 'backups',
          records: [backupRun(page * 2, now), backupRun(page * 2 + 1, now)],
          quarantined:
            page === 1 ? [{ kind: 'backup-run', naturalKey: 'x', reason: 'no id', raw: {} }] : [],
          cursor: String(page),
          progress: { done: page * 2, total: pages * 2 },
        }
      }
    },
  }
}
