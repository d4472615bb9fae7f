import { randomUUID } from 'node:crypto'
import { insertBeats } from '../db/queries/beats.js'
import { insertBeatEvents } from '../db/queries/events.js'
import { announceChanges } from '../events/change-notices.js'
import type { Db, EventRow } from '../db/database.js'
import type { StoredBeat } from '../db/queries/beats.js'
import type { BeatInput } from '../records/types.js'
import type { RhythmCatalog } from '../rhythms/catalog.js'

export interface RecordedBeat {
  /** False when the idempotency key was seen before with the same time and outcome. */
  created: boolean
  beat: StoredBeat | null
  events: EventRow[]
}

/**
 * Stores one pinged or checked-in beat with its stream event. Without an idempotency key every
 * call is a new beat, as a heartbeat URL behaves; with one, a retried call is harmless.
 */
export async function recordBeat({
  db,
  catalog,
  input,
}: {
  db: Db
  catalog: RhythmCatalog
  input: BeatInput
}): Promise<RecordedBeat> {
  const { beats, events } = await recordBeats({ db, catalog, inputs: [input] })
  const beat = beats[0] ?? null
  return { created: beat?.inserted ?? false, beat, events }
}

/**
 * Stores beats in one transaction; only those at or after `announceSince` are journalled for
 * the live stream (a backfill's history is not news).
 */
export async function recordBeats({
  db,
  catalog,
  inputs,
  announceSince = Number.NEGATIVE_INFINITY,
}: {
  db: Db
  catalog: RhythmCatalog
  inputs: readonly BeatInput[]
  announceSince?: number
}): Promise<{ beats: StoredBeat[]; events: EventRow[] }> {
  const toStore = inputs.map((input) => {
    const rhythm = catalog.get(input.rhythmId)
    if (!rhythm) throw new Error(`unknown rhythm ${input.rhythmId}`)
    return {
      rhythmId: rhythm.id,
      at: input.at,
      ok: input.ok,
      player: input.player ?? null,
      key: input.key ?? null,
      idempotencyKey: input.idempotencyKey ?? `${input.origin}:${randomUUID()}`,
      origin: input.origin,
      inRest: catalog.inRest(rhythm, input.at),
    }
  })
  return db.transaction().execute(async (trx) => {
    const beats = await insertBeats(trx, toStore)
    const news = beats.filter((beat) => beat.inserted && beat.at >= announceSince)
    const events = await insertBeatEvents(trx, news)
    const added = beats.filter((beat) => beat.inserted).map((beat) => beat.rhythmId)
    await announceChanges(trx, { rhythms: added, events })
    return { beats, events }
  })
}
