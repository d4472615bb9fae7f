import type {
  BeatInput,
  RecordBatch,
  RecordSink,
  SourceRecord,
  StoreResult,
  SyncRunReport,
} from '../../records/types.js'

/** A RecordSink that keeps everything it is given, in order, for tests to inspect. */
export interface FakeSink extends RecordSink {
  batches: RecordBatch[]
  syncRuns: SyncRunReport[]
  beats: BeatInput[]
  records(): SourceRecord[]
}

export function createFakeSink(): FakeSink {
  const seen = new Set<string>()
  const sink: FakeSink = {
    batches: [],
    syncRuns: [],
    beats: [],
    records: () => sink.batches.flatMap((batch) => batch.records),
    async storeBatch(batch): Promise<StoreResult> {
      sink.batches.push(batch)
      let created = 0
      for (const record of batch.records) {
        const key = `${batch.integrationId}:${record.kind === 'player' ? record.key : record.externalId}`
        if (!seen.has(key)) created++
        seen.add(key)
      }
      const updated = batch.records.length - created
      return { created, updated, quarantined: 0, touchedRhythms: [] }
    },
    async recordSyncRun(run) {
      sink.syncRuns.push(run)
    },
    async recordBeat(beat) {
      sink.beats.push(beat)
      return { created: true }
    },
    async recordBeats(beats) {
      sink.beats.push(...beats)
      return { created: beats.length }
    },
  }
  return sink
}

/** The id storage would key a record by, for uniqueness and idempotency checks. */
export function recordId(integrationId: string, record: SourceRecord): string {
  const key =
    record.kind === 'player' ? `${record.organisationId}:${record.key}` : record.externalId
  return `${integrationId}:${record.kind}:${key}`
}
