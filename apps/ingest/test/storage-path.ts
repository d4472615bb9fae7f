import { EventBus } from '../src/events/event-bus.js'
import { loadCatalog } from '../src/rhythms/catalog.js'
import { Evaluator } from '../src/service/evaluator.js'
import { createRecordSink } from '../src/service/record-sink.js'
import type { Db } from '../src/db/database.js'
import type { RecordSink } from '../src/records/types.js'
import type { RhythmCatalog } from '../src/rhythms/catalog.js'
import type { Logger } from 'pino'

export interface StoragePath {
  catalog: RhythmCatalog
  evaluator: Evaluator
  sink: RecordSink
}

/**
 * The service's own storage path on a test database, at a fixed clock: the rhythms stored so far
 * as its catalog, an evaluator, and the record sink every connector delivers to.
 */
export async function storagePath(db: Db, { now, log }: { now: number; log: Logger }) {
  const catalog = await loadCatalog(db)
  const bus = new EventBus()
  const evaluator = new Evaluator({ db, bus, log, catalog: () => catalog, now: () => now })
  const sink = createRecordSink({ db, bus, evaluator, catalog: () => catalog, now: () => now })
  return { catalog, evaluator, sink } satisfies StoragePath
}
